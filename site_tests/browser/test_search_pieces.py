"""Search from the index in pieces: answers, ranking, and only the pieces a query needs."""

from __future__ import annotations

import json
import re
import sys
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from conftest import ROOT, build_project

from browser.conftest import DESKTOP, SUBPATH, Watch, serve

sys.path.insert(0, str(ROOT / "bench"))
import probe  # noqa: E402  (the benchmark's search probes: the same code measures and tests)
import synth  # noqa: E402


class Searcher:
    """Types queries into Material's search box and reads the answers."""

    def __init__(self, page, url: str):
        self.page = page
        page.add_init_script(probe.WATCH)
        page.goto(url, wait_until="domcontentloaded")

    def ask(self, query: str) -> tuple[str, list[str]]:
        """The result count line, and the page each result group links to (path under the site).

        A group may open with the line that marks the words found apart (search-zh.js), so its
        link is the first of its kind, not always its first child."""
        answer = probe.answer(self.page, query, self.page.evaluate(probe.ASK, query), timeout_ms=30_000)
        links = self.page.eval_on_selector_all(".md-search-result__item > a:first-of-type", "as => as.map(a => a.href)")
        return answer["meta"], [urlsplit(h).path.removeprefix(SUBPATH) for h in links]


@pytest.fixture
def shipped(open_page, site_server):
    page, watch = open_page()
    searcher = Searcher(page, site_server.root)
    yield searcher
    assert watch.problems() == []


def test_a_name_finds_its_page_first(shipped):
    _, pages = shipped.ask("林晓岚")
    assert pages[0] == "members/lin-xiaolan/"


def test_pages_with_the_whole_phrase_rank_above_pages_with_its_words(shipped):
    _, pages = shipped.ask("主题教育")
    assert pages[0] == "workplan/2023/"                          # the phrase itself, point 1
    assert "innovations/shuju-dangjian-yitutong/" in pages[1:]   # 主题党日 … 党员教育: its words only
    marks = shipped.page.eval_on_selector_all(".md-search-result__item:first-child > a mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {"主题教育"}                  # the whole term, not 主题 and 教育


def test_a_term_on_no_page_finds_nothing(shipped):
    assert shipped.ask("量子计算") == ("没有找到符合条件的结果", [])


def test_a_result_opens_its_section_under_the_sub_path(shipped):
    _, pages = shipped.ask("五学五比")
    assert "workplan/2023/" in pages[:3]
    shipped.page.click(".md-search-result__item a[href*='#point-2']")
    shipped.page.wait_for_url(f"**{SUBPATH}workplan/2023/**#point-2")
    assert "五学五比" in shipped.page.locator("#point-2").inner_text()


@pytest.fixture(scope="module")
def synthetic_server(tmp_path_factory):
    """A synthetic site of 150 entries, big enough to have many shards, served like the other."""
    tmp = tmp_path_factory.mktemp("synthetic")
    result, site = build_project(tmp, synth.write(tmp, 150))
    assert result.returncode == 0, result.stderr
    with serve(tmp / "nginx", site) as (served,):
        yield site, served.root


def test_a_query_fetches_only_its_own_pieces_of_the_index(browser, synthetic_server):
    site, root = synthetic_server
    shards = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["showcase"]["shards"]
    assert shards >= 8
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    watch = Watch(root)
    watch.attach(context)
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(urlsplit(request.url).path.removeprefix(SUBPATH)))
    meta, pages = Searcher(context.new_page(), root).ask("乡村振兴")
    context.close()
    assert "符合条件的结果" in meta and "没有" not in meta and pages
    assert watch.problems() == []
    index = [path for path in fetched if path.startswith("search/")]
    postings = [p for p in index if p.startswith("search/p/")]
    texts = [p for p in index if p.startswith("search/t/")]
    assert len(postings) in (1, 2, 3)       # 乡村, 村振, 振兴: a shard each at most
    assert 0 < len(texts) <= 20            # excerpts for the first result pages only
    metas = len(list((site / "search" / "meta").iterdir()))
    assert sorted(set(index) - set(postings) - set(texts)) == sorted(
        ["search/engine.bin", "search/fold.bin", "search/search_index.json", *(f"search/meta/{n}.bin" for n in range(metas))])
    # The engine came compressed, as a piece: its plain file (36 KB on a host that compresses no
    # script) was not fetched.
    assert not [path for path in fetched if path.endswith("search-engine.js")]
    assert len(texts) < len(list((site / "search" / "t").iterdir()))


def test_a_query_in_traditional_characters_finds_what_the_simplified_one_finds(shipped):
    simplified = shipped.ask("主题教育")
    assert shipped.ask("主題教育") == simplified and simplified[1]
    marks = shipped.page.eval_on_selector_all(".md-search-result__item:first-child > a mark", "ms => ms.map(m => m.textContent)")
    assert set(marks) == {"主题教育"}  # the page's own words are marked
    assert shipped.ask("黨建創新榜")[1][0] == shipped.ask("党建创新榜")[1][0] == "innovations/"


