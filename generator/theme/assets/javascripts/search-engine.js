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
const WORD = "0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff";
const FORMAT = 6;        // of the index files, as generator/search/writer.py writes them
const TEASERS = 10;      // result pages with an excerpt: those Material shows at once
let FIRST_SHOWN = 1;     // result pages whose excerpts the first answer waits for (answer)
let LISTED = 100;        // result pages the worker's answer lists at most; it says how many there are
const MARKED = 20;       // result pages with marked titles: Material's first page and the next
const COVER = 0.75;      // share of a phrase's characters its words must cover
const EXCERPT = 120;     // characters of an excerpt at most

// Ranking (docs/search-index.md, "Ranking"): tiers, best last.
const TIER = Object.freeze({PARTIAL: 0, PINYIN: 1, SECTION: 2, SENTENCE: 3, ADJACENT: 4, PHRASE: 5});
const ADJACENT_GAP = 2;       // characters between two pieces that still stand "side by side"
const SENTENCE_CHECKS = 40;   // section-tier docs whose text is read to find the one sentence
const SENTENCE_CHUNKS = 12;   // text chunks read for that at most (about 2 KB each): a query's bytes stay bounded
const TIER_SCALE = 1000;      // Material sorts by score: tiers stay apart
let blockBudget = 24 * 1024;  // BLOCK_BUDGET: bytes of common keys' offsets (blocks) a query fetches at most
const LIKELY = 50;             // docs taken as the likely first results, whose texts are fetched early
const NAME = "=";             // alias keys: another name of a page or section (数据局, 第22条)
const SYLLABLES = "~";        // pinyin keys: two adjacent syllables of a title ("~zhu ti")
const INITIALS = "^";         // pinyin keys: their initials ("^zt")
const MAX_INITIALS = 8;       // letters of a query word tried as initials
const BEGUN = "*";            // a key ending so stands for every key it begins: "~xiao l*" (linxiaol)
// Every syllable pypinyin gives a character (ü as v): a word of letters is cut into them.
const PINYIN = new Set("a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo".split(" "));
// Every beginning of a syllable (z, zh, zhu): the last syllable of a word still being typed.
const SYLLABLE_STARTS = new Set([...PINYIN].flatMap(s => [...s].map((_, i) => s.slice(0, i + 1))));
const PROSE_END = "\u001f";   // a doc's running text ends here; facts, tables and labels follow
const SENTENCE = /[^。！？!?；;]+[。！？!?；;]*/g;
const SENTENCE_END = /[。！？!?；;]/;
const FIRST_KEY = new RegExp(`([${CJK}]{2,})|([${WORD}]+)`);
const RUNS = new RegExp(`[${CJK}]{2,}`, "g");
const NON_TOKEN = new RegExp(`[^${CJK}${WORD}]+`, "g");
// 第N条, N条, YYYY年第N条; a Chinese N without 第 (二十二条) only where no Chinese follows 条 (not 一条龙).
const NUMERALS = "[〇零一二两三四五六七八九十百千]+";
const NUMBER_FORM = `(?:([0-9]{4})\\s*年\\s*)?(?:第\\s*([0-9]+|${NUMERALS})|([0-9]+)|(${NUMERALS})(?=条(?![${CJK}])))\\s*条`;
const PARSE = new RegExp(`${NUMBER_FORM}|([${CJK}]+)|([${WORD}]+)`, "g");
const DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9};
const UNITS = {"十": 10, "百": 100, "千": 1000};
// This file's address, in a worker or loaded into the page; the site's root is two folders above.
const HERE = self.document && document.currentScript ? document.currentScript.src : self.location.href;
const SITE = new URL("../../", HERE);
// zlib's inflate for browsers without DecompressionStream (Safari before 16.4, Firefox before
// 113): pako's, vendored unchanged (vendor/pako-3.0.3/README.txt). Loaded only where needed.
const INFLATE = new URL("vendor/pako-3.0.3/pako_inflate.umd.min.js", HERE).href;
const EMPTY = new Float64Array(0);
const NOTICE = "部分索引文件未能下载，下面的结果可能不全；稍后再搜索一次即可。";
const PARTIAL = "没有页面同时含有所有词语，下面是只含其中一部分的结果。";
const LINE = "以下结果含有这些字词，但不是连在一起的原样。";
// The line where some pages below it were not checked (their blocks stayed unloaded).
const LINE_UNCHECKED = "以下结果含有这些字词；结果很多，其中一些页面没有逐一核对这些字词是否连在一起。";
const ABSENT = words => `没有找到${words.map(w => `“${w}”`).join("、")}：本站没有${words.length > 1 ? "这些词" : "这个词"}，请换一个说法再搜。`;

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
  if (index.scripts) return inflate(bytesOf(await getScript(name)));
  const res = await getFile(name);
  if (typeof self.DecompressionStream === "function") {
    // The body flows through the inflater as it arrives: no copy of the packed bytes.
    const stream = res.body.pipeThrough(new DecompressionStream("deflate"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return inflate(new Uint8Array(await res.arrayBuffer()));
}

async function loadJSON(name) {
  return JSON.parse(new TextDecoder().decode(await loadPiece(name)));
}

/* A piece's response, once its status says it came. */
async function getFile(name) {
  const url = new URL(`search/${name}.bin?v=${index.version}`, SITE);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res;
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

/* The shard of a key: an alias key ("=数据局", "~ztjy") is in the shard of its first key
   (数据, ztjy), which a query for the same words fetches anyway. */
function shardFor(key) {
  return shardOf(shardKey(key), index.shards);
}

function shardKey(key) {
  if (key[0] === NAME || key[0] === SYLLABLES || key[0] === INITIALS) {
    const m = key.slice(1).match(FIRST_KEY);
    if (m) return m[1] ? m[1].slice(0, 2) : m[2];
  }
  return key;
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
           shardFiles: new Map(), chunkFiles: new Map(), chunkTexts: new Map(), lists: new Map()};
  const metas = [];
  for (let n = 0; n < info.meta; n++) metas.push(loadJSON(`meta/${n}`));
  const [table, ...parts] = await Promise.all([loadPiece("fold"), ...metas]);
  const meta = joinMeta(parts);
  simplified = readFold(table);
  // One character class, not a loop over every character: folding the titles and the shown
  // results took most of a query's time.
  const chars = [...simplified.keys()].join("").replace(/[\]\\^-]/g, "\\$&");
  traditional = chars ? new RegExp(`[${chars}]`, "g") : null;
  index.pages = meta.pages;
  index.docs = meta.docs;
  index.chunks = meta.chunks;
  index.titles = meta.docs.map(doc => fold(doc[2]));
  index.bare = new Array(meta.docs.length);       // a title's letters, digits and characters, when asked for
  index.locations = new Array(meta.docs.length);  // a doc's address, when asked for
  index.plain = new Array(meta.docs.length);      // a title as HTML without marks, when asked for
  index.titleStarts = new Float64Array(meta.docs.length + 1);  // the titles joined by line breaks: pinyin keys' offsets
  index.titles.forEach((title, i) => { index.titleStarts[i + 1] = index.titleStarts[i] + title.length + 1; });
  index.titleText = index.titles.join("\n");  // searched once per piece, not title by title
  index.starts = new Float64Array(meta.docs.length + 1);
  index.pageDocs = [];  // page -> the doc of its top, the part before its first sub-heading
  meta.docs.forEach((doc, i) => {
    index.starts[i + 1] = index.starts[i] + doc[3] + 1;
    if (!doc[1] && index.pageDocs[doc[0]] === undefined) index.pageDocs[doc[0]] = i;
  });
}

/* The fold piece (docs/search-index.md, "Files"): varints of how many characters, their code
   points as gaps, then each simplified form's distance from its traditional one, zigzag-coded. */
function readFold(bytes) {
  const [count, start] = readVarint(bytes, 0);
  const codes = [], out = new Map();
  let pos = start;
  for (let code = 0, gap; codes.length < count; codes.push(code += gap)) [gap, pos] = readVarint(bytes, pos);
  for (const code of codes) {
    let shift;
    [shift, pos] = readVarint(bytes, pos);
    out.set(String.fromCharCode(code), String.fromCharCode(code + (shift % 2 ? -(shift + 1) / 2 : shift / 2)));
  }
  return out;
}

/* Numbers stored as base64 of their four bytes, plane by plane (all lowest bytes first). */
function readPlanes(base64) {
  const bytes = bytesOf(base64), n = bytes.length / 4, out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = bytes[i] + bytes[n + i] * 256 + bytes[2 * n + i] * 65536 + bytes[3 * n + i] * 16777216;
  }
  return out;
}

