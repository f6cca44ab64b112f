"""Serve a built site on 127.0.0.1 and time its search in headless Chromium (Debian's)."""

from __future__ import annotations

import gzip
import os
import platform
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

# The first query is typed as soon as the page has loaded (its load event), the second once
# search works. Times are from the browser's clock: milliseconds since navigation started.
FIRST_QUERY = "乡村振兴"
SECOND_QUERY = "五学五比"
NO_HIT_QUERY = "量子计算"

# Every answer of the search worker to a query, noted once Material has shown it: which
# query it answers (the answer names it; the worker skips a query a newer one has followed),
# when, the result line shown, and whether a second part with the rest of the excerpts may
# follow (``more``: search-engine.js, ``answer``). It watches
# a worker made by whatever constructor the page's scripts put in window.Worker last: opened
# from the disk (make offline), search-offline.js answers in the page, and search-zh.js wraps
# that in turn (each worker is watched once).
WATCH = """
window.__answers = [];
(() => {
  const watch = worker => {
    if (worker.__watched) return worker;
    worker.__watched = true;
    worker.addEventListener("message", ev => {
      if (!ev.data || ev.data.type !== 3) return;
      const data = ev.data.data || {};
      const query = data.query;
      setTimeout(() => {
        const meta = document.querySelector(".md-search-result__meta");
        const list = document.querySelector(".md-search-result__list");
        window.__answers.push({query, t: performance.now(), meta: meta ? meta.textContent : "",
                               items: list ? list.children.length : 0, more: !!data.more});
      });
    });
    return worker;
  };
  const wrap = Made => {
    const Wrapped = function (url, options) { return watch(new Made(url, options)); };
    Wrapped.prototype = Made.prototype;
    return Wrapped;
  };
  let current = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {configurable: true, get: () => current, set: made => { current = wrap(made); }});
})();
"""

ASK = """query => {
  const input = document.querySelector("input.md-search__input");
  input.focus();
  const t = performance.now();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  return t;
}"""


class _Server(ThreadingHTTPServer):
    served: list[tuple[float, str, int]]  # (when, path, bytes) of every file sent


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site and notes each file it sends, with its size."""

    server: _Server

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        self.server.served.append((time.monotonic(), unquote(urlsplit(self.path).path), os.fstat(source.fileno()).st_size))
        super().copyfile(source, outputfile)


class Server:
    """A local static server for ``site`` in a background thread."""

    def __init__(self, site: Path):
        self.site = site
        self.httpd = _Server(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
        self.httpd.served = []
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> Server:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def since(self, start: float, until: float | None = None) -> list[tuple[str, int]]:
        return [(path, size) for t, path, size in list(self.httpd.served)
                if t >= start and (until is None or t <= until)]

    def gzip_size(self, path: str) -> int:
        file = self.site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        return len(gzip.compress(file.read_bytes(), 6))


def answer(page, query: str, since: float, timeout_ms: int = 120_000, whole: bool = True) -> dict:
    """The first answer to ``query`` shown after ``since`` (the page's clock, in ms) that is
    whole (no second part to come); with ``whole=False``, the first shown at all."""
    found = "([q, t, whole]) => window.__answers.some(a => a.query === q && a.t >= t && !(whole && a.more))"
    page.wait_for_function(found, arg=[query, since, whole], timeout=timeout_ms)
    return next(a for a in page.evaluate("window.__answers")
                if a["query"] == query and a["t"] >= since and not (whole and a["more"]))


# The site's search engine loaded into the page itself (as search-offline.js runs it) and set up.
ENGINE = """async () => {
  const script = document.createElement("script");
  script.src = "/assets/javascripts/search-engine.js";
  await new Promise(resolve => { script.onload = resolve; document.head.appendChild(script); });
  const config = (await (await fetch("/search/search_index.json")).json()).config;
  await searchEngine.setup(config);
}"""


def run_in_page(site: Path, script: str, *, arg, engine: bool = False) -> tuple[list, dict]:
    """``script`` (a function of ``arg``) evaluated in the home page of the site built in
    ``site``, served here, in headless Chromium, after the search engine is set up in the page
    if ``engine``: what it returns, and the machine it ran on."""
    from playwright.sync_api import sync_playwright

    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(server.url, wait_until="load")
            if engine:
                page.evaluate(ENGINE)
            found = page.evaluate(script, arg)
        finally:
            browser.close()
    return found, {"machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores", "load": os.getloadavg()[0]}


def measure(site: Path) -> dict:
    """Home page weight and search timings of the site built in ``site``."""
    from playwright.sync_api import sync_playwright

    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            out = _home(browser, server)
            out.update(_search(browser, server))
        finally:
            browser.close()
    return out


def _home(browser, server: Server) -> dict:
    """Everything the home page fetches but the search index."""
    context = browser.new_context()
    page = context.new_page()
    start = time.monotonic()
    page.goto(server.url, wait_until="networkidle")
    files = [(p, n) for p, n in server.since(start) if not p.startswith("/search/")]
    context.close()
    return {"home_bytes": sum(n for _, n in files),
            "home_gzip_bytes": sum(server.gzip_size(p) for p, _ in files),
            "home_files": sorted(p for p, _ in files)}


def _search(browser, server: Server) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH)
    start = time.monotonic()
    page.goto(server.url, wait_until="load")
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    typed = page.evaluate(ASK, FIRST_QUERY)
    first = answer(page, FIRST_QUERY, typed)
    fetched = server.since(start, time.monotonic())
    asked = page.evaluate(ASK, SECOND_QUERY)
    second = answer(page, SECOND_QUERY, asked)
    none = answer(page, NO_HIT_QUERY, page.evaluate(ASK, NO_HIT_QUERY))
    context.close()
    return {
        # ready: from typing the first query, once the page has loaded, to its answer shown;
        # it covers everything search does before it can answer (the worker loads nothing
        # until that first query), and not the test harness's own pause after "load".
        "load_ms": loaded, "first_answer_ms": first["t"], "ready_ms": first["t"] - typed,
        "first_answer": first["meta"],
        "bytes_before_answer": sum(n for _, n in fetched),
        "gzip_bytes_before_answer": sum(server.gzip_size(p) for p, _ in fetched),
        "query_ms": second["t"] - asked, "second_answer": second["meta"],
        "no_hit_answer": none["meta"],
    }