def excerpts(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__item article > p:not(.md-search-result__terms)",
                                     "ps => ps.map(p => p.textContent.replace(/^…/, ''))")


def test_excerpts_start_with_text_not_with_badges_or_labels(shipped):
    labels = ("政治型", "服务型", "实干型", "文明型", "廉洁型", "示例")
    for query in ("主题教育", "红色书香", "乡村振兴"):
        shipped.ask(query)
        shown = excerpts(shipped.page)
        assert shown and not [text for text in shown if text.startswith(labels)], (query, shown[:3])
    shipped.ask("主题教育")
    assert excerpts(shipped.page)[0].startswith("把开展主题教育作为重要政治任务")


def test_a_result_shows_its_pages_tags_once(shipped):
    _, pages = shipped.ask("红色书香")
    assert pages[0] == "brands/hongse-shuxiang/"
    first = shipped.page.locator(".md-search-result__item").first
    assert first.locator("a").count() >= 2, "the page and at least one of its sections"
    assert first.locator("nav.md-tags").count() == 1
    assert first.locator(".md-tag").all_inner_texts() == ["政治型", "文明型"]


def test_a_piece_that_fails_to_download_leaves_the_other_results_and_a_notice(browser, site_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.route("**/search/p/**", lambda route: route.abort("failed"))  # every posting shard
    searcher = Searcher(context.new_page(), site_server.root)
    meta, pages = searcher.ask("主题教育")
    notice = searcher.page.locator("#search-notice")
    assert "workplan/2023/" in pages, "point 1's title still answers"
    assert notice.is_visible() and "未能下载" in notice.inner_text()
    context.unroute("**/search/p/**")
    meta, pages = searcher.ask("五学五比")  # the shard is fetched again, and the notice goes
    assert pages and notice.is_hidden()
    context.close()


@pytest.fixture(scope="module")
def plain_http(builds):
    """The site built without site_url served by Python's http.server, as a host that was
    told nothing: the pieces go as application/octet-stream, compressed by nobody."""
    with probe.Server(builds.wait("plain")) as server:
        yield server


def search_over(browser, server, worker_prelude: str = "") -> tuple[dict, list[str], Watch]:
    """Ask for 林晓岚 on ``server``; ``worker_prelude`` runs in the search worker before its
    own code. Returns the answer, the addresses the page and its worker asked for, the watch."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    watch = Watch(server.url)
    watch.attach(context)
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    if worker_prelude:
        def prelude(route):
            response = route.fetch()
            route.fulfill(response=response, body=worker_prelude + "\n" + response.text())
        context.route("**/search-worker.js*", prelude)
    page = context.new_page()
    page.add_init_script(probe.WATCH)
    page.goto(server.url, wait_until="domcontentloaded")
    answer = probe.answer(page, "林晓岚", page.evaluate(probe.ASK, "林晓岚"), timeout_ms=30_000)
    answer["first"] = page.eval_on_selector("a.md-search-result__link", "a => a.href")
    context.close()
    return answer, fetched, watch


def test_search_works_from_a_host_that_sends_the_pieces_as_plain_bytes(browser, plain_http):
    with urlopen(plain_http.url + "search/fold.bin") as response:
        assert response.headers["Content-Type"] == "application/octet-stream"
        assert response.headers["Content-Encoding"] is None
    answer, fetched, watch = search_over(browser, plain_http)
    assert answer["items"] > 0 and urlsplit(answer["first"]).path == "/members/lin-xiaolan/"
    assert [p for p in fetched if p.startswith("/search/p/")] and not [p for p in fetched if "pako" in p]
    assert watch.problems() == []


def test_a_browser_without_decompression_stream_inflates_with_the_vendored_inflate(browser, plain_http):
    answer, fetched, watch = search_over(browser, plain_http, "delete self.DecompressionStream;")
    assert answer["items"] > 0 and urlsplit(answer["first"]).path == "/members/lin-xiaolan/"
    assert [p for p in fetched if p.endswith("/pako_inflate.umd.min.js")], "the fallback was loaded"
    assert watch.problems() == []


# Shared vectors: the browser's fold must give what the index was built with.
FOLD_VECTORS = ["主題教育、黨建為民、後來", "裡裏髮發臺灣", "ＡＢＣ１２３　MkDocs", "主题教育、什么、台湾、才干、干部"]


def test_the_browser_folds_text_exactly_as_the_index_does(open_page, site_server):
    from generator.search.writer import fold

    page, watch = open_page()
    page.goto(site_server.url("workplan/2023/"))  # the engine finds the site two folders up
    page.add_script_tag(url=site_server.url("assets/javascripts/search-engine.js"))
    folded = page.evaluate("""async vectors => {
        const index = await (await fetch("../../search/search_index.json")).json()
        await searchEngine.setup(index.config)
        return vectors.map(searchEngine.fold)
    }""", FOLD_VECTORS)
    assert folded == [fold(text) for text in FOLD_VECTORS]
    assert folded[0] == "主题教育、党建为民、后来"
    assert watch.problems() == []


def test_a_common_word_lists_the_first_hundred_pages_says_how_many_and_shows_every_excerpt(browser, synthetic_server):
    """The worker lists the 100 most relevant result pages of a word on most pages, the count
    line says how many there are in all (Material counts only what it was given), and the
    first ten groups show the excerpts the engine's whole answer has: those that came in the
    worker's second answer too."""
    _, root = synthetic_server
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    searcher = Searcher(context.new_page(), root)
    meta, pages = searcher.ask("党建")
    count = re.fullmatch(r"(\d+) 个符合条件的结果，列出最相关的 100 个", meta)
    assert count and int(count.group(1)) > 100, meta
    shown = searcher.page.eval_on_selector_all(".md-search-result__item", """items => items.slice(0, 10).map(
        item => [...item.querySelectorAll("article p")].map(p => p.textContent).sort())""")
    whole = searcher.page.evaluate("""async root => {
        const script = document.createElement("script");
        script.src = new URL("assets/javascripts/search-engine.js", root).href;
        await new Promise(resolve => { script.onload = resolve; document.head.appendChild(script); });
        const config = (await (await fetch(new URL("search/search_index.json", root))).json()).config;
        await searchEngine.setup(config);
        const answer = await searchEngine.search("党建");
        const plain = html => { const p = document.createElement("p"); p.innerHTML = html; return p.textContent; };
        return answer.items.slice(0, 10).map(group => group.filter(item => item.text).map(item => plain(item.text)).sort());
    }""", root)
    context.close()
    assert sum(map(len, whole)) >= 10    # most of the first groups have excerpts to show
    assert shown == whole


def test_a_query_followed_by_a_newer_one_before_its_answer_gets_none(shipped):
    """Typed on before the answer came, a query is dropped: the worker answers the newer one
    only, so the box never waits for the work of every prefix, and never shows a stale answer."""
    shipped.ask("林晓岚")  # the engine and its meta pieces are in: what follows fetches only shards
    asked = shipped.page.evaluate("""([ask, first, second]) => {
        const run = eval(ask);
        const t = run(first);
        run(second);
        return t;
    }""", [probe.ASK, "主题教育", "乡村振兴"])
    answer = probe.answer(shipped.page, "乡村振兴", asked, timeout_ms=30_000)
    shipped.page.wait_for_timeout(300)
    answered = [a["query"] for a in shipped.page.evaluate("window.__answers") if a["t"] >= asked]
    assert answer["items"] > 0
    assert "主题教育" not in answered and answered.count("乡村振兴") >= 1


# The search worker Material starts, and the last answer it sent, kept for a test to replay.
KEEP_WORKER = """(() => {
  const Made = window.Worker;
  let current = Made;
  const wrap = Native => function (url, options) {
    const worker = new Native(url, options);
    window.__searchWorker = worker;
    worker.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) window.__lastResult = ev.data.data; });
    return worker;
  };
  current = wrap(Made);
  Object.defineProperty(window, "Worker", {configurable: true, get: () => current, set: made => { current = wrap(made); }});
})();"""


def test_the_second_answer_keeps_the_readers_place_in_the_list(open_page, site_server):
    """A reader who moved into the results with the keyboard before the rest of the excerpts came
    keeps the focus on the same result, and the list its scroll position, when the second answer
    redraws the list."""
    page, watch = open_page()
    page.add_init_script(KEEP_WORKER)
    searcher = Searcher(page, site_server.root)
    searcher.ask("主题教育")
    page.locator("input[data-md-component=search-query]").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href and page.evaluate("document.activeElement.closest('.md-search-result__list') !== null")
    top = page.evaluate("""() => { const s = document.querySelector('.md-search__scrollwrap'); s.scrollTop = 40; return s.scrollTop; }""")
    # The second answer to the same query, as the worker sends it: the same results, all excerpts.
    page.evaluate("""() => window.__searchWorker.dispatchEvent(new MessageEvent("message",
        {data: {type: 3, data: {...window.__lastResult, more: false, again: true}}}))""")
    assert page.evaluate("document.activeElement.getAttribute('href')") == href
    assert page.evaluate("document.activeElement.closest('.md-search-result__list') !== null")
    assert page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop") == top
    assert watch.problems() == []
