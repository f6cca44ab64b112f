/*
 * Search in a folder opened from the disk (file://), where browsers start no worker and
 * fetch nothing. Only the offline build loads this file (extra.offline, `make offline`),
 * before search-zh.js and Material's bundle.
 *
 * Material starts its search with `new Worker(config.search)`. Opened from the disk, that
 * worker is answered here instead, in the page itself: the same messages (0 setup, 1 ready,
 * 2 query, 3 result, as search-worker.js), from search-engine.js loaded as a script. The
 * engine then loads each piece of the index as a script too (the offline index is written
 * so: generator/search/writer.py, `scripts`). Served by a web server, the real worker runs.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const Native = window.Worker;
  if (location.protocol !== "file:" || !script || !window.EventTarget) return;

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const worker = new URL("search-worker.js", script.src).href;
  const engine = new URL("search-engine.js", script.src).href;

  window.Worker = function (address, options) {
    if (new URL(String(address), location.href).href !== worker) return new Native(address, options);
    return inPage();
  };
  if (Native) window.Worker.prototype = Native.prototype;

  function inPage() {
    const target = new EventTarget();
    let config = null;
    let ready = null;   // the engine, set up with the index, once the first query came
    let queue = Promise.resolve();
    let asked = 0;      // queries received so far: an answer's second part is sent only for the last

    function send(data) {
      target.dispatchEvent(new MessageEvent("message", {data}));
    }

    function start() {
      if (!ready) {
        ready = load(engine)
          .then(() => window.searchEngine.setup(config))
          .then(() => window.searchEngine);
        ready.catch(() => { ready = null; });  // asked again by the next query
      }
      return ready;
    }

    // As search-worker.js: a query a newer one has followed is skipped; the answer at once, its
    // second part while no newer query was asked; each answer names its query.
    function answer(query, number) {
      if (number !== asked) return Promise.resolve();
      const reply = data => send({type: RESULT, data: {...data, query}});
      if (!query.trim()) return Promise.resolve(reply({items: []}));
      return start().then(found => found.answer(query, reply, () => number === asked)).catch(err => {
        console.warn(`search failed for "${query}":`, err);
        reply({items: []});
      });
    }

    function handle(message, number) {
      if (message.type === SETUP) {
        config = message.data.config;
        send({type: READY});
        // Material sets search up when the reader enters the search box. Here the engine
        // reads the index in the page itself, a moment at thousands of pages: it starts
        // now, while the query is being typed, rather than at the first query.
        start().catch(() => {});
      } else if (message.type === QUERY) {
        return answer(String(message.data), number);
      }
    }

    target.postMessage = function (message) {
      const number = message && message.type === QUERY ? ++asked : asked;
      queue = queue.then(() => handle(message, number));
    };
    target.terminate = function () {};
    return target;
  }

  function load(src) {
    return new Promise((resolve, reject) => {
      const element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = () => reject(new Error(`${src}: not loaded`));
      document.head.appendChild(element);
    });
  }
})();
