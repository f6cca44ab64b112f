"""The news' pages: ``/news/`` (20 items a page), by category ``/news/category/<n>/`` and by year
``/news/<year>/``, and one page per item. The kind's hooks (``kinds/news.py``) name them."""

from __future__ import annotations

from typing import Any

from .. import addresses
from .build import Build
from .paging import paginate
from .render import render_page

PER_PAGE = 20


def render_listing(build: Build, kind) -> dict[str, str]:
    """``/news/`` and its category and year listings, each cut by the shared pager."""
    catalog = build.catalog
    records: list[Any] = catalog.records.get(kind.key, [])  # news items: their entries have a category
    categories = catalog.news_categories
    years = sorted({r.year for r in records}, reverse=True)
    filters = {"categories": [(c, addresses.news(category=i)) for i, c in enumerate(categories, 1)],
               "years": [(y, addresses.news(year=y)) for y in years]}
    pages: dict[str, str] = {}
    groups: list[tuple[str, str, list[Any]]] = [(addresses.news(), kind.label, records)]
    groups += [(path, c, [r for r in records if r.entry.category == c]) for c, path in filters["categories"]]
    groups += [(path, f"{y} 年{kind.label}", [r for r in records if r.year == y]) for y, path in filters["years"]]
    for first, title, members in groups:
        paged = paginate(members, first, per_page=PER_PAGE)
        for page in paged.pages:
            pages[page.path] = render_page("news_index.md.j2", build, here=page.path, title=title, page=page,
                                           pager=paged.pager(page), filters=filters, intro=kind.intro)
    return pages


def render_item(build: Build, record) -> dict[str, str]:
    """One item's page."""
    category = addresses.news(category=build.catalog.news_categories.index(record.entry.category) + 1)
    return {record.url: render_page("news.md.j2", build, here=record.url, record=record, entry=record.entry,
                                    category_page=category)}
