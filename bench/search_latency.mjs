// Times a search engine in node over a built site's index: each query of bench/transfer.py's
// set, after a warm-up pass (pieces fetched once, as in a page that has searched before),
// ROUNDS times; prints per query its median milliseconds and result count, then the median.
// Usage: node search_latency.mjs SITE [ENGINE_FILE] (default: the site's own engine);
// QUERIES='["党建"]' in the environment replaces the set.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {performance} from "node:perf_hooks";
import vm from "node:vm";

const QUERIES = process.env.QUERIES ? JSON.parse(process.env.QUERIES) : ["乡村振兴", "五学五比", "红色驿站", "林晓岚", "窗口受理员", "数据资源", "主题教育", "党建工作",
                 "2023", "优秀共产党员", "量子计算", "党", "党建", "党员", "工作 要点", "区块链 党建", "ztjy", "第二十二条"];
const ROUNDS = Number(process.env.ROUNDS) || 5;
const [site, engineArg] = process.argv.slice(2);
const engineFile = engineArg || join(site, "assets", "javascripts", "search-engine.js");
globalThis.self = globalThis;
globalThis.location = {href: "http://site.test/assets/javascripts/search-worker.js"};
globalThis.fetch = async url => {
  try {
    return new Response(readFileSync(join(site, decodeURIComponent(new URL(url).pathname))));  // with a body
  } catch {
    return new Response(null, {status: 404});
  }
};
vm.runInThisContext(readFileSync(engineFile, "utf8"), {filename: engineFile});
const engine = globalThis.searchEngine;
await engine.setup(JSON.parse(readFileSync(join(site, "search", "search_index.json"), "utf8")).config);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const query of QUERIES) await engine.search(query);
const all = [];
for (const query of QUERIES) {
  const ms = [];
  let count = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    count = (await engine.search(query)).items.length;
    ms.push(performance.now() - t);
  }
  all.push(median(ms));
  console.log(`${query}\t${count}\t${median(ms).toFixed(1)} ms`);
}
console.log(`median of ${QUERIES.length} queries (each the median of ${ROUNDS}): ${median(all).toFixed(1)} ms`);