/* The meta pieces as one: pages [url, tags, boost], docs [page, anchor, title, length], and
   the first doc of each chunk. A piece stores its docs by column and counts them per page. */
function joinMeta(parts) {
  const meta = {pages: [], docs: [], chunks: []};
  for (const part of parts) {
    let first = meta.docs.length;  // chunks: the first doc of each, as gaps from the one before
    for (const gap of part.chunks) meta.chunks.push(first += gap);
    const lengths = readPlanes(part.lengths);
    let at = 0;
    part.pages.forEach((row, i) => {
      const page = meta.pages.push(row) - 1;
      for (let k = 0; k < part.sections[i]; k++, at++) {
        const title = part.titles[at];  // a number: the title many sections share, in common
        meta.docs.push([page, part.anchors[at], typeof title === "number" ? part.common[title] : title, lengths[at]]);
      }
    });
  }
  return meta;
}

/* The first position in ``sorted`` whose value is not below ``value`` (the one binary search). */
function lowerBound(sorted, value, lo = 0) {
  let hi = sorted.length;
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
  for (const [key, length] of entries) {
    const size = Math.floor(length / 2);
    table.set(key, [pos, size, length % 2]);
    pos += size;
  }
  return {bytes, table};
}

/* Postings of one key: its sorted offsets in the corpus (stored as gaps); for a common key
   (docs/search-index.md, "Common keys"), the docs holding it and where its offsets are. */
function decodeList(shard, key) {
  const where = shard.table.get(key);
  if (!where) return EMPTY;
  const [pos, size, common] = where;
  if (!common) return Float64Array.from(readGaps(shard.bytes, pos, pos + size));
  const values = [];
  for (let at = pos, value; at < pos + size;) { [value, at] = readVarint(shard.bytes, at); values.push(value); }
  const [count, piece] = values;
  const firsts = new Float64Array(count), sizes = [];
  for (let b = 0, doc = 0; b < count; b++) { firsts[b] = doc += values[2 + 2 * b]; sizes.push(values[3 + 2 * b]); }
  const docs = new Float64Array(values.length - 2 - 2 * count);
  for (let i = 0, doc = 0; i < docs.length; i++) docs[i] = doc += values[2 + 2 * count + i];
  return {common: true, docs, firsts, sizes, piece, blocks: new Array(count), loaded: EMPTY};
}

/* The offsets of every key of the shard that ``start`` (a pinyin key, "~xiao l") begins,
   sorted: pinyin keys are never common. */
function decodeBegun(shard, start) {
  const parts = [];
  for (const key of shard.table.keys()) if (key.startsWith(start)) parts.push(decodeList(shard, key));
  if (parts.length < 2) return parts[0] || EMPTY;
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) { all.set(part, at); at += part.length; }
  return all.sort();
}

/* Whether the offsets of common list ``list`` in ``doc`` are loaded (its block is). */
function loadedAt(list, doc) {
  return list.blocks[rangeOf(list.firsts, doc)] !== undefined;
}

/* The offsets a list has in ``doc``: all of a plain list's, a common list's where loaded. */
function offsetsIn(list, doc) {
  const all = list.common ? list.loaded : list;
  return all.subarray(lowerBound(all, index.starts[doc]), lowerBound(all, index.starts[doc + 1]));
}

/* The docs holding a list's key, ascending. */
function docsOf(list) {
  if (list.common) return list.docs;
  const out = [];
  for (let i = 0; i < list.length;) {
    const doc = docOf(list[i]);
    out.push(doc);
    i = lowerBound(list, index.starts[doc + 1], i);
  }
  return out;
}

/* The values every sorted array holds. */
function intersect(arrays) {
  if (!arrays.length) return [];
  return arrays.reduce((a, b) => {
    const out = [];
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  });
}

/* Common keys' offsets where the query must see them: in the docs that may hold a piece of
   several keys whole, or every piece (for the phrase across pieces). Docs are taken in the
   order ranking would likely put them (title, own page, boost, shorter, newer), and their
   blocks fetched up to BLOCK_BUDGET bytes; a doc whose blocks stay unloaded is judged by the
   words it holds, never as holding the phrase. Returns the blocks to fetch and the docs in
   that order (``likely``), whose texts the query fetches meanwhile. */
