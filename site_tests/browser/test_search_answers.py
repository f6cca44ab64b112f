"""Search as staff use it, typed into the real search box in Chromium: the classes of
docs/search-index.md (ranking tiers, listings below what they list, numbers, short names,
pinyin, honest emptiness, excerpts from running text) and the words marked on the page a
result opens. The queries are written from the classes, not copied from the vectors.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DESKTOP
from .test_search_zh import path_of, search_again, site_path

NOTICE = "#search-notice"


def notice(tab) -> str:
    line = tab.locator(NOTICE)
    return line.inner_text() if line.count() and line.is_visible() else ""


def best(groups: list[list[str]], expected: str) -> str:
    """Where the first result leads, as ``expected`` names it: a page (Material shows the
    page's own link first in each group), or a section of it (its first section link)."""
    if "#" not in expected:
        return site_path(groups[0][0])
    sections = [path_of(link) for link in groups[0] if urlsplit(link).fragment]
    return sections[0] if sections else path_of(groups[0][0])


def excerpts(tab) -> list[str]:
    """The excerpt of every result shown, in order."""
    return tab.evaluate("""() => [...document.querySelectorAll(".md-search-result__link article")].map(
        a => [...a.querySelectorAll("p")].map(p => p.textContent).join(" "))""")


# (query, the link the first result group opens with: the class it stands for)
FIRST = [
    # ranking: a brand typed with a word left out, and a typo of its last character
    ("红色驿站", "/brands/hongse-yizhan/"),
    ("田间党校", "/brands/tianjian-dangke/"),
    # the item above the listings that quote its summary
    ("展陈讲解支部党员讲解员同台展示", "/news/2023-wenlv-jiangjie/"),
    # numbers as people say them
    ("第十六条", "/workplan/2023/#point-16"),
    ("第16条", "/workplan/2023/#point-16"),
    ("2023年第9条", "/workplan/2023/#point-9"),
    ("24条", "/workplan/2023/#point-24"),
    ("23", "/workplan/2023/#point-23"),
    # short names of units and branches
    ("农发中心", "/units/nongye/"),
    ("窗口支部", "/units/zhengwu/"),
    ("数据局", "/units/shuju/"),
    # pinyin, initials and whole
    ("sxsb", "/glossary/#sanxia-sanbang"),
    ("maguilan", "/members/ma-guilan/"),
    ("tjdk", "/brands/tianjian-dangke/"),
    ("ztjy", "/workplan/2023/#point-1"),
    # N条 in Chinese numerals without 第
    ("十九条", "/workplan/2023/#point-19"),
    # pinyin with a space, half typed, and of a short name
    ("ma guilan", "/members/ma-guilan/"),
    ("hejian", "/members/he-jianguo/"),
    ("nongfazhongxin", "/units/nongye/"),
    ("zwj", "/units/zhengwu/"),
]


@pytest.mark.parametrize(("query", "first"), FIRST, ids=[q for q, _ in FIRST])
def test_the_thing_named_comes_first(search_box, query, first):
    groups = search_again(search_box, query)
    assert groups, f"no result for {query}"
    assert best(groups, first) == first, [[path_of(link) for link in g] for g in groups[:3]]
    assert notice(search_box) == ""


def test_words_side_by_side_rank_above_the_same_words_apart(search_box):
    search_again(search_box, "廉洁 提醒")
    texts = [text for text in excerpts(search_box) if text]  # the pages' own links have none here
    together = ["廉洁提醒" in text for text in texts]
    assert together[0] and together == sorted(together, reverse=True), list(zip(texts, together, strict=True))


def test_a_listing_ranks_below_the_item_it_quotes(search_box):
    groups = [site_path(g[0]) for g in search_again(search_box, "展陈讲解支部党员讲解员同台展示")]
    item = groups.index("/news/2023-wenlv-jiangjie/")
    assert all(item < groups.index(listing) for listing in ("/news/", "/news/2023/") if listing in groups), groups


@pytest.mark.parametrize("query", ["党支部", "工作要点", "单位"])
def test_the_editors_guide_comes_after_the_sites_own_pages(search_box, query):
    # The field reference names a section after every kind and field: staff want the plan and the branches.
    groups = [site_path(g[0]) for g in search_again(search_box, query)]
    assert len(groups) >= 3 and not any(page.startswith("/guide/") for page in groups[:3]), groups
    # still found, where only it answers: a word of its field tables
    assert [site_path(g[0]) for g in search_again(search_box, "简介")][0].startswith("/guide/")


def test_a_number_is_a_whole_token(search_box):
    # 22 is in the titles of 2022's pages only as part of the year
    for group in search_again(search_box, "22"):
        assert "2022" not in site_path(group[0]), group


@pytest.mark.parametrize("query", ["区块链 党建", "元宇宙"])
def test_a_word_found_nowhere_gives_no_results_and_says_which(search_box, query):
    search_box.locator("input[data-md-component=search-query]").fill("")
    search_box.keyboard.type(query)
    search_box.wait_for_function(f"""() => {{
        const line = document.querySelector("{NOTICE}")
        return line && !line.hidden && line.textContent.includes("没有找到")
    }}""")
    missing = query.split()[0]
    assert f"“{missing}”" in notice(search_box)
    assert search_box.locator(".md-search-result__item").count() == 0


def test_partial_results_come_under_a_line_that_says_so(search_box):
    groups = search_again(search_box, "林晓岚 光盘行动")
    assert groups and "一部分" in notice(search_box)
    groups = search_again(search_box, "林晓岚")
    assert groups and notice(search_box) == ""


@pytest.mark.parametrize("query", ["林晓岚", "红色服务驿站", "示例市政务服务局", "乡村振兴", "说走就走"])
def test_excerpts_are_running_text_never_notices_facts_or_labels(search_box, query):
    search_again(search_box, query)
    shown = [text for text in excerpts(search_box) if text]
    assert shown
    for text in shown:
        for boilerplate in ("本页为示例内容", "落实工作要点", "落实本条的展示", "相关阅读", "用到的要点"):
            assert boilerplate not in text, text


def test_a_glossary_result_shows_the_plan_sentence_it_quotes(search_box):
    groups = search_again(search_box, "说走就走")
    assert best(groups, "#") == "/glossary/#shuo-zou-jiu-zou"
    assert any("随机调研" in text for text in excerpts(search_box)[:2])


@pytest.mark.parametrize(("query", "marked"), [("ztjy", "主题教育"), ("红色驿站", "驿站"), ("数据局", "数据局"),
                                               ("乡村振兴", "乡村振兴")])
def test_every_result_marks_the_query_on_the_page_it_opens(browser, site_server, search_box, query, marked):
    groups = search_again(search_box, query)
    # the first group's links, the page's own one too (Material adds ?h= from each item's terms)
    for link in groups[0][:2]:
        words = parse_qs(urlsplit(link).query).get("h", [""])[0]
        assert marked in words.split(), (link, words)
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        tab = context.new_page()
        tab.goto(groups[0][-1])
        tab.locator("article mark[data-md-highlight]").first.wait_for()
        lit = "".join(tab.locator("article mark[data-md-highlight]").all_inner_texts())
        assert marked in lit or all(part in lit for part in marked), lit
    finally:
        context.close()


def test_a_line_separates_the_query_as_typed_from_its_words_apart(search_box, search_sections):
    # 主题教育 stands whole on a few pages; others hold 主题 and 教育 apart, below the line
    groups = search_again(search_box, "主题教育")
    search_box.locator(".md-search-result__line").wait_for()
    lines = search_box.evaluate("""() => [...document.querySelectorAll(".md-search-result__item")].map(
        item => !!item.querySelector(".md-search-result__line"))""")
    assert lines.count(True) == 1 and 0 < lines.index(True) < len(groups), lines
    holding = {location.split("#")[0] for location, (title, text) in search_sections.items()
               if "主题教育" in (title + text).replace(" ", "")}
    pages = [site_path(g[0]).lstrip("/") for g in groups]
    above = lines.index(True)
    assert all(page in holding for page in pages[:above]), (pages, above)
    assert not any(page in holding for page in pages[above:]), (pages, above)
    assert "连在一起" in search_box.locator(".md-search-result__line").inner_text()
