"""The site's address scheme: where every page built from data lives, and its anchors.

This module is the only place that builds an address. Pages, templates (the ``addresses``
global of the Jinja environment), links by id, the outputs check and the plugin ask it; none
of them joins a path, an anchor or a URL from strings. DESIGN.md's URL table is the scheme:

``workplan/<year>/`` (anchors ``#section-N``, ``#point-N``), its ``progress/``, ``compare/`` and
``points/<n>/``; ``<kind>/`` and ``<kind>/<id>/``; ``units/`` and ``units/<id>/``;
``glossary/``, ``documents/``, ``news/``, ``updates/``, ``timeline/``, ``downloads/``.

Addresses here are docs paths, the pages' sources under the docs folder as MkDocs names them
(``brands/x.md``, with an anchor where one is meant: ``workplan/2023.md#point-9``); MkDocs turns
them into URLs and files (``brands/x/``, ``brands/x/index.html``), and ``page_file`` says which
file, so that outputs can be checked before MkDocs runs. A point of a plan is named once, by the
parsed ``PointId`` (``"2023-10"``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

INDEX = "index.md"
FEED = "news/feed.xml"        # the news feed, written by the plugin when site_url is set
SEARCH = "search/"            # the search index's folder, written whole by the search plugin
NEWS_ITEMS = "news/posts"     # where editors put news items, under content/
# The site's own top-level folders and files: a hand-written page may not use these names.
FOLDERS = frozenset({
    "assets", "search", "media", "downloads", "workplan", "units", "glossary", "documents", "news",
    "updates", "timeline", "404", "sitemap.xml", "feed.xml",
})

_POINT = re.compile(r"([0-9]+)-([0-9]+)")


class PointId(NamedTuple):
    """A work point by its year and number, as editors cite it: ``"2023-10"`` is point 10 of 2023.

    A pair, so that it orders and keys tables as ``(year, number)`` does."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> PointId | None:
        """The point ``"2023-10"`` names (leading zeros allowed: ``"2023-09"``), or None for any
        other text. Whether the plan and its point exist is the catalog's to say."""
        m = _POINT.fullmatch(text)
        return cls(int(m.group(1)), int(m.group(2))) if m else None

    def __str__(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def path(self) -> str:
        """Its place on the year's plan page."""
        return point(self.year, self.number)

    @property
    def page(self) -> str:
        """Its own page: the entries carrying it out, by unit."""
        return point_page(self.year, self.number)


def _index(folder: str) -> str:
    return f"{folder}/{INDEX}"


# The year's plans.

def workplans() -> str:
    return _index("workplan")


def workplan(year: int) -> str:
    """``workplan/2023.md``: the plan's text, with an anchor at each section and point."""
    return f"workplan/{year}.md"


def section_anchor(number: int) -> str:
    return f"section-{number}"


def point_anchor(number: int) -> str:
    return f"point-{number}"


_POINT_AT = re.compile(r"workplan/(\d{4})/\Z")
_POINT_ANCHOR = re.compile(r"point-(\d+)\Z")


def point_at(page_url: str, anchor: str) -> tuple[int, int] | None:
    """(year, number) when ``page_url#anchor`` (a built page's address, as MkDocs gives it) is
    a point of a plan: ``("workplan/2023/", "point-9")`` -> ``(2023, 9)``; else None."""
    year, number = _POINT_AT.match(page_url), _POINT_ANCHOR.match(anchor)
    return (int(year.group(1)), int(number.group(1))) if year and number else None


def section(year: int, number: int) -> str:
    return f"{workplan(year)}#{section_anchor(number)}"


def point(year: int, number: int) -> str:
    return f"{workplan(year)}#{point_anchor(number)}"


def point_page(year: int, number: int) -> str:
    """``workplan/2023/points/5.md``: the entries carrying out point 5."""
    return f"workplan/{year}/points/{number}.md"


def progress(year: int) -> str:
    """The 落实看板 of a year."""
    return f"workplan/{year}/progress.md"


def compare(year: int) -> str:
    """A year's plan against the previous one's."""
    return f"workplan/{year}/compare.md"


# Entries of the kinds (the folder is the kind's key) and units.

def listing(kind_key: str) -> str:
    """``brands/index.md``: a kind's cards."""
    return _index(kind_key)


def entry(kind_key: str, ident: str) -> str:
    """``brands/hongqi.md``: one entry's page."""
    return f"{kind_key}/{ident}.md"


def wuxing(kind_key: str, slug: str) -> str:
    """A kind's entries marked with one 五型: ``brands/wuxing/xuexi.md``."""
    return f"{kind_key}/wuxing/{slug}.md"


def units() -> str:
    return _index("units")


def unit(unit_id: str) -> str:
    """``units/zhengwu.md``: all that a unit and its branches contributed."""
    return entry("units", unit_id)


# Finding aids and what is new.

def glossary() -> str:
    return _index("glossary")


def term(anchor: str) -> str:
    """A glossary term's place on the glossary page."""
    return f"{glossary()}#{anchor}"


def documents() -> str:
    return _index("documents")


# Each year's plan and 汇编 as PDF (generator/pdf): files, not pages.

def download(year: int, name: str) -> str:
    """``downloads/2023-工作要点.pdf``, ``downloads/2023-汇编.pdf``, ``downloads/2023-汇编-党员风采-2.pdf``."""
    return f"downloads/{year}-{name}.pdf"


def guide() -> str:
    """The editors' guide: a hand-written page (content/guide.md) that generated pages link to."""
    return "guide.md"


def field_guide() -> str:
    """The guide's reference of every field, made from the models."""
    return "guide/fields.md"


def updates() -> str:
    return _index("updates")


def timeline(year: int | None = None) -> str:
    """``timeline/index.md`` (the newest year), or one year's: ``timeline/2023/index.md``."""
    return _index("timeline") if year is None else _index(f"timeline/{year}")


def news(category: int | None = None, year: int | None = None) -> str:
    """The news listing, of one category (numbered from 1 in the configured order) or of one year."""
    if category is not None:
        return _index(f"news/category/{category}")
    return _index("news") if year is None else _index(f"news/{year}")


def placeholder(name: str) -> str:
    """A picture of the site's own, shown where an entry has none: ``member-placeholder.svg``."""
    return f"assets/showcase/{name}"


# Long lists cut into pages: page 1 keeps the list's own address, page n lives below it.

def page(first: str, number: int) -> str:
    """Where page ``number`` of a list whose first page is ``first`` lives.

    ``brands/index.md`` -> ``brands/page/2.md`` (``brands/2.md`` could be an entry's page);
    ``units/zhengwu.md`` -> ``units/zhengwu/2.md``.
    """
    if number == 1:
        return first
    if first.endswith("/" + INDEX):
        return f"{first[:-len('/' + INDEX)]}/page/{number}.md"
    return f"{first[:-len('.md')]}/{number}.md"


# From a docs path to where MkDocs writes it.

def page_file(docs_path: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes the page ``docs_path`` under site/: ``news/x.md`` -> ``news/x/index.html``."""
    stem = docs_path.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return f"{prefix}index.html"
    return f"{prefix}{name}/index.html" if directory_urls else f"{prefix}{name}.html"


def url(docs_path: str) -> str:
    """The address a browser asks for, from the site's root: ``brands/x.md#a`` -> ``brands/x/#a``."""
    path, _, anchor = docs_path.partition("#")
    return page_file(path).removesuffix("index.html") + (f"#{anchor}" if anchor else "")
