"""The portal home page: blocks worked out from the data, placed by markers in ``content/index.md``.

The home page stays a hand-written page, so an organ rewrites its words and reorders or drops
blocks there. Each marker ``<!-- showcase:NAME -->`` becomes one block, rendered from
``templates/home/NAME.md.j2`` (``latest.md.j2`` for the list of what is new) when the site is built:

- ``banner``: the site's name and a line quoted verbatim from the newest plan's overall requirement;
- ``figures``: units, branches, entries of each showcase kind, and the plan's points that have a showcase;
- ``tiles``: the work plan, the 五型, and each showcase kind (``TILES`` at most) with its count;
- ``featured``: entries of the kind whose ``Portal`` says ``featured`` (brand cases), those marked
  ``featured: true`` first, with their covers;
- ``latest``: the newest entries of every kind (``updates.newest``);
- ``news``: the newest items of each news category (工作动态, 通知公告), with their dates;
- ``kinds``: a table of every kind's files and the command that starts one (the editors' guide);
- ``downloads``: each year's plan and 汇编 as PDF, with their sizes (nothing when the PDFs are off);
- ``wuxing``: the 五型 page (``content/tags.md``): for each type, the plan's sections advancing
  it and each kind's listing of the entries marked with it, with counts. Its size does not grow
  with the entries (Material's tag index lists every tagged page).

Each kind's words on the portal come from its ``Portal`` (``model/catalog.py``), so a new kind
is counted and gets a tile with nothing here to change. The portal's settings in mkdocs.yml
are checked with the plugin's options (``site/portal_config.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import addresses
from ..model.fields import WuXing
from .citations import coverage
from .render import render_page
from .updates import LATEST, newest

# A marker is a line of its own: the same words inside a sentence or code (the guide shows them) stay.
MARKER = re.compile(r"^[ \t]*<!-- showcase:([a-z]+) -->[ \t]*$", re.M)
BLOCKS = ("banner", "figures", "tiles", "featured", "latest", "news", "kinds", "downloads", "wuxing")
FEATURED = 3           # one row of cards on a wide screen
NEWS = 5               # items of each news category on the home page
TILES = 6              # kinds with a tile, besides the plan and the 五型: eight tiles at most


@dataclass(frozen=True)
class Site:
    """What the home page takes from mkdocs.yml."""

    name: str
    organisation: str = ""
    banner_line: str = ""  # verbatim from the overall requirement; empty: its first clause


@dataclass(frozen=True)
class Tile:
    """One way in from the home page: a kind's listing, its count and what it holds."""

    heading: str
    url: str
    count: int
    text: str


@dataclass(frozen=True)
class Figure:
    """One number the home page shows, with what it counts and the page that lists it."""

    number: str
    label: str
    url: str


def markers(markdown: str) -> list[str]:
    """The block names a page asks for, in order."""
    return MARKER.findall(markdown) if "<!-- showcase:" in markdown else []


def fill(markdown: str, build, here: str, site: Site) -> str:
    """``markdown`` with every known marker replaced by its block (unknown ones are left for
    ``unknown`` to report)."""
    def block(m: re.Match) -> str:
        name = m.group(1)
        if name not in BLOCKS:
            return m.group(0)
        template = "latest.md.j2" if name == "latest" else f"home/{name}.md.j2"
        return render_page(template, build, here=here, site=site, **_context(name, build, site))

    return MARKER.sub(block, markdown)


def unknown(markdown: str) -> list[str]:
    """Markers no block answers to, as the editor wrote them."""
    return [name for name in markers(markdown) if name not in BLOCKS]


def _context(name: str, build, site: Site) -> dict:
    catalog = build.catalog
    plan = newest_plan(catalog)
    if name == "banner":
        return {"plan": plan, "line": banner_line(plan, site.banner_line) if plan else ""}
    if name == "figures":
        return {"figures": figures(catalog), "coverage": coverage(catalog, plan) if plan else None}
    if name == "tiles":
        return {"plan": plan, "tiles": tiles(catalog),
                "wuxing": sum(1 for key in showcase_keys(catalog) for r in catalog.records.get(key, []) if r.entry.wuxing)}
    if name == "featured":
        return {"kind": featured_kind(catalog), "records": featured(catalog)}
    if name == "kinds":
        return {"kinds": catalog.kinds}
    if name == "downloads":
        return {"years": sorted(build.downloads.items(), reverse=True)}
    if name == "wuxing":
        return {"types": wuxing(catalog)}
    if name == "news":
        return {"columns": news_columns(catalog, NEWS)}
    return {"items": newest(build, LATEST)}


