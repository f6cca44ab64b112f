"""The pages of the reference data: the year's plans, the units, the glossary, the documents.

Their models and checks are in ``model/``; this is how the site shows them.
"""

from __future__ import annotations

from .. import addresses
from ..model.documents import Document
from ..model.glossary import Category, excerpts, quotes
from ..model.units import Unit
from . import citations
from .paging import Paged, paginate
from .render import render_page, render_template


def render_workplans(build) -> dict[str, str]:
    """``workplan/index.md`` listing the years, and one page per year with its backlinks."""
    plans = build.catalog.workplans
    years = sorted(plans, reverse=True)
    here = addresses.workplans()
    pages = {here: render_template("workplan_index.md.j2", here=here, plans=[plans[y] for y in years])}
    for year in years:
        here = addresses.workplan(year)
        cited = {p.number: citations.latest(build, year, p.number) for _, p in plans[year].points()}
        earlier = [y for y in years if y < year]
        pages[here] = render_template("workplan.md.j2", plan=plans[year], here=here, cited=cited,
                                      progress=addresses.progress(year),
                                      coverage=citations.coverage(build.catalog, plans[year]),
                                      compare=addresses.compare(year) if earlier else None,
                                      previous=earlier[0] if earlier else None,
                                      downloads=build.downloads.get(year, []))
    return pages


def unit_pages(catalog, unit_id: str) -> Paged:
    """A unit's entries as (kind, record) lines, kinds in order, cut into pages; grouped by kind."""
    listing = catalog.by_unit.get(unit_id, {})
    lines = [(kind, r) for kind in catalog.kinds for r in listing.get(kind.key, [])]
    return paginate(lines, addresses.unit(unit_id), key=lambda line: line[0].key)


def render_units_index(build) -> dict[str, str]:
    here = addresses.units()
    return {here: render_page("units_index.md.j2", build, here=here)}


def render_unit(build, unit: Unit) -> dict[str, str]:
    """A unit's page(s)."""
    catalog = build.catalog
    paged = unit_pages(catalog, unit.id)
    listing = catalog.by_unit.get(unit.id, {})
    return {page.path: render_page("unit.md.j2", build, here=page.path, unit=unit, page=page,
                                       pager=paged.pager(page), sections=_sections(catalog, unit.id, page, listing))
            for page in paged.pages}


def _sections(catalog, unit_id: str, page, listing) -> list[dict]:
    """What a page shows per kind: its group of lines, or on the first page "none" for an empty kind."""
    groups = {g.key: g for g in page.groups}
    out = []
    for kind in catalog.kinds:
        group = groups.get(kind.key)
        if group is None and (page.number > 1 or listing.get(kind.key)):
            continue  # the kind is on another page
        lines = [(r, [b.name for b in catalog.branches_in(r, unit_id)]) for _, r in group.items] if group else []
        out.append({"kind": kind, "anchored": group is None or group.anchored,
                    "total": group.total if group else 0, "lines": lines})
    return out


def render_glossary(build) -> dict[str, str]:
    """``glossary/index.md``: the terms grouped by category, each with its anchor, the sentences
    of the plans it occurs in and the pages using it (the navigation always lists the page, so it is there even before data/glossary.yml is)."""
    here, entries = addresses.glossary(), build.catalog.glossary
    groups = [(c, [e for e in entries if e.term.category is c]) for c in Category]
    return {here: render_page("glossary.md.j2", build, here=here, groups=[g for g in groups if g[1]],
                                  total=len(entries), explained=sum(1 for e in entries if e.term.meaning),
                                  quotes={e.id: excerpts(e) for e in entries})}


def render_documents(docs: list[Document]) -> dict[str, str]:
    """``documents/index.md``: one entry per document with the points citing it (always there,
    like every page the navigation lists)."""
    here = addresses.documents()
    # The plan's sentence citing each: what a search result for the document shows.
    cited = {d.id: quotes(d.places, f"《{d.title}》", 1) for d in docs}
    return {here: render_template("documents.md.j2", here=here, documents=docs, quotes=cited)}
