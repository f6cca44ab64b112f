"""A kind's listing: pages of cards newest first, and its filters by year, 五型 and unit.

Every filter is a plain link to a page built beforehand, so it works from any static server
and without JavaScript: a year links to the page where that year's cards start, a 五型 to a
listing of its own, a unit to its part of the unit's page.
"""

from __future__ import annotations

from .. import addresses
from ..model.fields import WuXing
from .paging import Link, Paged, paginate
from .reference import unit_pages
from .render import environment, render_page


def render(build, kind) -> dict[str, str]:
    """``/<kind>/`` and its further pages, and ``/<kind>/wuxing/<slug>/`` for each 五型 in use."""
    catalog = build.catalog
    records = catalog.records[kind.key]
    index = addresses.listing(kind.key)
    paged = paginate(records, index, key=lambda r: r.year)
    wuxing = [(wx, [r for r in records if wx in r.entry.wuxing]) for wx in WuXing]
    wuxing = [(wx, chosen) for wx, chosen in wuxing if chosen]
    filters = {
        "years": [Link(f"{year} 年", path, f"year-{year}", _count(paged, year)) for year, path in paged.starts.items()],
        "wuxing": [Link(wx.value, addresses.wuxing(kind.key, wx.slug), "", len(chosen)) for wx, chosen in wuxing],
        "units": _unit_links(catalog, kind),
    }
    pages = _pages(build, paged, kind, title=kind.label, intro=f"{kind.intro}共 {len(records)} 项。", filters=filters)
    for wx, chosen in wuxing:
        intro = f"标注“{wx.value}”的{kind.label}，共 {len(chosen)} 项，按年份排列。"
        sub = paginate(chosen, addresses.wuxing(kind.key, wx.slug), key=lambda r: r.year)
        pages.update(_pages(build, sub, kind, title=f"{kind.label} · {wx.value}", intro=intro, filters=None, index=index))
    return pages


def _pages(build, paged: Paged, kind, *, title: str, intro: str, filters: dict | None,
           index: str | None = None) -> dict[str, str]:
    # The card template fetched once, not at each of thousands of includes.
    card = environment().get_template(kind.card)
    # Cards keep a place for a picture on every page when any entry of the kind has one.
    pictured = any(r.entry.picture for r in build.catalog.records[kind.key])
    return {page.path: render_page("kind_index.md.j2", build, here=page.path, kind=kind, card=card,
                                       pictured=pictured, title=title, intro=intro,
                                       page=page, pages=len(paged.pages), pager=paged.pager(page),
                                       filters=filters if page.number == 1 else None, index=index)
            for page in paged.pages}


def _count(paged: Paged, key) -> int:
    return next(g.total for p in paged.pages for g in p.groups if g.key == key)


def _unit_links(catalog, kind) -> list[Link]:
    """Each unit with entries of this kind, linking to where they start on the unit's pages."""
    links = []
    for unit in catalog.units.values():
        count = len(catalog.by_unit.get(unit.id, {}).get(kind.key, []))
        if count:
            links.append(Link(unit.name, unit_pages(catalog, unit.id).starts[kind.key], kind.key, count))
    return links
