"""The glossary: every quoted term of the 2023 plan, meanings only in the source's own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, seal_plans

from generator import pipeline
from generator.errors import DataErrors
from generator.model import glossary
from generator.model.validate import validate
from generator.source import loader

SOURCE = (FIXTURES / "workplan-2023-source.txt").read_text(encoding="utf-8")
PARAGRAPHS = [p.strip() for p in SOURCE.split("\n") if p.strip()]

# Quoted passages of the source that are the meaning of another quoted term, not terms:
# “原原本本学……比作风”的“五学五比”, “党建强……系统带基层”的“双强双带”.
QUOTED_MEANINGS = {
    "原原本本学、分层分类学、融会贯通学、集中宣讲学、创新方式学，比实干、比服务、比担当、比创新、比作风": "五学五比",
    "党建强、业务强，机关带系统、系统带基层": "双强双带",
}

# The terms the source itself spells out, read by hand from the source (point, or 0 for
# the overall requirement). Every other term has no meaning on the site.
EXPLAINED = {
    "五学五比": 2, "两大功能增强工程": 3, "四特五是否": 4, "双强双带": 7,
    "机关干部基层工作周": 8, "三下三帮": 9, "双函询": 20, "四个载体平台": 0,
}


def paragraph(number: int) -> str:
    """The source paragraph of point ``number``; 0 is the overall requirement."""
    if number == 0:
        return PARAGRAPHS[1]
    return next(p for p in PARAGRAPHS if re.match(rf"^{number}\.\s*", p))


@pytest.fixture(scope="module")
def catalog():
    return pipeline.load(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def terms(catalog) -> dict[str, glossary.Entry]:
    return {e.term.term: e for e in catalog.glossary}


def test_every_quoted_passage_is_a_term_or_the_meaning_of_one(terms):
    quoted = set(re.findall(r"“([^”]+)”", SOURCE))
    assert len(quoted) == 67
    for passage in quoted:
        if passage in QUOTED_MEANINGS:
            assert terms[QUOTED_MEANINGS[passage]].term.meaning == passage
        else:
            assert passage in terms, f"“{passage}” is not in data/glossary.yml"
    assert set(terms) <= quoted, "a glossary term the 2023 plan does not quote"


def test_meanings_are_the_source_words_of_the_point_they_cite(terms):
    explained = {t: e for t, e in terms.items() if e.term.meaning}
    assert {t: (e.source.number or 0) for t, e in explained.items()} == EXPLAINED
    for term, entry in explained.items():
        assert entry.term.meaning in paragraph(EXPLAINED[term]), term
        assert entry.term.meaning in SOURCE


@pytest.mark.parametrize("term", ["两个维护", "一展二评三选树", "四警六廉工程", "三会一课", "五型", "两癌"])
def test_terms_the_source_does_not_explain_have_no_meaning(terms, term):
    assert terms[term].term.meaning is None
    assert terms[term].uses, "still lists the points that use it"


def test_uses_are_every_point_quoting_the_term(terms):
    for term, entry in terms.items():
        quoting = {n for n in range(0, 26) if f"“{term}”" in paragraph(n)}
        used = {p.number or 0 for p in entry.uses}
        assert quoting <= used, term
    assert [p.number for p in terms["三下三帮"].uses] == [9]
    assert [p.number for p in terms["五型"].uses] == [None, 3, 24]


def test_related_terms_are_symmetric_and_include_the_same_point(terms):
    related = {t: {r.term for r in e.related} for t, e in terms.items()}
    for term, others in related.items():
        for other in others:
            assert term in related[other]
    assert {"四新任务", "五大战略"} <= related["三区建设"]
    assert "三下三帮" not in related["三下三帮"]


def test_ids_are_unique_and_categories_cover_all(catalog):
    ids = [e.id for e in catalog.glossary]
    assert len(ids) == len(set(ids)) == 65
    assert {e.term.category for e in catalog.glossary} == set(glossary.Category)


# ---- editors' mistakes -------------------------------------------------------------

PLAN = """year: 2023
title: 要点
overall: 发挥“甲乙丙”的作用，推进“三个一”工作。
sections:
  - numeral: 一
    title: 第一部分
    points:
      - number: 1
        title: 开展“双学”活动
        text: 以学理论、学业务的“双学”活动为载体。
