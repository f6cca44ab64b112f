"""Linking: resolve every id, check every reference, gather backlinks into one Catalog.

Render functions only read a finished catalog (STYLE: load and check everything first).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .. import addresses
from ..addresses import PointId
from ..errors import Collector, Problem
from ..source.cache import ReadCache
from ..source.loader import Source
from . import rendered
from .fields import Entry
from .links import SCHEMES, Resolver, links, scheme, shortened
from .relink import Memo
from .units import Branch, Unit
from .unread import Unread
from .workplan import WorkPlan, WorkPoint

# What news items may be, unless mkdocs.yml says otherwise (the showcase plugin's news_categories).
NEWS_CATEGORIES = ("工作动态", "通知公告")


@dataclass(frozen=True)
class Portal:
    """How the home page shows a kind: the words its count takes, its tile, whether its cards
    fill the row of featured entries. Every part has a default, so a new kind needs none."""

    counter: str = "项"   # the measure word it is counted with: 12 位党员风采
    figure: str = ""      # the words after the number among the key figures: default counter + label
    tile: str = ""        # its tile's heading: default the label
    text: str = ""        # its tile's line after the count: default counter + label + "。"
    featured: bool = False  # its entries (those marked ``featured``, else the newest) are the featured row

    def figure_words(self, kind: Kind) -> str:
        return self.figure or f"{self.counter}{kind.label}"

    def tile_heading(self, kind: Kind) -> str:
        return self.tile or kind.label

    def tile_text(self, kind: Kind) -> str:
        return self.text or f"{self.counter}{kind.label}。"


@dataclass(frozen=True)
class Kind:
    """A kind of showcase entry, as its module in ``kinds/`` declares it: all that the pipeline,
    the schemas, ``new``, the navigation and the home page need to know about it (see
    ``kinds/__init__.py``)."""

    key: str          # folder under data/ and URL segment: "brands"
    label: str        # Chinese name of the kind, its listing's title in the navigation: "支部品牌"
    model: type[Entry]
    _: KW_ONLY
    name: str         # singular, for ``new`` and the schema's file name: "brand"
    intro: str        # Markdown paragraph under the listing's heading
    card: str = ""    # template of one card on the listing
    page: str = ""    # template of one entry's page
    # Place among the kinds wherever the site lists them: the navigation, the home page's figures
    # and tiles, unit pages, the board, the field guide, ``check``'s summary (ties: by key).
    order: int = 0
    files: str = ""   # where editors put its files, from the repository: default "data/<key>/*.yml"
    body: str = ""    # the Markdown field written below a front matter (news), if its files are Markdown
    showcase: bool = True          # counted among the showcase on the portal (news is not)
    # Place of its group within each year of the 大事记 (/timeline/: one group per kind, entries
    # newest first by date); None: the timeline leaves the kind out.
    timeline: int | None = None
    portal: Portal = Portal()
    # A kind's own ways, where the common ones do not fit (news: Markdown files, listings by
    # category and year): read(kind, reading) -> records; listing(build, kind) and item(build, record)
    # -> pages (a build: pages.build.Build, the catalog with what its pages work out); id_problem(id)
    # -> why a file name cannot be an id.
    read: Callable[[Kind, Reading], list[Record]] | None = None
    listing: Callable[[Any, Kind], dict[str, str]] | None = None
    item: Callable[[Any, Record], dict[str, str]] | None = None
    id_problem: Callable[[str], str | None] | None = None

    def __post_init__(self) -> None:
        # Both are parts of paths, URLs, CSS classes and commands: lowercase ASCII only.
        for what, value in (("key", self.key), ("name", self.name)):
            if not re.fullmatch(r"[a-z][a-z0-9-]*", value):
                raise ValueError(f"kind {self.key!r}: its {what} must be lowercase ASCII, e.g. key=\"brands\", name=\"brand\"")

    @property
    def pattern(self) -> str:
        return self.files or f"data/{self.key}/*.yml"

    @property
    def in_data(self) -> bool:
        """Whether its files are YAML files under data/ (news items are Markdown in content/)."""
        return self.pattern.startswith("data/")


@dataclass
class Record:
    """One loaded entry with its id (the file name) and where it was read from."""

    kind: Kind
    id: str
    source: Source
    entry: Entry

    @property
    def url(self) -> str:
        """Path of its page under the docs folder."""
        return addresses.entry(self.kind.key, self.id)

    @property
    def year(self) -> int:
        return self.entry.year


@dataclass
class Reading:
    """What reading a kind's files needs: where they are, what to leave out, where problems go."""

    data_dir: Path
    content_dir: Path
    root: Path
    collector: Collector
    samples: bool            # False: entries marked sample: true are left out
    links: set[Path]         # symbolic links found (and refused): never read
    categories: list[str]    # the news categories mkdocs.yml allows
    cache: ReadCache | None = None  # a preview's: files unchanged since its last build are not read again
    unread: Unread = field(default_factory=Unread)  # files that did not load, and their references


