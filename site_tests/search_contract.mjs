// Runs generator/theme/assets/javascripts/search-engine.js on the shared vectors (search_vectors.json)
// and on an index the Python writer built for the vectors' small corpus; prints what the
// engine gives, as JSON, for test_search_contract.py to compare with the vectors.
// Usage: node search_contract.mjs ENGINE VECTORS INDEX_FOLDER [inflate]
// With "inflate", the engine runs as in a browser without DecompressionStream: it loads the
// vendored inflate and must give the same answers.
import {readFileSync} from "node:fs";
import {join} from "node:path";

import {runEngine} from "./engine_world.mjs";

const [engineFile, vectorsFile, folder, mode] = process.argv.slice(2);
const vectors = JSON.parse(readFileSync(vectorsFile, "utf8"));
if (mode === "inflate") delete globalThis.DecompressionStream;
const engine = runEngine(engineFile, folder);

const config = JSON.parse(readFileSync(join(folder, "search_index.json"), "utf8")).config;
await engine.setup(config);  // loads the fold piece: folding then includes traditional characters

const c = engine.contract;
const out = {
  inflated: mode === "inflate" && typeof globalThis.pako === "object",
  fold: vectors.fold.map(([text]) => c.fold(text)),
  keys: vectors.keys.map(([text]) => c.keysOf(text)),
  shards: vectors.shards.map(([key, shards]) => c.shardOf(key, shards)),
  varints: vectors.varints.map(([, hex]) => {
    const bytes = Uint8Array.from(hex.match(/../g).map(h => parseInt(h, 16)));
    const values = [];
    for (let pos = 0; pos < bytes.length;) {
      let value;
      [value, pos] = c.readVarint(bytes, pos);
      values.push(value);
    }
    return values;
  }),
  shardKeys: vectors.shardKeys.map(([key]) => c.shardKey(key)),
  points: vectors.points.map(([query]) => c.points(query)),
  syllables: vectors.syllables.map(([word]) => c.syllables(word)),
  typing: vectors.typing.map(([word]) => c.typed(word)),
  planes: vectors.planes.map(([, text]) => c.readPlanes(text)),
  ranking: [],
  notices: [],
};
for (const [query] of vectors.ranking.queries) {
  const answer = await engine.search(query);
  out.ranking.push(answer.items.map(group => group[0].location));
}
for (const [query] of vectors.notices) {
  const answer = await engine.search(query);
  out.notices.push({notice: answer.notice || null, results: answer.items.length});
}
// The worker's answers (``answer``) beside ``search``'s, each from a fresh setup (no chunk held):
// waiting for the excerpts of no group, of one, and of three; listing all groups or only two;
// and with a newer query asked once the first answer is sent (``current`` false from then on),
// or before any answer (``current`` always false).
out.answers = [];
const cases = [
  [0, 1000, "always"], [1, 1000, "always"], [3, 1000, "always"], [3, 2, "always"],
  [0, 1000, "after-first"], [0, 1000, "never"],
];
for (const [first, listed, newer] of cases) {
  c.answering(first, listed);
  for (const [query] of vectors.ranking.queries) {
    await engine.setup(config);
    const sent = [];
    const current = () => newer === "always" || (newer === "after-first" && !sent.length);
    await engine.answer(query, data => sent.push(data), current);
    await new Promise(resolve => setTimeout(resolve, 50));  // the second answer, if any
    await engine.setup(config);
    const whole = await engine.search(query);
    out.answers.push({first, listed, newer, query, sent, whole});
  }
}
c.answering(1, 100);
// The line under budgets of blocks too small for every doc (with one doc a block, as the
// "common" index has): which groups stand below it, and what it says of them.
out.lines = [];
for (const budget of [0, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 1 << 20]) {
  c.blockBudget(budget);
  for (const [query] of vectors.ranking.queries) {
    await engine.setup(config);  // no blocks held from an earlier query
    const answer = await engine.search(query);
    const groups = answer.items.map(group => group[0].location);
    const below = answer.line ? groups.slice(answer.line) : [];
    out.lines.push({budget, query, lineText: answer.lineText || null, below});
  }
}
console.log(JSON.stringify(out));
