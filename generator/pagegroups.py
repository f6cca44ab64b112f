"""The generated pages in groups, by key, and which groups an edit of entries can change.

A group's pages are rendered together from the same data: an entry's page; a kind's listing;
a point's pages; a unit's pages; the plan, the board, the lists of what is new. After an edit
of entries a preview (``site/preview.py``) asks ``touched`` which groups to render again and
keeps the others from its last build; the keys and what each group rests on are known here
only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from . import faces
from .guide import field_guide
from .model.catalog import Catalog, Record
from .pages import citations, compare, listing, progress, reference, related, updates
from .pages.build import Build
from .pages.render import render_entry

Key = tuple
Work = Callable[[], dict[str, str]]

# Groups drawn from every entry, one line or a few each: rendered again after any edit.
EVERY_ENTRY: set[Key] = {("workplan",), ("progress",), ("units",), ("updates",), ("aids",)}


def page_groups(build: Build) -> dict[Key, Work]:
    """Every group of generated pages, by key, with the function rendering it."""
    catalog = build.catalog
    groups: dict[Key, Work] = {
        ("workplan",): partial(reference.render_workplans, build),
        ("progress",): partial(progress.render, build),
        ("compare",): partial(compare.render, catalog),
        ("units",): partial(reference.render_units_index, build),
        ("updates",): partial(updates.render, build),
        ("aids",): partial(_finding_aids, build),
    }
    for year, plan in sorted(catalog.workplans.items()):
        for _, point in plan.points():
            groups[("point", year, point.number)] = partial(citations.render_point, build, year, point)
    for kind in catalog.kinds:
        # A kind renders its listing and its entries' pages as the others do unless it declares
        # its own way (news: listings by category and year).
        groups[("listing", kind.key)] = partial(kind.listing or listing.render, build, kind)
        entry = kind.item or _entry_page
        for record in catalog.records[kind.key]:
            groups[("entry", record.url)] = partial(entry, build, record)
    for unit in catalog.units.values():
        groups[("unit", unit.id)] = partial(reference.render_unit, build, unit)
    return groups


def _entry_page(build: Build, record: Record) -> dict[str, str]:
    return {record.url: render_entry(build, record)}


def _finding_aids(build: Build) -> dict[str, str]:
    """The field guide, the glossary (with the entries using each term) and the documents."""
    return {**field_guide.render(build.catalog), **reference.render_glossary(build),
            **reference.render_documents(build.catalog.documents)}


def touched(before: Build, after: Build, paths: set[str]) -> set[Key]:
    """The groups that entries read from ``paths`` (files as messages name them) show, as they
    were in ``before`` and as they are in ``after``."""
    if faces.unchanged(before, after, paths):  # what other pages show of them is as it was
        edited = {(r.kind.key, r.id): r for r in filter(None, map(by_path(after.catalog).get, paths))}
        own = {("entry", r.url) for r in edited.values()}
        return own | {("entry", r.url) for r in _neighbours(before, after, set(edited))}
    keys = set(EVERY_ENTRY)
    names: set[tuple[str, str]] = set()
    for catalog in (before.catalog, after.catalog):
        found = by_path(catalog)
        for record in filter(None, map(found.get, paths)):
            names.add((record.kind.key, record.id))
            keys |= {("listing", record.kind.key), ("entry", record.url)}
            keys.update(("point", ref.year, ref.number) for ref in record.entry.cited_points())
            keys.update(("unit", uid) for uid in catalog.units_of(record))
    keys.update(("entry", record.url) for record in _neighbours(before, after, names))
    # A unit's pages cut differently can move where another kind starts on them, and that
    # kind's listing links there.
    for key in [k for k in keys if k[0] == "unit"]:
        was, now = reference.unit_pages(before.catalog, key[1]).starts, reference.unit_pages(after.catalog, key[1]).starts
        keys.update(("listing", kind) for kind in was.keys() | now.keys() if was.get(kind) != now.get(kind))
    return keys


def _neighbours(before: Build, after: Build, names: set[tuple[str, str]]) -> Iterator[Record]:
    """Untouched entries whose pages still change: their related reading or its names, or the
    date of their last commit (a commit made while previewing)."""
    for kind in after.catalog.kinds:
        for record in after.catalog.records[kind.key]:
            key = (kind.key, record.id)
            now = [(r.kind.key, r.id) for r in after.related.get(key, [])]
            then = [(r.kind.key, r.id) for r in before.related.get(key, [])]
            if now != then or names.intersection(now) or after.updated.get(key) != before.updated.get(key):
                yield record


def same_relations(before: Catalog, after: Catalog, paths: set[str]) -> bool:
    """Whether related reading comes out as last time: it rests only on each entry's points,
    units, 五型, glossary terms and date, and on which entries there are."""
    was, now = by_path(before), by_path(after)
    for path in paths:
        old, new = was.get(path), now.get(path)
        if old is None and new is None:
            continue
        if old is None or new is None or related.when(old) != related.when(new) \
                or related.features(before, old) != related.features(after, new):
            return False
    return True


def kept_relations(before: Build, catalog: Catalog) -> tuple[dict, dict]:
    """Last build's related reading and terms' users, naming ``catalog``'s records."""
    now = {(r.kind.key, r.id): r for kind in catalog.kinds for r in catalog.records[kind.key]}

    def same(records: list[Record]) -> list[Record]:
        return [now[(r.kind.key, r.id)] for r in records]
    return ({key: same(found) for key, found in before.related.items()},
            {term: same(found) for term, found in before.term_uses.items()})


def by_path(catalog: Catalog) -> dict[str, Record]:
    """Records by the path of the file they were read from, as messages show it."""
    return {r.source.path: r for kind in catalog.kinds for r in catalog.records[kind.key]}
