/*
 * Search worker: answers Material's search box with the messages of Material's own worker
 * (named in search-messages.js), from the index generator/search/writer.py writes in pieces
 * instead of the single file Material's worker loads whole.
 *
 * It is ready at once and loads nothing until the first query: a reader who never searches
 * downloads this file and the message names only. The engine (search-engine.js) and the
 * index's meta pieces come with the first query; later queries fetch only their own pieces.
 * The engine comes as the index's piece ``engine`` (search/engine.bin, compressed like every
 * piece: hosts send a script as it is) where this browser inflates it, else as its file.
 */
"use strict";

importScripts("search-messages.js");  // beside this file; the page has loaded it already
const {SETUP, READY, QUERY, RESULT} = self.searchMessages;

let config = null;
let engine = null;
let queue = Promise.resolve();
let asked = 0;  // queries received so far: an answer's second part is sent only for the last

async function ready() {
  if (!engine) {
    await loadEngine(config.showcase);
    await self.searchEngine.setup(config);
    engine = self.searchEngine;
  }
  return engine;
}

/* The engine, versioned like the index so that a new build never meets a cached old one: the
   compressed piece, run from a blob, or, where that fails (no DecompressionStream, a policy
   refusing blob: scripts), its plain file beside this one. */
async function loadEngine(showcase) {
  const version = encodeURIComponent(showcase.version);
  if (showcase.engine && typeof self.DecompressionStream === "function") {
    try {
      const res = await fetch(new URL(`../../search/engine.bin?v=${version}`, self.location.href));
      if (!res.ok) throw new Error(`search/engine.bin: ${res.status}`);
      const code = await new Response(res.body.pipeThrough(new DecompressionStream("deflate"))).blob();
      const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
      try { importScripts(url); } finally { URL.revokeObjectURL(url); }
      if (self.searchEngine) return;
    } catch (err) {
      console.warn("search: the compressed engine did not load, the plain one does:", err);
    }
  }
  importScripts(`search-engine.js?v=${version}`);
}

async function handle(message, number) {
  if (message.type === SETUP) {
    config = message.data.config;
    postMessage({type: READY});
  } else if (message.type === QUERY) {
    // Queries are answered in order, each answer naming its query (``query``). A query that a
    // newer one has followed by the time its turn comes is skipped: Material shows the newest
    // answer it gets, and a box typed into letter by letter does not wait for the work of every
    // prefix. The answer comes at once with the first excerpt; the rest follow in a second
    // answer to the same query, sent only while no newer query was asked (search-engine.js,
    // ``answer``).
    if (number !== asked) return;
    const query = String(message.data);
    const send = data => postMessage({type: RESULT, data: {...data, query}});
    try {
      if (!query.trim()) send({items: []});
      else await (await ready()).answer(query, send, () => number === asked);
    } catch (err) {
      console.warn(`search failed for "${query}":`, err);
      send({items: []});
    }
  }
}

addEventListener("message", ev => {
  const number = ev.data && ev.data.type === QUERY ? ++asked : asked;
  queue = queue.then(() => handle(ev.data, number));
});
