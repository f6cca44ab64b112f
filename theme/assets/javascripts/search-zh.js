/*
 * Chinese search, main-thread part. Loaded from main.html after the page's __config and
 * before Material's bundle.
 *
 * 1. Points Material at workers/search-zh.js, which loads Material's own search worker
 *    unchanged and improves Chinese queries around it (see that file).
 * 2. Answers a query that arrives without key presses. Material reads the search box on
 *    key-up only, so a query pasted with the mouse, or committed by an input method, got
 *    no answer: those input and compositionend events are replayed as a key-up.
 */
(function () {
  "use strict"

  var script = document.currentScript
  var element = document.getElementById("__config")
  if (script && element) {
    var config = JSON.parse(element.textContent)
    if (config.search) {
      var material = new URL(config.search, location.href)
      var worker = new URL("workers/search-zh.js", script.src)
      var folder = function (url) { return url.pathname.replace(/[^/]*$/, "") }
      // Only beside Material's worker: it is loaded, with its own relative paths, from there.
      if (folder(worker) === folder(material)) {
        worker.searchParams.set("m", material.pathname.split("/").pop())
        config.search = worker.href
        element.textContent = JSON.stringify(config)
      }
    }
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
