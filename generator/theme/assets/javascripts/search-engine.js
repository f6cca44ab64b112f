/*
 * Search engine for the index that generator/search/writer.py writes in pieces. The worker
 * (search-worker.js) loads it with the first query and calls ``setup`` and ``search``.
 *
 * Setup fetches the meta pieces (titles and where each section lives); each query then fetches
 * only the posting shards of its own keys and the text chunks of the results it shows. Every
 * piece is stored compressed (zlib) and inflated here (``loadPiece``): DecompressionStream where the
 * browser has it, the vendored pako inflate where it does not.
 * Keys are the bigrams of Chinese runs and the words of letters and digits. A key's
 * posting lists its offsets in the corpus, all section texts joined by line breaks, so a
 * phrase is its keys at consecutive offsets. Pages holding the whole phrase rank above
 * pages holding only its words; a title holding it ranks first.
 *
 * An index written for a folder opened from the disk (config.showcase.scripts) has each
 * piece as a script that hands its content to ``__showcaseSearch``: browsers refuse fetch on
 * file:// addresses. There search-offline.js runs this engine in the page itself, which
 * loads a piece by inserting its script; in a worker (the folder served after all) it is
 * importScripts. The script hands over the same compressed bytes, in base64.
 */
"use strict";

const CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const TOKEN = new RegExp(`([${CJK}]+)|([0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+)`, "g");
const FORMAT = 3;        // of the index files, as generator/search/writer.py writes them
const TEASERS = 10;      // result pages with an excerpt: those Material shows at once
const COVER = 0.75;      // share of a phrase's characters its words must cover

// Ranking (docs/search-index.md, "Ranking"). Weights multiply a piece's idf.
const TITLE_EXACT = 20;       // the title is the query piece itself ("林晓岚" on her page)
const TITLE_BASE = 4;         // the title holds the piece...
const TITLE_SHARE = 6;        // ...plus this much times the share of the title it makes up
const TF_SATURATION = 1.2;    // BM25's k1: a phrase used three times counts, not thirty
const TF_WEIGHT = 2;          // the most the phrase's repetitions add over its first use
const WORDS_WEIGHT = 0.5;     // the phrase only as separate words: half, times their cover
const TAG_WEIGHT = 6;         // the page's 五型 tag is the piece
const TIER_SCALE = 1000;      // Material sorts by score: tiers stay apart (a score is < 1000)
// This file's address, in a worker or loaded into the page; the site's root is two folders above.
const HERE = self.document && document.currentScript ? document.currentScript.src : self.location.href;
const SITE = new URL("../../", HERE);
// zlib's inflate for browsers without DecompressionStream (Safari before 16.4, Firefox before
// 113): pako's, vendored unchanged (vendor/pako-3.0.3/README.txt). Loaded only where needed.
const INFLATE = new URL("vendor/pako-3.0.3/pako_inflate.umd.min.js", HERE).href;
const EMPTY = new Float64Array(0);
const NOTICE = "部分索引文件未能下载，下面的结果可能不全；稍后再搜索一次即可。";

let index = null;
let simplified = new Map();  // traditional character -> its simplified form (the fold piece)
let traditional = null;      // matches any of simplified's characters: most text holds none

/* Same folding as generator/search/writer.py: full-width ASCII, capitals and traditional
   characters, length kept (every character in the table is one UTF-16 unit). */
function fold(text) {
  text = text.replace(/[\uff01-\uff5eA-Z\u3000]/g, ch => {
    let c = ch.charCodeAt(0);
    if (c === 0x3000) return " ";
    if (c >= 0xff01) c -= 0xfee0;
    return String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  });
  return traditional ? text.replace(traditional, ch => simplified.get(ch)) : text;
}

function escapeHTML(text) {
  return text.replace(/[&<>"]/g, ch => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"})[ch]);
}

function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/* One piece of the index (docs/search-index.md, "Files"), by its name: "meta/0", "p/3", "t/12",
   "fold". Fetched (or, from the disk, loaded as a script) and inflated: resolves to its bytes.
   Every piece goes through here; ``loadJSON`` reads one that holds JSON. */
async function loadPiece(name) {
  const packed = index.scripts ? bytesOf(await getScript(name)) : await getFile(name);
  return inflate(packed);
}