function planBlocks(pieces, found) {
  const wanted = new Map();  // list -> its blocks to fetch
  const per = pieces.map(piece => keysOf(piece).map(key => found.get(key) || EMPTY));
  const needs = per.map(lists => lists.some(list => list.common) && (lists.length > 1 || pieces.length > 1));
  if (!needs.some(Boolean)) return {wanted, likely: [], unchecked: () => false};
  const docSets = per.map(lists => intersect(lists.map(docsOf)));
  const every = intersect(docSets);
  const candidates = new Set();
  per.forEach((lists, i) => {
    if (needs[i]) for (const doc of (every.length ? every : docSets[i])) candidates.add(doc);
  });
  const likely = likelyOrder(candidates, pieces);
  let spent = 0;
  for (const doc of likely) {
    const more = [];
    per.forEach((lists, i) => {
      if (!needs[i]) return;
      for (const list of lists) {
        if (!list.common) continue;
        const b = rangeOf(list.firsts, doc);
        if (list.blocks[b] === undefined && !(wanted.get(list) || new Set()).has(b)) more.push([list, b]);
      }
    });
    const cost = more.reduce((sum, [list, b]) => sum + list.sizes[b], 0);
    if (spent + cost > blockBudget) break;
    spent += cost;
    for (const [list, b] of more) {
      if (!wanted.has(list)) wanted.set(list, new Set());
      wanted.get(list).add(b);
    }
  }
  // After loadBlocks: a doc that may hold a piece whole, some of whose common keys' offsets stayed unloaded.
  const commons = per.filter((_, i) => needs[i]).flat().filter(list => list.common);
  const unchecked = doc => candidates.has(doc) && commons.some(list => !loadedAt(list, doc));
  return {wanted, likely, unchecked};
}

/* Fetches the blocks ``planBlocks`` chose and joins each list's loaded offsets. */
async function loadBlocks(wanted, missing) {
  await Promise.all([...wanted].flatMap(([list, blocks]) => [...blocks].map(async b => {
    try {
      const bytes = await loadPiece(`c/${list.piece + b}`);
      list.blocks[b] = Float64Array.from(readGaps(bytes, 0, bytes.length));
    } catch (err) {
      missing.add(`c/${list.piece + b}`);
    }
  })));
  for (const list of wanted.keys()) {
    const parts = list.blocks.filter(Boolean);
    const joined = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) { joined.set(part, at); at += part.length; }
    list.loaded = joined;
  }
}

/* The first LIKELY docs that hold every key of every piece, in the order they likely rank. */
function likelyDocs(pieces, found) {
  const every = intersect(pieces.map(piece => intersect(keysOf(piece).map(key => docsOf(found.get(key) || EMPTY)))));
  return likelyOrder(every, pieces).slice(0, LIKELY);
}

/* The ``k`` first of ``docs`` by ``order`` (a total order), in that order: one pass, no sort
   of them all (a query may have thousands). */
function firstOf(docs, order, k) {
  const best = [];
  for (const doc of docs) {
    if (best.length === k && order(doc, best[k - 1]) >= 0) continue;
    let lo = 0, hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(best[mid], doc) <= 0) lo = mid + 1; else hi = mid;
    }
    best.splice(lo, 0, doc);
    if (best.length > k) best.pop();
  }
  return best;
}

/* The docs that would fill the first TEASERS pages, in ``sortHits``'s order as far as it is
   known before the blocks come: titles holding every piece (the query itself first, then the
   shorter), then the docs of ``likely`` in their own order. The excerpts a query likely shows. */
function likelyShown(likely, titles, pieces, count = TEASERS) {
  const whole = pieces.map(p => p.text).join("").replace(NON_TOKEN, "");
  const rank = doc => (bareTitle(doc) === whole ? 0 : 1e6) + bareTitle(doc).length;
  const inEvery = [...titles[0].keys()].filter(doc => titles.every(t => t.has(doc)));
  const place = docPlaces();
  const titled = firstOf(inEvery, (a, b) => rank(a) - rank(b) || place[a] - place[b], LIKELY);
  const pages = new Set();
  const out = [];
  for (const doc of [...titled, ...likely]) {
    const page = index.docs[doc][0];
    if (!pages.has(page)) {
      if (pages.size >= count) break;
      pages.add(page);
    }
    out.push(doc);
  }
  return out;
}

/* ``docs`` (an array or a set) in the order they likely rank: pages of boost below 1 last,
   those whose title holds every piece first, then by their place (``docPlaces``). Sorted as
   numbers: thousands at a time. */
function likelyOrder(docs, pieces) {
  const place = docPlaces(), n = index.docs.length, keys = Float64Array.from(docs);
  const inTitle = doc => pieces.every(piece => index.titles[doc].includes(piece.text));
  keys.forEach((doc, i) => { keys[i] = (aside(doc) ? 2 * n : 0) + (inTitle(doc) ? 0 : n) + place[doc]; });
  return Array.from(keys.sort(), key => index.order[key % n]);
}

/* Whether ``doc``'s page has a boost below 1 (the editors' guide): after the others of its tier. */
function aside(doc) {
  return (index.pages[index.docs[doc][0]][2] || 1) < 1;
}

/* Each doc's place in the order ``byDoc`` then address (``byLocation``): sorted once, at the
   first query, so that ordering thousands of docs compares two numbers. ``index.order``: the
   doc at each place. */
function docPlaces() {
  if (!index.places) {
    index.order = Array.from(index.docs, (_, doc) => doc).sort((a, b) => byDoc(a, b) || byLocation(a, b));
    index.places = new Float64Array(index.order.length);
    index.order.forEach((doc, i) => { index.places[doc] = i; });
  }
  return index.places;
}

/* The docs' own order of ``docPlaces``: the page itself before listings, then boost,
   the shorter section, the newer page. */
function byDoc(a, b) {
  const x = index.docs[a], y = index.docs[b], p = index.pages[x[0]], q = index.pages[y[0]];
  return (q[3] && y[1] ? 0 : 1) - (p[3] && x[1] ? 0 : 1) || (q[2] || 1) - (p[2] || 1)
    || x[3] - y[3] || (q[4] || 0) - (p[4] || 0);
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
  const wanted = [...new Set(keys.map(shardFor))]
    .filter(n => !index.shardFiles.has(n));
  await Promise.all(wanted.map(n => {
    const file = loadPiece(`p/${n}`).then(readShard);
    index.shardFiles.set(n, file);
    return file.catch(() => index.shardFiles.delete(n));
  }));
  const out = new Map();
  for (const key of keys) {
    if (!index.lists.has(key)) {
      const shard = await index.shardFiles.get(shardFor(key))?.catch(() => null);
      if (!shard) { missing.add(key); continue; }
      index.lists.set(key, key.endsWith(BEGUN) ? decodeBegun(shard, key.slice(0, -1)) : decodeList(shard, key));
    }
    out.set(key, index.lists.get(key));
  }
  return out;
}

