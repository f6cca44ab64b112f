"""Preview in seconds: after an edit, rebuild only the pages the edit changed.

``make serve`` runs ``mkdocs serve --dirty``, which keeps the plugin between builds and builds
only the pages whose file says it was modified. This module remembers what the last build
made and, when only entries, news items or pictures changed, works out which generated pages
come out different: it reads again only the changed files, renders again only the groups of
pages that show the changed entries (as they were and as they are: their own pages, their
kind's listing, the pages of the points and units they name, the pages whose related reading
names them, and the plan, the board and the lists of what is new) and compares the Markdown
with the last build's. Any other change (units, plans, glossary, the theme, the config) and
where a hand-written page lists pages by tag (``listings``), any change of an entry's tags or
title rebuild everything, as a full build would.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import pagegroups, pipeline
from ..kinds import KINDS
from ..media.renditions import Library
from ..model.catalog import Catalog
from ..model.relink import Memo
from ..pages.build import Build
from ..source.cache import ReadCache
from ..source.loader import display_path

TAGS_LISTING = re.compile(r"^[ \t]*<!--[ \t]*material/tags[ \t]*-->", re.M)


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
    """The pages of this build, which of them differ from the last build's, and the build."""

    pages: dict[str, str]
    modified: set[str] | None  # None: every page (a full build)
    build: Build
    removed: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)

    @property
    def same_pages(self) -> bool:
        """Whether the site has the same pages as after the last build (none added or removed):
        then what lists every page's address (the sitemap) is still right."""
        return self.modified is not None and not self.removed and not self.added


class Preview:
    """What the previous build of ``mkdocs serve --dirty`` made, to rebuild only what changed."""

    def __init__(self) -> None:
        self.cache = ReadCache()
        self.memo = Memo()  # what linking found for each entry: an edit links again only what it can change
        self.stamps: dict[str, tuple[int, int]] = {}
        self.inputs: object = None
        self.build: Build | None = None  # the last finished build, None before the first
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
        if self.build is None or inputs != self.inputs:
            return Edit(None, now, inputs)
        changed = {p for p in now.keys() | self.stamps.keys() if now.get(p) != self.stamps.get(p)}
        entries_only = all(_entry_file(p, data, posts) for p in changed)
        return Edit(changed if entries_only else None, now, inputs)

    def render(self, catalog: Catalog, edit: Edit, library: Library) -> Result:
        """Every generated page, and which differ from the last build's."""
        last = self.build
        if edit.paths is None or last is None:
            build = pipeline.complete(catalog, library=library)
            self.rendered = {key: work() for key, work in pagegroups.page_groups(build).items()}
            return Result(_flatten(self.rendered), None, build)
        same = pagegroups.same_relations(last.catalog, catalog, edit.paths)
        build = pipeline.complete(catalog, kept=pagegroups.kept_relations(last, catalog) if same else None, library=library)
        groups = pagegroups.page_groups(build)
        # Groups the edit can change, and any group the last build did not have.
        wanted = pagegroups.touched(last, build, edit.paths) | (groups.keys() - self.groups.keys())
        self.rendered = {key: work() if key in wanted else self.groups[key] for key, work in groups.items()}
        pages = _flatten(self.rendered)
        modified = {uri for uri, markdown in pages.items() if self.pages.get(uri) != markdown}
        removed, added = self.pages.keys() - pages.keys(), pages.keys() - self.pages.keys()
        if listings(catalog) and any(_tagging(self.pages.get(uri)) != _tagging(pages.get(uri)) for uri in modified | removed):
            return Result(pages, None, build, removed, added)
        return Result(pages, modified, build, removed, added)

    def commit(self, edit: Edit, result: Result) -> None:
        """The build finished: the next one compares with this one."""
        self.build, self.groups, self.pages = result.build, self.rendered, result.pages
        self.stamps, self.inputs = edit.stamps, edit.inputs

    def reset(self) -> None:
        """The build failed part way: the next one rebuilds everything."""
        self.build = None


def _flatten(groups: dict[tuple, dict[str, str]]) -> dict[str, str]:
    return dict(sorted((uri, markdown) for pages in groups.values() for uri, markdown in pages.items()))


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


def listings(catalog: Catalog) -> bool:
    """Whether a hand-written page lists the pages by tag (Material's ``<!-- material/tags -->``).

    The tags plugin fills such a listing from the pages read in a build, and a preview reads
    only the pages an edit changed: a change of tags or titles then needs every page read
    again, a full build, and the listing pages are written only when their own file changed.
    Without a listing (the shipped site: its 五型 page is a block of ours), a page's tags show
    on that page alone, and the pages listing entries by 五型 are ours, rebuilt like any other.
    """
    return any(TAGS_LISTING.search(page.body) for page in catalog.pages)


def _tagging(markdown: str | None) -> str | None:
    """What the tags plugin takes from a page: its front matter (title and tags); None untagged."""
    if not markdown or not markdown.startswith("---\n"):
        return None
    front = markdown[4:].partition("\n---\n")[0]
    return front if "\ntags:" in "\n" + front else None