async function loadJSON(name) {
  return JSON.parse(new TextDecoder().decode(await loadPiece(name)));
}

async function getFile(name) {
  const url = new URL(`search/${name}.bin?v=${index.version}`, SITE);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/* zlib's format (RFC 1950), as generator/search/pieces.py stores every piece. */
async function inflate(bytes) {
  if (typeof self.DecompressionStream === "function") {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  if (!self.pako) await loadInflate();
  return self.pako.inflate(bytes);
}

let inflateLoaded = null;

function loadInflate() {
  if (!self.document) {  // a worker
    importScripts(INFLATE);
    return Promise.resolve();
  }
  if (!inflateLoaded) {
    inflateLoaded = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = INFLATE;
      script.onload = resolve;
      script.onerror = () => { inflateLoaded = null; reject(new Error(`${INFLATE}: not loaded`)); };
      document.head.appendChild(script);
    });
  }
  return inflateLoaded;
}

const waiting = new Map();  // name of a piece asked for as a script -> its promise's resolve

/* What a piece written as a script calls: its name (its path in search/, no extension) and
   its compressed bytes in base64. */
self.__showcaseSearch = (name, content) => {
  const resolve = waiting.get(name);
  waiting.delete(name);
  if (resolve) resolve(content);
};

/* A piece written as a script; no version in the address on file:// (no cache to outwit). */
function getScript(name) {
  const version = self.location.protocol === "file:" ? "" : `?v=${index.version}`;
  const url = new URL(`search/${name}.js${version}`, SITE).href;
  return new Promise((resolve, reject) => {
    const failed = () => { if (waiting.delete(name)) reject(new Error(`${url}: not loaded`)); };
    waiting.set(name, resolve);
    if (!self.document) {  // a worker: the script runs before importScripts returns
      try { importScripts(url); } catch (err) { /* told by failed() */ }
      failed();
      return;
    }
    const script = document.createElement("script");
    script.src = url;
    script.onload = script.onerror = () => { script.remove(); failed(); };
    document.head.appendChild(script);
  });
}

function bytesOf(base64) {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function setup(config) {
  const info = config && config.showcase;
  if (!info) throw new Error("search_index.json was not written by the showcase-search plugin");
  if (info.format !== FORMAT) throw new Error(`index format ${info.format}, engine reads ${FORMAT}`);
  index = {version: info.version, shards: info.shards, scripts: !!info.scripts,
           shardFiles: new Map(), chunkFiles: new Map(), lists: new Map()};
  const metas = [];
  for (let n = 0; n < info.meta; n++) metas.push(loadJSON(`meta/${n}`));
  const [pairs, ...parts] = await Promise.all([loadJSON("fold"), ...metas]);
  const meta = joinMeta(parts);
  simplified = new Map();
  for (let i = 0; i + 1 < pairs.length; i += 2) simplified.set(pairs[i], pairs[i + 1]);
  // One character class, not a loop over every character: folding the titles and the shown
  // results took most of a query's time.
  const chars = [...simplified.keys()].join("").replace(/[\]\\^-]/g, "\\$&");
  traditional = chars ? new RegExp(`[${chars}]`, "g") : null;
  index.pages = meta.pages;
  index.docs = meta.docs;
  index.chunks = meta.chunks;
  index.titles = meta.docs.map(doc => fold(doc[2]));
  index.starts = new Float64Array(meta.docs.length + 1);
  index.pageDocs = [];  // page -> the doc of its top, the part before its first sub-heading
  meta.docs.forEach((doc, i) => {
    index.starts[i + 1] = index.starts[i] + doc[3] + 1;
    if (!doc[1] && index.pageDocs[doc[0]] === undefined) index.pageDocs[doc[0]] = i;
  });
}

/* The meta pieces as one: pages [url, tags, boost], docs [page, anchor, title, length], and
   the first doc of each chunk. A piece stores its docs by column and counts them per page. */
