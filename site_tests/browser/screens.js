// One page as laid out at one screen size: what test_screens.py checks, measured in the page.
// Called with {phone, dpr}; returns plain data (the test decides what is wrong).
async ({ phone, dpr }) => {
  const name = (e) => e.tagName.toLowerCase() + [...e.classList].map((c) => "." + c).join("");
  const style = (e) => getComputedStyle(e);
  const scrolled = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/auto|scroll|hidden|clip/.test(style(a).overflowX)) return true;
    }
    return false;
  };

  // Sideways: the page is never wider than the screen; for the message, the innermost elements
  // sticking out that no box of their own scrolls.
  const width = window.innerWidth;
  const over = document.documentElement.scrollWidth > width;
  const out = !over ? [] : [...document.body.querySelectorAll("*")].filter(
    (e) => e.getBoundingClientRect().right > width + 1 && style(e).position !== "fixed" && !scrolled(e));
  const wide = out.filter((e) => !out.some((o) => o !== e && e.contains(o))).slice(0, 4).map(name);
  const overflow = { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };

  // Boxes of the page's column that scroll sideways themselves (a wide table in Material's
  // wrapper): whether each holds the board's matrix or charts, the one place meant to scroll.
  const scrollers = [...document.querySelectorAll(".md-content *")]
    .filter((e) => /auto|scroll/.test(style(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .map((e) => ({ box: name(e), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
      board: !!e.querySelector("table.pg-matrix, table.pg-chart"), text: e.textContent.trim().slice(0, 30) }));

  // Text blocks: the nearest box of every run of text in the page's column, and whether its
  // text wraps in a column narrower than 12 characters of its own size while something beside
  // it takes the rest of the column (a block as wide as the column is what the phone gives).
  // Short labels may wrap (a table's heading over a number); a date never does.
  const narrow = [];
  const date = /^(\d{4}年\d{1,2}月(\d{1,2}日)?|\d{4}-\d{2}(-\d{2})?)$/;
  if (phone) {
    const column = document.querySelector(".md-content") || document.body;
    const columnWidth = (document.querySelector("article") || column).clientWidth;
    const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
    const blocks = new Set();
    while (walker.nextNode()) {
      if (!walker.currentNode.data.trim()) continue;
      let e = walker.currentNode.parentElement;
      while (e && /^(inline|contents)$/.test(style(e).display)) e = e.parentElement;
      if (e) blocks.add(e);
    }
    for (const e of blocks) {
      const s = style(e);
      const inner = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (!e.getClientRects().length || inner <= 1 || s.writingMode.startsWith("vertical")) continue;
      const range = document.createRange();
      range.selectNodeContents(e);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size;
      const chars = inner / parseFloat(s.fontSize);
      const text = e.textContent.replace(/\s+/g, "");
      const squeezed = text.length > 12 && chars < 12 && inner < 0.8 * columnWidth;
      if (lines > 1 && (squeezed || date.test(e.textContent.trim()))) {
        narrow.push({ block: name(e), chars: Math.round(chars * 10) / 10, text: e.textContent.trim().slice(0, 30) });
      }
    }
  }

  // Pictures: each shown picture loaded now (lazy ones too), and the file the browser chose
  // measured in its own pixels (a fresh Image has no srcset to scale it by).
  const shown = [...document.images].filter((i) => i.getBoundingClientRect().width > 0);
  shown.forEach((i) => { i.loading = "eager"; });
  await Promise.all(shown.map((i) => i.decode().catch(() => null)));
  const pictures = [];
  for (const i of shown) {
    const src = i.currentSrc || i.src;
    if (/\.svg([?#]|$)/i.test(src)) continue; // drawings are sharp at any size
    const probe = new Image();
    probe.src = src;
    await probe.decode().catch(() => null);
    // The picture's largest file (~full, 2048 px at most): the chosen one may be narrower only
    // where even that one is. A source no larger than the page's size has no ~full of its own.
    const largest = new Image();
    largest.src = src.replace(/~[a-z]+\.(\w+)$/, "~full.$1");
    await largest.decode().catch(() => null);
    const offered = (i.getAttribute("srcset") || "").split(",")
      .map((c) => parseInt(c.trim().split(/\s+/)[1], 10)).filter((n) => n > 0);
    pictures.push({
      file: src.split("/").pop(), fileWidth: probe.naturalWidth,
      largest: Math.max(probe.naturalWidth, largest.naturalWidth, ...offered),
      shownWidth: Math.round(i.getBoundingClientRect().width * 10) / 10, shownHeight: i.getBoundingClientRect().height,
      inText: !!i.closest("figure.text-figure"), dpr,
    });
  }

  // Slanted Chinese anywhere on the page.
  const italic = [];
  const all = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (all.nextNode()) {
    const node = all.currentNode;
    if (!/[\u3400-\u9fff]/.test(node.data) || !node.parentElement) continue;
    if (/italic|oblique/.test(style(node.parentElement).fontStyle)) {
      italic.push(`${name(node.parentElement)}: ${node.data.trim().slice(0, 20)}`);
    }
  }

  // Where am I: the active tab and the breadcrumb, as a reader sees them.
  const tab = document.querySelector(".md-tabs__item--active");
  const trail = document.querySelector("nav.trail");
  const h1 = document.querySelector("article h1");
  return {
    overflow, scrollers, narrow, pictures, italic,
    tab: tab ? tab.textContent.trim() : null,
    trail: trail ? [...trail.querySelectorAll("li")].map((li) => {
      const a = li.querySelector("a");
      return { title: li.textContent.trim(), href: a ? a.href : null };
    }) : null,
    trailShown: !!trail && trail.getBoundingClientRect().height > 0,
    title: h1 ? [...h1.childNodes].filter((n) => !(n.classList && n.classList.contains("headerlink")))
      .map((n) => n.textContent).join("").trim() : null,
    column: (document.querySelector("article") || document.body).getBoundingClientRect().left,
  };
}
