"""The PDFs of the built site, read back with pypdf: the plan verbatim and in order, real CJK
code points with a glyph each, contents whose page numbers are right, bookmarks, every entry of
the year in the 汇编, no line starting with closing punctuation, and the links with sizes.

The PDFs need WeasyPrint's system libraries and a CJK font: without them these tests skip,
except under CI=true (.ci/run installs them), where they fail."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_project
from pypdf import PdfReader
from pypdf.generic import ContentStream

from generator import pipeline
from generator.model import seal

PLAN = "downloads/2023-工作要点.pdf"
BOOK = "downloads/2023-汇编.pdf"
CLOSING = "，。、；：？！）》」』”’"
RADICALS = [(0x2F00, 0x2FDF), (0x2E80, 0x2EFF)]  # Kangxi radicals, CJK radicals supplement


@pytest.fixture(scope="module")
def pdfs(built_site) -> dict[str, PdfReader]:
    if not (built_site / PLAN).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("构建没有生成 PDF：CI 中 .ci/run 应已安装 Pango 和中文字体")
        pytest.skip("this host has no WeasyPrint system libraries or no CJK font: the build made no PDF")
    return {name: PdfReader(built_site / name) for name in (PLAN, BOOK)}


@pytest.fixture(scope="module")
def catalog():
    return pipeline.load(ROOT / "data", ROOT)


def text_of(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


# The running header (year, section) and the footer, which pypdf reads after a page's body.
MARGINS = re.compile(r"^(第 \d+ 页 共 \d+ 页|\d{4} 年(工作要点|机关党建工作汇编).*)$")


def body_of(reader: PdfReader) -> list[str]:
    """Each page's text without its running header and footer."""
    return ["\n".join(line for line in text.splitlines() if not MARGINS.match(line)) for text in text_of(reader)]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def test_the_plan_pdf_holds_every_piece_of_the_official_text_verbatim_and_in_order(pdfs, catalog):
    text = squeezed("".join(body_of(pdfs[PLAN])))
    at = 0
    for key, label, _, words in seal.parts(catalog.workplans[2023]):
        found = text.find(squeezed(words), at)
        assert found >= 0, f"{label} ({key}) is missing or out of order"
        at = found + len(squeezed(words))


def test_both_pdfs_are_a4_with_page_x_of_y_footers(pdfs):
    for reader in pdfs.values():
        total = len(reader.pages)
        for number, page in enumerate(reader.pages, 1):
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
            if number > 1 or reader is pdfs[PLAN]:  # the 汇编's cover has none
                assert f"第 {number} 页 共 {total} 页" in page.extract_text()


def test_no_kangxi_or_radical_look_alikes(pdfs):
    for name, reader in pdfs.items():
        text = "".join(text_of(reader))
        wrong = {ch for ch in text if any(lo <= ord(ch) <= hi for lo, hi in RADICALS)}
        assert not wrong, f"{name}: {sorted(wrong)}"
        assert "工作" in text