/* The query's pieces, in the order typed: a number form (第二十二条, 22条, 2023年第16条: the
   point it names), a Chinese run or a word, folded; punctuation and spaces split them. */
function parse(query) {
  const pieces = [], folded = fold(query);
  for (const m of folded.matchAll(PARSE)) {
    const [text, year, numeral, digits, bare, run, word] = m;
    const at = {start: m.index, end: m.index + text.length, before: pieces.length ? m.index - pieces.at(-1).end : 0};
    if (run || word) { pieces.push({text, cjk: !!run, ...at}); continue; }
    const point = `${year ? `${year}年` : ""}第${numberOf(numeral || digits || bare)}条`;
    // 第二十二条 is also looked for as written; 22条 (two tokens) only as the point it names.
    const cjk = new RegExp(`^[${CJK}]+$`).test(text);
    pieces.push({text, cjk, point, textless: !cjk, ...at});
  }
  pieces.forEach((piece, i) => { piece.spaced = i > 0 && !folded.slice(pieces[i - 1].end, piece.start).trim(); });
  return pieces;
}

/* 二十二 -> 22, 一百零五 -> 105, "16" -> 16. */
function numberOf(text) {
  if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
  let total = 0, current = 0;
  for (const ch of text) {
    const unit = UNITS[ch];
    if (unit) { total += (current || 1) * unit; current = 0; } else current = current * 10 + (DIGITS[ch] || 0);
  }
  return total + current;
}

function keysOf(piece) {
  if (piece.textless) return [];
  if (!piece.cjk) return [piece.text];
  const out = [];
  for (let i = 0; i + 1 < piece.text.length; i++) out.push(piece.text.slice(i, i + 2));
  return out;
}

/* The key of another name of a page or section a piece may be ("=数据局", "=第22条"). */
function nameOf(piece) {
  return NAME + (piece.point || piece.text);
}

/* Whether a piece is a word of letters that may be pinyin. */
function lettered(piece) {
  return !piece.cjk && !piece.point && /^[a-z]{2,}$/.test(piece.text);
}

/* A word of letters read as pinyin: the keys of its initials ("^zt", "^tj", "^jy" for ztjy)
   and of its syllables ("~lin xiao", "~xiao lan*" for linxiaolan), each list of keys to stand
   at consecutive offsets of the titles. The last syllable may be still being typed: its key
   stands for every syllable it begins; and the word is also cut as one still being typed
   (``typedSyllables``: hejiang on the way to hejianguo gives "~he jian", "~jian g*"). */
function spellings(piece) {
  const word = piece.text, out = [];
  if (!lettered(piece)) return out;
  if (word.length <= MAX_INITIALS) out.push([...word].slice(1).map((ch, i) => INITIALS + word[i] + ch));
  const whole = syllablesOf(word), typed = typedSyllables(word);
  for (const spelled of [whole, typed]) {
    if (!spelled || spelled.length < 2 || (spelled === typed && String(typed) === String(whole))) continue;
    out.push(spelled.slice(1).map((s, i) => `${SYLLABLES}${spelled[i]} ${s}${i === spelled.length - 2 ? BEGUN : ""}`));
  }
  return out;
}

/* The keys of a word of letters as the whole pinyin or the initials of a page's other name
   ("=~shujuju", "=^sjj" for 数据局): the docs they name. */
function nameSpellings(piece) {
  return lettered(piece) ? [NAME + SYLLABLES + piece.text, NAME + INITIALS + piece.text] : [];
}

/* ``word`` cut into the fewest pinyin syllables, or null. */
function syllablesOf(word) {
  return cuts(word)[word.length];
}

/* ``word`` as pinyin still being typed: its longest beginning (not all of it) that can be cut
   into syllables, and the rest, which begins a syllable (linxiaol: lin xiao l); or null. */
function typedSyllables(word) {
  const best = cuts(word);
  for (let i = word.length - 1; i > 0; i--) {
    if (best[i] && SYLLABLE_STARTS.has(word.slice(i))) return [...best[i], word.slice(i)];
  }
  return null;
}

/* The fewest syllables each beginning of ``word`` is cut into (null where it cannot be). */
function cuts(word) {
  const best = [[]];
  for (let i = 1; i <= word.length; i++) {
    best[i] = null;
    for (let j = Math.max(0, i - 6); j < i; j++) {
      const s = word.slice(j, i);
      if (best[j] && PINYIN.has(s) && (!best[i] || best[j].length + 1 < best[i].length)) best[i] = [...best[j], s];
    }
  }
  return best;
}

/* The docs whose titles a spelling stands in, each with the characters it stands for; and
   the docs a spelling of another name names, with their titles. */
function pinyinDocs(piece, found) {
  const docs = new Map();
  for (const keys of spellings(piece)) {
    for (const start of consecutive(keys.map(key => found.get(key) || EMPTY))) {
      const doc = Math.min(rangeOf(index.titleStarts, start), index.docs.length - 1);
      const from = start - index.titleStarts[doc];
      docs.set(doc, index.titles[doc].slice(from, from + keys.length + 1));
    }
  }
  for (const key of nameSpellings(piece)) {
    for (const doc of aliasDocs(found.get(key))) if (!docs.has(doc)) docs.set(doc, bareTitle(doc));
  }
  return docs;
}

/* Words of letters the query spaces apart, read as one pinyin word (lin xiaolan, qin lei): a
   piece whose pinyin matches count for every piece. Null unless there are several such words only. */
function jointPiece(pieces) {
  return pieces.length > 1 && pieces.every(lettered) ? {text: pieces.map(p => p.text).join(""), cjk: false} : null;
}

/* The offsets where the lists' keys stand one after the other: the first key's offset. */
function consecutive(ls) {
  const out = [];
  if (!ls.length || !ls.every(list => list.length)) return out;
  let j = 0;
  ls.forEach((list, k) => { if (list.length < ls[j].length) j = k; });
  const from = ls.map(() => 0);  // where each list's search goes on: the starts ascend
  for (const at of ls[j]) {
    const start = at - j;
    let all = true;
    for (let k = 0; k < ls.length && all; k++) {
      if (k === j) continue;
      const list = ls[k];
      from[k] = lowerBound(list, start + k, from[k]);
      all = from[k] < list.length && list[from[k]] === start + k;
    }
    if (all) out.push(start);
  }
  return out;
}

