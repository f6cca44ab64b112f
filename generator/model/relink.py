"""Linking again after an edit: what checking each entry's references found, kept between checks.

The editing server runs the whole check after every save, as ``make check`` does. Its files
come from a ``ReadCache``: a file that did not change gives the same entry object again, so
what linking found for that entry can be kept too. It depends on the entry and on the answers
to what it looked up:

- the ids and names every entry is checked against (units and branches, the plans' points
  and sections, the glossary's terms, which of those files did not load): when any of them
  changed, every entry is linked again;
- the entries its links by id name (``brand:x``): linked again when one of them was added,
  deleted, renamed, or broke or loaded again;
- the pictures it shows: linked again when one of them is judged otherwise now.

Every other entry keeps its problems, the references it left waiting for a broken file, and
what the backlinks need of it (the points it cites, its units). A test compares the result
with a check from nothing after edits of each kind.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..addresses import PointId
from ..errors import Problem
from ..outputs import Checked
from .links import links, scheme
from .unread import Unread

MediaProblem = Callable[[str], "str | None"]


@dataclass
class Kept:
    """What linking found for one entry (an ``Entry``, or what ``Salvaged`` read of one)."""

    entry: Any  # held so that its id() names it as long as it is kept
    problems: list[Problem]
    waits: Counter
    targets: frozenset[tuple[str, str]]  # (kind key, id) of the entries its links name
    media: dict[str, str | None]         # the pictures it asked about, and what was said of each
    world: int


@dataclass
class Memo:
    """Kept between the checks of one editing server: linking's findings and pictures' verdicts."""

    kept: dict[int, Kept] = field(default_factory=dict)
    shown: dict[int, tuple[Any, list]] = field(default_factory=dict)   # id(entry) -> (entry, pictures it shows)
    cited: dict[int, tuple[Any, list[PointId], int, list[str]]] = field(default_factory=dict)
    # Pictures judged, by path: (the file's state then, the verdict): judged again when the file changes.
    pictures: dict[str, tuple[tuple, Any]] = field(default_factory=dict)
    sizes: dict[str, tuple[tuple, int]] = field(default_factory=dict)
    states: dict[tuple[str, str], str] = field(default_factory=dict)   # (kind key, id) -> "ok" / broken file
    changed: set[tuple[str, str]] = field(default_factory=set)          # this round's entries whose state changed
    world: tuple = ()
    version: int = 0  # raised whenever ``world`` changes: what was kept under another is linked again
    prefixes: dict[str, str] = field(default_factory=dict)  # brand: -> brands, for each kind in data/
    used: set[int] = field(default_factory=set)
    relinked: int = 0  # entries linked this round (the rest kept): for tests and the bench
    outputs: Checked = field(default_factory=Checked)  # the last clash-free outputs of the data

    def begin(self, catalog, unread: Unread) -> None:
        """A new round: what the entries are checked against now, and which entries' state changed."""
        world = _world(catalog, unread)
        if world != self.world:
            self.world, self.version = world, self.version + 1
        self.prefixes = {kind.name: kind.key for kind in catalog.kinds if kind.in_data}
        states = {(kind.key, r.id): "ok" for kind in catalog.kinds for r in catalog.records.get(kind.key, [])}
        states |= {(key, ident): path for key, found in unread.entries.items() for ident, path in found.items()
                   if (key, ident) not in states}
        self.changed = {k for k in states.keys() | self.states.keys() if states.get(k) != self.states.get(k)}
        self.states, self.used, self.relinked = states, set(), 0

    def check(self, entry: Any, media: MediaProblem, unread: Unread, work: Callable[[MediaProblem, Unread], list[Problem]]) -> list[Problem]:
        """The problems ``work`` finds in ``entry``'s references, kept from an earlier round when
        nothing it depends on changed; the references it leaves waiting are counted in ``unread``."""
        self.used.add(id(entry))
        kept = self.kept.get(id(entry))
        if kept is not None and kept.entry is entry and self._still(kept, media):
            if kept.waits:
                unread.waiting.update(kept.waits)
            return kept.problems
        asked: dict[str, str | None] = {}

        def recording(value: str) -> str | None:
            asked[value] = media(value)
            return asked[value]

        mine = replace(unread, waiting=Counter())
        problems = work(recording, mine)
        unread.waiting.update(mine.waiting)
        self.kept[id(entry)] = Kept(entry, problems, mine.waiting, _targets(entry, self.prefixes), asked, self.version)
        self.relinked += 1
        return problems

    def _still(self, kept: Kept, media: MediaProblem) -> bool:
        if kept.world != self.version or not kept.targets.isdisjoint(self.changed):
            return False
        return all(media(path) == said for path, said in kept.media.items())

    def shown_by(self, entry: Any, work: Callable[[Any], list]) -> list:
        """``work(entry)`` (the pictures an entry shows), worked out once per entry."""
        self.used.add(id(entry))
        found = self.shown.get(id(entry))
        if found is None or found[0] is not entry:
            found = self.shown[id(entry)] = (entry, work(entry))
        return found[1]

    def backlinks(self, record, units_of: Callable[[Any], list[str]]) -> tuple[list[PointId], list[str]]:
        """The points a record cites and the units it belongs to, kept while the units are the same."""
        found = self.cited.get(id(record.entry))
        if found is None or found[0] is not record.entry or found[2] != self.version:
            found = self.cited[id(record.entry)] = (record.entry, record.entry.cited_points(), self.version, units_of(record))
        return found[1], found[3]

    def end(self) -> None:
        """Forget what belonged to entries this round did not have (deleted, or read again)."""
        for table in (self.kept, self.shown, self.cited):
            for key in [k for k in table if k not in self.used]:
                del table[key]

    def picture(self, path: os.PathLike, table: str, judge: Callable[[], Any]) -> Any:
        """``judge()`` of the file at ``path``, kept while the file is the same."""
        kept = self.pictures if table == "pictures" else self.sizes
        try:
            info = os.lstat(path)
            state: tuple = (info.st_mtime_ns, info.st_size, info.st_mode, info.st_ino)
        except OSError:
            state = ()
        found = kept.get(str(path))
        if found is None or found[0] != state or not state:
            found = kept[str(path)] = (state, judge())
        return found[1]


def _world(catalog, unread: Unread) -> tuple:
    """Everything but entries that an entry's references are checked against."""
    plans = tuple((year, len(plan.points()), tuple(sorted(plan.numbered)), len(plan.sections)) for year, plan in sorted(catalog.workplans.items()))
    branches = tuple(sorted((b, unit.id) for b, (unit, _) in catalog.branches.items()))
    terms = tuple(sorted((e.term.term, e.id) for e in catalog.glossary))
    return (tuple(sorted(catalog.units)), branches, plans, terms, unread.units, tuple(sorted(unread.plans.items())),
            unread.glossary, tuple(k.key for k in catalog.kinds))


def _targets(entry: Any, prefixes: dict[str, str]) -> frozenset[tuple[str, str]]:
    """(kind key, id) of every entry a link by id in ``entry``'s Markdown fields names."""
    found = set()
    for _, text in entry.markdown_fields():
        if "[" in text or "<" in text:
            for link in links(text):
                prefix = (scheme(link.target) or "").lower()
                if prefix in prefixes:
                    found.add((prefixes[prefix], link.target.partition(":")[2]))
    return frozenset(found)