function joinMeta(parts) {
  const meta = {pages: [], docs: [], chunks: []};
  for (const part of parts) {
    let first = meta.docs.length;  // chunks: the first doc of each, as gaps from the one before
    for (const gap of part.chunks) meta.chunks.push(first += gap);
    let at = 0;
    part.pages.forEach((row, i) => {
      const page = meta.pages.push(row) - 1;
      for (let k = 0; k < part.sections[i]; k++, at++) {
        meta.docs.push([page, part.anchors[at], part.titles[at], part.lengths[at]]);
      }
    });
  }
  return meta;
}

/* The first position in ``sorted`` whose value is not below ``value`` (the one binary search). */
function lowerBound(sorted, value) {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/* Whether ``sorted`` holds ``value``. */
function has(sorted, value) {
  const at = lowerBound(sorted, value);
  return at < sorted.length && sorted[at] === value;
}

/* The index of the last start in ``starts`` at or before ``value``: the range holding it. */
function rangeOf(starts, value) {
  return Math.max(0, lowerBound(starts, value + 1) - 1);
}

/* The doc whose text holds corpus offset ``at``. */
function docOf(at) {
  return Math.min(rangeOf(index.starts, at), index.docs.length - 1);
}

/* One LEB128 number at ``pos`` in ``bytes``: [value, position after it]. */
function readVarint(bytes, pos) {
  let value = 0, scale = 1, byte;
  do { byte = bytes[pos++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
  return [value, pos];
}

/* A shard: its key table now, each key's postings only when asked for. */
function readShard(bytes) {
  const decoder = new TextDecoder();
  const entries = [];
  let [count, pos] = readVarint(bytes, 0);
  for (; count > 0; count--) {
    let size, length;
    [size, pos] = readVarint(bytes, pos);
    const key = decoder.decode(bytes.subarray(pos, pos + size));
    [length, pos] = readVarint(bytes, pos + size);
    entries.push([key, length]);
  }
  const table = new Map();
  for (const [key, size] of entries) { table.set(key, [pos, size]); pos += size; }
  return {bytes, table};
}

/* Postings of one key: its sorted offsets in the corpus (stored as gaps). */
function decodeList(shard, key) {
  const where = shard.table.get(key);
  if (!where) return EMPTY;
  return Float64Array.from(readGaps(shard.bytes, where[0], where[0] + where[1]));
}

/* The numbers stored as gaps between ``pos`` and ``end``: each one the sum of the gaps so far. */
function readGaps(bytes, pos, end) {
  const out = [];
  let at = 0, gap;
  while (pos < end) {
    [gap, pos] = readVarint(bytes, pos);
    out.push(at += gap);
  }
  return out;
}

/* Postings of ``keys``; a key whose shard failed to download is left out (the query then
   answers from the rest, with a notice) and its shard is asked for again by a later query. */
async function lists(keys, missing) {
  const wanted = [...new Set(keys.map(key => shardOf(key, index.shards)))]
    .filter(n => !index.shardFiles.has(n));
  await Promise.all(wanted.map(n => {
    const file = loadPiece(`p/${n}`).then(readShard);
    index.shardFiles.set(n, file);
    return file.catch(() => index.shardFiles.delete(n));
  }));
  const out = new Map();
  for (const key of keys) {
    if (!index.lists.has(key)) {
      const shard = await index.shardFiles.get(shardOf(key, index.shards))?.catch(() => null);
      if (!shard) { missing.add(key); continue; }
      index.lists.set(key, decodeList(shard, key));
    }
    out.set(key, index.lists.get(key));
  }
  return out;
}

/* The pieces of a query: Chinese runs and words, folded; punctuation and spaces split them. */
function parse(query) {
  const pieces = [];
  for (const m of fold(query).matchAll(TOKEN)) pieces.push({text: m[0], cjk: !!m[1]});
  return pieces;
}

function keysOf(piece) {
  if (!piece.cjk) return [piece.text];
  const out = [];
  for (let i = 0; i + 1 < piece.text.length; i++) out.push(piece.text.slice(i, i + 2));
  return out;
}

/* Where one piece stands in each doc's text: how often as a whole, or words covering it. */
function matchText(piece, found) {
  const ls = keysOf(piece).map(key => found.get(key) || EMPTY);
  const exact = new Map(), words = new Map();
  if (ls.every(list => list.length)) {
    let j = 0;
    ls.forEach((list, k) => { if (list.length < ls[j].length) j = k; });
    for (const at of ls[j]) {
      const start = at - j;
      if (ls.every((list, k) => k === j || has(list, start + k))) {
        const doc = docOf(start);
        exact.set(doc, (exact.get(doc) || 0) + 1);
      }
    }
  }
  if (piece.cjk && ls.length >= 2) {
    const seen = new Map();
    for (const list of ls) {
      let last = -1;
      for (const at of list) {
        if (last >= 0 && at < index.starts[last + 1]) continue;
        last = docOf(at);
        seen.set(last, (seen.get(last) || 0) + 1);
      }
    }
    const need = Math.ceil(piece.text.length * COVER / 2);
    for (const [doc, count] of seen) {
      if (!exact.has(doc) && count >= need) {
        const cover = coverWords(piece.text, ls, doc);
        if (cover) words.set(doc, cover);
      }
    }
  }
  return {exact, words};
}

/* Longest pieces of ``text`` found in ``doc``, left to right; null if they cover too little. */
function coverWords(text, ls, doc) {
  const from = index.starts[doc], to = index.starts[doc + 1];
  const subs = [];
  let covered = 0;
  for (let i = 0; i < ls.length;) {
    const list = ls[i];
    let starts = list.subarray(lowerBound(list, from), lowerBound(list, to));
    if (!starts.length) { i++; continue; }
    let k = 1;
    while (i + k < ls.length) {
      const next = ls[i + k];
      const kept = starts.filter(at => has(next, at + k));
      if (!kept.length) break;
      starts = kept;
      k++;
    }
    subs.push(text.slice(i, i + k + 1));
    covered += k + 1;
    i += k + 1;
  }
  return covered >= text.length * COVER ? {subs, share: covered / text.length} : null;
}

/* How well ``doc`` answers the query: its tier (2 every piece whole, 1 some only by their
   words, 0 not every piece), its score within the tier, and the terms to mark; or null. */
function score(doc, perPiece) {
  let total = 0, matched = 0, exactAll = true;
  const terms = {};
  const [page, anchor] = index.docs[doc];
  for (const {piece, text, title, idf} of perPiece) {
    const tf = text.exact.get(doc), cover = text.words.get(doc);
    const inTitle = title.has(doc);
    if (!tf && !cover && !inTitle) { terms[piece.text] = false; exactAll = false; continue; }
    matched++;
    if (inTitle) {
      const t = index.titles[doc];
      total += idf * (t === piece.text ? TITLE_EXACT : TITLE_BASE + TITLE_SHARE * piece.text.length / t.length);
    }
    if (tf) {
      // BM25's saturation without its length normalisation (b = 0, as Material sets lunr):
      // a long point citing a slogan three times beats a short listing naming it once.
      total += idf * (1 + TF_WEIGHT * tf / (tf + TF_SATURATION));
    } else if (cover && !inTitle) {
      total += idf * WORDS_WEIGHT * cover.share;
      exactAll = false;
    }
    if (!anchor && index.pages[page][1].includes(piece.text)) total += idf * TAG_WEIGHT;
    for (const sub of (tf || inTitle) ? [piece.text] : cover.subs) terms[sub] = true;
  }
  if (!matched) return null;
  const tier = matched < perPiece.length ? 0 : exactAll ? 2 : 1;
  return {score: total * (index.pages[page][2] || 1), tier, terms};
}

async function search(query) {
  const pieces = parse(query);
  if (!pieces.length) return {items: []};
  const long = pieces.filter(p => !p.cjk || p.text.length > 1);
  const used = long.length ? long : pieces;
  const missing = new Set();  // pieces of the index that failed to download
  const found = long.length ? await lists(long.flatMap(keysOf), missing) : new Map();
  const n = index.docs.length;
  const hits = new Map();    // doc -> {score, tier, terms}
  const perPiece = used.map(piece => {
    const text = long.length ? matchText(piece, found) : {exact: new Map(), words: new Map()};
    const title = [];
    index.titles.forEach((t, doc) => { if (t.includes(piece.text)) title.push(doc); });
    const df = new Set([...text.exact.keys(), ...title]).size;
    return {piece, text, title: new Set(title), idf: Math.log(1 + n / (1 + df))};
  });
  const candidates = new Set();
  for (const m of perPiece) {
    for (const doc of m.text.exact.keys()) candidates.add(doc);
    for (const doc of m.text.words.keys()) candidates.add(doc);
    for (const doc of m.title) candidates.add(doc);
  }
  for (const doc of candidates) {
    const hit = score(doc, perPiece);
    if (hit) hits.set(doc, hit);
  }
  let docs = [...hits.keys()];
  if (docs.some(doc => hits.get(doc).tier > 0)) docs = docs.filter(doc => hits.get(doc).tier > 0);
  docs.sort((a, b) => hits.get(b).tier - hits.get(a).tier || hits.get(b).score - hits.get(a).score || a - b);
  const items = await group(docs, hits, missing);
  return missing.size ? {items, notice: NOTICE} : {items};
}

/* Material's result shape: one list per page, best section first, the page itself included. */
async function group(docs, hits, missing) {
  const groups = new Map();
  for (const doc of docs) {
    const page = index.docs[doc][0];
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(doc);
  }
  const shown = [...groups.values()].slice(0, TEASERS).flat();
  const texts = await textsOf(shown, missing);
  const items = [];
  for (const [page, members] of groups) {
    const list = members.map(doc => item(doc, hits.get(doc), texts.get(doc)));
    if (!members.some(doc => !index.docs[doc][1])) {
      const top = index.pageDocs[page];
      if (top !== undefined) list.push(item(top, {score: 0, tier: 0, terms: {}}, undefined));
    }
    items.push(list);
  }
  return items;
}

function item(doc, hit, text) {
  const [page, anchor, title] = index.docs[doc];
  const [url, tags] = index.pages[page];
  const marks = Object.keys(hit.terms).filter(term => hit.terms[term]);
  return {
    location: anchor ? `${url}#${anchor}` : url,
    title: highlight(title, marks),
    text: text === undefined ? "" : `<p>${excerpt(text, marks)}</p>`,
    // On the page's own item only: Material shows it as the group's head, above its sections.
    ...!anchor && tags.length && {tags},
    score: hit.tier * TIER_SCALE + Math.min(hit.score, TIER_SCALE - 1),
    terms: hit.terms,
  };
}

async function textsOf(docs, missing) {
  const out = new Map();
  const chunkOf = doc => rangeOf(index.chunks, doc);
  const wanted = [...new Set(docs.map(chunkOf))];
  await Promise.all(wanted.map(n => {
    if (!index.chunkFiles.has(n)) {
      const file = loadJSON(`t/${n}`);
      index.chunkFiles.set(n, file);
      file.catch(() => index.chunkFiles.delete(n));
    }
    return index.chunkFiles.get(n).catch(() => null);
  }));
  for (const doc of docs) {
    const n = chunkOf(doc);
    const chunk = await index.chunkFiles.get(n)?.catch(() => null);
    if (chunk) out.set(doc, chunk[doc - index.chunks[n]]);
    else missing.add(`t/${n}`);
  }
  return out;
}

/* Ranges of ``folded`` where any of ``marks`` stands, merged. */
function ranges(folded, marks) {
  const out = [];
  for (const mark of marks) {
    if (!mark) continue;
    for (let at = folded.indexOf(mark); at >= 0; at = folded.indexOf(mark, at + mark.length)) {
      out.push([at, at + mark.length]);
    }
  }
  out.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push(r);
  }
  return merged;
}

function highlight(text, marks, from = 0, to = text.length) {
  let out = "", at = from;
  for (const [start, end] of ranges(fold(text), marks)) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from), e = Math.min(end, to);
    out += escapeHTML(text.slice(at, s)) + `<mark>${escapeHTML(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHTML(text.slice(at, to));
}

/* About 120 characters around the first match. */
function excerpt(text, marks) {
  const first = ranges(fold(text), marks)[0];
  const from = first ? Math.max(0, first[0] - 30) : 0;
  const to = Math.min(text.length, from + 120);
  return (from > 0 ? "…" : "") + highlight(text, marks, from, to) + (to < text.length ? "…" : "");
}

/* The parts docs/search-index.md specifies, for the shared test vectors. */
const contract = {fold, keysOf: text => parse(text).flatMap(keysOf), shardOf, readVarint, readGaps};

self.searchEngine = {setup, search, fold, contract};
