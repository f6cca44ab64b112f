"""Browser fixtures: the built site served from a sub-path, Debian's Chromium driven by Playwright.

The site is served at ``http://127.0.0.1:PORT/dangjian/`` by Debian's nginx with the shipped
example configuration (``nginx.py``): directories get their ``index.html``, a directory without
its slash is redirected, a missing address gets the site's ``404.html`` with status 404, and
text and index files are sent compressed. Anything asked for outside ``/dangjian/`` is recorded,
since only an absolute link would reach it.

``site_server`` serves the site as an admin deploys it under a sub-path (built with site_url);
``plain_server`` serves it built without site_url, which relative links let live anywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import nginx
from .nginx import SUBPATH, Served  # noqa: F401 - SUBPATH: the tests import it from here

CHROMIUM = Path("/usr/bin/chromium")
# Never a downloaded browser: Playwright drives the system's Chromium with these flags only.
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SiteServer = Served


def require(ok: bool, reason: str) -> None:
    """Skip with ``reason`` when something the browser tests need is missing; fail under CI."""
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run must install it)", pytrace=False)
    pytest.skip(reason)


def has_chinese_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def serve(tmp: Path, *sites: Path) -> nginx.Nginx:
    """``with serve(tmp, site) as (served,):`` nginx serving each site under /dangjian/."""
    require(nginx.available(), f"browser tests need Debian's nginx at {nginx.NGINX} (apt-get install nginx)")
    return nginx.Nginx(tmp, list(sites))


@pytest.fixture(scope="session")
def servers(builds, tmp_path_factory) -> tuple[Served, Served]:
    require(nginx.available(), f"browser tests need Debian's nginx at {nginx.NGINX} (apt-get install nginx)")
    builds.start("deployed")
    builds.start("plain")  # both at once
    sites = [builds.wait("deployed"), builds.wait("plain")]
    with serve(tmp_path_factory.mktemp("nginx"), *sites) as served:
        yield tuple(served)


@pytest.fixture(scope="session")
def site_server(servers) -> Served:
    """The site built with site_url under /dangjian/, as the README's 部署 section has it."""
    return servers[0]


