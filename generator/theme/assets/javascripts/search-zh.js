/*
 * Chinese search, main-thread part. Loaded from main.html after the page's __config and
 * before Material's bundle.
 *
 * 1. Points Material's search box at our worker (search-worker.js, named in this script's
 *    data-worker), which answers from the index that generator/search/writer.py writes in
 *    pieces: phrases found whole, pages holding the whole phrase first.
 * 2. Answers a query that arrives without key presses. Material reads the search box on
 *    key-up only, so a query pasted with the mouse, or committed by an input method, got
 *    no answer: those input and compositionend events are replayed as a key-up.
 * 3. Shows the worker's notice (a piece of the index failed to download, so the results may
 *    be incomplete) above the results: Material's own result list has no place for one; and,
 *    where the worker lists only the most relevant pages of many, how many there are.
 * 4. Keeps the reader's place in the list (focus, scroll) when the second answer to a query,
 *    with the rest of the excerpts, redraws it.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const element = document.getElementById("__config");
  if (script && element && script.dataset.worker) {
    const config = JSON.parse(element.textContent);
    config.search = script.dataset.worker;  // relative to the page, as Material's own is
    element.textContent = JSON.stringify(config);
    watchWorker(config.search);
  }

  // Material starts its worker with `new Worker(config.search)`: listen to that one's answers.
  function watchWorker(url) {
    const Native = window.Worker;
    if (!Native || !self.searchMessages) return;
    const {RESULT} = self.searchMessages;
    window.Worker = function (address, options) {
      const worker = new Native(address, options);
      if (String(address) === url) {
        worker.addEventListener("message", ev => {
          if (ev.data && ev.data.type === RESULT) {
            showNotice(ev.data.data && ev.data.data.notice);
            showLine(ev.data.data || {});
            showTotal(ev.data.data || {});
            keepPlace(ev.data.data || {});
          }
        });
      }
      return worker;
    };
    window.Worker.prototype = Native.prototype;
  }

  // The line between the results holding the query as typed and the rest (docs/search-index.md,
  // "Ranking"): set at the head of the first result below it, once Material has shown it.
  let lineWatch = null;
  function showLine(data) {
    if (lineWatch) lineWatch.disconnect();
    const list = document.querySelector(".md-search-result__list");
    if (!list) return;
    const place = () => {
      const old = list.querySelector(".md-search-result__line");
      const item = data.line ? list.children[data.line] : null;
      if (old && old.parentElement !== item) old.remove();
      if (item && !item.querySelector(".md-search-result__line")) {
        const line = document.createElement("p");
        line.className = "md-search-result__line";
        line.setAttribute("role", "note");
        line.textContent = data.lineText;
        item.prepend(line);
      }
    };
    lineWatch = new MutationObserver(place);
    lineWatch.observe(list, {childList: true});
    setTimeout(place);
  }

  // A query with more result pages than the worker lists (LISTED in search-engine.js) says
  // how many there are: Material counts only those it was given. Written as soon as Material
  // has written its own count for this answer.
  let totalWatch = null;
  function showTotal(data) {
    if (totalWatch) totalWatch.disconnect();
    const meta = document.querySelector(".md-search-result__meta");
    if (!meta || !data.total || !data.items) return;
    totalWatch = new MutationObserver(() => {
      totalWatch.disconnect();
      meta.textContent = `${data.total} 个符合条件的结果，列出最相关的 ${data.items.length} 个`;
    });
    totalWatch.observe(meta, {childList: true, characterData: true, subtree: true});
  }

  // The second answer to a query (``again``: the same results with the rest of the excerpts)
  // is drawn by Material as a new list. A reader who has moved into the list meanwhile keeps
  // their place: the result that had the focus gets it back, and the list its scroll position,
  // as soon as Material has drawn it (before any key or click can come).
  function keepPlace(data) {
    const list = document.querySelector(".md-search-result__list");
    if (!data.again || !list) return;
    const active = document.activeElement;
    const href = active && active !== list && list.contains(active) ? active.getAttribute("href") : null;
    const scroller = list.closest(".md-search__scrollwrap");
    const top = scroller ? scroller.scrollTop : 0;
    const watch = new MutationObserver(() => {
      watch.disconnect();
      if (scroller) scroller.scrollTop = top;
      const again = href && [...list.querySelectorAll("a[href]")].find(a => a.getAttribute("href") === href);
      if (again) again.focus({preventScroll: true});
    });
    watch.observe(list, {childList: true});
  }

  function showNotice(text) {
    const meta = document.querySelector(".md-search-result__meta");
    if (!meta) return;
    let notice = document.getElementById("search-notice");
    if (!notice && text) {
      notice = document.createElement("p");
      notice.id = "search-notice";
      notice.className = "md-search-result__notice";
      notice.setAttribute("role", "status");
      meta.insertAdjacentElement("afterend", notice);
    }
    if (notice) {
      notice.textContent = text || "";
      notice.hidden = !text;
    }
  }

  function answer(ev) {
    const input = ev.target;
    if (!input || !input.matches || !input.matches("[data-md-component=search-query]")) return;
    if (ev.type === "input" && ev.isComposing) return;
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  }
  document.addEventListener("input", answer, true);
  document.addEventListener("compositionend", answer, true);
})();
