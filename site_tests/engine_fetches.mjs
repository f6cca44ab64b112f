// Runs search-engine.js over an index folder the Python writer wrote and prints, as JSON, the
// result pages of one query in order and the index pieces it fetched, for test_search_contract.py.
// Usage: node engine_fetches.mjs ENGINE INDEX_FOLDER QUERY
import {readFileSync} from "node:fs";
import {join} from "node:path";
import vm from "node:vm";

const [engineFile, folder, query] = process.argv.slice(2);
const fetched = [];
globalThis.self = globalThis;
globalThis.location = {href: "http://site.test/assets/javascripts/search-worker.js"};
globalThis.fetch = async url => {
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\/search\//, "");
  fetched.push(path);
  try {
    return new Response(readFileSync(join(folder, path)));
  } catch {
    return new Response(null, {status: 404});
  }
};
vm.runInThisContext(readFileSync(engineFile, "utf8"), {filename: engineFile});
const engine = globalThis.searchEngine;
await engine.setup(JSON.parse(readFileSync(join(folder, "search_index.json"), "utf8")).config);
fetched.length = 0;
const answer = await engine.search(query);
console.log(JSON.stringify({pages: answer.items.map(group => group[0].location), fetched}));