@dataclass(frozen=True)
class WuxingType:
    """One of the 五型 on its page: the plan's sections advancing it, each listing's count."""

    value: object  # the WuXing member
    sections: list  # (plan, section number, section)
    listings: list  # (kind, count, listing path), kinds with entries of this type


def wuxing(catalog) -> list[WuxingType]:
    """Each of the 五型 with the newest plan's sections and each kind's entries marked with it."""
    plan = newest_plan(catalog)
    out = []
    for wx in WuXing:
        sections = [(plan, i, s) for i, s in enumerate(plan.sections, 1) if wx in s.wuxing] if plan else []
        listings = []
        for kind in catalog.kinds:
            count = sum(1 for r in catalog.records.get(kind.key, []) if wx in r.entry.wuxing)
            if count and kind.listing is None:  # a kind listing itself its own way has no 五型 listing
                listings.append((kind, count, addresses.wuxing(kind.key, wx.slug)))
        out.append(WuxingType(wx, sections, listings))
    return out


def news_columns(catalog, limit: int) -> list[tuple[str, str, list]]:
    """(category, its listing, its ``limit`` newest items) for each news category, in mkdocs.yml's order."""
    kind = news_kind(catalog)
    records = catalog.records.get(kind.key, []) if kind else []
    return [(c, addresses.news(category=i), [r for r in records if r.entry.category == c][:limit])
            for i, c in enumerate(catalog.news_categories, 1)]


def news_kind(catalog):
    """The kind of news items (not a showcase; sorted into the configured categories), or None."""
    return next((k for k in catalog.kinds if not k.showcase and "category" in k.model.model_fields), None)


def newest_plan(catalog):
    return catalog.workplans[max(catalog.workplans)] if catalog.workplans else None


def banner_line(plan, wanted: str) -> str:
    """The line the banner quotes: ``wanted`` when set, else the overall requirement's first clause."""
    if wanted:
        return wanted
    body = plan.overall.split("：", 1)[-1]
    return re.split(r"[，。；]", body, maxsplit=1)[0]


def showcase_keys(catalog) -> list[str]:
    """The kinds showing the plan carried out (every kind whose ``showcase`` is set; not news)."""
    return [kind.key for kind in catalog.kinds if kind.showcase]


def figures(catalog) -> list[Figure]:
    """The home page's key figures, all counted from the loaded data: units, branches, each
    showcase kind in the registry's order, and the newest plan's points that have a showcase."""
    out = [Figure(str(len(catalog.units)), "个单位", addresses.units()),
           Figure(str(len(catalog.branches)), "个党支部", addresses.units())]
    out += [Figure(str(len(catalog.records.get(kind.key, []))), kind.portal.figure_words(kind), addresses.listing(kind.key))
            for kind in catalog.kinds if kind.showcase]
    plan = newest_plan(catalog)
    if plan is not None:
        covered = coverage(catalog, plan)
        out.append(Figure(f"{covered.count}/{covered.points}", f"条{plan.year}年工作要点有展示", addresses.workplan(plan.year)))
    return out


def tiles(catalog) -> list[Tile]:
    """A tile for each showcase kind in the registry's order, ``TILES`` at most (the navigation
    and the figures still reach the rest)."""
    return [Tile(kind.portal.tile_heading(kind), addresses.listing(kind.key), len(catalog.records.get(kind.key, [])),
                 kind.portal.tile_text(kind))
            for kind in catalog.kinds if kind.showcase][:TILES]


def featured_kind(catalog):
    """The kind whose entries fill the featured row (its ``Portal.featured``), or None."""
    return next((kind for kind in catalog.kinds if kind.portal.featured), None)


def featured(catalog) -> list:
    """Entries of the featured kind for the home page: those marked ``featured``, then the
    newest, ``FEATURED`` in all."""
    kind = featured_kind(catalog)
    records = catalog.records.get(kind.key, []) if kind else []
    chosen = [r for r in records if getattr(r.entry, "featured", False)]
    return (chosen + [r for r in records if r not in chosen])[:FEATURED]
