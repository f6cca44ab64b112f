"""The built site: glossary and documents pages, term links on every page, the search index."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from generator import pipeline


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def catalog():
    return pipeline.load(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def plan_page(built_site):
    return soup_of(built_site, "workplan/2023")


def test_glossary_page_has_one_anchored_heading_per_term(built_site, catalog):
    page = soup_of(built_site, "glossary")
    for entry in catalog.glossary:
        heading = page.find(id=entry.id)
        assert heading is not None and heading.name == "h3", entry.id
        assert heading.get_text().startswith(entry.term.term)
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")] == [
        "政治要求", "活动与工程", "制度与机制", "目标与提法"]


def test_glossary_entry_quotes_its_meaning_and_links_the_points(built_site):
    page = soup_of(built_site, "glossary")
    entry = page.find(id="sanxia-sanbang").find_next("blockquote")
    assert "资金下乡、资源下乡、人员下乡和帮产业发展、帮素质提升、帮支部建设" in entry.get_text()
    assert entry.find("a", href="../workplan/2023/#point-9").get_text() == "2023 年第 9 条"
    # A term the plan does not explain shows the plan's own sentence that uses it, verbatim.
    unexplained = page.find(id="yizhan-erping-sanxuanshu").find_next("p")
    label, _, quoted = unexplained.get_text().partition("：")
    sentence = quoted.rsplit("（", 1)[0]
    assert label == "原文" and "一展二评三选树" in sentence
    assert sentence in (ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8")
    assert unexplained.find("a", href="../workplan/2023/#point-20") is not None


def section_links(page: BeautifulSoup, anchor: str) -> set[str]:
    """Targets of the term links between the heading ``anchor`` and the next heading."""
    out = set()
    for node in page.find(id=anchor).find_all_next():
        if node.name in ("h1", "h2", "h3"):
            break
        if node.name == "a" and "gl-term" in node.get("class", []):
            out.add(node["href"].rsplit("#", 1)[1])
    return out


def test_each_work_point_links_the_terms_it_quotes(plan_page, catalog):
    ids = {e.term.term: e.id for e in catalog.glossary}
    checked = 0
    for _, point in catalog.workplans[2023].points():
        # A term inside a cited title (《…“term”…》) is part of that document's link instead.
        text = re.sub(r"《[^》]*》", "", point.text)
        quoted = {ids[t] for t in re.findall(r"“([^”]+)”", text) if t in ids}
        assert quoted <= section_links(plan_page, f"point-{point.number}"), point.number
        checked += len(quoted)
    assert checked > 50


def test_a_tooltip_carries_the_source_meaning(plan_page):
    link = plan_page.find("a", class_="gl-term", href="../../glossary/#sanxia-sanbang")
    assert link.get_text() == "三下三帮"
    assert link["data-gl-tip"] == "资金下乡、资源下乡、人员下乡和帮产业发展、帮素质提升、帮支部建设"
    no_meaning = plan_page.find("a", class_="gl-term", href="../../glossary/#liangge-weihu")
    assert no_meaning is not None and not no_meaning.has_attr("data-gl-tip")


def test_cited_documents_link_both_ways(built_site, plan_page, catalog):
    docs = soup_of(built_site, "documents")
    for doc in catalog.documents:
        heading = docs.find(id=doc.id)
        assert heading.get_text().startswith(f"《{doc.title}》")
        cites = heading.find_next(lambda tag: tag.name == "p" and tag.get_text().startswith("引用它的要点"))
        assert [a["href"] for a in cites.find_all("a")] == [
            f"../workplan/2023/#point-{place.number}" for place in doc.places]
        link = plan_page.find("a", class_="gl-doc", href=f"../../documents/#{doc.id}")
        assert link is not None and link.get_text() == doc.title, doc.title
        assert link.find_parent("h3") is None


def test_no_link_is_added_inside_headings_links_or_code(built_site):
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.gl-term, a.gl-doc"):
            assert a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre"]) is None, page


def test_terms_are_linked_on_hand_written_and_entry_pages(built_site):
    home = soup_of(built_site, ".")
    assert home.select_one("article a.gl-term[href='glossary/#sanxia-sanbang']") is not None
    entry = soup_of(built_site, "innovations/nongye-sanxia-sanbang-qingdan")
    assert entry.select("article a.gl-term"), "entry pages get term links too"


def test_every_term_link_points_at_an_existing_anchor(built_site):
    anchors = {}
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        base = "http://site/" + page.relative_to(built_site).as_posix()
        for a in soup.select("a.gl-term, a.gl-doc"):
            url, fragment = urldefrag(urljoin(base, a["href"]))
            target = built_site / url[len("http://site/"):] / "index.html"
            if target not in anchors:
                anchors[target] = {t["id"] for t in BeautifulSoup(target.read_text(encoding="utf-8"),
                                                                  "html.parser").select("[id]")}
            assert fragment in anchors[target], (page, a["href"])


def test_search_index_is_utf8_not_escaped(built_site):
    from generator.search import pieces

    folder = built_site / "search"
    names = [p.relative_to(folder).with_suffix("").as_posix() for p in [*folder.glob("meta/*.bin"), *folder.glob("t/*.bin")]]
    files = [(folder / "search_index.json").read_bytes(), *(pieces.read(folder, name) for name in names)]
    assert any(name.startswith("meta/") for name in names) and any(name.startswith("t/") for name in names)
    # Nothing escaped but the control characters JSON must escape (U+001F ends a section's
    # running text) and the zero-width space.
    for data in files:
        assert not re.search(rb"\\u(?!00[01][0-9a-fA-F]|200b)[0-9a-fA-F]{4}", data), data[:80]
    texts = b"".join(files)
    assert "三下三帮".encode() in texts and "林晓岚".encode() in texts


def test_slogans_and_names_are_found_whole_in_the_index(find_phrase):
    # Each as one phrase, its characters at consecutive places: never cut the way a word
    # segmenter would (jieba alone: 三下|三|帮, 一|支部|一|品牌).
    assert "workplan/2023/#point-9" in find_phrase("三下三帮")
    assert "workplan/2023/#point-10" in find_phrase("一支部一品牌")
    assert "workplan/2023/#point-16" in find_phrase("四警六廉工程")
    assert any(location.startswith("members/lin-xiaolan/") for location in find_phrase("林晓岚"))
    assert find_phrase("三帮三下") == set()
