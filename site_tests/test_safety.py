"""What a hostile or careless editor's pull request can do, and what the site lets through.

Each case is a change to the small fixture data set that once passed `check` and the strict
build and then published something no reader should get. Expected messages are written out
here; nothing is taken from the code under test.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_project

from generator import pipeline
from generator.errors import DataErrors
from generator.kinds import KINDS
from generator.media import checks as media
from generator.media import renditions
from generator.site import html_policy

MINI = FIXTURES / "mini"
BRAND = """\
name: 新品牌
branch: alpha-first
year: 2023
summary: 一句话简介
background: 背景。
practices: |-
  - 做法一
  - 做法二
results: 成效。
"""
SHOWN = "data/brands/new.yml"


def copy_mini(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    return data


def write(data: Path, path: str, content: str | bytes) -> Path:
    target = data / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return target


def problems(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, data.parent)
    return [str(p) for p in exc.value.problems]


def brand_with(field: str, value: str) -> str:
    """The brand above with ``field`` set to ``value`` (a literal block, so any text fits)."""
    lines = [line for line in BRAND.splitlines() if not line.startswith(field + ":")]
    if field == "practices":
        lines = [line for line in lines if not line.startswith("  - ")]
    block = "\n".join("  " + line for line in value.split("\n"))
    return "\n".join(lines) + f"\n{field}: |-\n{block}\n"


# --- 1. plain text is text everywhere --------------------------------------------------------

HOSTILE_NAME = '</title><img src=x onerror="document.title=\'pwned\'">&lt;b&gt;'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    data = copy_mini(tmp)
    write(data, "brands/evil.yml", BRAND.replace("name: 新品牌", "name: " + json.dumps(HOSTILE_NAME, ensure_ascii=False)))
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    return site


def test_a_name_with_markup_stays_text_in_the_title_and_heading(hostile_site):
    soup = BeautifulSoup((hostile_site / "brands" / "evil" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string.startswith(HOSTILE_NAME + " - ")
    assert soup.find("img", src="x") is None and not soup.select("[onerror]")
    assert soup.select_one("article h1").get_text().startswith(HOSTILE_NAME)
    assert soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text().strip() == HOSTILE_NAME


def test_a_name_with_markup_stays_text_on_cards_units_and_search(hostile_site):
    for page in ("brands/index.html", "units/alpha/index.html"):
        soup = BeautifulSoup((hostile_site / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("img", src="x") is None and not soup.select("[onerror]"), page
        assert HOSTILE_NAME in soup.get_text(), page
    from generator.search import pieces

    meta = pieces.read(hostile_site / "search", "meta/0").decode("utf-8")
    assert "<img" not in meta.replace("\\u003c", "<") or HOSTILE_NAME.replace('"', '\\"') in meta


# --- 2. Markdown fields produce only allowlisted HTML -------------------------------------------

REFUSED_MARKDOWN = {
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org">', "<meta>"),
    "base": ('<base href="https://example.org/">', "<meta>"),
    "config-id": ('<div id="__config">{"base": "https://example.org"}</div>', "<div>"),
    "plaintext": ("正文<plaintext>", "<plaintext>"),
    "textarea": ("正文<textarea>", "<textarea>"),
    "style": ("<style>body{display:none}</style>", "<style>"),
    "form": ('<form action="https://example.org"><input type="password"></form>', "<form>"),
    "closing-div": ('</div></div><p style="position:fixed;inset:0">覆盖</p>', "<div>"),
    "iframe": ('<iframe src="https://example.org"></iframe>', "<iframe>"),
    "svg-onload": ("<svg onload=alert(1)>", "<svg>"),
    "comment": ("<!-- 隐藏 -->正文", "<!--"),
    "attr-list-handler": ("正文\n{: onclick=\"alert(1)\" }", "{: onclick"),
    "attr-list-id": ("正文\n{#__config}", "{#__config}"),
    "inline-tag-with-attribute": ('<strong style="color:red">重点</strong>', "<strong> 不能带属性"),
    "top-heading": ("# 第二个一级标题\n正文", "### 小标题"),
    "javascript-link": ("[点这里](javascript:alert(1))", "javascript:"),
    "data-link": ("[点这里](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_MARKDOWN))
def test_markdown_outside_the_allowlist_is_refused_at_its_field(tmp_path, case):
    value, named = REFUSED_MARKDOWN[case]
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", brand_with("results", value))
    found = problems(data)
    assert len(found) == 1, found
    assert found[0].startswith(f"{SHOWN}:9:") and ": results: " in found[0], found
    assert named.replace("<meta>", "<") in found[0], found


def test_pasted_wechat_or_word_markup_gets_one_clear_message(tmp_path):
    pasted = ('<section style="margin:0;padding:0"><span style="font-size:15px;color:rgb(62,62,62)">'
              '支部党员走进社区</span></section><p class="MsoNormal"><font face="宋体">开展志愿服务<o:p></o:p></font></p>')
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", brand_with("results", pasted) + f"background: '{pasted}'\n".replace("background: 背景。\n", ""))
    found = [p for p in problems(data) if "results" in p or "background" in p]
    assert len([p for p in found if ": results: " in p]) == 1, found
    assert "微信公众号编辑器或 Word" in found[0] and "粘贴为纯文本" in found[0], found


def test_inline_tags_editors_need_are_accepted(tmp_path):
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", brand_with("results", "H<sub>2</sub>O 与 10<sup>3</sup>，<mark>重点</mark><br>下一行；`<div>` 是代码"))
    pipeline.load(data, data.parent)


@pytest.mark.parametrize("markup", [
    '<div id="__config">{}</div>', '<meta http-equiv="refresh" content="0">', '<base href="//x/">',
    '<form action="//x"><input type="password"></form>', "<style>*{}</style>", '<a href="javascript:alert(1)">x</a>',
    '<img src="https://example.org/a.png">', '<p onclick="alert(1)">x</p>', '<p style="position:fixed">x</p>',
    "</div></div><b>x</b>", '<span class="md-search__input">x</span>', "<textarea>x",
])
def test_the_sanitizer_removes_what_the_allowlist_leaves_out(markup):
    clean = html_policy.sanitize("<p>前</p>" + markup + "<p>后</p>")
    soup = BeautifulSoup(clean, "html.parser")
    assert not soup.select("meta, base, form, input, style, script, textarea, [onclick], [style*=position]")
    assert not soup.select('[id^="__"], [href^="javascript"], img[src^="http"], .md-search__input')
    assert clean.count("<div") == clean.count("</div")


def test_the_sanitizer_keeps_what_markdown_and_our_templates_write():
    kept = ('<h2 id="point-1">标题<a class="headerlink" href="#point-1" title="Permanent link">¶</a></h2>'
            '<div class="admonition warning"><p class="admonition-title">示例</p><p>内容</p></div>'
            '<table><thead><tr><th style="text-align:right">数</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
            '<p><img alt="封面" class="entry-cover" loading="lazy" src="../../media/brands/a.jpg"></p>'
            '<span class="wx-badge wx-service">服务型</span><a href="../x/">站内</a><a href="https://example.org/">外部</a>')
    assert html_policy.sanitize(kept) == kept


# --- 3. media: typed, checked, only what is referenced --------------------------------------------

def jpeg_with_gps(width=4000, height=3000, orientation=6) -> bytes:
    """A real camera-like JPEG: EXIF with GPS coordinates and a rotation tag."""
    from PIL import Image

    image = Image.new("RGB", (width, height))
    rng = random.Random(1)
    for x in range(0, width, 200):  # some detail, so the encoder has work to do
        image.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, 0, x + 100, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "示例相机厂"
    gps = {1: "N", 2: (39.0, 54.0, 26.0), 3: "E", 4: (116.0, 23.0, 29.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def test_a_phone_photo_is_turned_upright_and_loses_its_metadata(tmp_path):
    from PIL import Image

    data = copy_mini(tmp_path)
    photo = write(data, "media/brands/photo.jpg", jpeg_with_gps())
    assert b"Exif" in photo.read_bytes()[:200]
    write(data, "brands/new.yml", BRAND + "cover: media/brands/photo.jpg\n")
    catalog = pipeline.load(data, data.parent)
    files = pipeline.assets(catalog, pipeline.pictures(catalog, tmp_path / "cache"))
    assert "media/brands/photo.jpg" not in files  # the source itself is not published
    published = files["media/brands/photo.jpg~full.jpg"]
    for name in ("photo.jpg~card.jpg", "photo.jpg~page.jpg", "photo.jpg~full.jpg"):
        raw = files[f"media/brands/{name}"].read_bytes()
        assert b"Exif" not in raw and b"GPS" not in raw and "示例相机厂".encode() not in raw
    with Image.open(published) as image:
        assert image.getexif() == {} and not image.info.get("exif")
        edge = renditions.SIZES["full"].edge
        assert image.size == (edge * 3 // 4, edge)  # rotated: portrait now
    again = pipeline.assets(catalog, pipeline.pictures(catalog, tmp_path / "cache"))["media/brands/photo.jpg~full.jpg"]
    assert again == published and again.stat().st_mtime == published.stat().st_mtime  # cached


def test_only_referenced_media_are_published(tmp_path):
    data = copy_mini(tmp_path)
    write(data, "media/brands/unused.png", png_bytes())
    write(data, "brands/new.yml", brand_with("results", "现场照片：\n\n![支部党员在窗口服务](media/brands/inline.png)"))
    write(data, "media/brands/inline.png", png_bytes())
    catalog = pipeline.load(data, data.parent)
    files = pipeline.assets(catalog, pipeline.pictures(catalog, tmp_path / "cache"))
    assert "media/brands/inline.png~thumb.jpg" in files and "media/brands/qingfeng.svg" in files
    assert not [uri for uri in files if "unused" in uri]


def png_bytes(size=(40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


MEDIA_CASES = {
    "svg-script": ("media/brands/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    "svg-handler": ("media/brands/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', "onload"),
    "svg-foreign": ("media/brands/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
                    "<foreignObject>"),
    "svg-outside-image": ("media/brands/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                          b'<use xlink:href="https://example.org/a.svg#x"/></svg>', "外部资源"),
    "svg-entity": ("media/brands/x.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"),
    "random-bytes-as-png": ("media/brands/x.png", bytes(random.Random(2).randrange(256) for _ in range(5000)), "不是完好的图片"),
    "jpeg-named-png": ("media/brands/x.png", None, "内容却是 JPG 格式"),
    "truncated-png": ("media/brands/x.png", b"truncate", "不是完好的图片"),
}


@pytest.mark.parametrize("case", sorted(MEDIA_CASES))
def test_a_bad_picture_is_a_located_error(tmp_path, case):
    path, content, named = MEDIA_CASES[case]
    if content is None:
        content = jpeg_with_gps(64, 48)
    elif content == b"truncate":
        content = png_bytes((400, 300))[:300]
    data = copy_mini(tmp_path)
    write(data, path, content)
    write(data, "brands/new.yml", BRAND + f"cover: {path}\n")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:10:8: cover: "), found
    assert named in found[0], found


def test_a_truncated_picture_is_refused_though_another_library_relaxed_pillow(tmp_path, monkeypatch):
    """WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process when it is imported
    (the PDFs import it): the check must not start passing half a picture then."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = copy_mini(tmp_path)
    write(data, "media/brands/x.png", png_bytes((400, 300))[:300])
    write(data, "brands/new.yml", BRAND + "cover: media/brands/x.png\n")
    found = problems(data)
    assert len(found) == 1 and "不是完好的图片" in found[0], found
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as the other library set it