/* Docs whose title holds a piece: null when whole (a word only as a whole token: 22 is not
   in 2022), or the words of a Chinese piece that cover it (红色驿站 in 红色服务驿站). The
   titles are searched joined, once per piece and bigram; ``titleWords`` reads only the titles
   holding enough of the piece's bigrams to be covered. In doc order. */
function titleDocs(piece) {
  const docs = new Map();
  if (piece.textless) return docs;
  const all = index.titleText, text = piece.text, edge = new RegExp(`[${WORD}]`);
  const titleAt = at => Math.min(rangeOf(index.titleStarts, at), index.docs.length - 1);
  for (let at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
    const whole = piece.cjk || !(edge.test(all.charAt(at - 1)) || edge.test(all.charAt(at + text.length)));
    if (whole) docs.set(titleAt(at), null);
  }
  if (piece.cjk && text.length > 2) {
    // Covered pieces are runs of two or more characters: a covered title holds at least half
    // as many of the piece's bigram positions as the characters it must cover.
    const need = Math.ceil(Math.ceil(text.length * COVER) / 2);
    const positions = new Map();  // bigram -> how many positions of the piece have it
    for (let i = 0; i + 1 < text.length; i++) {
      const bigram = text.slice(i, i + 2);
      positions.set(bigram, (positions.get(bigram) || 0) + 1);
    }
    const held = new Map();  // doc -> bigram positions its title holds
    for (const [bigram, count] of positions) {
      let last = -1;
      for (let at = all.indexOf(bigram); at >= 0; at = all.indexOf(bigram, at + 1)) {
        const doc = titleAt(at);
        if (doc === last) continue;
        last = doc;
        held.set(doc, (held.get(doc) || 0) + count);
      }
    }
    for (const [doc, count] of held) {
      if (count < need || docs.has(doc)) continue;
      const subs = titleWords(index.titles[doc], text);
      if (subs) docs.set(doc, subs);
    }
  }
  return docs.size > 1 ? new Map([...docs].sort((a, b) => a[0] - b[0])) : docs;
}

/* The longest pieces of ``text`` that ``title`` holds, left to right, if they cover COVER of it. */
function titleWords(title, text) {
  const subs = [];
  let covered = 0;
  for (let i = 0; i + 1 < text.length;) {
    let k = 2;
    if (!title.includes(text.slice(i, i + k))) { i++; continue; }
    while (i + k < text.length && title.includes(text.slice(i, i + k + 1))) k++;
    subs.push(text.slice(i, i + k));
    covered += k;
    i += k;
  }
  return covered >= text.length * COVER ? subs : null;
}

/* Where one piece stands in each doc's text: the starts of its whole occurrences, or words
   covering it. */
function matchText(piece, found) {
  const lists = keysOf(piece).map(key => found.get(key) || EMPTY);
  const exact = new Map(), words = new Map();
  if (lists.length === 1 && lists[0].common) {
    // One key: a doc holding it holds the piece; its offsets there where they are loaded.
    for (const doc of lists[0].docs) exact.set(doc, offsetsIn(lists[0], doc));
    return {exact, words};
  }
  const ls = lists.map(list => list.common ? list.loaded : list);
  // The starts ascend: the doc holding each is found by walking on, not by a search each.
  let doc = -1, end = 0, here = null;
  for (const start of consecutive(ls)) {
    if (start >= end) {
      doc = docOf(start);
      end = index.starts[doc + 1];
      here = [];
      exact.set(doc, here);
    }
    here.push(start);
  }
  if (piece.cjk && ls.length >= 2) {
    // How many of the piece's keys each doc holds, counted in an array (thousands of docs a query).
    const counts = new Uint16Array(index.docs.length), seen = [];
    const count = doc => { if (!counts[doc]++) seen.push(doc); };
    for (const list of lists) {
      if (list.common) {
        for (const doc of list.docs) count(doc);
        continue;
      }
      let last = -1;
      for (const at of list) {
        if (last >= 0 && at < index.starts[last + 1]) continue;
        last = docOf(at);
        count(last);
      }
    }
    const need = Math.ceil(piece.text.length * COVER / 2);
    for (const doc of seen) {
      if (!exact.has(doc) && counts[doc] >= need) {
        const cover = coverWords(piece.text, lists, doc);
        if (cover) words.set(doc, cover);
      }
    }
  }
  return {exact, words};
}

/* Longest pieces of ``text`` found in ``doc``, left to right; null if they cover too little.
   A common key whose offsets there are not loaded counts as its two characters alone. */
function coverWords(text, ls, doc) {
  const subs = [];
  let covered = 0;
  for (let i = 0; i < ls.length;) {
    const list = ls[i];
    if (list.common && !loadedAt(list, doc)) {
      if (has(list.docs, doc)) { subs.push(text.slice(i, i + 2)); covered += 2; i += 2; } else i++;
      continue;
    }
    let starts = offsetsIn(list, doc);
    if (!starts.length) { i++; continue; }
    let k = 1;
    while (i + k < ls.length) {
      const next = ls[i + k];
      if (next.common && !loadedAt(next, doc)) break;
      const all = next.common ? next.loaded : next;
      const kept = starts.filter(at => has(all, at + k));
      if (!kept.length) break;
      starts = kept;
      k++;
    }
    subs.push(text.slice(i, i + k + 1));
    covered += k + 1;
    i += k + 1;
  }
  return covered >= text.length * COVER ? {subs} : null;
}

/* The docs an alias key names: each such key's postings are the starts of docs. */
function aliasDocs(list) {
  const docs = new Set();
  for (const at of list || EMPTY) docs.add(docOf(at));
  return docs;
}

/* Whether the pieces stand in query order, each at most ``gap(i)`` characters after the one
   before, somewhere in the doc (the starts of each piece's whole occurrences). */
function chained(pieces, starts, gap) {
  return starts[0].some(first => {
    let end = first + pieces[0].text.length;
    for (let i = 1; i < pieces.length; i++) {
      const list = starts[i];
      const at = list.find(s => s >= end && s <= end + gap(i));
      if (at === undefined) return false;
      end = at + pieces[i].text.length;
    }
    return true;
  });
}

/* How ``doc`` answers the query (docs/search-index.md, "Ranking"): its tier, whether its title
   holds the query, and the terms to mark; or null. */