"""


def load_with(tmp_path: Path, glossary_text: str):
    data = tmp_path / "data"
    (data / "workplans").mkdir(parents=True)
    (data / "workplans" / "2023.yml").write_text(PLAN, encoding="utf-8")
    (data / "glossary.yml").write_text(glossary_text, encoding="utf-8")
    seal_plans(data)
    return data


def problems(tmp_path: Path, glossary_text: str) -> list[str]:
    data = load_with(tmp_path, glossary_text)
    try:
        pipeline.load(data, tmp_path)
    except DataErrors as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_meaning_not_in_the_source_is_refused(tmp_path):
    text = """terms:
  - id: shuangxue
    term: 双学
    category: 活动与工程
    meaning: 学理论和学业务
    meaning_from: 2023-1
"""
    assert problems(tmp_path, text) == [
        "data/glossary.yml:5:14: terms[0].meaning: 释义与2023 年第 1 条的原文不一致：释义只能逐字摘自原文（标点也要一致）；"
        "原文没有解释的，请删去 meaning 和 meaning_from。"]


def test_a_verbatim_meaning_is_accepted_and_its_place_linked(tmp_path):
    text = """terms:
  - id: shuangxue
    term: 双学
    category: 活动与工程
    meaning: 学理论、学业务
    meaning_from: 2023-1
  - id: sange-yi
    term: 三个一
    category: 目标与提法
"""
    assert problems(tmp_path, text) == []
    catalog = pipeline.load(tmp_path / "data", tmp_path)
    first, second = catalog.glossary
    assert first.source.label == "2023 年第 1 条" and [p.number for p in first.uses] == [1]
    assert second.term.meaning is None and [p.label for p in second.uses] == ["2023 年总体要求"]


def test_a_meaning_needs_its_place(tmp_path):
    text = """terms:
  - id: shuangxue
    term: 双学
    category: 活动与工程
    meaning: 学理论、学业务
"""
    assert problems(tmp_path, text) == [
        "data/glossary.yml:2:5: terms[0]: meaning 和 meaning_from 要么都填、要么都不填：释义必须注明出自哪一年第几条原文。"]


def test_schema_mistakes_are_reported_together(tmp_path):
    text = """terms:
  - id: shuangxue
    term: 双学
    category: 活动
  - id: Shuang
    term: “双学”
    category: 目标与提法
"""
    assert problems(tmp_path, text) == [
        "data/glossary.yml:4:15: terms[0].category: “活动”不是可选的值：只能是 政治要求、活动与工程、制度与机制、目标与提法 之一。是不是想写“活动与工程”？",
        "data/glossary.yml:5:9: terms[1].id: “Shuang”格式不对：只能用小写英文字母、数字和连字符（-），例如 jiguan-first。",
        "data/glossary.yml:6:11: terms[1].term: 提法不要带引号，也不要换行：只写原文引号里面的文字。",
    ]


def test_cross_checks_name_the_line_and_the_fix(tmp_path):
    text = """terms:
  - id: shuangxue
    term: 双学
    category: 活动与工程
  - id: jiayibing
    term: 甲乙丙
    category: 目标与提法
    meaning: 作用
    meaning_from: 2023-9
    related: [shuangxue, yi-ge, jiayibing]
  - id: shuangxue
    term: 双学
    category: 目标与提法