@pytest.fixture(scope="session")
def plain_server(servers) -> Served:
    """The site built without site_url: relative links, the 404 page guessing its base."""
    return servers[1]


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    require(has_chinese_font(), "browser tests need a Chinese font (apt-get install fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What went wrong while pages were open: off-host requests, HTTP errors, console errors."""

    origin: str
    offhost: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        # Requests to any other host are stopped and recorded: the intranet has no internet,
        # and letting them time out would only slow the tests down.
        context.route(self.is_offhost, self.stop)
        context.on("response", self.on_response)
        context.on("requestfailed", self.on_failed)
        context.on("console", self.on_console)
        context.on("weberror", lambda error: self.console.append(f"uncaught: {error.error}"))

    def is_offhost(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob", "about") and not url.startswith(self.origin)

    def stop(self, route) -> None:
        self.offhost.append(route.request.url)
        route.abort("blockedbyclient")

    def on_response(self, response) -> None:
        if response.status >= 400:
            self.bad_status.append(f"{response.status} {response.url}")

    def on_failed(self, request) -> None:
        if request.url not in self.offhost:
            self.failed.append(f"{request.failure} {request.url}")

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console.append(f"{message.text} @ {message.location.get('url', '')}")

    def problems(self) -> list[str]:
        return ([f"off-host request: {u}" for u in self.offhost] + [f"HTTP {s}" for s in self.bad_status]
                + [f"failed: {f}" for f in self.failed] + [f"console: {c}" for c in self.console])

    def clear(self) -> None:
        for found in (self.offhost, self.bad_status, self.failed, self.console):
            found.clear()


@pytest.fixture
def open_page(browser, servers):
    """Open a fresh page: ``open_page(viewport=PHONE, color_scheme="dark") -> (page, watch)``."""
    contexts = []

    def opener(viewport: dict | None = None, **options):
        context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN", **options)
        contexts.append(context)
        watch = Watch("http://127.0.0.1:")  # either test server; their ports differ
        watch.attach(context)
        return context.new_page(), watch

    yield opener
    for context in contexts:
        context.close()


def is_page(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith("/") or path.endswith(".html")


def sitemap_pages(server: SiteServer) -> list[str]:
    """The sitemap's addresses, on the test server rather than the host site_url names."""
    import xml.etree.ElementTree as ET
    from urllib.request import urlopen

    from conftest import SITE_URL

    with urlopen(server.url("sitemap.xml"), timeout=10) as response:
        tree = ET.fromstring(response.read())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text.strip() for loc in tree.findall("s:url/s:loc", ns)]
    assert all(loc.startswith(SITE_URL) for loc in locs), locs
    return [server.url(loc[len(SITE_URL):]) for loc in locs]


@dataclass
class Crawl:
    """Every page reached from the home page or the sitemap, and what each one showed."""

    server: SiteServer
    sitemap: list[str]
    problems: dict[str, list[str]] = field(default_factory=dict)  # page -> what went wrong there
    links: dict[str, set[str]] = field(default_factory=dict)  # page -> internal links (no #fragment)
    files: set[str] = field(default_factory=set)  # linked addresses that are not pages

    @property
    def pages(self) -> list[str]:
        return sorted(self.problems)

    def first_under(self, folder: str) -> str | None:
        """The first entry page below ``folder/`` (not the folder's own index)."""
        index = self.server.url(folder + "/")
        entries = [p for p in self.pages if p.startswith(index) and p != index]
        return entries[0] if entries else None


@pytest.fixture(scope="session")
def crawl(browser, site_server) -> Crawl:
    """Visit every page once, at desktop size, and note requests, statuses and console errors."""
    result = Crawl(site_server, sitemap_pages(site_server))
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    watch = Watch(site_server.origin)
    watch.attach(context)
    page = context.new_page()
    queue = [site_server.root, *result.sitemap]
    seen = set(queue)
    while queue:
        url = queue.pop(0)
        watch.clear()
        # networkidle: the search index and its worker load after "load"; their requests count too.
        response = page.goto(url, wait_until="networkidle")
        problems = [] if response and response.ok else [f"page answered {response and response.status}"]
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        result.problems[url] = problems + watch.problems()
        result.links[url] = set()
        for href in hrefs:
            target = href.split("#")[0]
            if not target.startswith(site_server.origin):
                continue  # an external link a reader may click; it loads nothing by itself
            result.links[url].add(target)
            if not target.startswith(site_server.root):
                continue  # reported by the test on links; the server records it too
            if not is_page(target):
                result.files.add(target)
            elif target not in seen:
                seen.add(target)
                queue.append(target)
    context.close()
    return result


# Test instrumentation: the last query sent to the search worker and the query of the last
# answer back (each answer names it), so that a test reads the results of its whole query,
# never those of a prefix typed before; ``complete`` once that answer is whole (an answer
# saying ``more`` is followed by its second part, ``again``, with the rest of the excerpts:
# search-engine.js, ``answer``).
WATCH_WORKER = """
    const Native = window.Worker
    window.__search = { query: null, answered: null, complete: true }
    window.Worker = function (url, options) {
        const worker = new Native(url, options)
        const post = worker.postMessage.bind(worker)
        worker.postMessage = (message, transfer) => {
            if (message && message.type === 2) Object.assign(window.__search, { query: message.data, answered: null })
            return transfer ? post(message, transfer) : post(message)
        }
        worker.addEventListener("message", ev => {
            if (!ev.data || ev.data.type !== 3) return
            const data = ev.data.data || {}
            setTimeout(() => {  // after Material has rendered
                window.__search.answered = data.query
                window.__search.complete = !data.more
            })
        })
        return worker
    }
"""


@pytest.fixture(scope="module")
def search_box(browser, site_server):
    """One page kept open for the query table: the index is loaded once, not once a query."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(WATCH_WORKER)
    watch = Watch(site_server.origin)
    watch.attach(context)
    tab = context.new_page()
    tab.goto(site_server.root)
    tab.locator("input[data-md-component=search-query]").click()
    yield tab
    context.close()
    assert watch.problems() == []
