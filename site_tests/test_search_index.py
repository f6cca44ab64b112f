"""The search index in pieces: how it is cut into sections, keys, shards and chunks."""

from __future__ import annotations

import json

import pytest
from conftest import read_shard, read_varint

from generator.search import pieces
from generator.search import writer as search_index
from generator.search.sections import sections


def test_fold_keeps_length_and_folds_width_and_case():
    assert search_index.fold("ＡＢＣ１２３　MkDocs 党建") == "abc123 mkdocs 党建"
    assert len(search_index.fold("全角：ＡＢ")) == len("全角：ＡＢ")


def test_keys_are_bigrams_of_chinese_runs_and_words():
    assert list(search_index.keys("五学五比，2023年mkdocs")) == [
        ("五学", 0), ("学五", 1), ("五比", 2), ("2023", 5), ("mkdocs", 10)]
    assert list(search_index.keys("党")) == []  # a lone character has no bigram: titles answer it


def test_varints_round_trip():
    values = [0, 1, 127, 128, 16383, 16384, 2**31]
    data, pos, back = search_index.varints(values), 0, []
    for _ in values:
        value, pos = read_varint(data, pos)
        back.append(value)
    assert back == values and pos == len(data)


def test_sections_split_at_headings_and_keep_plain_text():
    html = ('<h1 id="t">品牌<a class="headerlink" href="#t">¶</a></h1><p>导语<strong>加粗</strong></p>'
            '<table><tr><td>所属党支部</td><td>第一党支部</td></tr></table>'
            '<h2 id="bg">创建背景</h2><p>背景&amp;说明</p><div data-search-exclude><p>不索引</p></div>'
            '<script>var x = "不索引";</script><h3 id="x">空节</h3>')
    got = [(s.anchor, s.title, s.text) for s in sections(html, "页面")]
    # the table's rows follow the running text, after PROSE_END: found, never an excerpt
    assert got == [("", "品牌", "导语加粗\x1f所属党支部 第一党支部"), ("bg", "创建背景", "背景&说明"), ("x", "空节", "")]


def test_written_index_finds_every_occurrence(tmp_path):
    index = search_index.SearchIndex()
    index.add_page("a/", "甲", "<h1 id='a'>甲</h1><p>乡村振兴和乡村振兴</p>")
    index.add_page("b/", "乙", "<h1 id='b'>乙</h1><p>振兴乡村</p><h2 id='c'>丙</h2><p>MkDocs 乡村</p>", tags=["服务型"])
    config = search_index.replace_index(index, tmp_path)
    manifest = json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == [] and manifest["config"]["showcase"] == config
    meta = pieces.read_meta(tmp_path)
    assert meta["pages"] == [["a/", [], 1, 0, 0], ["b/", ["服务型"], 1, 0, 0]]
    assert [d[:3] for d in meta["docs"]] == [[0, "", "甲"], [1, "", "乙"], [1, "c", "丙"]]
    postings = {}
    for shard in range(config["shards"]):
        postings.update(read_shard(pieces.read(tmp_path, f"p/{shard}"), tmp_path))
    # the corpus: "乡村振兴和乡村振兴\n振兴乡村\nmkdocs 乡村" (texts folded, one per section)
    assert postings["乡村"] == [0, 5, 12, 22]
    assert postings["振兴"] == [2, 7, 10]
    assert postings["mkdocs"] == [15]
    assert "兴和" in postings and "兴\n" not in postings and "兴振" not in postings
    assert all(search_index.shard_of(key, config["shards"]) == shard
               for shard in range(config["shards"])
               for key in read_shard(pieces.read(tmp_path, f"p/{shard}"), tmp_path))


def test_fold_turns_traditional_characters_into_simplified_ones():
    assert search_index.fold("主題教育、黨建為民、後來") == "主题教育、党建为民、后来"
    assert search_index.fold("裡裏") == "里里"  # a Taiwan variant, then OpenCC's standard form
    # simplified text folds to itself, also where a simplified character is an old form too
    text = "主题教育、什么、台湾、才干、干部"
    assert search_index.fold(text) == text


def test_traditional_table_comes_from_opencc_and_keeps_every_length():
    from generator.search import traditional as simplified

    table = simplified.table()
    assert len(table) > 2500  # OpenCC's TSCharacters, not a hand list
    assert all(len(t) == len(s) == 1 and ord(t) < 0x10000 and ord(s) < 0x10000 for t, s in table.items())
    assert not set(table.values()) & set(table), "folding twice changes nothing"