@dataclass
class Catalog:
    """Everything loaded from ``data/``, with ids resolved and backlinks gathered."""

    workplans: dict[int, WorkPlan] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    branches: dict[str, tuple[Unit, Branch]] = field(default_factory=dict)
    kinds: list[Kind] = field(default_factory=list)
    records: dict[str, list[Record]] = field(default_factory=dict)
    # point -> kind key -> records citing that point
    citations: dict[PointId, dict[str, list[Record]]] = field(default_factory=dict)
    # unit id -> kind key -> records of the unit or of its branches
    by_unit: dict[str, dict[str, list[Record]]] = field(default_factory=dict)
    news_categories: list[str] = field(default_factory=lambda: list(NEWS_CATEGORIES))
    root: Path | None = None  # the repository the data was read from
    data_dir: Path | None = None
    glossary: list = field(default_factory=list)   # glossary.Entry, in file order
    pages: list = field(default_factory=list)      # handwritten.HandPage: content/'s own pages
    documents: list = field(default_factory=list)  # documents.Document, as the page lists them

    @property
    def resolver(self) -> Resolver:
        """Resolves editors' links by id (``brand:x``, ``point:2023-9``) against this catalog."""
        if "_resolver" not in self.__dict__:
            self.__dict__["_resolver"] = Resolver(self)
        return self.__dict__["_resolver"]

    def url(self, target: str) -> str:
        """Docs path of what a short form names: ``unit:zhengwu`` -> ``units/zhengwu.md``,
        ``point:2023-9`` -> ``workplan/2023.md#point-9`` (the same as editors' links get)."""
        found = self.resolver.path(target)
        if found is None:
            raise KeyError(target)  # references are checked before any page is rendered
        return found

    def unit(self, unit_id: str) -> Unit:
        return self.units[unit_id]

    def units_by_id(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda u: u.id)

    def count(self, unit_id: str, kind: Kind) -> int:
        """How many entries of ``kind`` a unit and its branches have."""
        return len(self.by_unit.get(unit_id, {}).get(kind.key, []))

    def point(self, ref: str | PointId) -> tuple[WorkPlan, WorkPoint] | None:
        """The plan and point that ``"2023-10"`` (or its parsed ``PointId``) names, if both exist."""
        found = PointId.parse(ref) if isinstance(ref, str) else ref
        plan = self.workplans.get(found.year) if found else None
        point = plan.point(found.number) if plan and found else None
        return (plan, point) if plan and point else None

    def unit_of(self, branch_id: str) -> Unit:
        return self.branches[branch_id][0]

    def branch(self, branch_id: str) -> Branch:
        return self.branches[branch_id][1]

    def units_of(self, record: Record) -> list[str]:
        """Ids of the units an entry belongs to, through its branches or directly."""
        ids = [self.unit_of(b).id for _, b in record.entry.branch_refs()]
        ids += [u for _, u in record.entry.unit_refs()]
        return list(dict.fromkeys(ids))

    def branches_in(self, record: Record, unit_id: str) -> list[Branch]:
        """The branches of ``unit_id`` an entry names, each once, in the order written."""
        ids = dict.fromkeys(b for _, b in record.entry.branch_refs() if self.unit_of(b).id == unit_id)
        return [self.branch(b) for b in ids]


def add_units(catalog: Catalog, units: list[Unit]) -> None:
    for unit in units:
        catalog.units[unit.id] = unit
        for branch in unit.branches:
            catalog.branches[branch.id] = (unit, branch)


def link(catalog: Catalog, media_problem: Callable[[str], str | None], unread: Unread | None = None,
         memo: Memo | None = None) -> list[Problem]:
    """Check every reference of every record, and of the files in ``unread`` that did not load;
    fill citations and unit listings when all of them are right.

    ``media_problem(path)`` says why a file under data/ that an entry shows cannot be published.
    A reference into a file that did not load is left for the next check (``Unread.waiting``).
    With a ``memo`` (the editing server's), an entry whose references cannot have changed since
    the last check keeps what that check found (``relink``).
    """
    unread = unread or Unread()
    problems: list[Problem] = []
    every = [(r.source, r.entry) for kind in catalog.kinds for r in catalog.records[kind.key]] + unread.salvaged
    for source, entry in every:
        if memo is None:
            problems += _check_refs(catalog, source, entry, media_problem, unread)
        else:
            problems += memo.check(entry, media_problem, unread, partial(_check_refs, catalog, source, entry))
    if problems or unread.waiting:
        return problems
    catalog.citations = defaultdict(lambda: defaultdict(list))
    catalog.by_unit = {uid: defaultdict(list) for uid in catalog.units}
    for kind in catalog.kinds:
        for record in catalog.records[kind.key]:
            cited, units = memo.backlinks(record, catalog.units_of) if memo else (record.entry.cited_points(), catalog.units_of(record))
            for ref in cited:  # every point was checked just above
                catalog.citations[ref][kind.key].append(record)
            for unit_id in units:
                catalog.by_unit[unit_id][kind.key].append(record)
    return problems