# SVGs that reach outside themselves: a style sheet, a picture or a font fetched from elsewhere.
def svg(inner: str, head: str = "") -> bytes:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{inner}</svg>'.encode()


HOSTILE_SVGS = {
    "stylesheet-instruction": svg("<rect/>", '<?xml version="1.0"?>\n<?xml-stylesheet href="http://evil.example/a.css"?>\n'),
    "instruction-inside": svg('<?xml-stylesheet type="text/css" href="//evil.example/a.css"?><rect/>'),
    "instruction-after": svg("<rect/>") + b'<?xml-stylesheet href="http://evil.example/a.css"?>',
    "other-instruction": svg("<?php echo 1; ?><rect/>"),
    "image-set": svg("""<rect style="fill:image-set('http://evil.example/a.png' 1x)"/>"""),
    "prefixed-image-set": svg("""<rect style="background:-webkit-image-set(url(#a) 1x, 'http://evil.example/a.png' 2x)"/>"""),
    "import-in-style": svg("""<rect style="@import url(http://evil.example/a.css); fill:red"/>"""),
    "import-in-element": svg("<style>@import url(http://evil.example/a.css);</style><rect/>"),
    "url-in-style": svg("""<rect style="fill:url(http://evil.example/a.svg#g)"/>"""),
    "url-in-presentation-attribute": svg("""<rect filter="url('//evil.example/f.svg#f')"/>"""),
    "upper-case-url": svg("""<rect style="cursor:URL(http://evil.example/c.cur),auto"/>"""),
    "src": svg("""<text style="font-family:x;src(http://evil.example/f.woff)">x</text>"""),
    "escaped-url": svg(r"""<rect style="fill:\75rl(http://evil.example/a)"/>"""),
    "escape-as-reference": svg("""<rect style="fill:&#92;75rl(http://evil.example/a)"/>"""),
    "url-as-references": svg("""<rect fill="&#117;&#114;&#108;(http://evil.example/a)"/>"""),
    "comment-inside-name": svg("""<rect style="fill:u/**/rl(http://evil.example/a)"/>"""),
    "variable": svg("""<rect style="fill:var(--x)"/>"""),
    "data-url-mask": svg("""<rect style="mask:url(data:image/svg+xml;base64,PHN2Zz4=)"/>"""),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SVGS))
