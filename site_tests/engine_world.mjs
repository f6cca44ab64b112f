// The search worker's world, as far as search-engine.js uses it (its own address, fetch, and
// importScripts of a file beside it: the vendored inflate), over an index folder the Python
// writer wrote; the engine run in it. For the node harnesses of test_search_contract.py.
import {readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import vm from "node:vm";

/* Runs ``engineFile`` with ``folder`` as the site's search/; each path fetched goes to ``fetched``.
   Returns the engine (self.searchEngine). */
export function runEngine(engineFile, folder, fetched = []) {
  globalThis.self = globalThis;
  globalThis.location = {href: "http://site.test/assets/javascripts/search-worker.js"};
  globalThis.fetch = async url => {
    const path = decodeURIComponent(new URL(url).pathname).replace(/^\/search\//, "");
    fetched.push(path);
    try {
      return new Response(readFileSync(join(folder, path)));  // with a body, as a browser's
    } catch {
      return new Response(null, {status: 404});
    }
  };
  globalThis.importScripts = url => {
    const file = join(dirname(engineFile), new URL(url).pathname.replace(/^\/assets\/javascripts\//, ""));
    vm.runInThisContext(readFileSync(file, "utf8"), {filename: file});
  };
  vm.runInThisContext(readFileSync(engineFile, "utf8"), {filename: engineFile});
  return globalThis.searchEngine;
}
