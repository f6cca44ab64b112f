/*
 * The meaning of a glossary term, shown on hover, on keyboard focus and on tap.
 *
 * Terms are links to their glossary entry carrying the meaning in data-gl-tip (added at
 * build time). A title attribute or <abbr> would show nothing on a touch screen or to a
 * keyboard, and a tap on a link leaves the page at once. So: the mouse shows the meaning
 * on hover and a click opens the entry; the keyboard shows it on focus and Enter opens
 * the entry; on a touch screen the first tap shows it and a second tap opens the entry.
 * Without JavaScript every term is still a plain link to its entry.
 */
(function () {
  "use strict";

  let tip = null;       // the one tooltip element, created on first use
  let host = null;      // the term it currently describes
  let touch = false;    // the last pointer was a finger or a pen
  let wasOpen = false;  // the tapped term's meaning was already showing
  let timer = 0;

  function termOf(node) {
    return node && node.closest ? node.closest("a.gl-term[data-gl-tip]") : null;
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "gl-tip";
      tip.className = "gl-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", () => { clearTimeout(timer); });
      tip.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(link) {
    clearTimeout(timer);
    const box = tooltip();
    if (host && host !== link) host.removeAttribute("aria-describedby");
    host = link;
    box.textContent = link.getAttribute("data-gl-tip");
    if (touch) {
      const more = document.createElement("span");
      more.className = "gl-tip__more";
      more.textContent = "再点一次查看词条";
      box.appendChild(more);
    }
    box.hidden = false;
    link.setAttribute("aria-describedby", box.id);
    place(link, box);
  }

  function hide() {
    clearTimeout(timer);
    if (tip) tip.hidden = true;
    if (host) host.removeAttribute("aria-describedby");
    host = null;
  }

  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(hide, 200);
  }

  // Below the term, or above it when there is no room below; never past the window's edges.
  function place(link, box) {
    const rect = link.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(rect.left, width - box.offsetWidth - 8));
    let top = rect.bottom + 6;
    if (top + box.offsetHeight > window.innerHeight && rect.top - box.offsetHeight - 6 > 0) {
      top = rect.top - box.offsetHeight - 6;
    }
    box.style.left = left + window.pageXOffset + "px";
    box.style.top = top + window.pageYOffset + "px";
  }

  document.addEventListener("pointerdown", ev => {
    touch = ev.pointerType === "touch" || ev.pointerType === "pen";
    const link = termOf(ev.target);
    wasOpen = !!link && link === host && !tip.hidden;
  }, true);

  document.addEventListener("mouseover", ev => {
    const link = termOf(ev.target);
    if (link && !touch) show(link);
  });

  document.addEventListener("mouseout", ev => {
    if (host && termOf(ev.target) === host && !touch) hideSoon();
  });

  document.addEventListener("focusin", ev => {
    const link = termOf(ev.target);
    if (link) show(link);
  });

  document.addEventListener("focusout", ev => {
    if (host && termOf(ev.target) === host) hideSoon();
  });

  document.addEventListener("keydown", ev => {
    if (ev.key === "Escape" && host) hide();
  });

  document.addEventListener("click", ev => {
    const link = termOf(ev.target);
    if (!link) {
      if (host && !(tip && tip.contains(ev.target))) hide();
      return;
    }
    if (touch && !wasOpen) {
      ev.preventDefault();
      show(link);
    }
  });
})();
