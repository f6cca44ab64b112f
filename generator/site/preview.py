"""Preview in seconds: after an edit, rebuild only the pages the edit changed.

``make serve`` runs ``mkdocs serve --dirty``, which keeps the plugin between builds and builds
only the pages whose file says it was modified. This module remembers what the last build
made and, when only entries, news items or pictures changed, works out which generated pages
come out different: it reads again only the changed files, renders again only the groups of
pages that show the changed entries (as they were and as they are: their own pages, their
kind's listing, the pages of the points and units they name, the pages whose related reading
names them, and the plan, the board and the lists of what is new) and compares the Markdown
with the last build's. Any other change (units, plans, glossary, the theme, the config) and
any change that the 五型 page would show (an entry's tags or title) rebuild everything, as a
full build would.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import pipeline
from ..kinds import KINDS
from ..pages import related
from ..pages.reference import unit_pages
from ..source.loader import display_path


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (path relative to it) with its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    if not folder.is_dir():
        return found
    todo = [(folder, "")]
    while todo:
        path, prefix = todo.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append((Path(entry.path), name + "/"))
                else:
                    info = entry.stat(follow_symlinks=False)
                    found[name] = (info.st_mtime_ns, info.st_size)
    return found


@dataclass
class Edit:
    """What changed under data/ and among the news since the last finished build (paths as
    messages show them); ``paths`` None: rebuild everything."""

    paths: set[str] | None
    stamps: dict[str, tuple[int, int]]
    inputs: object


@dataclass
class Result:
    """The pages of this build, and which of them differ from the last build's."""

    pages: dict[str, str]
    modified: set[str] | None  # None: every page (a full build)
    removed: set[str] = field(default_factory=set)