def test_fold_table_is_written_beside_the_index_for_the_browser(tmp_path):
    index = search_index.SearchIndex()
    index.add_page("a/", "甲", "<p>主題教育</p>")
    config = search_index.replace_index(index, tmp_path)
    from generator.search import traditional

    table = pieces.read_fold(pieces.read(tmp_path, "fold"))
    assert table["題"] == "题" and table == traditional.table()
    assert config["format"] == 6
    postings = read_shard(pieces.read(tmp_path, "p/0"), tmp_path)
    assert postings["主题"] == [0] and "主題" not in postings  # indexed folded


def test_sections_leave_out_badges_chips_and_admonition_titles():
    html = ('<h3 id="point-1">1. 主题教育</h3>'
            '<p class="wx-badges"><span class="wx-badge wx-political">政治型</span></p><p>把开展主题教育作为任务。</p>'
            '<div class="admonition warning"><p class="admonition-title">注意</p><p>以此为准。</p></div>'
            '<div class="admonition warning sample-notice"><p class="admonition-title">示例</p><p>本页为示例内容。</p></div>'
            '<ul><li><strong><a href="x/">红色书香</a></strong> <span class="sample-tag">示例</span> 说明</li></ul>'
            '<div class="entry-facts"><dl><dt>所属单位</dt><dd>示例市政务服务局</dd></dl></div>'
            '<table><thead><tr><th>项目</th><th>内容</th></tr></thead><tbody><tr><td>年份</td><td>2022</td></tr></tbody></table>')
    (_, point), = [(s.anchor, s.text) for s in sections(html, "页面") if s.anchor]
    # the sample notice nowhere; facts and table rows after the running text (PROSE_END)
    assert point == "把开展主题教育作为任务。 以此为准。 红色书香 说明\x1f所属单位 示例市政务服务局 年份 2022"


