/*
 * The colour scheme switch in the header (partials/palette.html): what Material's palette
 * component did, without its work on every page load. The page's head has already applied
 * the reader's scheme before the first paint (partials/javascripts/palette.html); this file
 * only answers a switch: the body's colour attributes, the stored choice (as Material stores
 * it, so Material's own pages and ours agree), the switch to the next scheme, and the
 * theme-color meta tag phones colour their address bar with. Enter on the switch moves to
 * the next scheme, as in Material.
 */
/* global __md_set */  // Material's stored preferences (partials/javascripts/base.html)
(function () {
  "use strict";

  const form = document.querySelector("form[data-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input")];
  const header = document.querySelector("[data-md-component=header]");
  const meta = document.createElement("meta");
  meta.name = "theme-color";
  // The page's colour scheme for what the browser draws itself (the page's scrollbar): added
  // only once it is dark, since a new color-scheme tag restyles the whole page and a page
  // without one is drawn light.
  const scheme = document.createElement("meta");
  scheme.name = "color-scheme";

  function colours(input) {
    const read = key => input.getAttribute(`data-md-color-${key}`);
    let chosen = input;
    if (read("media") === "(prefers-color-scheme)") {
      // Material's automatic entry: the scheme of the entry matching the system's now.
      const light = matchMedia("(prefers-color-scheme: light)").matches;
      chosen = form.querySelector(`[data-md-color-media='(prefers-color-scheme: ${light ? "light" : "dark"})']`) || input;
    }
    return {
      media: read("media"),
      scheme: chosen.getAttribute("data-md-color-scheme"),
      primary: chosen.getAttribute("data-md-color-primary"),
      accent: chosen.getAttribute("data-md-color-accent"),
    };
  }

  // The header's colour as phones show it around the page (Material's theme-color).
  function paintMeta() {
    if (!header) return;
    const style = getComputedStyle(header);
    if (scheme.isConnected || style.colorScheme.includes("dark")) {
      scheme.content = style.colorScheme;
      if (!scheme.isConnected) document.head.append(scheme);
    }
    const rgb = style.backgroundColor.match(/\d+/g) || [];
    meta.content = "#" + rgb.slice(0, 3).map(n => (+n).toString(16).padStart(2, "0")).join("");
    if (!meta.isConnected) document.head.append(meta);
  }

  function choose(input) {
    const index = inputs.indexOf(input);
    const color = colours(input);
    // No transitions while everything changes colour at once (Material's palette.css rule).
    document.body.setAttribute("data-md-color-switching", "");
    for (const [key, value] of Object.entries(color)) document.body.setAttribute(`data-md-color-${key}`, value);
    inputs.forEach((other, i) => {
      const label = other.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
    try { __md_set("__palette", {index, color}); } catch (error) { /* this page changes; the choice is not kept */ }
    paintMeta();
    setTimeout(() => document.body.removeAttribute("data-md-color-switching"));
  }

  for (const input of inputs) input.addEventListener("change", () => choose(input));
  form.addEventListener("keydown", event => {
    if (event.key !== "Enter") return;
    const current = Math.max(0, inputs.findIndex(input => input.checked));
    const next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // The first theme-color once the page is idle: it reads the header's computed colour.
  if (window.requestIdleCallback) window.requestIdleCallback(paintMeta); else setTimeout(paintMeta, 1000);
})();