class Preview:
    """What the previous build of ``mkdocs serve --dirty`` made, to rebuild only what changed."""

    def __init__(self) -> None:
        self.cache = pipeline.ReadCache()
        self.stamps: dict[str, tuple[int, int]] = {}
        self.inputs: object = None
        self.catalog: Any = None  # the last finished build's (a Catalog), None before the first
        self.groups: dict[tuple, dict[str, str]] = {}
        self.rendered: dict[tuple, dict[str, str]] = {}
        self.pages: dict[str, str] = {}

    def start(self, data_dir: Path, news_dir: Path, root: Path, inputs: object) -> Edit:
        """What changed under data/ and among the news since the last finished build.
        ``inputs`` stands for everything else a page depends on (config, theme, templates):
        when it differs, everything is rebuilt."""
        data, posts = display_path(data_dir, root) + "/", display_path(news_dir, root) + "/"
        now = {data + name: stamp for name, stamp in stamps(data_dir).items()}
        now.update({posts + name: stamp for name, stamp in stamps(news_dir).items()})
        if self.catalog is None or inputs != self.inputs:
            return Edit(None, now, inputs)
        changed = {p for p in now.keys() | self.stamps.keys() if now.get(p) != self.stamps.get(p)}
        entries_only = all(_entry_file(p, data, posts) for p in changed)
        return Edit(changed if entries_only else None, now, inputs)

    def render(self, catalog, edit: Edit) -> Result:
        """Every generated page, and which differ from the last build's."""
        if edit.paths is None:
            self.rendered = {key: work() for key, work in pipeline.page_groups(catalog).items()}
            return Result(_flatten(self.rendered), None)
        if self._same_relations(catalog, edit.paths):
            pipeline.complete(catalog, self._kept_relations(catalog))  # before page_groups works it out
        groups = pipeline.page_groups(catalog)
        # Groups the edit can change, and any group the last build did not have.
        wanted = self._touched(catalog, edit.paths) | (groups.keys() - self.groups.keys())
        self.rendered = {key: work() if key in wanted else self.groups[key] for key, work in groups.items()}
        pages = _flatten(self.rendered)
        modified = {uri for uri, markdown in pages.items() if self.pages.get(uri) != markdown}
        removed = self.pages.keys() - pages.keys()
        if any(_tagging(self.pages.get(uri)) != _tagging(pages.get(uri)) for uri in modified | removed):
            return Result(pages, None, removed)
        return Result(pages, modified, removed)

    def _touched(self, catalog, paths: set[str]) -> set[tuple]:
        """The page groups that entries read from ``paths`` (as they were and as they are) show."""
        # Pages drawn from every entry, one or a few each: always rendered again.
        keys: set[tuple] = {("workplan",), ("progress",), ("units",), ("updates",), ("aids",)}
        touched: set[tuple[str, str]] = set()
        for where, found in ((self.catalog, _by_path(self.catalog)), (catalog, _by_path(catalog))):
            for record in filter(None, map(found.get, paths)):
                touched.add((record.kind.key, record.id))
                keys.add(("listing", record.kind.key))
                keys.add(("entry", record.url))
                keys.update(("point", ref.year, ref.number) for ref in record.entry.cited_points())
                keys.update(("unit", uid) for uid in where.units_of(record))
        keys.update(("entry", record.url) for record in self._neighbours(catalog, touched))
        # A unit's pages cut differently can move where another kind starts on them, and that
        # kind's listing links there.
        for key in [k for k in keys if k[0] == "unit"]:
            before, after = unit_pages(self.catalog, key[1]).starts, unit_pages(catalog, key[1]).starts
            keys.update(("listing", kind) for kind in before.keys() | after.keys() if before.get(kind) != after.get(kind))
        return keys

    def _same_relations(self, catalog, paths: set[str]) -> bool:
        """Whether related reading comes out as last time: it rests only on each entry's points,
        units, 五型, glossary terms and date, and on which entries there are."""
        before, after = _by_path(self.catalog), _by_path(catalog)
        for path in paths:
            old, new = before.get(path), after.get(path)
            if old is None and new is None:
                continue
            if old is None or new is None or related.when(old) != related.when(new) \
                    or related.features(self.catalog, old) != related.features(catalog, new):
                return False
        return True

    def _kept_relations(self, catalog) -> tuple[dict, dict]:
        """Last build's related reading and terms' users, naming this build's records."""
        now = {(r.kind.key, r.id): r for kind in catalog.kinds for r in catalog.records[kind.key]}
        same = lambda records: [now[(r.kind.key, r.id)] for r in records]  # noqa: E731
        return ({key: same(found) for key, found in self.catalog.related.items()},
                {term: same(found) for term, found in self.catalog.term_uses.items()})

    def _neighbours(self, catalog, touched: set[tuple[str, str]]):
        """Untouched entries whose pages still change: their related reading or its names, or
        the date of their last commit (a commit made while previewing)."""
        before = self.catalog
        for kind in catalog.kinds:
            for record in catalog.records[kind.key]:
                key = (kind.key, record.id)
                now = [(r.kind.key, r.id) for r in catalog.related.get(key, [])]
                then = [(r.kind.key, r.id) for r in before.related.get(key, [])]
                if now != then or touched.intersection(now) or catalog.updated.get(key) != before.updated.get(key):
                    yield record

    def commit(self, catalog, edit: Edit, result: Result) -> None:
        """The build finished: the next one compares with this one."""
        self.catalog, self.groups, self.pages = catalog, self.rendered, result.pages
        self.stamps, self.inputs = edit.stamps, edit.inputs

    def reset(self) -> None:
        """The build failed part way: the next one rebuilds everything."""
        self.catalog = None


def _flatten(groups: dict[tuple, dict[str, str]]) -> dict[str, str]:
    return dict(sorted((uri, markdown) for pages in groups.values() for uri, markdown in pages.items()))


def _by_path(catalog) -> dict:
    """Records by the path of the file they were read from, as messages show it."""
    return {r.source.path: r for kind in catalog.kinds for r in catalog.records[kind.key]}


def _entry_file(path: str, data: str, posts: str) -> bool:
    """Whether a changed file can only change entry pages and what lists them: an entry's
    file (data/<kind>/<id>.yml), a news item, a picture."""
    if path.startswith(posts):
        return "/" not in path[len(posts):]
    if not path.startswith(data):
        return False
    folder, _, name = path[len(data):].partition("/")
    if folder == "media":
        return True
    return folder in {kind.key for kind in KINDS if kind.in_data} and "/" not in name and name.endswith(".yml")


def _tagging(markdown: str | None) -> str | None:
    """What the 五型 page shows of a page: its front matter (title and tags); None untagged.

    The tags plugin gathers these from every page of a build, so a change in them needs every
    page read again: a full build.
    """
    if not markdown or not markdown.startswith("---\n"):
        return None
    front = markdown[4:].partition("\n---\n")[0]
    return front if "\ntags:" in "\n" + front else None