def test_an_svg_that_reaches_outside_is_refused_with_its_file_named(tmp_path, case):
    data = copy_mini(tmp_path)
    write(data, "media/brands/x.svg", HOSTILE_SVGS[case])
    write(data, "brands/new.yml", BRAND + "cover: media/brands/x.svg\n")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:10:8: cover: SVG 图片“data/media/brands/x.svg”"), found
    assert found[0].endswith("另存为 PNG。"), found


def test_the_shipped_drawings_pass_the_svg_check():
    drawings = [*(ROOT / "data" / "media").rglob("*.svg"), *MINI.rglob("*.svg"), *(ROOT / "generator" / "assets").glob("*.svg")]
    assert len(drawings) >= 5
    assert {path.name: media.file_problem(path, path.name) for path in drawings} == {path.name: None for path in drawings}


def test_a_drawing_may_use_its_own_gradients_colours_and_transforms():
    ok = svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#c8161d"/></linearGradient></defs>'
             '<rect style="fill:url( \'#g\' );stroke:rgb(10, 20, 30);stroke-width:0.5px;opacity:.8" transform="translate(1 2) rotate(45)"/>'
             '<text font-family="\'Noto Sans CJK SC\', sans-serif" aria-label="示例：红色驿站">红色驿站</text>',
             '<?xml version="1.0" encoding="UTF-8"?>\n<!-- 绘图软件导出 -->\n')
    assert media.svg_problem(ok, "data/media/brands/ok.svg") is None