function judge(doc, perPiece, whole, pieces) {
  let matched = 0, named = 0, titled = 0, inTitle = 0, pinyinOnly = false, shared = true;
  const starts = [];
  for (const m of perPiece) {
    const at = m.exact.get(doc), cover = !at && m.words.get(doc), title = m.title.get(doc), name = m.names.has(doc);
    if (!at && !cover && title === undefined && !name && !m.pinyin.has(doc)) { shared = false; continue; }
    matched++;
    named += name;
    titled += title !== undefined || name;
    inTitle += title === null;
    if (at) starts.push(at);
    if (!at && !cover && title === undefined && !name) pinyinOnly = true;
    shared = shared && !m.piece.textless && (at !== undefined || title === null);
  }
  if (!matched) return null;
  // Most docs hold every piece whole: they share one set of terms, made once per query.
  const terms = shared ? perPiece.terms : termsOf(doc, perPiece, pinyinOnly, named);
  const k = perPiece.length;
  const bare = bareTitle(doc);
  const titleRank = pinyinOnly ? (k === 1 && perPiece[0].pinyin.get(doc) === bare ? 2 : 1)
    : named === k || bare === whole ? 2 : titled === k ? 1 : 0;
  const phraseInTitle = inTitle === k && (k === 1 || bare.includes(whole));
  let tier;
  if (matched < k) tier = TIER.PARTIAL;
  else if (pinyinOnly) tier = TIER.PINYIN;
  else if (named === k || phraseInTitle || (k === 1 && starts.length)) tier = TIER.PHRASE;
  else if (starts.length === k && chained(pieces, starts, phraseGap(pieces))) tier = TIER.PHRASE;
  else if (starts.length === k && chained(pieces, starts, () => ADJACENT_GAP)) tier = TIER.ADJACENT;
  else if (inTitle === k) tier = TIER.SENTENCE;  // a title is one sentence
  else tier = TIER.SECTION;
  // The rest of the order (listing, boost, length, date, address) is the doc's place: sortHits.
  return {doc, tier, titleRank, titleLength: titleRank ? bare.length : 0, terms, aside: aside(doc) ? 1 : 0,
          sentence: tier === TIER.SECTION && starts.length === k};
}

function bareTitle(doc) {
  const bare = index.bare[doc];
  return bare === undefined ? (index.bare[doc] = index.titles[doc].replace(NON_TOKEN, "")) : bare;
}

/* The address of a doc: its page's, with the anchor of its section. */
function locationOf(doc) {
  let location = index.locations[doc];
  if (location === undefined) {
    const [page, anchor] = index.docs[doc], url = index.pages[page][0];
    location = index.locations[doc] = anchor ? `${url}#${anchor}` : url;
  }
  return location;
}

/* Every candidate judged (``judge``), those that answer at all. */
function judgeAll(candidates, perPiece, whole, used) {
  perPiece.terms = Object.fromEntries(used.map(piece => [piece.text, true]));
  const hits = [];
  for (const doc of candidates) {
    const hit = judge(doc, perPiece, whole, used);
    if (hit) hits.push(hit);
  }
  return hits;
}

/* The terms to mark in ``doc``: each piece's text, or the words covering it, or false where
   the doc lacks it; what a pinyin spelling stands for; the title of a page found by another name. */
function termsOf(doc, perPiece, pinyinOnly, named) {
  const terms = {};
  for (const m of perPiece) {
    const at = m.exact.get(doc), cover = m.words.get(doc), title = m.title.get(doc), name = m.names.has(doc);
    if (!at && !cover && title === undefined && !name && !m.pinyin.has(doc)) { terms[m.piece.text] = false; continue; }
    const marks = m.piece.textless ? [] : at || title === null ? [m.piece.text] : cover ? cover.subs : title || [];
    for (const sub of marks) terms[sub] = true;
  }
  for (const m of perPiece) if (pinyinOnly && m.pinyin.has(doc)) terms[m.pinyin.get(doc)] = true;  // what it stands for
  if (named && !Object.keys(terms).some(term => terms[term])) {
    for (const run of index.titles[doc].match(RUNS) || []) terms[run] = true;  // what the page shows
  }
  return terms;
}

/* Characters a phrase allows before piece i: as many as the query has there (送政策、送技术),
   but none between two Chinese pieces the query only spaces apart (廉洁 提醒), and one
   between words. */
function phraseGap(pieces) {
  return i => {
    const cjk = pieces[i].cjk && pieces[i - 1].cjk, spaced = pieces[i].spaced;
    return cjk && spaced ? 0 : Math.max(pieces[i].before, cjk ? 0 : 1);
  };
}

/* Sorts hits best first: by tier; within a tier, pages of boost below 1 (the editors' guide)
   after the others, then title first (the shorter title first), then
   the doc's own place (``docPlaces``: the page itself before listings quoting it, an editor's
   boost, the shorter section, the newer page, the address): never the order of the site.
   Each hit gets one number to sort by, so that thousands sort without a comparison of
   fields. Titles longer than TITLE_CAP characters count as that long. */
const TITLE_CAP = 4096;
function sortHits(hits) {
  const place = docPlaces(), n = index.docs.length;
  for (const hit of hits) {
    const title = ((TIER.PHRASE - hit.tier) * 2 + hit.aside) * 3 + 2 - hit.titleRank;
    hit.key = (title * TITLE_CAP + Math.min(hit.titleLength, TITLE_CAP - 1)) * n + place[hit.doc];
  }
  return hits.sort((a, b) => a.key - b.key);
}

