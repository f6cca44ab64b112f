"""The jieba user dictionary made from the data, and the UTF-8 search index."""

from __future__ import annotations

import json

import jieba

from conftest import ROOT
from generator import pipeline, search


def test_dictionary_holds_terms_titles_and_names_as_han_runs():
    words = search.dictionary_words(pipeline.load(ROOT / "data", ROOT))
    assert {"三下三帮", "一支部一品牌", "四警六廉工程"} <= set(words)            # glossary terms
    assert {"中国共产党支部工作条例", "试行"} <= set(words)                      # a title's runs
    assert {"示例市数据资源管理局", "第一党支部", "综合窗口"} <= set(words)      # unit, branch
    assert {"红色服务驿站", "林晓岚", "韩立新"} <= set(words)                    # brand, member, speaker
    assert "以支部品牌促进党建业务融合" not in words                           # a forum's theme
    assert all(len(w) >= 2 and not any(c in w for c in "（）“”《》、，·0123456789") for w in words)
    assert words == sorted(set(words))


def test_dictionary_keeps_a_configured_user_dictionary_first():
    text = search.user_dictionary(["三下三帮", "林晓岚"], extra="自定义词 10 n\n\n")
    assert text == "自定义词 10 n\n三下三帮\n林晓岚\n"


def test_jieba_keeps_dictionary_words_whole(tmp_path):
    path = tmp_path / "user.txt"
    path.write_text(search.user_dictionary(["三下三帮", "一支部一品牌"]), encoding="utf-8")
    before = list(jieba.Tokenizer().cut("开展三下三帮和一支部一品牌"))
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(path))
    after = list(tokenizer.cut("开展三下三帮和一支部一品牌"))
    assert "三下三帮" not in before and "三下三帮" in after
    assert "一支部一品牌" in after


def test_index_is_rewritten_as_utf8_with_the_same_content(tmp_path):
    data = {"config": {"separator": "[\\s\\u200b]+"}, "docs": [{"location": "a/", "title": "三下三帮",
                                                               "text": "资金\u200b下乡 <p>&amp;</p>"}]}
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="ascii")
    before, after = search.write_utf8(path)
    raw = path.read_bytes()
    assert (before, after) == (len(json.dumps(data, separators=(",", ":"))), len(raw))
    assert "三下三帮".encode("utf-8") in raw and b"\\u" not in raw.split(b'"docs"')[1]
    assert json.loads(raw) == data
    assert after < before