def test_an_oversized_picture_is_refused_without_reading_it(tmp_path):
    data = copy_mini(tmp_path)
    big = data / "media" / "brands" / "big.jpg"
    with big.open("wb") as f:
        f.truncate(media.MAX_RASTER_BYTES + 1)
    write(data, "brands/new.yml", BRAND + "cover: media/brands/big.jpg\n")
    found = problems(data)
    assert len(found) == 1 and "过大" in found[0] and "上限 20.0 MB" in found[0], found


@pytest.mark.parametrize("name", ["page.html", "tool.js", "notes.txt", "clip.gif"])
def test_a_file_that_is_not_a_picture_in_media_is_named(tmp_path, name):
    data = copy_mini(tmp_path)
    write(data, f"media/brands/{name}", b"<script>alert(1)</script>")
    assert problems(data) == [
        f"data/media/brands/{name}:1:1: data/media/ 里只能放图片（.jpg、.jpeg、.png、.webp、.svg），"
        f"“{name}”不是：网站不会发布它。请删除这个文件，图片请另存为 JPG 或 PNG。"]


@pytest.mark.parametrize(("value", "named"), [
    ("media/brands/a.svg){onload=alert(1)}", "不能用于网址的字符"),
    ("media/brands/a#b.png", "不能用于网址的字符"),
    ("media/brands/a%20b.png", "不能用于网址的字符"),
    ("media/brands/a?.png", "不能用于网址的字符"),
    ("media/brands/照片.jpg", "不能用于网址的字符"),
    ("media/brands/page.html", "不是支持的图片格式"),
])
def test_media_paths_are_limited_to_safe_characters(tmp_path, value, named):
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", BRAND + f"cover: '{value}'\n")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:10:8: cover: ") and named in found[0], found