def test_the_index_as_scripts_hands_over_the_same_pieces_and_nothing_else(tmp_path):
    """The offline folder's index: each piece a script calling __showcaseSearch with its name
    and the piece's file bytes in base64, which node runs here as a browser would; no file the
    browser cannot load from the disk is written, and the manifest is also the script Material
    loads there."""
    import base64
    import shutil
    import subprocess

    import pytest

    def index():
        made = search_index.SearchIndex()
        made.add_page("a.html", "甲", "<h1 id='a'>甲</h1><p>乡村振兴\u2028和“引号”\\反斜杠</p>")
        made.add_page("b.html", "乙", "<p>振兴乡村 MkDocs</p>", tags=["服务型"])
        return made

    files, scripts = tmp_path / "files", tmp_path / "scripts"
    plain = search_index.replace_index(index(), files)
    config = search_index.replace_index(index(), scripts, scripts=True)
    assert config == {**plain, "scripts": True}  # the same version: the same data
    written = sorted(p.relative_to(scripts).as_posix() for p in scripts.rglob("*") if p.is_file())
    pieces_written = sorted(p.relative_to(files).with_suffix(".js").as_posix() for p in files.rglob("*")
                            if p.is_file() and p.name != "search_index.json")
    assert all(p.endswith(".bin") for p in map(str, files.rglob("*.*")) if not p.endswith("search_index.json"))
    assert written == sorted([*pieces_written, "search_index.js", "search_index.json"])
    if shutil.which("node") is None:
        pytest.skip("node runs the scripts as a browser would: apt-get install nodejs")
    run = """const fs = require("fs"), got = {};
        globalThis.__showcaseSearch = (name, content) => { got[name] = content; };
        for (const file of process.argv.slice(1)) eval(fs.readFileSync(file, "utf8"));
        eval(fs.readFileSync(process.argv[1].replace(/meta\\/0\\.js$/, "search_index.js"), "utf8") + "; got.__index = __index;");
        console.log(JSON.stringify(got));"""
    names = [p for p in written if p.endswith(".js") and p != "search_index.js"]
    names.sort(key=lambda p: p != "meta/0.js")  # first: the script finds search_index.js beside it
    out = subprocess.run(["node", "-e", run, *[str(scripts / p) for p in names]], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    manifest = got.pop("__index")
    assert manifest == json.loads((scripts / "search_index.json").read_text(encoding="utf-8"))
    assert manifest["config"]["showcase"] == config and manifest["docs"] == []
    for name in names:
        key = name.removesuffix(".js")
        assert base64.b64decode(got.pop(key)) == (files / f"{key}.bin").read_bytes(), key
        assert pieces.read(scripts, key) == pieces.read(files, key), key
    assert got == {}
    assert "和“引号”\\反斜杠" in pieces.read_json(scripts, "t/0")[0]


def synthetic_index(folder, pages: int) -> dict:
    """An index of ``pages`` pages of three sections each, of varied Chinese text; returns
    the bytes of its files by piece kind (``meta``, ``t``, ``p``, ``fold``)."""
    import random

    chars = "党建工作机关支部落实组织建设员开展基层干部活动书记政治教育服务加强委的深入单位贯彻精神学习主题乡村振兴五比"
    rng = random.Random(pages)
    made = search_index.SearchIndex()
    for n in range(pages):
        body = "".join(f'<h2 id="s{k}">第{k}节{n}</h2><p>{"".join(rng.choices(chars, k=60))}</p>' for k in range(3))
        made.add_page(f"entries/e{n}/", f"条目{n}" + "".join(rng.choices(chars, k=8)), body, tags=["服务型"])
    search_index.replace_index(made, folder)
    sizes: dict = {}
    for path in folder.rglob("*.bin"):
        kind = path.relative_to(folder).parts[0].removesuffix(".bin")
        sizes.setdefault(kind, []).append(path.stat().st_size)
    return sizes


def test_no_index_file_grows_with_the_number_of_pages(tmp_path, monkeypatch):
    """Whatever every query needs (the meta pieces) and what excerpts need (the text chunks)
    come in pieces of a bounded size: four times the pages make four times the pieces, not
    bigger ones. Small limits make the pieces many at a test's size."""
    import statistics

    monkeypatch.setattr(search_index, "META_DOCS", 150)
    monkeypatch.setattr(search_index, "SHARD_TARGET", 2048)
    small, large = synthetic_index(tmp_path / "small", 200), synthetic_index(tmp_path / "large", 800)
    for kind in ("meta", "t"):
        assert len(large[kind]) >= 3.5 * len(small[kind]) and len(small[kind]) >= 3, kind
        assert max(large[kind]) <= 1.25 * max(small[kind]), (kind, max(small[kind]), max(large[kind]))
    assert large["fold"] == small["fold"]
    # Shards: their number doubles as the postings grow, so a typical one stays near the target
    # (one key's postings alone still grow with the pages that hold it).
    assert statistics.median(large["p"]) <= 1.25 * statistics.median(small["p"])
    assert len(large["p"]) >= 2 * len(small["p"])


def test_every_piece_is_stored_compressed(tmp_path):
    sizes = synthetic_index(tmp_path, 200)
    for kind in ("meta", "t"):
        name = f"{kind}/0"
        assert (tmp_path / f"{name}.bin").stat().st_size < 0.7 * len(pieces.read(tmp_path, name)), kind
    assert sizes["fold"] == [len(pieces.pack(search_index.fold_table()))]


def test_a_title_many_sections_share_is_stored_once_in_a_meta_piece(tmp_path):
    made = search_index.SearchIndex()
    for n in range(4):
        made.add_page(f"p{n}/", f"页{n}", f'<p>正文{n}</p><h2 id="r">相关阅读</h2><p>链接{n}</p><h2 id="x">小节{n % 2}</h2><p>又{n}</p>')
    search_index.replace_index(made, tmp_path)
    piece = pieces.read_json(tmp_path, "meta/0")
    assert piece["common"] == ["相关阅读"]  # 小节0 and 小节1 come twice each: written out
    assert piece["titles"][:3] == ["页0", 0, "小节0"]
    assert [d[2] for d in pieces.read_meta(tmp_path)["docs"]][:6] == ["页0", "相关阅读", "小节0", "页1", "相关阅读", "小节1"]


def test_the_sites_engine_is_also_a_compressed_piece_and_not_offline(tmp_path):
    """Hosts send a script as it is: the engine is also written as the piece ``engine``, which
    the worker inflates in its place; it is part of the version, so a new engine is never
    answered from an old cache. The offline folder loads scripts only and gets no such piece."""
    engine = tmp_path / "site" / search_index.ENGINE
    engine.parent.mkdir(parents=True)
    engine.write_text("self.searchEngine = {};  // 引擎\n", encoding="utf-8")

    def write(scripts: bool = False) -> dict:
        made = search_index.SearchIndex()
        made.add_page("a/", "甲", "<p>乡村振兴</p>")
        return search_index.replace_index(made, tmp_path / "site" / "search", scripts=scripts)

    config = write()
    assert config["engine"] is True
    assert pieces.read(tmp_path / "site" / "search", "engine") == engine.read_bytes()
    engine.write_text("self.searchEngine = {v: 2};\n", encoding="utf-8")
    assert write()["version"] != config["version"]
    offline = write(scripts=True)
    assert "engine" not in offline
    assert not (tmp_path / "site" / "search" / "engine.js").exists()


def test_a_common_keys_offsets_go_to_blocks_and_its_shard_keeps_its_docs(tmp_path):
    """A key whose postings pass ``common_bytes`` keeps in its shard only the docs that hold it
    (a query for it alone needs no more); its offsets are in blocks of whole docs, which give
    back every offset the plain index has."""
    from generator.search import postings

    def index(**limits) -> search_index.SearchIndex:
        made = search_index.SearchIndex(**limits)
        for n in range(6):
            made.add_page(f"p{n}/", f"页{n}", f"<p>{'工作，' * (n + 1)}其他{n}</p><h2 id='x'>小节</h2><p>无关</p>")
        return made

    plain, split = tmp_path / "plain", tmp_path / "split"
    a = search_index.replace_index(index(), plain)
    b = search_index.replace_index(index(common_bytes=8, block_bytes=4), split)
    assert a["shards"] == b["shards"] == 1
    expected = read_shard(pieces.read(plain, "p/0"), plain)
    assert not (plain / "c").exists()
    assert read_shard(pieces.read(split, "p/0"), split) == expected
    assert len(list((split / "c").iterdir())) >= 2  # 工作's offsets, cut at docs
    docs = postings.read_shard(pieces.read(split, "p/0"))  # without blocks: a common key's docs
    assert docs["工作"] == [0, 2, 4, 6, 8, 10]  # each page's own part, not its 小节
    assert docs["其他"] == expected["其他"]  # six offsets: under 8 bytes, not common


def test_the_related_reading_heading_is_no_section_of_its_own(tmp_path):
    """Related reading lists other pages and is not indexed; its heading alone made a quarter of
    the sections at 5,000 entries, each downloaded with the meta pieces and found by nothing."""
    made = search_index.SearchIndex()
    made.add_page("a/", "甲", '<p>正文</p><h2 id="more">发言</h2><h2 id="related">相关阅读</h2>'
                  '<div class="related-reading"><p><a href="../b/">乙页</a></p></div>')
    search_index.replace_index(made, tmp_path)
    docs = pieces.read_meta(tmp_path)["docs"]
    assert [(d[1], d[2]) for d in docs] == [("", "甲"), ("more", "发言")]  # a heading of no text stays: its title is found


def test_a_cancelled_write_leaves_the_index_as_it_was(tmp_path):
    """A preview gives up writing an index once a newer save starts a build, while it computes
    or part way through its pieces: the index already there stays whole, nothing is left aside."""
    def second() -> search_index.SearchIndex:
        made = search_index.SearchIndex()
        made.add_page("b/", "乙", "<h1 id='b'>乙</h1><p>机关党建</p><h2 id='c'>丙</h2><p>基层组织</p>")
        return made

    asked: list[bool] = []
    search_index.replace_index(second(), tmp_path / "count", cancelled=lambda: asked.append(False) or False)
    assert len(asked) > 3  # asked while computing and before each piece
    first = search_index.SearchIndex()
    first.add_page("a/", "甲", "<h1 id='a'>甲</h1><p>乡村振兴</p>")
    folder = tmp_path / "search"
    search_index.replace_index(first, folder)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    for after in range(len(asked)):
        calls = iter(range(len(asked) + 1))
        with pytest.raises(search_index.Cancelled):
            search_index.replace_index(second(), folder, cancelled=lambda after=after, calls=calls: next(calls) >= after)
        assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before, after
    config = search_index.replace_index(second(), folder, cancelled=lambda: False)  # not cancelled: written
    assert config["docs"] == 2 and not (folder / search_index.STAGING).exists()
    assert pieces.read_meta(folder)["pages"][0][0] == "b/"


def test_the_engine_piece_empties_the_lines_that_are_only_comment():
    script = b'/* What it does,\n   on two lines. */\nconst a = "//x";  // kept\n  // gone\nf(); /* kept */\n/* one line */\n'
    piece = search_index.engine_piece(script)
    assert piece == b'\n\nconst a = "//x";  // kept\n\nf(); /* kept */\n\n'
    assert piece.count(b"\n") == script.count(b"\n"), "an error's line number stays true"
    # Not the lines expected: code after a comment that closes, a comment that never closes.
    for odd in (b"/* a */ f();\n", b"/* a\n b */ f();\n", b"/* never closed\nf();\n", b"/* a */ f(); /* b */\n",
                b"/* a\n b */ f(); /* c */\n"):
        assert search_index.engine_piece(odd) == odd
