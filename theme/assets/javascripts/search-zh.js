/*
 * Chinese search, main-thread part. Loaded from main.html after the page's __config and
 * before Material's bundle.
 *
 * 1. Points Material's search box at our worker (search-worker.js, named in this script's
 *    data-worker), which answers from the index that generator/search_index.py writes in
 *    pieces: phrases found whole, pages holding the whole phrase first.
 * 2. Answers a query that arrives without key presses. Material reads the search box on
 *    key-up only, so a query pasted with the mouse, or committed by an input method, got
 *    no answer: those input and compositionend events are replayed as a key-up.
 */
(function () {
  "use strict"

  var script = document.currentScript
  var element = document.getElementById("__config")
  if (script && element && script.dataset.worker) {
    var config = JSON.parse(element.textContent)
    config.search = script.dataset.worker  // relative to the page, as Material's own is
    element.textContent = JSON.stringify(config)
  }

  function answer(ev) {
    var input = ev.target
    if (!input || !input.matches || !input.matches("[data-md-component=search-query]"))
      return
    if (ev.type === "input" && ev.isComposing)
      return
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }
  document.addEventListener("input", answer, true)
  document.addEventListener("compositionend", answer, true)
})()