function byLocation(a, b) {
  const x = locationOf(a), y = locationOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/* The docs of the section tier that hold every piece whole, checked in their text: those with
   every piece in one sentence move up a tier. */
async function promoteSentences(hits, pieces, missing) {
  const checked = sentenceChecks(hits);
  if (!checked.length) return;
  const texts = await textsOf(checked.map(hit => hit.doc), missing);
  for (const hit of checked) {
    const text = texts.get(hit.doc);
    if (!text) continue;
    const folded = fold(text.split(PROSE_END).join("。"));
    if (folded.split(SENTENCE_END).some(s => pieces.every(p => s.includes(p.text)))) hit.tier = TIER.SENTENCE;
  }
}

/* The section-tier hits whose texts are read for the sentence tier: the first SENTENCE_CHECKS
   in order whose texts lie in the first SENTENCE_CHUNKS chunks they need (others are passed
   over). The same whatever earlier queries fetched. */
function sentenceChecks(hits) {
  const checked = [], chunks = new Set();
  for (const hit of hits) {
    if (checked.length >= SENTENCE_CHECKS) break;
    if (!hit.sentence) continue;
    const n = rangeOf(index.chunks, hit.doc);
    if (!chunks.has(n)) {
      if (chunks.size >= SENTENCE_CHUNKS) continue;
      chunks.add(n);
    }
    checked.push(hit);
  }
  return checked;
}

/* The answer to ``query``: {items, notice?, line?, lineText?}; null if ``current()`` says, after
   a round of fetches, that a newer query was asked. With ``early`` (the worker's
   answer), the excerpts of the first FIRST_SHOWN groups are waited for and the others taken if
   their chunks are in; where some are still coming, the answer has ``later``, a promise of the
   same answer with every excerpt; and it lists the first LISTED groups, with ``total``, how
   many there are, if there are more (docs/search-index.md, "Answering twice"). */
async function search(query, {early = false, current = () => true} = {}) {
  const pieces = parse(query);
  if (!pieces.length) return {items: []};
  const long = pieces.filter(p => !p.cjk || p.text.length > 1);
  const used = long.length ? long : pieces;
  const missing = new Set();  // pieces of the index that failed to download
  // The excerpts fetched before the answer: those of the first groups only, when answering early.
  const teasers = early ? FIRST_SHOWN : TEASERS;
  const joint = jointPiece(used);
  const spelled = joint ? [...long, joint] : long;
  const aliases = [...long.map(nameOf), ...spelled.flatMap(spellings).flat(), ...spelled.flatMap(nameSpellings)];
  // The shards go out first; the titles are searched meanwhile.
  const listed = long.length ? lists([...long.flatMap(keysOf), ...aliases], missing) : new Map();
  const titles = used.map(titleDocs);
  // Titles are known before any fetch: the texts of the docs they put first go out with the shards.
  prefetchTexts(likelyShown([], titles, used, teasers));
  const found = await listed;
  if (!current()) return null;
  const {wanted, likely, unchecked} = planBlocks(long, found);
  const blocks = loadBlocks(wanted, missing);  // its fetches go out first
  const names = used.map(piece => aliasDocs(found.get(nameOf(piece))));
  // Docs every piece names rank first (数据局, 第22条): their texts go out before the likely ones.
  prefetchTexts([...names[0]].filter(doc => names.every(named => named.has(doc))).slice(0, teasers));
  if (long.length) prefetchTexts(likelyShown(wanted.size ? likely : likelyDocs(long, found), titles, used, teasers));
  await blocks;
  if (!current()) return null;
  const together = joint ? pinyinDocs(joint, found) : new Map();
  const perPiece = used.map((piece, i) => ({
    piece, ...long.length ? matchText(piece, found) : {exact: new Map(), words: new Map()},
    title: titles[i],
    names: names[i],
    pinyin: together.size ? new Map([...together, ...pinyinDocs(piece, found)]) : pinyinDocs(piece, found),
  }));
  const notices = [];
  const sources = m => [m.exact.keys(), m.words.keys(), m.title.keys(), m.names, m.pinyin.keys()];
  const absent = perPiece.filter(m => !(m.exact.size + m.words.size + m.title.size + m.names.size + m.pinyin.size));
  if (absent.length && long.length && !missing.size) {
    return {items: [], notice: ABSENT(absent.map(m => m.piece.text))};
  }
  const candidates = new Set();
  for (const m of perPiece) {
    for (const docs of sources(m)) for (const doc of docs) candidates.add(doc);
  }
  let hits = judgeAll(candidates, perPiece, pieces.map(p => p.text).join("").replace(NON_TOKEN, ""), used);
  if (hits.some(hit => hit.tier > TIER.PARTIAL)) hits = hits.filter(hit => hit.tier > TIER.PARTIAL);
  else if (hits.length && used.length > 1) notices.push(PARTIAL);
  sortHits(hits);
  if (used.length > 1) {
    const promoted = promoteSentences(hits, used, missing);  // its fetches go out first
    prefetchTexts(shownDocs(groupsOf(hits, teasers), teasers));  // the likely excerpts, in the same round
    await promoted;
    if (!current()) return null;
    sortHits(hits);
  }
  const groups = groupsOf(hits, early ? LISTED : Infinity);
  const shown = shownDocs(groups);
  const texts = await textsOf(shownDocs(groups, teasers), missing);
  for (const doc of shown) {
    const text = texts.has(doc) ? undefined : loadedText(doc);
    if (text !== undefined) texts.set(doc, text);
  }
  const items = group(groups, texts);
  // The line under the results that hold the query as typed (the phrase tier), above the rest;
  // "not checked" if a page listed below it has a doc that may hold the query unseen.
  const pages = [...groups.values()];
  const above = pages.findIndex(members => members[0].tier < TIER.PHRASE);
  const doubt = above > 0 && pages.slice(above).some(members => members.some(hit => unchecked(hit.doc)));
  // The answer's fields besides its items and notice: the line, and how many pages if not all are listed.
  const fields = {...above > 0 ? {line: above, lineText: doubt ? LINE_UNCHECKED : LINE} : {},
                  ...groups.total > groups.size ? {total: groups.total} : {}};
  const answer = withNotices({items, ...fields}, notices, missing);
  const coming = shown.filter(doc => !texts.has(doc));
  if (!coming.length) return answer;
  const later = textsOf(coming, missing).then(more => {
    for (const [doc, text] of more) texts.set(doc, text);
    const all = [...group(groups, texts, TEASERS), ...items.slice(TEASERS)];
    return withNotices({items: all, ...fields}, notices, missing);
  });
  return {...answer, later};
}

/* ``answer`` with its notices: that pieces of the index failed to download first, if any did. */
function withNotices(answer, notices, missing) {
  const all = missing.size ? [NOTICE, ...notices] : notices;
  return all.length ? {...answer, notice: all.join(" ")} : answer;
}

/* Answers ``query`` through ``send``, as the worker does (docs/search-index.md, "Answering
   twice"): at once, with the excerpts of the first groups; then, if excerpts were still
   coming, again with all of them, unless ``current()`` says a newer query was asked since.
   An answer that a second may follow has ``more``; the second has ``again``. A query that a
   newer one follows before its answer is ready gets none: the work stops after the round of
   fetches it was waiting for. */
async function answer(query, send, current) {
  const answered = await search(query, {early: true, current});
  if (!answered) return;  // a newer query was asked meanwhile: it is answered instead
  const {later, ...data} = answered;
  send(later ? {...data, more: true} : data);
  if (later) later.then(full => full, () => data).then(full => { if (current()) send({...full, again: true}); });
}

/* Material's result shape: one list per page, best section first, the page itself included.
   Only the first MARKED groups get marked titles and the first TEASERS excerpts (from
   ``texts``): Material shows ten groups, the next ten when the reader scrolls to them, and
   many queries have thousands. The first ``count`` groups only, if given. */
function group(groups, texts, count = Infinity) {
  const items = [];
  for (const [page, members] of groups) {
    if (items.length >= count) break;
    const marked = items.length < MARKED;
    const list = members.map(hit => item(hit, texts.get(hit.doc), marked));
    if (!members.some(hit => !index.docs[hit.doc][1])) {
      const top = index.pageDocs[page];
      // The page's own item opens the page: it marks the same words there (Material's ?h=).
      const terms = members.length > 1 ? Object.assign({}, ...members.map(hit => hit.terms)) : members[0].terms;
      if (top !== undefined) list.push(item({doc: top, tier: 0, titleRank: 0, terms}, undefined, marked));
    }
    items.push(list);
  }
  return items;
}

/* The hits of each page, in the order of its best hit: of the first ``count`` pages only, if
   given; ``total`` on the map says how many pages there are in all. */
function groupsOf(hits, count = Infinity) {
  const groups = new Map(), seen = new Uint8Array(index.pages.length);
  let total = 0;
  for (const hit of hits) {
    const page = index.docs[hit.doc][0];
    const members = groups.get(page);
    if (members) members.push(hit);
    else if (!seen[page]) {
      seen[page] = 1;
      if (total++ < count) groups.set(page, [hit]);
    }
  }
  groups.total = total;
  return groups;
}

/* The docs of the first ``count`` groups (TEASERS): those whose excerpts are shown. */
function shownDocs(groups, count = TEASERS) {
  const shown = [];
  for (const members of groups.values()) {
    if (shown.length >= count) break;
    shown.push(members);
  }
  return shown.flat().map(hit => hit.doc);
}

function item(hit, text, marked) {
  const [page, anchor, title] = index.docs[hit.doc];
  const tags = index.pages[page][1];
  const marks = marked ? Object.keys(hit.terms).filter(term => hit.terms[term]) : null;
  const shown = text === undefined ? "" : excerpt(text, marks);
  const out = {
    location: locationOf(hit.doc),
    // Titles are folded once, at setup.
    title: marked ? highlight(title, marks, 0, title.length, index.titles[hit.doc]) : plainTitle(hit.doc),
    text: shown ? `<p>${shown}</p>` : "",
    score: hit.tier * TIER_SCALE + hit.titleRank,
    terms: hit.terms,
  };
  // On the page's own item only: Material shows it as the group's head, above its sections.
  if (!anchor && tags.length) out.tags = tags;
  return out;
}

function plainTitle(doc) {
  const plain = index.plain[doc];
  return plain === undefined ? (index.plain[doc] = escapeHTML(index.docs[doc][2])) : plain;
}

async function textsOf(docs, missing) {
  const out = new Map();
  const chunkOf = doc => rangeOf(index.chunks, doc);
  const files = new Map([...new Set(docs.map(chunkOf))].map(n => [n, chunkFile(n).catch(() => null)]));
  await Promise.all(files.values());
  for (const doc of docs) {
    const n = chunkOf(doc);
    const chunk = await files.get(n);
    if (chunk) out.set(doc, chunk[doc - index.chunks[n]]);
    else missing.add(`t/${n}`);
  }
  return out;
}

/* Text chunk ``n``, as it is being fetched or was: one fetch per chunk however many queries
   ask; one that failed is asked for again by the next. */
function chunkFile(n) {
  if (!index.chunkFiles.has(n)) {
    const file = loadJSON(`t/${n}`);
    index.chunkFiles.set(n, file);
    file.then(chunk => index.chunkTexts.set(n, chunk), () => index.chunkFiles.delete(n));
  }
  return index.chunkFiles.get(n);
}

/* The text of ``doc`` if its chunk has arrived, else undefined: without waiting. */
function loadedText(doc) {
  const n = rangeOf(index.chunks, doc), chunk = index.chunkTexts.get(n);
  return chunk && chunk[doc - index.chunks[n]];
}

/* Starts fetching the text chunks of ``docs`` and waits for none: the excerpts of the likely
   first results come in the same round as the pieces still to come, not in a round after. */
function prefetchTexts(docs) {
  for (const n of new Set(docs.map(doc => rangeOf(index.chunks, doc)))) chunkFile(n).catch(() => null);
}

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

function highlight(text, marks, from = 0, to = text.length, folded = fold(text)) {
  let out = "", at = from;
  for (const [start, end] of ranges(folded, marks)) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from), e = Math.min(end, to);
    out += escapeHTML(text.slice(at, s)) + `<mark>${escapeHTML(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHTML(text.slice(at, to));
}

/* The sentence of the doc's running text (before PROSE_END) holding the most of the marked
   terms, the first sentence if none holds one; at most EXCERPT characters of it around its
   first mark. Facts lists, tables and labels (after PROSE_END) are never shown. */
function excerpt(text, marks) {
  const prose = text.split(PROSE_END)[0];
  const folded = fold(prose);
  let best = null;
  for (const m of prose.matchAll(SENTENCE)) {
    const found = new Set(ranges(folded.slice(m.index, m.index + m[0].length), marks)
      .map(([s, e]) => folded.slice(m.index + s, m.index + e))).size;
    if (m[0].trim() && (!best || found > best.found)) best = {from: m.index, to: m.index + m[0].length, found};
  }
  if (!best) return "";
  let start = best.from, from, to = best.to;
  while (start < to && prose[start] === " ") start++;
  from = start;
  const first = ranges(folded.slice(from, to), marks)[0];
  if (to - from > EXCERPT) {
    from = first ? Math.max(from, from + first[0] - 30) : from;
    to = Math.min(to, from + EXCERPT);
  }
  return (from > start ? "…" : "") + highlight(prose, marks, from, to) + (to < best.to ? "…" : "");
}

/* The parts docs/search-index.md specifies, for the shared test vectors. */
const contract = {fold, keysOf: text => parse(text).flatMap(keysOf), shardOf, shardKey, readVarint, readGaps,
                  readPlanes, points: text => parse(text).map(piece => piece.point || null),
                  syllables: syllablesOf, typed: typedSyllables,
                  blockBudget: bytes => { blockBudget = bytes; },
                  answering: (first, listed) => { FIRST_SHOWN = first; LISTED = listed; }};

self.searchEngine = {setup, search, answer, fold, contract};