def embedded_fonts(reader: PdfReader) -> dict[str, set[str]]:
    """Every font of every page -> the characters its ToUnicode map gives; each must be embedded."""
    fonts: dict[str, set[str]] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else font["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} is not embedded"
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            chars = fonts.setdefault(name, set())
            for hexes in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", cmap):
                chars.update(bytes.fromhex(hexes).decode("utf-16-be"))
            for lo, hi, start in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", cmap):
                first = int(start, 16)
                chars.update(chr(first + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return fonts


def test_every_character_has_a_glyph_in_an_embedded_font(pdfs):
    for name, reader in pdfs.items():
        fonts = embedded_fonts(reader)
        assert any("CJK" in font for font in fonts), fonts.keys()
        mapped = set().union(*fonts.values())
        text = "".join(text_of(reader))
        missing = {ch for ch in text if not ch.isspace() and ch not in mapped}
        assert not missing, f"{name}: {sorted(missing)}"
        for page in reader.pages:  # no glyph 0 (.notdef, the empty box) is drawn
            for operands, operator in ContentStream(page.get_contents(), reader).operations:
                if operator == b"Tj":
                    shown = [operands[0]]
                elif operator == b"TJ":
                    shown = [o for o in operands[0] if isinstance(o, bytes | str)]
                else:
                    continue
                for run in shown:
                    data = run if isinstance(run, bytes) else run.original_bytes
                    assert all(data[i:i + 2] != b"\0\0" for i in range(0, len(data) - 1, 2)), f"{name}: .notdef drawn"


def test_no_line_starts_with_closing_punctuation(pdfs):
    for name, reader in pdfs.items():
        for number, text in enumerate(text_of(reader), 1):
            bad = [line for line in text.splitlines() if line.strip() and line.strip()[0] in CLOSING]
            assert not bad, f"{name} page {number}: {bad}"


def test_bookmarks_per_section_and_per_entry(pdfs, catalog):
    plan = catalog.workplans[2023]
    sections = [f"{s.numeral}、{s.title}" for s in plan.sections]
    marks = outline(pdfs[PLAN])
    assert marks[0][:2] == (0, plan.title)
    assert [title for depth, title, _ in marks if depth == 1] == sections
    titles = [title for _, title, _ in outline(pdfs[BOOK])]
    assert all(s in titles for s in sections)
    assert {"支部品牌", "党员风采", "书记论坛", "党建创新榜", "附录一　提法释义", "附录二　引用文件"} <= set(titles) or \
        {"支部品牌", "党员风采", "书记论坛", "党建创新榜", "提法释义", "引用文件"} <= set(titles)


def test_the_compilation_holds_every_entry_of_the_year_and_no_news(pdfs, catalog):
    marks = {title for _, title, _ in outline(pdfs[BOOK])}
    text = squeezed("".join(body_of(pdfs[BOOK])))
    entries = [r for k in catalog.kinds if k.showcase for r in catalog.records[k.key] if r.year == 2023]
    assert len(entries) > 10
    for record in entries:  # a forum's page heads it with the forum's name before the session's
        assert any(title.endswith(record.entry.heading) for title in marks), record.id
        assert squeezed(record.entry.heading) in text
    later = [r for k in catalog.kinds for r in catalog.records[k.key] if r.year != 2023 and k.showcase]
    assert later and all(not any(title.endswith(r.entry.heading) for title in marks) for r in later)
    assert all(r.entry.heading not in marks for r in catalog.records.get("news", []))


def test_the_contents_page_numbers_point_at_the_pages_of_their_headings(pdfs):
    reader = pdfs[BOOK]
    pages = text_of(reader)
    contents = "\n".join(p for p in pages[:6] if "目" in p and "录" in p)
    listed = dict(re.findall(r"^(.+?)\s*[·.]{3,}\s*(\d+)\s*$", contents, re.M))
    assert len(listed) > 20
    checked = 0
    for label, number in listed.items():
        page = pages[int(number) - 1]
        assert squeezed(label.strip()) in squeezed(page), f"{label} is not on page {number}"
        checked += 1
    assert checked == len(listed)


def test_the_plan_page_the_board_and_the_home_page_link_the_pdfs_with_their_sizes(pdfs, built_site):
    for page in ("workplan/2023/index.html", "workplan/2023/progress/index.html", "index.html"):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        links = {a["href"].rpartition("/")[2]: a for a in soup.select(".downloads a")}
        assert set(links) == {"2023-%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9.pdf", "2023-%E6%B1%87%E7%BC%96.pdf"}, page
        for link in links.values():
            size = link.find_next_sibling("span", class_="pdf-size").get_text()
            assert re.fullmatch(r"（PDF，[\d.]+ (KB|MB)，\d+ 页）", size), size
            target = (built_site / page).parent / link["href"]
            from urllib.parse import unquote
            assert Path(unquote(str(target))).resolve().is_file()


def test_pdf_false_builds_the_site_without_pdfs_or_links_to_them(tmp_path):
    result, site = build_project(tmp_path, ROOT / "data", pdf=False)
    assert result.returncode == 0, result.stderr
    assert not (site / "downloads").exists()
    assert "downloads/" not in (site / "workplan" / "2023" / "index.html").read_text(encoding="utf-8")
    assert "下载打印版" not in (site / "index.html").read_text(encoding="utf-8")