"""
    assert problems(tmp_path, text) == [
        "data/glossary.yml:9:19: terms[1].meaning_from: 找不到“2023-9”：请写成“年份-序号”或“年份-总体要求”，现有：2023（1-1）。",
        "data/glossary.yml:10:26: terms[1].related[1]: 未知的词条“yi-ge”：请填写本文件中某个词条的 id。",
        "data/glossary.yml:10:33: terms[1].related[2]: 不能把词条自己列为相关提法：请删去这一项。",
        "data/glossary.yml:11:9: terms[2].id: 标识“shuangxue”重复：第 2 行已有，请合并为一个词条。",
        "data/glossary.yml:12:11: terms[2].term: 提法“双学”重复：第 3 行已有，请合并为一个词条。",
    ]


def test_glossary_file_is_optional(tmp_path):
    data = load_with(tmp_path, "terms: []\n")
    (data / "glossary.yml").unlink()
    catalog = pipeline.load(data, tmp_path)
    assert catalog.glossary == []
    page = pipeline.render(catalog)["glossary/index.md"]
    assert "暂无词条" in page


def test_term_model_schema_is_described_in_chinese():
    schema = glossary.GlossaryFile.model_json_schema()
    term = schema["$defs"]["Term"]["properties"]
    assert term["meaning"]["title"] == "释义"
    assert "逐字摘自原文" in term["meaning"]["description"]


def test_loader_source_positions_are_used(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - id: a\n    term: 甲\n    category: 政治要求\n    extra: 1\n", encoding="utf-8")
    _, found = validate(glossary.GlossaryFile, loader.read_yaml(path, tmp_path))
    assert [str(p) for p in found] == [
        "glossary.yml:5:5: terms[0].extra: 未知字段“extra”：可用的字段有：category, id, meaning, meaning_from, related, term。"]


@pytest.mark.parametrize("term", ["的", " ", "amp", "lt", "a", "机关", " 三下三帮", "三下三帮 "])
def test_a_term_the_plan_does_not_quote_cannot_be_linked_on_every_page(tmp_path, term):
    """A glossary term is linked wherever it occurs: a word, a space or an entity's name would
    be linked (and break) on page after page, so only what the plan puts inside “” qualifies."""
    text = f'terms:\n  - id: ruoci\n    term: "{term}"\n    category: 目标与提法\n'
    found = problems(tmp_path, text)
    assert any(p.startswith("data/glossary.yml:3:") and "terms[0].term" in p for p in found), found


def test_a_term_inside_a_quoted_passage_is_accepted(tmp_path):
    text = "terms:\n  - id: jiayi\n    term: 甲乙\n    category: 活动与工程\n"  # inside “甲乙丙”
    assert problems(tmp_path, text) == []


def test_each_term_shows_the_sentences_it_occurs_in_verbatim(terms):
    for term, entry in terms.items():
        found = glossary.excerpts(entry)
        assert found, term  # every term is quoted somewhere, so it has a sentence
        assert len(found) <= glossary.QUOTES
        for q in found:
            words = q.before + q.term + q.after
            assert q.term == term and words in paragraph(q.place.number or 0), (term, words)
            # Uncut, it is a whole sentence: it ends with the sentence's mark and starts one.
            if not q.cut_after:
                assert words[-1] in "。！？", (term, words)
            else:
                assert len(words) < glossary.LONG
            if not q.cut_before:
                source = paragraph(q.place.number or 0)
                before = source[:source.index(words)]
                assert before == "" or before[-1] in "。！？" or re.fullmatch(r"\d+\.\s*", before), (term, before)


def test_a_long_sentence_is_cut_to_the_clause_holding_the_term(terms):
    (q,) = glossary.excerpts(terms["四个自信"])
    assert (q.cut_before, q.before, q.after, q.cut_after) == (True, "增强“四个意识”、坚定“", "”、做到“两个维护”", True)


def test_the_glossary_page_quotes_and_keeps_its_labels_apart(catalog):
    import markdown
    from bs4 import BeautifulSoup

    page = pipeline.render(catalog)["glossary/index.md"]
    assert "原文没有解释" not in page
    html = BeautifulSoup(markdown.markdown(page.split("---", 2)[2], extensions=["attr_list"]), "html.parser")
    labels = ("原文：", "另见：", "用到的要点：", "用到它的展示：", "相关提法：")
    headings = html.select("h3")
    assert len(headings) == len(catalog.glossary)
    for h3 in headings:
        found = []
        for p in h3.find_next_siblings():
            if p.name != "p":
                if p.name in ("h2", "h3"):
                    break
                continue
            text = p.get_text()
            found.append(next(label for label in labels if text.startswith(label)))
            assert sum(text.count(label) for label in labels) == 1, text  # one label to a paragraph
        assert found[0] == "原文：" and found == sorted(found, key=labels.index), (h3.get_text(), found)
    sanxia = next(p.get_text() for p in html.find(id="sanxia-sanbang").find_next_siblings("p"))
    assert sanxia.startswith("原文：") and "“三下三帮”" in sanxia and "（2023 年第 9 条）" in sanxia
