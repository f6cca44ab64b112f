"""落实看板 in a browser: fifteen units on A4 landscape, the dark scheme, a phone."""

from __future__ import annotations

import io
import re
import sys
import unicodedata

import pytest
from conftest import ROOT, build_project
from pypdf import PdfReader

from browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Watch, serve
from browser.test_accessibility import serious
from browser.test_print import pdf_pattern, squash

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

pytestmark = pytest.mark.slow  # builds a site and drives a browser

# The width A4 landscape leaves for the page between print.css's 10 mm margins, in CSS pixels.
A4_LANDSCAPE_PX = round((297 - 20) / 25.4 * 96)


@pytest.fixture(scope="module")
def board_url(tmp_path_factory):
    """A synthetic site of 600 entries from 15 units (two blocks of unit columns), served like the other."""
    tmp = tmp_path_factory.mktemp("board")
    result, site = build_project(tmp, synth.write(tmp, 600))
    assert result.returncode == 0, result.stderr
    with serve(tmp / "nginx", site) as (served,):
        yield served.root, served.root + "workplan/2023/progress/"


@pytest.fixture
def open_board(browser, board_url):
    """``open_board(viewport=..., **context options) -> (page, watch)`` at the synthetic board."""
    contexts = []

    root, url = board_url

    def opener(viewport: dict | None = None, **options):
        context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN", **options)
        contexts.append(context)
        watch = Watch(root)
        watch.attach(context)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        return page, watch

    yield opener
    for context in contexts:
        context.close()


FIT = """() => [...document.querySelectorAll("table.pg-matrix")].map(t => ({
  table: Math.ceil(t.getBoundingClientRect().width),
  room: Math.floor(document.querySelector("article").getBoundingClientRect().width),
  units: t.querySelectorAll("thead th.pg-unit").length}))"""


def test_every_block_of_the_matrix_fits_a4_landscape(open_board):
    page, watch = open_board(viewport={"width": A4_LANDSCAPE_PX, "height": 700})
    page.emulate_media(media="print")
    blocks = page.evaluate(FIT)
    assert [b["units"] for b in blocks] == [12, 3]
    assert all(b["table"] <= b["room"] for b in blocks), blocks
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "progress-a4-landscape.pdf").write_bytes(pdf)
    sheets = PdfReader(io.BytesIO(pdf)).pages
    width, height = float(sheets[0].mediabox.width), float(sheets[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    # Each block on one sheet: its caption and its last point's row are printed together.
    texts = [squash(unicodedata.normalize("NFKC", sheet.extract_text())) for sheet in sheets]
    last = pdf_pattern("25.严格督查考核")
    for first, end in (("1", "12"), ("13", "15")):
        caption = re.compile(pdf_pattern(f"要点×单位（第{first}").pattern + "." + pdf_pattern(f"{end}个单位").pattern)
        [sheet] = [t for t in texts if caption.search(t)]
        assert last.search(sheet), f"units {first}-{end}: the matrix runs over onto another sheet"
    assert watch.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_board_reads_in_both_schemes(open_board, scheme):
    page, watch = open_board(color_scheme=scheme)
    assert serious(page) == []
    bars = page.evaluate("""() => [...document.querySelectorAll(".pg-bar")].filter(b => b.offsetWidth > 0).map(b => [
        getComputedStyle(b).borderTopColor, getComputedStyle(document.body).backgroundColor])""")
    assert bars and all(bar != background for bar, background in bars)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"progress-{scheme}.png"), full_page=True)
    assert watch.problems() == []


def test_board_on_a_phone_scrolls_its_tables_not_the_page(open_board):
    page, _ = open_board(viewport=PHONE, is_mobile=True, has_touch=True)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "progress-phone.png"), full_page=False)


# Of the matrix's box on the screen, the share the counts have once the box is scrolled to its end.
COUNTS_SHARE = """() => {
  const table = document.querySelector("table.pg-matrix");
  let box = table.parentElement;
  while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
  if (!box || box === document.documentElement || box === document.body) return null;
  box.scrollLeft = box.scrollWidth;
  const shown = box.getBoundingClientRect();
  const head = table.querySelector("tbody th[scope=row]").getBoundingClientRect();
  const covered = Math.max(0, Math.min(head.right, shown.right) - Math.max(head.left, shown.left));
  return (shown.width - covered) / shown.width;
}"""


def test_the_elder_mode_on_a_phone_leaves_the_matrix_counts_most_of_the_screen(open_board):
    page, _ = open_board(viewport=PHONE, is_mobile=True, has_touch=True)
    page.click("button.elder-switch")
    page.wait_for_function("document.documentElement.classList.contains('elder')")
    share = page.evaluate(COUNTS_SHARE)
    assert share is not None, "the matrix at 15 units should scroll in its own box on a phone"
    assert share >= 0.5, f"only {share:.0%} of the matrix's box shows counts once scrolled"
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.evaluate("document.querySelector('table.pg-matrix').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / "progress-phone-elder.png"), full_page=False)