def test_a_picture_in_text_must_exist_and_have_a_description(tmp_path):
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", brand_with("practices", "- 做法一\n\n![](media/brands/qingfeng.svg)\n\n![现场](media/brands/none.jpg)"))
    found = problems(data)
    assert found == [
        f"{SHOWN}:10:7: practices: 图片“media/brands/qingfeng.svg”缺少说明：请在方括号里写一句说明，例如 ![支部党员在窗口服务](media/brands/qingfeng.svg)。",
        f"{SHOWN}:12:9: practices: 找不到图片“media/brands/none.jpg”：请把图片放到 data/media/brands/none.jpg，或删去这一项。",
    ]


# --- 4. nothing from outside data/ ------------------------------------------------------------

LINK = ("这是符号链接（快捷方式）：data/ 下只能放文件本身，链接可能指向仓库以外或造成循环。"
        "请把它换成真正的文件或文件夹，或删除它。")


def test_a_data_file_linking_outside_is_refused_and_never_read(tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text(BRAND.replace("新品牌", "仓库以外的秘密"), encoding="utf-8")
    data = copy_mini(tmp_path)
    (data / "brands" / "leak.yml").symlink_to(outside)
    found = problems(data)
    assert found == [f"data/brands/leak.yml:1:1: {LINK}"]
    assert "秘密" not in "".join(found)


def test_a_linked_folder_and_a_link_into_git_are_refused(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote]\nurl = https://token@example.org/x.git\n", encoding="utf-8")
    data = copy_mini(tmp_path)
    (data / "media" / "brands" / "config.svg").symlink_to("../../../.git/config")
    (data / "innovations2").symlink_to(data / "innovations")
    assert problems(data) == [f"data/innovations2:1:1: {LINK}", f"data/media/brands/config.svg:1:1: {LINK}"]


def test_a_symlink_loop_is_a_located_error_not_a_traceback(tmp_path):
    data = copy_mini(tmp_path)
    (data / "media" / "brands" / "loop.svg").symlink_to("loop.svg")
    write(data, "brands/new.yml", BRAND + "cover: media/brands/loop.svg\n")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--data", str(data)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/media/brands/loop.svg:1:1: {LINK}" in result.stderr.splitlines()


# --- 5. reserved ids -------------------------------------------------------------------------------

@pytest.mark.parametrize("ident", ["index", "tags", "search", "assets", "media", "page", "404"])
def test_an_id_that_a_listing_or_site_folder_uses_is_refused(tmp_path, ident):
    data = copy_mini(tmp_path)
    write(data, f"brands/{ident}.yml", BRAND)
    found = problems(data)
    assert found == [f"data/brands/{ident}.yml:1:1: “{ident}”是网站保留的名称（用于列表页或网站文件夹），"
                     f"不能作支部品牌的标识，否则会顶替那个页面：请把文件改名，例如 {ident}-1。"]


@pytest.mark.parametrize("ident", ["index", *(kind.key for kind in KINDS)])
def test_a_unit_called_index_or_after_a_kind_is_refused(tmp_path, ident):
    data = copy_mini(tmp_path)
    units = (data / "units.yml").read_text(encoding="utf-8").replace("id: beta\n", f"id: {ident}\n")
    (data / "units.yml").write_text(units, encoding="utf-8")
    assert any(p.startswith("data/units.yml:") and f"“{ident}”是网站保留的名称" in p for p in problems(data))


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.in_data], ids=lambda kind: kind.key)
def test_every_kind_s_folder_is_reserved_as_an_entry_id(tmp_path, kind):
    """The registry reserves each kind's key: a new kind's is refused with nothing to list by hand."""
    data = copy_mini(tmp_path)
    write(data, f"brands/{kind.key}.yml", BRAND)
    assert problems(data) == [f"data/brands/{kind.key}.yml:1:1: “{kind.key}”是网站保留的名称（用于列表页或网站文件夹），"
                              f"不能作支部品牌的标识，否则会顶替那个页面：请把文件改名，例如 {kind.key}-1。"]


