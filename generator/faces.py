"""What other pages show of an entry: its face. An edit that leaves every edited entry's face
as it was (the usual save: a sentence of its story) changes that entry's own page and
nothing else, so a preview renders that page alone instead of also the plan, the board, the
kind's listing, the points', the units' and the updates' pages (at 5,000 entries most of a
rebuild's time; pagegroups.touched asks here first).

The face is the card the listings and unit pages show, rendered, and every value the other
pages read: heading, sample mark, year and date, points, units, branches, 五型 and terms
(related.features), the place in the timeline, and the fields a news listing prints.
"""

from __future__ import annotations

from typing import Any

from . import addresses
from .pages import related
from .pages.build import Build
from .pages.render import environment

NEWS_FIELDS = ("title", "category", "date", "units", "summary")
_CARD = '{% import "_macros.md.j2" as m with context %}{% include card %}'


def unchanged(before: Build, after: Build, paths: set[str]) -> bool:
    """Whether every entry read from ``paths`` is in both builds with the same face (and no
    commit moved a last-change date, which the list of updates orders by)."""
    if not paths or before.updated != after.updated:
        return False
    old_records, new_records = _by_path(before.catalog), _by_path(after.catalog)
    for path in paths:
        old, new = old_records.get(path), new_records.get(path)
        if old is None or new is None or (old.kind.key, old.id) != (new.kind.key, new.id):
            return False
        if face(before, old) != face(after, new):
            return False
    return True


def face(build: Build, record: Any) -> tuple:
    """Everything pages other than the entry's own show of it."""
    entry, catalog = record.entry, build.catalog
    return (entry.heading, entry.sample, record.year, related.when(record), entry.in_timeline, entry.day,
            entry.month, entry.picture,
            sorted(related.features(catalog, record)), [ref for _, ref in entry.branch_refs()],
            list(catalog.units_of(record)), [getattr(entry, name, None) for name in NEWS_FIELDS],
            _card(build, record))


def _card(build: Build, record: Any) -> object:
    """The entry's card as its kind's listing renders it ("" for a kind without cards)."""
    kind = record.kind
    if not kind.card:
        return ""
    pictured = any(r.entry.picture for r in build.catalog.records[kind.key])
    env = environment()
    try:
        return env.from_string(_CARD).render(card=env.get_template(kind.card), record=record, kind=kind,
                                             build=build, catalog=build.catalog,
                                             here=addresses.listing(kind.key), pictured=pictured)
    except Exception:  # noqa: BLE001  (a card this cannot render: never taken for unchanged)
        return object()


def _by_path(catalog: Any) -> dict:
    return {r.source.path: r for kind in catalog.kinds for r in catalog.records[kind.key]}
