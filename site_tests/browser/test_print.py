"""Paper: the work plan prints as its article alone, with all 25 points."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from conftest import ROOT
from pypdf import PdfReader

from browser.conftest import SCREENSHOTS
from generator import pipeline

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
          ".md-footer", ".md-top"]


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pdf_pattern(expected: str) -> re.Pattern:
    """Match ``expected`` in text extracted from Chromium's PDF.

    The CJK font draws some characters with glyphs it shares with radicals, and the PDF maps
    those glyphs back to the radical: 工 comes out as ⼯ (U+2F2F), 见 as ⻅ (U+2EC5). NFKC folds
    the Kangxi radicals back (and full-width punctuation, on both sides); a character of the radicals supplement (U+2E80-U+2EFF), which has
    no such mapping, may stand for any expected character.
    """
    return re.compile("".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" for c in squash(unicodedata.normalize("NFKC", expected))))


@pytest.fixture(scope="module")
def plan():
    return pipeline.load(ROOT / "data", ROOT).workplans[2023]


@pytest.fixture
def printed(open_page, site_server):
    page, _ = open_page()
    page.goto(site_server.url("workplan/2023/"), wait_until="networkidle")
    page.emulate_media(media="print")
    return page


def test_print_hides_navigation_header_footer_and_search(printed):
    shown = [sel for sel in CHROME
             if printed.locator(sel).count() and printed.evaluate(
                 "s => [...document.querySelectorAll(s)].some(e => e.checkVisibility())", sel)]
    assert not shown, f"visible on paper: {shown}"
    assert printed.locator("article h1").is_visible()


def test_pdf_of_the_work_plan_contains_all_25_points(printed, plan):
    pdf = printed.pdf(format="A4", print_background=False)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "workplan-2023.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = unicodedata.normalize("NFKC", squash("".join(p.extract_text() for p in reader.pages)))
    points = list(plan.points())
    assert len(points) == 25
    missing = [point.number for _, point in points
               if not pdf_pattern(f"{point.number}.{point.title}").search(text)
               or not pdf_pattern(point.text).search(text)]
    assert not missing, f"points missing from the PDF: {missing}"
    # The chrome is gone from paper too: no search box, no navigation list, no footer.
    for word in ("搜索", "主办：", "本站构建于"):
        assert word not in text
    print(f"PDF: {len(reader.pages)} A4 pages, saved to {SCREENSHOTS / 'workplan-2023.pdf'}")