def entry_problems(catalog: Catalog, source: Source, entry: Entry, media_problem: Callable[[str], str | None]) -> list[Problem]:
    """The problems of one entry's references against a linked catalog, as ``link`` finds them:
    the editing server answers a save of one entry with them while the whole check runs."""
    return _check_refs(catalog, source, entry, media_problem, Unread())


def _check_refs(catalog: Catalog, source: Source, entry: Any, media_problem: Callable[[str], str | None],
                unread: Unread) -> list[Problem]:
    """The problems of one entry's references (``entry``: an ``Entry``, or what ``Salvaged`` read of one)."""
    problems = []
    for loc, branch_id in entry.branch_refs():
        if branch_id not in catalog.branches and not _waits(unread, unread.units):
            problems.append(source.problem(loc, f"未知的党支部“{branch_id}”。可选的有：{_choices(catalog.branches)}。"))
    for loc, unit_id in entry.unit_refs():
        if unit_id not in catalog.units and not _waits(unread, unread.units):
            problems.append(source.problem(loc, f"未知的单位“{unit_id}”。可选的有：{_choices(catalog.units)}。"))
    for loc, ref in entry.point_refs():
        if catalog.point(ref) is None and not _waits(unread, unread.holds_point(ref, catalog.workplans)):
            years = "、".join(f"{y}（1-{len(p.points())}）" for y, p in sorted(catalog.workplans.items())) or "无（没有读入任何年度工作要点）"
            problems.append(source.problem(loc, f"未知的工作要点“{ref}”：请写成“年份-序号”，现有：{years}。"))
    for loc, media in entry.media_refs():
        problem = media_problem(media)
        if problem:
            problems.append(source.problem(loc, problem))
    for loc, text in entry.markdown_fields():
        problems += text_link_problems(catalog, text, media_problem, partial(_in_field, source, loc, text), unread=unread)
    return problems


def _waits(unread: Unread, broken: str | None) -> bool:
    """Whether a reference not found may be in ``broken``, a file that did not load: then it waits."""
    if broken is not None:
        unread.wait(broken)
    return broken is not None


def _in_field(source: Source, loc: tuple, text: str, at: int, message: str) -> Problem:
    return source.problem_in(loc, text, at, message)


def text_link_problems(catalog: Catalog, text: str, media_problem: Callable[[str], str | None],
                       problem_at: Callable[[int, str], Problem], page: str | None = None,
                       unread: Unread | None = None) -> list[Problem]:
    """Every link and picture in a Markdown text that cannot be published, at its place.

    The links are found twice: by ``links`` (which knows where each is, to rewrite it) and as
    the renderer reads the text; one the renderer sees and ``links`` does not is refused, so a
    link written in an unusual way is never published unchecked.
    """
    if "[" not in text and "<" not in text:
        return []  # no link or picture can be written without one of them
    problems = []
    written = list(links(text))
    for found in written:
        problem = page_path_problem(found.target, page) if page and _is_page_path(found) else catalog.resolver.problem(found)
        if problem and unread and not found.image and catalog.resolver.path(found.target) is None and _waits(
                unread, unread.holds_link(found.target, catalog.resolver.entries, catalog.workplans)):
            continue
        if problem is None and found.target.startswith("media/"):
            problem = media_problem(found.target)
        if problem:
            problems.append(problem_at(found.start, problem))
    known = {found.target for found in written}
    for seen in rendered.view(text, page is not None).links:
        if seen.target not in known and scheme(seen.target) not in SCHEMES:
            problems.append(problem_at(max(text.find(seen.target), 0), (
                f"按网页的读法，这里有一个{'图片' if seen.image else '链接'}“{shortened(seen.target)}”，但它的写法无法核对："
                "请写成 [文字](目标) 或 ![说明](media/…)，整个链接写在一行里，目标不用尖括号、实体或转义。")))
    return problems


def _is_page_path(found) -> bool:
    return not found.image and scheme(found.target) is None and not found.target.startswith("media/")


def page_path_problem(target: str, page: str) -> str | None:
    """Why a hand-written page's link to another page by its path cannot be followed, or None."""
    path = target.partition("#")[0]
    if not path:
        return None  # an anchor on the same page
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.startswith("/") or joined.startswith(".."):
        return (f"链接“{shortened(target)}”指向 content/ 以外：站内页面请写相对于本页的路径（如 units/index.md），"
                "或写成“类别:标识”（如 brand:hongse-yizhan）。")
    if not path.endswith(".md"):
        return (f"链接“{shortened(target)}”不是站内页面：请写页面的 .md 文件路径（如 units/index.md），"
                "或写成“类别:标识”（如 brand:hongse-yizhan、point:2023-9）；外部网址请写完整的 https://…。")
    return None



def media_in_text(record: Record) -> list[str]:
    """Paths under data/ that the record's Markdown fields show or link to."""
    return [found.target for _, text in record.entry.markdown_fields() if "](" in text or "]:" in text
            for found in links(text) if found.target.startswith("media/")]


def _choices(ids) -> str:
    return ", ".join(sorted(ids))
