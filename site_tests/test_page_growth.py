"""No page grows with the site: the 五型 page and the 404 page weigh the same at two sizes.

Material's tag index listed every tagged page (750 KB at 5,000 entries) and the 404 page wrote
a blank line for every page of the site (145 KB): both grew with the entries, and no cap on
listings caught them. Built here at two synthetic sizes, four times apart.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, build_project

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

SIZES = (60, 240)
# What may differ between the sizes: the counts' digits on the 五型 page. One entry more on a
# page that listed every entry would add about 150 bytes; 180 more entries, some 27 KB.
SLACK = 1_000
FIXED = ("tags/index.html", "404.html")


@pytest.fixture(scope="module")
def sizes(tmp_path_factory) -> dict[int, dict[str, int]]:
    out = {}
    for entries in SIZES:
        tmp = tmp_path_factory.mktemp(f"growth{entries}")
        data = synth.write(tmp, entries)
        result, site = build_project(tmp, data, pdf=False)
        assert result.returncode == 0, result.stderr
        pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
        assert len(pages) > entries  # a page per entry at least: the bigger site has more
        out[entries] = pages
    return out


@pytest.mark.parametrize("page", FIXED)
def test_the_page_does_not_grow_with_the_entries(sizes, page):
    small, big = (sizes[n][page] for n in SIZES)
    assert big - small < SLACK, (page, small, big)

