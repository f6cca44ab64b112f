"""The offline folder (`make offline`) opened from the disk (file://) in Chromium: every page
and file it names is in the folder, nothing is asked for outside it, and search, the glossary
tips, the gallery and the board work as on the served site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT

from .conftest import DESKTOP
from .test_search_zh import MEANING, QUERIES

sys.path.insert(0, str(ROOT / "bench"))
import probe  # noqa: E402  (bench/probe.py: the same watch measures and tests)

# Elements that make the browser load a file, and links a reader follows: (tag, attribute).
REFERENCES = {("a", "href"), ("img", "src"), ("img", "srcset"), ("source", "srcset"),
              ("link", "href"), ("script", "src"), ("iframe", "src")}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the shipped project where `make offline`'s command has built its folder."""
    root = tmp_path_factory.mktemp("offline")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "data"):
        shutil.copytree(ROOT / name, root / name)
    run = subprocess.run([sys.executable, "-m", "generator.site.build", "--offline"], cwd=root, capture_output=True, text=True,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT)), timeout=600)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == "正在构建离线版网站……" and lines[-1].startswith("网站已构建到 site-offline/ 和 site-offline.zip"), run.stderr
    return root


@pytest.fixture(scope="module")
def folder(project) -> Path:
    return project / "site-offline"


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_make_offline_writes_the_folder_its_zip_and_nothing_else(project, folder):
    with zipfile.ZipFile(project / "site-offline.zip") as archive:
        assert archive.testzip() is None
        assert set(archive.namelist()) == {f"site-offline/{name}" for name in files_in(folder)}
    names = files_in(folder)
    assert {"index.html", "brands/index.html", "search/meta/0.js", "search/fold.js", "search/search_index.js"} <= names
    # No page a server alone shows or needs, and no index piece the browser cannot load here.
    assert not {"404.html", "sitemap.xml", "search/fold.bin"} & names
    assert not [n for n in names if n.startswith(("search/p/", "search/t/", "search/meta/")) and not n.endswith(".js")]
    # the picture cache aside, the build leaves nothing but what it was asked for (no config of its own)
    assert sorted(p.name for p in project.iterdir() if p.name != ".cache") == [
        "content", "data", "mkdocs.yml", "site-offline", "site-offline.zip"]


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if (tag, name) in REFERENCES and value:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.found += [(f"<{tag} {name}>", url) for url in urls]


def problem(folder: Path, base: str, url: str) -> str | None:
    """Why ``url``, as written in the file at ``base`` (a file:// address), does not name a file
    inside ``folder``; None when it does."""
    target = urlsplit(urljoin(base, url))
    if target.scheme != "file":
        return "leads outside the folder"
    path = Path(unquote(target.path))
    if folder.resolve() not in path.resolve().parents:
        return "leads outside the folder"
    return None if path.is_file() else "names no file (a folder or a missing file)"


def test_every_link_picture_style_and_script_of_every_page_names_a_file_in_the_folder(folder):
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 50
    bad, seen = [], 0
    for page in pages:
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        for what, url in parser.found:
            seen += 1
            if url.startswith("#"):
                continue
            why = problem(folder, page.as_uri(), url)
            if why:
                bad.append(f"{page.relative_to(folder)}: {what} {url}: {why}")
    assert seen > 1000
    assert not bad, "\n".join(bad[:40])


