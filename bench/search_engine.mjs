// Runs a built site's own search engine (site/assets/javascripts/search-engine.js) in node over
// its index, for bench/search_quality.py: reads queries (a JSON list) from a file and prints,
// for each, the pages of its result groups in order and the notice, as JSON lines.
// Usage: node search_engine.mjs SITE QUERIES_FILE
import {readFileSync} from "node:fs";
import {join} from "node:path";
import vm from "node:vm";

const [site, queriesFile] = process.argv.slice(2);
const engineFile = join(site, "assets", "javascripts", "search-engine.js");
globalThis.self = globalThis;
globalThis.location = {href: "http://site.test/assets/javascripts/search-worker.js"};
globalThis.fetch = async url => {
  const path = decodeURIComponent(new URL(url).pathname);
  try {
    return new Response(readFileSync(join(site, path)));  // with a body, as a browser's
  } catch {
    return new Response(null, {status: 404});
  }
};
vm.runInThisContext(readFileSync(engineFile, "utf8"), {filename: engineFile});
const engine = globalThis.searchEngine;
await engine.setup(JSON.parse(readFileSync(join(site, "search", "search_index.json"), "utf8")).config);
for (const query of JSON.parse(readFileSync(queriesFile, "utf8"))) {
  const answer = await engine.search(query);
  const pages = answer.items.map(group => group[0].location.split("#")[0]);
  console.log(JSON.stringify({query, pages, notice: answer.notice || null, line: answer.line || 0}));
}
