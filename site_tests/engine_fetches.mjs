// Runs search-engine.js over an index folder the Python writer wrote and prints, as JSON, the
// result pages of one query in order and the index pieces it fetched, for test_search_contract.py.
// Usage: node engine_fetches.mjs ENGINE INDEX_FOLDER QUERY
import {readFileSync} from "node:fs";
import {join} from "node:path";

import {runEngine} from "./engine_world.mjs";

const [engineFile, folder, query] = process.argv.slice(2);
const fetched = [];
const engine = runEngine(engineFile, folder, fetched);
await engine.setup(JSON.parse(readFileSync(join(folder, "search_index.json"), "utf8")).config);
fetched.length = 0;
const answer = await engine.search(query);
console.log(JSON.stringify({pages: answer.items.map(group => group[0].location), fetched}));
