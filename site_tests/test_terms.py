"""Linking terms and document titles in page HTML: where it may, and where it must not."""

from __future__ import annotations

import pytest

from generator.search.terms import DOCUMENTS_PAGE, GLOSSARY_PAGE, Annotator, Target

TARGETS = [
    Target("三下三帮", GLOSSARY_PAGE, "sanxia-sanbang", "资金下乡、资源下乡"),
    Target("双报到", GLOSSARY_PAGE, "shuangbaodao"),
    Target("双报到、双报告", GLOSSARY_PAGE, "shuang-baodao-baogao"),
    Target("党建+业务", GLOSSARY_PAGE, "jia", 'A <b>"B"</b> & C'),
    Target("甲条例", DOCUMENTS_PAGE, "doc-1", kind="doc"),
]


def annotate(html: str) -> str:
    urls = {GLOSSARY_PAGE: "../glossary/", DOCUMENTS_PAGE: "../documents/"}
    return Annotator(TARGETS).annotate(html, lambda t: urls[t.page] + "#" + t.anchor)


def test_a_term_in_text_links_to_its_entry_with_its_meaning():
    assert annotate("<p>开展“三下三帮”行动</p>") == (
        '<p>开展“<a class="gl-term" href="../glossary/#sanxia-sanbang" '
        'data-gl-tip="资金下乡、资源下乡">三下三帮</a>”行动</p>')


def test_a_term_without_meaning_is_a_plain_link_and_a_document_gets_its_class():
    assert annotate("<p>落实“双报到”和《甲条例》</p>") == (
        '<p>落实“<a class="gl-term" href="../glossary/#shuangbaodao">双报到</a>”和'
        '《<a class="gl-doc" href="../documents/#doc-1">甲条例</a>》</p>')


def test_the_longest_term_wins():
    out = annotate("<p>“双报到、双报告”制度</p>")
    assert 'href="../glossary/#shuang-baodao-baogao">双报到、双报告</a>' in out
    assert "#shuangbaodao" not in out


def test_the_meaning_is_escaped_in_its_attribute():
    out = annotate("<p>党建+业务</p>")
    assert 'data-gl-tip="A &lt;b&gt;&quot;B&quot;&lt;/b&gt; &amp; C"' in out


@pytest.mark.parametrize("html", [
    "<h2 id=\"x\">三下三帮</h2>",
    "<h3>第 9 条 <span>三下三帮</span></h3>",
    "<p><a href=\"#x\">三下三帮行动</a></p>",
    "<p><code>三下三帮</code></p>",
    "<pre><code>三下三帮\n</code></pre>",
    "<script>var s = '三下三帮 <p>'</script>",
    "<style>/* 三下三帮 */</style>",
    "<p class=\"admonition-title\">三下三帮</p>",
    "<p class=\"wx-badges\"><span class=\"wx-badge\">三下三帮</span></p>",
    "<!-- 三下三帮 -->",
    "<p title=\"三下三帮\">无</p>",
    "<img alt=\"三下三帮\" src=\"x.png\">",
])
def test_headings_links_code_markup_and_attributes_are_left_alone(html):
    assert annotate(html) == html


def test_first_use_in_each_section_only():
    html = ("<h2>一</h2><p>三下三帮，三下三帮</p><ul><li>三下三帮</li></ul>"
            "<h2>二</h2><p>再说三下三帮</p>")
    out = annotate(html)
    assert out.count('class="gl-term"') == 2
    assert out.index('class="gl-term"') < out.index("<h2>二</h2>") < out.rindex('class="gl-term"')


def test_text_after_skipped_elements_and_void_tags_is_linked():
    html = "<p><code>x</code>三下三帮<br>双报到<img src=\"a.png\"/>甲条例</p>"
    out = annotate(html)
    assert out.count("<a ") == 3
    assert out.startswith("<p><code>x</code><a ")


def test_an_unclosed_element_does_not_swallow_the_page():
    # A stray </a> or an unclosed <span> in hand-written HTML must not stop later links.
    out = annotate("<p><span>甲</p></a><p>三下三帮</p>")
    assert 'class="gl-term"' in out


def test_no_targets_leaves_the_page_as_it_is():
    html = "<p>三下三帮</p>"
    assert Annotator([]).annotate(html, lambda t: "") == html


def test_no_term_is_found_inside_an_entity_and_one_holding_an_ampersand_is():
    annotator = Annotator([Target("amp", GLOSSARY_PAGE, "amp"), Target("lt", GLOSSARY_PAGE, "lt"),
                           Target("A&B 工程", GLOSSARY_PAGE, "ab")])
    page = "<p>一 &amp; 二 &lt;三&gt; 推进 A&amp;B 工程</p>"
    out = annotator.annotate(page, lambda t: "#" + t.anchor)
    assert out == '<p>一 &amp; 二 &lt;三&gt; 推进 <a class="gl-term" href="#ab">A&amp;B 工程</a></p>'
    assert annotator.annotate("<p>&amp;&lt;</p>", lambda t: "#" + t.anchor) == "<p>&amp;&lt;</p>"
