"""content/ is written by editors too: its pages and files meet the rules data meets.

Each hostile case is a pull request an editor could open: it is refused by ``check`` at its file
and line with a Chinese message, or built and inert. The Markdown cases also hold the checker to
the renderer: however a link, a heading or an element is written, if the page would have it,
``check`` sees it.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, build_project

from generator import pipeline
from generator.errors import DataErrors
from generator.model import rendered
from generator.model.links import links
from generator.model.rendered import markdown_problem

sys.path.insert(0, str(ROOT / "bench"))
import pathological  # noqa: E402  (bench/pathological.py)


def project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the shipped data and content: (data, content). Its photos are small JPEGs of
    the same names: these tests are about pages, and decoding every full-size photo on each of
    their loads was most of their time (the photos themselves are checked in test_pictures)."""
    data, content = tmp_path / "data", tmp_path / "content"
    shutil.copytree(ROOT / "data", data, copy_function=_small_photos)
    shutil.copytree(ROOT / "content", content)
    return data, content


@functools.cache
def _small_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (180, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def _small_photos(source: str, target: str) -> None:
    if source.lower().endswith((".jpg", ".jpeg")):
        Path(target).write_bytes(_small_jpeg())
    else:
        shutil.copy2(source, target)


def problems(data: Path, content: Path) -> list[str]:
    try:
        pipeline.load(data, data.parent, content_dir=content)
    except DataErrors as exc:
        return [str(p) for p in exc.problems]
    return []


def write(folder: Path, name: str, text: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


ABOUT = "---\ntitle: 关于本站\n---\n\n# 关于本站\n\n本站由机关党委主办。\n\n{line}\n"

# (what the editor adds on line 9 of content/about.md, what the message must name)
HOSTILE_LINES = [
    ("<script>alert(1)</script>", "<script>"),
    ('<img src="x" onerror="alert(1)">', "<img>"),
    ('<iframe src="http://example.org/"></iframe>', "<iframe>"),
    ('<form action="http://example.org/"><input type="password"></form>', "<form>"),
    ("<svg><script>alert(1)</script></svg>", "<svg>"),
    ("``<script>alert(1)</script>` 反引号没有成对", "<script>"),
    ("[点这里](javascript:alert(1))", "javascript:"),
    ("[点这里](jav&#x09;ascript:alert(1))", "javascript:"),
    ("<!-- 隐藏的说明 -->", "注释"),
    ("段落 {: onclick=\"alert(1)\" }", "属性写法"),
    ("[外面](../../etc/passwd.md)", "content/ 以外"),
    ("[品牌](brand:not-there)", "not-there"),
    ("![图](media/../../outside.png)", ".."),
]


@pytest.mark.parametrize("line, named", HOSTILE_LINES, ids=[c[0][:24] for c in HOSTILE_LINES])
def test_a_hostile_line_in_a_new_page_is_refused_at_its_line(tmp_path, line, named):
    data, content = project(tmp_path)
    write(content, "about.md", ABOUT.format(line=line))
    found = problems(data, content)
    assert any(p.startswith("content/about.md:9:") and named in p for p in found), found


@pytest.mark.parametrize("line, named", HOSTILE_LINES[:5], ids=[c[0][:24] for c in HOSTILE_LINES[:5]])
def test_the_same_lines_added_to_the_shipped_guide_are_refused(tmp_path, line, named):
    data, content = project(tmp_path)
    guide = (content / "guide.md").read_text(encoding="utf-8")
    (content / "guide.md").write_text(guide + "\n" + line + "\n", encoding="utf-8")
    number = (guide + "\n").count("\n") + 1
    found = problems(data, content)
    assert any(p.startswith(f"content/guide.md:{number}:") and named in p for p in found), found


@pytest.mark.parametrize("name, body, named", [
    ("notice.html", "<script>alert(1)</script>", "notice.html"),
    ("picture.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "picture.svg"),
    ("assets/javascripts/search-zh.js", "alert(1)", "search-zh.js"),
    ("assets/stylesheets/showcase.css", "body{display:none}", "showcase.css"),
    ("photo.jpg", b"\xff\xd8\xff\xe0 not really", "photo.jpg"),
])
def test_content_holds_markdown_pages_only(tmp_path, name, body, named):
    data, content = project(tmp_path)
    write(content, name, body)
    found = problems(data, content)
    assert any(p.startswith(f"content/{name}:1:1:") and named in p and "只能放 Markdown" in p for p in found), found


@pytest.mark.parametrize("name", ["brands/about.md", "search/index.md", "assets/about.md", "news/about.md",
                                  "workplan/2023.md", "units.md", "media/a.md"])
def test_a_page_cannot_sit_in_a_folder_of_the_sites_own(tmp_path, name):
    data, content = project(tmp_path)
    write(content, name, "# 页面\n\n正文。\n")
    found = problems(data, content)
    assert any(p.startswith(f"content/{name}:1:1:") and "网站自己的栏目" in p for p in found), found


@pytest.mark.parametrize("front, field", [
    ("template: ../../main.html", "template"),
    ("title: \"标题\u202e反向\"", "title"),
    ("title: [不是, 文字]", "title"),
    ("hide: [everything]", "hide"),
    ("search: {exclude: yes-please}", "search.exclude"),
    ("description: " + "长" * 400, "description"),
])
def test_front_matter_holds_only_what_the_theme_reads_as_text(tmp_path, front, field):
    data, content = project(tmp_path)
    write(content, "about.md", f"---\n{front}\n---\n\n正文。\n")
    found = problems(data, content)
    assert any(p.startswith("content/about.md:2:") and re.search(rf": {re.escape(field)}[\[:]", p) for p in found), found


def test_the_shipped_pages_pass_and_markers_and_headings_are_allowed_in_pages(tmp_path):
    data, content = project(tmp_path)
    assert problems(data, content) == []
    write(content, "about.md", "关于\n===\n\n## 二级标题\n\n<!-- showcase:figures -->\n\n[看板](workplan/index.md)\n")
    assert problems(data, content) == []


# However a link to an entry that does not exist is written, if the page would link it, check refuses it.
UNKNOWN_LINKS = [
    "[文字](brand:nope)",
    "[文字\n换行](brand:nope)",
    "[文字][r]\n\n[r]: brand:nope",
    "[文字][r]\n\n[r]:\n  brand:nope",
    "[文字][]\n\n[文字]: brand:nope",
    "[r]\n\n[r]: brand:nope",
    "[文字](<brand:nope>)",
    "[文字](brand:nope \"题目\")",
    "<brand:nope>",
    "[文字](brand&#58;nope)",
    "> 引用里的 [文字](brand:nope)",
    "- 列表里的 [文字](brand:nope)",
    "| 表 | 格 |\n|---|---|\n| [文字](brand:nope) | x |",
    "![说明](media/brands/nope.jpg)",
]


@pytest.mark.parametrize("text", UNKNOWN_LINKS, ids=range(len(UNKNOWN_LINKS)))
def test_a_link_to_nothing_is_refused_however_it_is_written(tmp_path, text):
    data, content = project(tmp_path)
    brand = data / "brands" / "qingfeng-shuju.yml"
    source = brand.read_text(encoding="utf-8")
    block = textwrap.indent(text, "  ")
    brand.write_text(source.replace("results: |-\n", f"results: |-\n{block}\n\n", 1), encoding="utf-8")
    found = problems(data, content)
    assert any(p.startswith("data/brands/qingfeng-shuju.yml:") and "nope" in p for p in found), found


@pytest.mark.parametrize("text", [t for t in UNKNOWN_LINKS if "&#" not in t and not t.startswith("<")])
def test_the_link_finder_and_the_renderer_find_the_same_targets(text):
    """Where the finder can rewrite a link, it finds exactly what the renderer links."""
    assert sorted(link.target for link in links(text)) == sorted(f.target for f in rendered.view(text).links)


@pytest.mark.parametrize("text", ["标题\n===\n\n正文", "标题\n---\n\n正文", "# 一级标题", "## 二级标题"])
def test_first_and_second_level_headings_are_refused_in_fields_however_written(text):
    assert "标题" in (markdown_problem(text) or "")
    assert markdown_problem(text, page=True) is None


@pytest.mark.parametrize("text", ["正文\n\n---\n\n正文", "### 小标题\n\n正文", "```\n<script>\n```",
                                  "`<b onclick=x>` 是代码", "| a | b |\n|:-|-:|\n| 1 | 2 |", "!!! note \"注意\"\n    正文"])
def test_ordinary_markdown_passes(text):
    assert markdown_problem(text) is None


def test_extensions_of_the_checker_are_the_sites(tmp_path):
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert sorted(set(names) - {"toc"}) == sorted(rendered.EXTENSIONS)


def test_a_hand_page_is_built_inert_with_its_links_and_pictures(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    title = "</title><script>alert(1)</script>&lt;b&gt;"
    page = (f"---\ntitle: '{title}'\ndescription: '\"><script>alert(2)</script>'\n---\n\n"
            "# 关于本站\n\n见[红色服务驿站](brand:hongse-yizhan)与[第 9 条](point:2023-9)。\n\n"
            "![支部党员在窗口服务](media/brands/hongse-yizhan-1.jpg)\n")
    result, site = build_project(tmp_path, data, pages={"about.md": page})
    assert result.returncode == 0, result.stderr
    out = (site / "about" / "index.html").read_text(encoding="utf-8")
    head = out.split("</head>")[0]
    assert re.search(r"<title>&lt;/title&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;&amp;lt;b&amp;gt; - ", head), head
    assert 'content="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in head, head
    assert "<script>alert" not in out
    assert 'href="../brands/hongse-yizhan/"' in out and 'href="../workplan/2023/#point-9"' in out
    picture = re.search(r'<img[^>]*alt="支部党员在窗口服务"[^>]*>', out)
    assert picture and 'src="../media/brands/' in picture.group(0), out
    src = re.search(r'src="\.\./(media/[^"]+)"', picture.group(0)).group(1)
    assert (site / src).is_file()


@pytest.mark.parametrize("name", ["About.md", "关于.md", "a b.md", "about\n.md", "x/Y.md", "a#b.md"])
def test_a_page_name_must_be_usable_in_an_address(tmp_path, name):
    data, content = project(tmp_path)
    write(content, name, "# 页面\n\n正文。\n")
    found = problems(data, content)
    assert any("不能用作网址" in p for p in found), found


@pytest.mark.parametrize("name", ["hongqi\n.yml", "hongqi\n\n.yml"])
def test_an_entry_file_named_with_a_trailing_line_end_is_refused(tmp_path, name):
    data, content = project(tmp_path)
    source = (data / "brands" / "qingfeng-shuju.yml").read_text(encoding="utf-8")
    (data / "brands" / name).write_text(source, encoding="utf-8")
    found = problems(data, content)
    assert any("不能作标识" in p for p in found), found


@pytest.mark.parametrize("target", ["media/../../../outside.png", "media/brands/../../units.yml.png",
                                    "media/brands/a#b.jpg", "media/brands/a?b.jpg", "media/brands/a%20b.jpg",
                                    'media/brands/a"b.jpg', "media/./brands/hongse-yizhan-1.jpg"])
def test_a_picture_in_text_is_judged_by_its_path_before_any_file_is_opened(tmp_path, target):
    data, content = project(tmp_path)
    outside = tmp_path / "outside.png"
    shutil.copy(data / "media" / "brands" / "hongse-yizhan-1.jpg", outside)  # a readable picture out of reach
    brand = data / "brands" / "qingfeng-shuju.yml"
    source = brand.read_text(encoding="utf-8")
    brand.write_text(source.replace("results: |-\n", f"results: |-\n  ![说明]({target})\n\n", 1), encoding="utf-8")
    found = problems(data, content)
    assert any(p.startswith("data/brands/qingfeng-shuju.yml:") and "找不到" not in p for p in found), found


# What each of the corpus's pathological texts must get (bench/pathological.py; make bench
# times them): the count and the limit where a limit refuses it, else no problem at all.
BRACKETS, ANGLES, LONG_BLOCK = "个方括号“[”，全文最多 2000 个", "个尖括号“<”，全文最多 2000 个", "第 1 行起的一段文字连续超过 300 行没有空行"
EXPECTED = {
    "braces and equals": None, "braces": None, "fence lines": LONG_BLOCK,
    "brackets": "有 100000 " + BRACKETS, "brackets on lines": "有 50000 " + BRACKETS,
    "open tags with quotes": "有 40000 " + ANGLES, "open tags": "有 50000 " + ANGLES,
    "backticks": None, "backtick runs": None, "definition lines": LONG_BLOCK,
    "autolink starts": "有 40000 " + ANGLES, "links": "有 20000 " + BRACKETS,
    "angle paragraphs": "有 11940 " + ANGLES, "bracket paragraphs": None, "brackets spread out": None,
    "list paragraphs": None, "abbreviations": None,
}


def test_every_pathological_text_has_its_answer_written_here():
    assert EXPECTED.keys() == pathological.MARKDOWN.keys()


@pytest.mark.parametrize("name", pathological.MARKDOWN)
def test_a_pathological_markdown_text_gets_the_right_answer_as_a_field_and_as_a_page(name):
    for page in (False, True):
        found = markdown_problem(pathological.MARKDOWN[name], page=page)
        if EXPECTED[name] is None:
            assert found is None, (page, found)
        else:
            assert found is not None and EXPECTED[name] in found, (page, found)


def test_a_page_at_the_size_limit_with_every_paragraph_at_its_bounds_passes_and_a_larger_one_is_refused(tmp_path):
    from generator.model.handwritten import MAX_PAGE_BYTES

    data, content = project(tmp_path)
    body = pathological.big_page()
    assert MAX_PAGE_BYTES - 2048 < len(body.encode()) <= MAX_PAGE_BYTES
    write(content, pathological.BIG_PAGE, body)
    rendered.view.cache_clear()
    assert problems(data, content) == []
    write(content, pathological.BIG_PAGE, body + pathological.PROSE * 400)
    assert any("content/big.md:1:1:" in p and "过大" in p for p in problems(data, content))


@pytest.mark.parametrize("where, name", [("data/brands", "con.yml"), ("data/brands", "lpt1.yml"),
                                         ("content/news/posts", "nul.md"), ("content", "aux.md")])
def test_windows_device_names_cannot_name_a_page(tmp_path, where, name):
    data, content = project(tmp_path)
    source = (data / "brands" / "qingfeng-shuju.yml").read_text(encoding="utf-8")
    news = next((content / "news" / "posts").glob("*.md")).read_text(encoding="utf-8")
    text = source if where.startswith("data") else news if "news" in where else "# 页面\n"
    write(tmp_path / where, name, text)
    found = problems(data, content)
    assert any(p.startswith(f"{where}/{name}:1:1:") and "Windows 的设备名" in p for p in found), found


def test_a_picture_named_as_a_windows_device_is_refused(tmp_path):
    data, content = project(tmp_path)
    shutil.copy(data / "media" / "brands" / "hongse-yizhan-1.jpg", data / "media" / "brands" / "con.jpg")
    brand = data / "brands" / "qingfeng-shuju.yml"
    kept = [line for line in brand.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("cover:")]
    brand.write_text("".join(kept) + "cover: media/brands/con.jpg\n", encoding="utf-8")
    found = problems(data, content)
    assert any(p.startswith("data/brands/qingfeng-shuju.yml:") and "Windows 的设备名" in p for p in found), found