@pytest.fixture
def watched(browser, folder):
    """A fresh page whose every request is checked: a file inside the folder, or it is stopped
    and reported; console errors and uncaught exceptions are reported too."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(probe.WATCH)
    problems: list[str] = []

    def check(route) -> None:
        why = problem(folder, route.request.url, route.request.url)
        if why:
            problems.append(f"request {route.request.url}: {why}")
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", check)
    context.on("request", lambda request: problems.extend(
        [f"request {request.url}: {why}" for why in [problem(folder, request.url, request.url)] if why]))
    # A missing file fails with ERR_FILE_NOT_FOUND; ERR_ABORTED is a load cut short by the next page.
    context.on("requestfailed", lambda request: problems.extend(
        [] if request.failure == "net::ERR_ABORTED" else [f"failed {request.url}: {request.failure}"]))
    context.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    context.on("weberror", lambda error: problems.append(f"uncaught: {error.error}"))
    yield context.new_page(), problems
    context.close()


def test_a_crawl_from_the_home_page_reaches_every_page_and_asks_for_nothing_outside(watched, folder):
    page, problems = watched
    home = (folder / "index.html").as_uri()
    queue, seen, reached = [home], {home}, set()
    while queue:
        url = queue.pop(0)
        page.goto(url, wait_until="load")
        reached.add(url)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target = href.split("#")[0].split("?")[0]
            if target.endswith(".html") and target not in seen and not problem(folder, target, target):
                seen.add(target)
                queue.append(target)
    assert not problems, "\n".join(problems[:40])
    every = {p.as_uri() for p in folder.rglob("*.html")}
    assert every - reached == set(), "pages no page links to"


def offline_path(folder: Path, served: str) -> str:
    """``glossary/index.html#x`` for the served site's ``/glossary/#x``: where the same page is
    in the folder (``workplan/2023.md`` is ``workplan/2023.html``, an index its folder's)."""
    path, _, anchor = served.partition("#")
    stem = path.strip("/")
    name = f"{stem}.html" if stem and (folder / f"{stem}.html").is_file() else f"{stem}/index.html".lstrip("/")
    assert (folder / name).is_file(), served
    return name + (f"#{anchor}" if anchor else "")


@pytest.fixture(scope="module")
def search_box(browser, folder):
    """The home page opened from the disk, its search box focused; the index loads once."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(probe.WATCH)
    outside: list[str] = []
    context.on("request", lambda request: outside.extend(
        [request.url] if problem(folder, request.url, request.url) else []))
    tab = context.new_page()
    tab.goto((folder / "index.html").as_uri())
    tab.locator("input[data-md-component=search-query]").click()
    yield tab
    context.close()
    assert outside == []


def ask(tab, folder: Path, query: str) -> list[list[str]]:
    """The links of each result group for ``query``, as paths in the folder (no ``?h=``)."""
    tab.locator("input[data-md-component=search-query]").fill("")  # the same query twice is asked again
    tab.wait_for_function("""() => document.querySelector(".md-search-result__list").children.length === 0""")
    asked = tab.evaluate(probe.ASK, query)
    probe.answer(tab, query, asked, timeout_ms=30_000)
    links = tab.evaluate("""() => [...document.querySelectorAll(".md-search-result__item")].map(
        item => [...item.querySelectorAll("a.md-search-result__link")].map(a => a.href))""")
    root = folder.as_uri() + "/"
    out = []
    for group in links:
        assert all(link.startswith(root) for link in group), group
        out.append([urlsplit(link[len(root):])._replace(query="").geturl() for link in group])
    return out


@pytest.mark.parametrize("query, expected, anchor, first", QUERIES,
                         ids=[f"{q}->{e}{a or ''}" for q, e, a, _ in QUERIES])
def test_search_from_the_disk_finds_what_the_served_site_finds(search_box, folder, query, expected, anchor, first):
    groups = ask(search_box, folder, query)
    assert groups, f"no result for {query}"
    pages = [group[0].split("#")[0] for group in groups]
    want = offline_path(folder, expected)
    if first:
        assert pages[0] == want, pages[:3]
    else:
        assert want in pages[:3], pages[:3]
    if anchor:
        assert offline_path(folder, anchor) in {link for group in groups[:3] for link in group}


def test_a_result_opens_its_page_from_the_disk(search_box, folder):
    ask(search_box, folder, "乡村振兴")
    search_box.locator("a.md-search-result__link[href*='#point-9']").first.click()
    search_box.wait_for_url("**/workplan/2023.html?h=*#point-9")
    search_box.locator("article mark[data-md-highlight]").first.wait_for()
    search_box.go_back()
    search_box.locator("input[data-md-component=search-query]").click()


def test_glossary_tips_the_gallery_and_the_board_work_from_the_disk(watched, folder):
    page, problems = watched
    page.goto((folder / "workplan" / "2023.html").as_uri())
    term = page.locator("article a.gl-term[href$='#sanxia-sanbang']")
    term.hover()
    assert page.locator("#gl-tip").inner_text() == MEANING
    term.click()
    page.wait_for_url("**/glossary/index.html#sanxia-sanbang")
    page.goto((folder / "brands" / "hongse-yizhan.html").as_uri())
    page.locator("article .gallery figure.gallery-item > a").first.click()
    page.wait_for_function("document.querySelector('dialog.lightbox[open] img') && document.querySelector('dialog.lightbox img').naturalWidth > 0")
    page.keyboard.press("Escape")
    page.goto((folder / "workplan" / "2023" / "progress.html").as_uri())
    # The board's rules (in the one stylesheet) apply: its tables are styled, not the browser's defaults.
    assert page.evaluate("getComputedStyle(document.querySelector('.pg-scroll')).overflowX") == "auto"
    assert page.locator("article table").count() > 0
    assert not problems, "\n".join(problems)


def test_the_folder_served_by_a_web_server_searches_in_its_worker(browser, folder):
    """Put on a server after all, the folder's search runs in the worker, which loads the same
    script pieces with importScripts."""
    with probe.Server(folder) as server:
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        context.add_init_script(probe.WATCH)
        workers: list[str] = []
        context.on("request", lambda request: workers.append(request.url) if request.url.endswith("search-worker.js") else None)
        try:
            tab = context.new_page()
            tab.goto(server.url + "index.html")
            asked = tab.evaluate(probe.ASK, "林晓岚")
            answer = probe.answer(tab, "林晓岚", asked, timeout_ms=30_000)
            first = tab.eval_on_selector("a.md-search-result__link", "a => a.href")
        finally:
            context.close()
    assert workers == [server.url + "assets/javascripts/search-worker.js"]
    assert answer["items"] > 0 and urlsplit(first).path == "/members/lin-xiaolan.html"
    loaded = {path for _, path, _ in server.httpd.served if path.startswith("/search/")}
    assert "/search/meta/0.js" in loaded and not {p for p in loaded if p.endswith((".json", ".bin"))} - {"/search/search_index.json"}


def test_the_elder_switch_holds_across_pages_opened_from_the_disk(watched, folder):
    """长辈版 is stored in the page's localStorage, which file:// pages of the folder share."""
    page, problems = watched
    page.goto((folder / "index.html").as_uri())
    page.get_by_role("button", name="长辈版").click()
    page.goto((folder / "workplan" / "2023" / "progress.html").as_uri())
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert page.get_attribute("button.elder-switch", "aria-pressed") == "true"
    page.get_by_role("button", name="长辈版").press("Enter")
    page.goto((folder / "index.html").as_uri())
    assert not page.evaluate("document.documentElement.classList.contains('elder')")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def large_folder(tmp_path_factory) -> Path:
    """The offline folder of a synthetic project of 400 entries: enough text that the commonest
    keys keep their offsets in blocks (search/c/), which the shipped data has none of."""
    import run  # bench/run.py: the synthetic project as the benchmark makes it

    project = run.site_project(tmp_path_factory.mktemp("offline-large"), 400)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: true", "pdf: false"), encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "generator.site.build", "--offline"], cwd=project, capture_output=True,
                           text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT)), timeout=900)
    assert built.returncode == 0, built.stderr
    return project / "site-offline"