# --- 6. the official text is sealed -------------------------------------------------------------

def copy_real(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def test_one_changed_character_in_a_point_is_named_with_its_words(tmp_path):
    data = copy_real(tmp_path)
    plan = data / "workplans" / "2023.yml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("五学五比") >= 1
    plan.write_text(text.replace("五学五比", "五学六比", 1), encoding="utf-8")
    found = problems(data)
    assert len(found) == 1, found
    assert "与封存的原文不一致" in found[0] and "五学五比" in found[0] and "五学六比" in found[0]
    assert "python -m generator seal 2023" in found[0]
    assert found[0].startswith("data/workplans/2023.yml:")


def test_sealing_on_purpose_makes_the_change_pass_and_shows_in_the_seal_file(tmp_path):
    data = copy_real(tmp_path)
    plan = data / "workplans" / "2023.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("五学五比", "五学六比", 1), encoding="utf-8")
    before = (data / "workplans" / "2023.seal.json").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "seal", "2023", "--data", str(data)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = (data / "workplans" / "2023.seal.json").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(changed) == 2 and "fingerprint" in changed[0] and "五学六比" in changed[1]
    pipeline.load(data, tmp_path)


def test_a_hand_edited_seal_is_refused(tmp_path):
    data = copy_real(tmp_path)
    plan, seal = data / "workplans" / "2023.yml", data / "workplans" / "2023.seal.json"
    plan.write_text(plan.read_text(encoding="utf-8").replace("五学五比", "五学六比", 1), encoding="utf-8")
    seal.write_text(seal.read_text(encoding="utf-8").replace("五学五比", "五学六比", 1), encoding="utf-8")
    assert problems(data) == ["data/workplans/2023.seal.json:1:1: 封存文件被手工改动过或已损坏：请不要直接编辑它；"
                              "从版本库恢复它，或在核对原文后运行 python -m generator seal 2023 重新生成。"]


def test_the_shipped_seal_holds_the_source_document_verbatim():
    import json

    source = (FIXTURES / "workplan-2023-source.txt").read_text(encoding="utf-8")
    flat = "".join(source.split())
    parts = json.loads((ROOT / "data" / "workplans" / "2023.seal.json").read_text(encoding="utf-8"))["parts"]
    for key, text in parts.items():
        assert "".join(text.split()) in flat, key


# --- 7. links are checked where editors write them ------------------------------------------------

@pytest.mark.parametrize(("value", "named"), [
    ("[详见](../members/lin-a.md)", "无法确定指向站内哪个页面"),
    ("[详见](#nowhere)", "无法确定指向站内哪个页面"),
    ("[详见](brand:no-such)", "找不到链接“brand:no-such”"),
    ("[详见](point:2023-99)", "找不到链接“point:2023-99”"),
    ("[详见](point:2019-1)", "找不到链接“point:2019-1”"),
    ("[详见](term:不存在的提法)", "找不到链接“term:不存在的提法”"),
    ("[详见](ftp://example.org/a)", "不支持“ftp:”开头的链接"),
    ("![外部图片](https://example.org/a.png)", "不在 data/media/ 下"),
    ("[详见][1]\n\n[1]: ../x/", "无法确定指向站内哪个页面"),
])
def test_a_link_that_would_break_the_build_is_refused_at_its_line(tmp_path, value, named):
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", brand_with("results", "第一段。\n\n" + value))
    found = problems(data)
    assert len(found) == 1 and named in found[0], found
    # At the line of the link inside the block: line 12 holds it, line 14 a reference's target.
    assert found[0].startswith((f"{SHOWN}:12:", f"{SHOWN}:14:")) and ": results: " in found[0], found


def test_links_by_id_resolve_to_the_right_pages_and_build_strictly(tmp_path):
    data = copy_mini(tmp_path)
    text = ("见[清风品牌](brand:qingfeng)、[甲单位](unit:alpha)、[第 1 条](point:2023-1)、"
            "[第一部分](section:2023-1)、[全年要点](workplan:2023)、[官网](https://example.org/)。\n\n"
            "![现场](media/brands/qingfeng.svg)")
    write(data, "brands/new.yml", brand_with("results", text))
    page = pipeline.render(pipeline.load(data, data.parent))["brands/new.md"]
    for link in ("(qingfeng.md)", "(../units/alpha.md)", "(../workplan/2023.md#point-1)",
                 "(../workplan/2023.md#section-1)", "(../workplan/2023.md)", "(https://example.org/)",
                 "(../media/brands/qingfeng.svg)"):
        assert link in page, link
    result, site = build_project(tmp_path, data)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((site / "brands" / "new" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a.get_text(): a["href"] for a in soup.select("article a[href]")}
    assert hrefs["清风品牌"] == "../qingfeng/" and hrefs["第 1 条"] == "../../workplan/2023/#point-1"
    assert soup.select_one('article img[alt="现场"]')["src"] == "../../media/brands/qingfeng.svg"


# --- 8. numbers and characters -------------------------------------------------------------------

@pytest.mark.parametrize(("char", "what"), [("\u202e", "文字方向控制符 U+202E"), ("\u200b", "零宽字符 U+200B"),
                                            ("\x07", "控制字符 U+0007")])
def test_invisible_characters_are_refused_in_names_and_text(tmp_path, char, what):
    data = copy_mini(tmp_path)
    write(data, "brands/new.yml", BRAND.replace("name: 新品牌", f'name: "新{char}品牌"'.replace("\x07", "\\a")))
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:1:7: name: 第 2 个字处有看不见的{what}"), found


# Each text with the verdict both readers of the rule must give: True, it may be published.
VERDICTS = [("党建引领", True), ("甲\ufffe乙", False), ("\uffff", False), ("\ufdd0", False), ("\ufdef", False),
            ("\ufdcf\ufdf0\ufffd", True), ("甲\ud800", False), ("\udfff乙", False), ("𠀀𪚥😀", True),
            ("\x01", False), ("tab\there", True), ("新\u202e品牌", False)]


def test_python_and_the_json_schema_read_the_character_rule_alike():
    """check (Python's re) and editors' IDEs (ECMA-262 with the u flag) refuse the same texts;
    characters of the other planes (rare CJK, emoji) stay allowed in both."""
    import os
    import re

    from generator.model.safety import VISIBLE_PATTERN

    texts = [text for text, _ in VERDICTS]
    assert [re.fullmatch(VISIBLE_PATTERN, text) is not None for text in texts] == [v for _, v in VERDICTS]
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed to read the schema's pattern as IDEs do", pytrace=False)
        pytest.skip("node is not installed")
    script = "const [p, ...t] = JSON.parse(process.argv[1]); console.log(JSON.stringify(t.map(x => new RegExp(p, 'u').test(x))))"
    found = subprocess.run([node, "-e", script, json.dumps([VISIBLE_PATTERN, *texts])], capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == [v for _, v in VERDICTS]


def test_every_class_our_templates_write_is_in_the_allowlist():
    """A class a template writes but the sanitizer drops would silently lose its style."""
    import re

    written = set()
    for template in (ROOT / "generator" / "templates").rglob("*.j2"):
        if template.parent.name == "pdf":
            continue  # the PDFs' HTML: laid out by WeasyPrint, never published as a page
        for value in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8")):
            fixed = re.sub(r"\S*\{\{.*?\}\}\S*", " ", value)  # "wx-{{ wx.slug }}" is made at build time
            written |= set(fixed.split())
    assert written and sorted(written - html_policy.CLASSES) == []


def test_the_news_listings_keep_their_navigation():
    kept = '<nav class="pagination" aria-label="分页"><a href="page/2/">2</a></nav>'
    assert html_policy.sanitize(kept) == kept
