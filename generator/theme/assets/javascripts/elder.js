/*
 * 长辈版: the header's switch (partials/elder-switch.html). One class on the root element,
 * "elder", turns it on (every rule is in elder.css); the choice is stored as Material stores
 * the colour scheme (__md_set, keyed by the site's root), so it holds on every page and is
 * applied by the page's head before anything is painted (main.html). Enter and Space work
 * as on any button. Another tab of the same site follows a change at once.
 */
/* global __md_get, __md_set */  // Material's stored preferences (partials/javascripts/base.html)
(function () {
  "use strict";

  const KEY = "__elder";
  const root = document.documentElement;
  const switches = [...document.querySelectorAll("[data-elder-switch]")];

  function show(on) {
    root.classList.toggle("elder", on);
    for (const button of switches) button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function stored() {
    try {
      return Boolean(__md_get(KEY));
    } catch (error) {
      return root.classList.contains("elder");  // storage refused (private windows): this page only
    }
  }

  for (const button of switches) {
    button.addEventListener("click", () => {
      const on = !root.classList.contains("elder");
      show(on);
      try { __md_set(KEY, on); } catch (error) { /* the page still changes; the choice is not kept */ }
    });
  }
  window.addEventListener("storage", event => {
    if (event.key && event.key.endsWith("." + KEY)) show(stored());
  });
  show(root.classList.contains("elder"));
})();