# Every script the page inserts, by address: the offline engine loads each piece as one.
SCRIPTS = """window.__scripts = [];
const append = Node.prototype.appendChild;
Node.prototype.appendChild = function (node) {
  if (node && node.tagName === "SCRIPT") window.__scripts.push(node.src);
  return append.call(this, node);
};"""


def test_a_phrase_of_common_keys_is_found_from_the_disk_with_their_blocks(browser, large_folder):
    """From the disk, a phrase of the commonest keys loads their blocks as scripts, answers with
    no notice, and lists the groups the engine's whole answer has, in its order."""
    assert list((large_folder / "search" / "c").glob("*.js"))
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(probe.WATCH)
    context.add_init_script(SCRIPTS)
    try:
        tab = context.new_page()
        tab.goto((large_folder / "index.html").as_uri())
        tab.locator("input[data-md-component=search-query]").click()
        answer = probe.answer(tab, "党建工作", tab.evaluate(probe.ASK, "党建工作"), timeout_ms=60_000)
        blocks = tab.evaluate("() => window.__scripts.filter(src => src.includes('/search/c/'))")
        notice = tab.evaluate("() => { const n = document.getElementById('search-notice'); return n && !n.hidden ? n.textContent : ''; }")
        shown = tab.eval_on_selector_all(".md-search-result__item", """items => items.map(
            item => item.querySelector("a.md-search-result__link").href.split("?")[0])""")
        whole = tab.evaluate("""async () => (await searchEngine.search("党建工作")).items.map(group => {
            const top = group.find(item => !item.location.includes("#")) || group[0];
            return new URL(top.location.split("#")[0], location.href).href;
        })""")
    finally:
        context.close()
    assert blocks, "no block of a common key was loaded"
    assert notice == ""
    assert "个符合条件的结果" in answer["meta"]
    assert shown and [url.split("#")[0] for url in shown] == whole[:len(shown)]
