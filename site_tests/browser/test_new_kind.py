"""A kind added as one module and two templates (test_architecture's talks), seen in Chromium."""

from __future__ import annotations

import pytest
from test_architecture import talks_site  # noqa: F401  (the fixture: the copy with the added kind, built strictly)

from browser.conftest import DESKTOP, serve


@pytest.mark.slow
def test_a_new_kind_s_cards_look_like_the_others_in_the_browser(browser, talks_site, tmp_path):  # noqa: F811
    """Computed by Chromium: its grid has the columns every other kind's grid has, with no rule
    of its own in the stylesheet; the search box finds its entry."""
    with serve(tmp_path, talks_site) as (served,):
        page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
        columns = {}
        for kind in ("talks", "brands", "forums", "innovations", "units"):
            page.goto(served.url(f"{kind}/"))
            columns[kind] = page.eval_on_selector("article .grid.cards", "el => getComputedStyle(el).gridTemplateColumns")
        rounded = {kind: [round(float(width.removesuffix("px"))) for width in value.split()] for kind, value in columns.items()}
        assert len({tuple(widths) for widths in rounded.values()}) == 1 and len(rounded["talks"]) == 3, columns
        page.goto(served.root)
        page.locator("input[data-md-component=search-query]").click()
        page.keyboard.type("学思践悟")
        page.wait_for_selector('a.md-search-result__link[href*="talks/xuesi/"]', timeout=20_000)
        page.close()
