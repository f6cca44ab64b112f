"""load -> validate -> link -> render: the one pipeline behind the CLI and the MkDocs plugin."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from . import addresses, pagegroups
from .errors import Collector, DataErrors, Problem
from .kinds import KINDS, RESERVED
from .media import checks, renditions
from .model import budget, documents, glossary, handwritten, seal, units, workplan
from .model.catalog import Catalog, Kind, Reading, Record, add_units, link, media_in_text, text_link_problems
from .model.fields import ID_PATTERN
from .model.links import links
from .model.relink import Memo
from .model.safety import MEDIA_EXTENSIONS, media_path_problem, reserved_id_problem, symlinks_under
from .model.unread import Salvaged, Unread
from .model.validate import validate
from .outputs import Output, clashes
from .pages import related, updates
from .pages.build import Build
from .pages.render import markdown_field
from .source.cache import ReadCache
from .source.loader import Source, display_path, read_yaml, shown_folder

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")


_ASSETS = Path(__file__).parent / "assets"
# Shown where an entry has no picture of its own: a member without a photo, a card without one.
PLACEHOLDERS = {addresses.placeholder(name): _ASSETS / name for name in ("member-placeholder.svg", "picture-placeholder.svg")}


def _read_one(path: Path, model: type[M], root: Path) -> tuple[Source | None, M | None, list[Problem]]:
    try:
        source = read_yaml(path, root)
    except DataErrors as exc:
        return None, None, exc.problems
    entry, problems = validate(model, source)
    return source, entry, problems


def read_all(paths: list[Path], model: type[M], root: Path, collector: Collector, cache: ReadCache | None = None,
             failed: Callable[[Path, Source | None], None] | None = None) -> list[tuple[Path, Source, M]]:
    """Read and validate every file, collecting problems instead of stopping at the first;
    ``failed(path, source)`` hears of each file that did not load (``source``: None if unreadable)."""
    out = []
    for path in sorted(paths, key=str):  # by name within a folder: the same order, faster
        source, entry, problems = cache.kept(path, path, partial(_read_one, path, model, root)) if cache else _read_one(path, model, root)
        collector.extend(problems)
        if source is not None and entry is not None:
            out.append((path, source, entry))
        elif failed is not None:
            failed(path, source)
    return out


def load(data_dir: Path, root: Path | None = None, *, samples: bool = True, content_dir: Path | None = None,
         news_categories: list[str] | None = None, cache: ReadCache | None = None, memo: Memo | None = None) -> Catalog:
    """Read, check and link all data under ``data_dir`` and the news under ``content_dir``
    (default: ``content/`` beside data/); raise DataErrors with every problem.

    With ``samples=False`` every entry and unit marked ``sample: true`` is left out, as if
    its file were not there. With a ``cache``, entry files and news items unchanged since it
    last read them are not read again; with a ``memo`` as well (the editing server's), what
    linking found for them is kept while nothing it depends on changed (``model/relink``), and
    pictures are judged again only when their files changed.
    """
    root = root or data_dir.parent
    content_dir = content_dir or data_dir.parent / "content"
    shown_folder.cache_clear()
    collector = Collector()
    if not data_dir.is_dir():
        raise DataErrors([Problem(display_path(data_dir, root), 1, 1, "",
                                  "找不到数据目录：请确认 data/ 文件夹存在，或在 mkdocs.yml 中设置 data_dir。")])
    links = _refuse_links(data_dir, root, collector) | _refuse_links(content_dir, root, collector, "content/")
    catalog = Catalog(kinds=list(KINDS), root=root, data_dir=data_dir)
    if news_categories:
        catalog.news_categories = list(news_categories)
    checker = MediaChecker(data_dir, root, memo)
    unread = Unread()
    plan_failed = lambda path, _: unread.plan(path.stem, display_path(path, root))  # noqa: E731
    for path, source, plan in read_all(_files(data_dir / "workplans", "*.yml", links), workplan.WorkPlan, root, collector,
                                       cache, failed=plan_failed):
        collector.extend(workplan.check(plan, source, path))
        collector.extend(seal.check(plan, source, path, display_path(seal.seal_path(path), root)))
        catalog.workplans[plan.year] = plan
    if not catalog.workplans and not collector.problems:
        collector.add(Problem(display_path(data_dir / "workplans", root), 1, 1, "",
                              "没有任何年度工作要点：请在 data/workplans/ 下添加如 2023.yml 的文件。"))
    units_file = data_dir / "units.yml"
    if units_file.is_file() and units_file not in links:
        units_failed = lambda path, _: setattr(unread, "units", display_path(path, root))  # noqa: E731
        for _, source, found in read_all([units_file], units.UnitsFile, root, collector, cache, failed=units_failed):
            problems = units.check(found, source, checker, RESERVED)
            collector.extend(problems)
            if problems:  # an id written twice: a reference to the other one waits for the fix
                units_failed(units_file, source)
            add_units(catalog, [u for u in found.units if samples or not u.sample])
    reading = Reading(data_dir, content_dir, root, collector, samples, links, catalog.news_categories, cache, unread)
    for kind in catalog.kinds:
        catalog.records[kind.key] = (kind.read or _load_kind)(kind, reading)
    _load_finding_aids(catalog, data_dir, root, collector, unread)
    reserved = set(addresses.FOLDERS) | {kind.key for kind in catalog.kinds}
    catalog.pages = handwritten.read(content_dir, root, collector, links, reserved)
    _check_references(catalog, checker, unread, collector, memo)
    collector.extend(_check_media_folder(data_dir, root, links))
    # Every picture shown went through the media check: its list saves walking the entries
    # again (after other problems linking has not run, and its pictures wait for the next check).
    made = outputs(catalog, shown=[uri for uri, problem in checker.found.items() if problem is None])
    collector.extend(memo.outputs.clashes(made) if memo else clashes(made))
    collector.raise_if_any()
    return catalog


def _check_references(catalog: Catalog, checker: MediaChecker, unread: Unread, collector: Collector,
                      memo: Memo | None = None) -> None:
    """Every reference of every file that was read, schema errors elsewhere or not, so that
    one check reports everything; pictures' sizes first, from their headers: the pictures of an
    entry over its budget are not decoded (its own message says to shrink them)."""
    if memo is not None:
        memo.begin(catalog, unread)
    problems, over = budget.picture_problems(catalog, checker.pixels, unread, memo)
    collector.extend(problems)
    media = checker if not over else lambda value: None if value in over else checker(value)
    collector.extend(link(catalog, media, unread, memo))
    if memo is not None:
        memo.end()
    for page in catalog.pages:
        collector.extend(text_link_problems(catalog, page.body, media, page.problem_at, page.uri, unread=unread))
    collector.extend(unread.notes())


def _refuse_links(folder: Path, root: Path, collector: Collector, shown: str = "data/") -> set[Path]:
    """Every symbolic link under data/ (or content/) is an error: a link can lead anywhere, even in a loop."""
    found = symlinks_under(folder) if folder.exists() or folder.is_symlink() else []
    for path in found:
        collector.add(Problem(display_path(path, root), 1, 1, "", f"这是符号链接（快捷方式）：{shown} 下只能放文件本身，"
                              "链接可能指向仓库以外或造成循环。请把它换成真正的文件或文件夹，或删除它。"))
    return set(found)


def _files(folder: Path, pattern: str, links: set[Path]) -> list[Path]:
    """Files matching ``pattern`` in ``folder``; nothing from a folder that is itself a link."""
    if folder in links or not folder.is_dir():
        return []
    return [p for p in folder.glob(pattern) if p not in links]


class MediaChecker:
    """Says why a path under data/ that an entry shows cannot be published; each file checked once."""

    def __init__(self, data_dir: Path, root: Path, memo: Memo | None = None):
        self.data_dir, self.root, self.memo = data_dir, root, memo
        self.found: dict[str, str | None] = {}
        self.sizes: dict[str, int] = {}

    def __call__(self, value: str) -> str | None:
        if value not in self.found:
            self.found[value] = self._problem(value)
        return self.found[value]

    def pixels(self, value: str) -> int:
        """How many pixels the picture at ``value`` has (0 for a drawing, or a path that cannot be
        published), read once from its header."""
        if value not in self.sizes:
            path = self.data_dir / value
            self.sizes[value] = 0 if self._place_problem(value) else self._kept(path, "sizes", partial(checks.pixels, path))
        return self.sizes[value]

    def _problem(self, value: str) -> str | None:
        path = self.data_dir / value
        return self._place_problem(value) or self._kept(path, "pictures", partial(checks.file_problem, path, f"data/{value}"))

    def _kept(self, path: Path, table: str, judge: Callable[[], R]) -> R:
        """``judge()``, or what it said of the same file in an earlier check (with a memo)."""
        return self.memo.picture(path, table, judge) if self.memo is not None else judge()

    def _place_problem(self, value: str) -> str | None:
        """Why nothing may be read at ``value``: the path as written, a link, no file there."""
        # The path is judged as written before any file is touched: nothing outside data/media/
        # is opened, so check cannot tell whether a file exists elsewhere on the machine.
        written = media_path_problem(value)
        if written:
            return written
        target = self.data_dir / value
        if any(p.is_symlink() for p in [target, *target.parents] if self.data_dir in p.parents or p == target):
            return f"“{value}”是符号链接：请把图片文件本身放到 data/{value}。"
        if not target.is_file():
            return f"找不到图片“{value}”：请把图片放到 data/{value}，或删去这一项。"
        return None


def _load_kind(kind: Kind, reading: Reading) -> list[Record]:
    """The entries of a kind kept as YAML files in data/<key>/, checked and sorted newest first."""
    root, collector, links = reading.root, reading.collector, reading.links
    folder = reading.data_dir / kind.key
    records = []
    paths = _files(folder, "*.yml", links)
    # Named before reading, so a misnamed file with other mistakes is reported for both.
    misnamed = [p for p in paths if not re.fullmatch(ID_PATTERN, p.stem)]
    for path in sorted(misnamed, key=str):  # by name within the folder (quicker than comparing paths)
        collector.add(Problem(display_path(path, root), 1, 1, "",
                              f"文件名“{path.name}”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。"))
    for path in sorted(paths, key=str):
        problem = reserved_id_problem(path.stem, kind.label, RESERVED)
        if problem:
            misnamed.append(path)
            collector.add(Problem(display_path(path, root), 1, 1, "", problem.replace("请换一个", "请把文件改名")))
    unread = reading.unread
    for path in misnamed:
        unread.entry(kind.key, path.stem, display_path(path, root))

    def failed(path: Path, source: Source | None) -> None:
        refs = Salvaged(kind.model, source.data) if source is not None else None
        unread.entry(kind.key, path.stem, display_path(path, root), source, refs)

    for path, source, entry in read_all(paths, kind.model, root, collector, reading.cache, failed):
        if path in misnamed:
            unread.salvaged.append((source, entry))  # checked all the same, but not published
            continue
        if reading.samples or not entry.sample:
            records.append(Record(kind, path.stem, source, entry))
    for path in sorted(_files(folder, "*.yaml", links)):
        collector.add(Problem(display_path(path, root), 1, 1, "", f"扩展名应为 .yml：请把文件改名为 {path.stem}.yml。"))
    return sorted(records, key=lambda r: (r.entry.sort_key, r.id))


def _check_media_folder(data_dir: Path, root: Path, links: set[Path]) -> list[Problem]:
    """data/media/ holds pictures only: any other file is named, so nobody expects it published."""
    folder = data_dir / "media"
    if folder in links or not folder.is_dir():
        return []
    problems = []
    for top, _dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(files):
            path = Path(top) / name
            if path in links or name.startswith("."):
                continue
            if path.suffix.lower().lstrip(".") not in MEDIA_EXTENSIONS:
                problems.append(Problem(display_path(path, root), 1, 1, "", f"data/media/ 里只能放图片（.jpg、.jpeg、.png、.webp、.svg），"
                                        f"“{name}”不是：网站不会发布它。请删除这个文件，图片请另存为 JPG 或 PNG。"))
    return problems


def _load_finding_aids(catalog: Catalog, data_dir: Path, root: Path, collector: Collector, unread: Unread) -> None:
    """The glossary and the cited documents: both files optional, both checked against the plans
    (when every plan loaded; otherwise the first plan file that did not is told what waits for it)."""
    plans, broken_plan = catalog.workplans, min(unread.plans.values(), default=None)
    failed = lambda path, _: setattr(unread, "glossary", display_path(path, root))  # noqa: E731
    terms = _read_optional(data_dir / "glossary.yml", glossary.GlossaryFile, root, collector, failed)
    if terms:
        collector.extend(glossary.check(terms[1], terms[0], plans, complete=broken_plan is None))
        catalog.glossary = glossary.link(terms[1], plans)
    extra = _read_optional(data_dir / "documents.yml", documents.DocumentsFile, root, collector)
    if extra:
        collector.extend(documents.check(extra[1], extra[0], plans, complete=broken_plan is None))
    catalog.documents = documents.link(extra[1] if extra else None, plans)
    if broken_plan is not None:
        unread.wait(broken_plan, len(terms[1].terms if terms else []) + len(extra[1].documents if extra else []))


def _read_optional(path: Path, model: type[M], root: Path, collector: Collector,
                   failed: Callable[[Path, Source | None], None] | None = None) -> tuple[Source, M] | None:
    """A single data file that may be missing: its source and model, or None (absent or invalid)."""
    found = read_all([path] if path.is_file() and not path.is_symlink() else [], model, root, collector, failed=failed)
    return (found[0][1], found[0][2]) if found else None


def complete(catalog: Catalog, *, kept: tuple[dict, dict] | None = None,
             library: renditions.Library | None = None, downloads: dict[int, list] | None = None) -> Build:
    """What only pages need, worked out once: related reading, terms' users, last-commit dates,
    the picture library (``library``, or one caching in ``.cache/media`` beside data/), and the
    PDFs the pages link (``downloads``: year -> ``pdf.books.Book``, from ``pdf.site.plan``).

    Kept out of ``load`` so that ``check`` stays quick. ``kept``: the related reading and terms'
    users a preview carries over from its last build when an edit changed nothing they rest on.
    """
    related_reading, term_uses = kept or related.compute(catalog)
    return Build(catalog, related_reading, term_uses, updates.updated(catalog, catalog.root) if catalog.root else {},
                 library or pictures(catalog), downloads or {})


def render(done: Catalog | Build) -> dict[str, str]:
    """Every generated page as ``{path under docs: markdown}``, in a stable order."""
    pages: dict[str, str] = {}
    for work in pagegroups.page_groups(done if isinstance(done, Build) else complete(done)).values():
        pages.update(work())
    return dict(sorted(pages.items()))


def pictures(catalog: Catalog, cache: Path | None = None, *, originals: bool = False) -> renditions.Library:
    """A picture library for the catalog's pictures: sizes are cached in ``cache`` (default
    ``.cache/media`` beside data/); with ``originals`` each source is published too (upright,
    without metadata)."""
    data_dir = catalog.data_dir or Path("data")
    return renditions.Library(data_dir, cache or data_dir.parent / ".cache" / "media", originals)


def pictures_used(catalog: Catalog, memo: Memo | None = None) -> list[str]:
    """Every picture that an entry, a news item or a unit shows, in its fields or in its text.
    A preview's ``memo`` keeps each entry's from the check (an entry read again is looked at again)."""
    def shown(record: Record) -> list[str]:
        if memo is None:
            return [v for _, v in record.entry.media_refs()] + media_in_text(record)
        return [path for _, path in memo.shown_by(record.entry, budget.pictures_shown)]
    used = {value for kind in catalog.kinds for record in catalog.records[kind.key] for value in shown(record)}
    used |= {unit.picture for unit in catalog.units.values() if unit.picture}
    used |= {found.target for page in catalog.pages for found in links(page.body) if found.target.startswith("media/")}
    return sorted(used)


def assets(catalog: Catalog, library: renditions.Library, memo: Memo | None = None) -> dict[str, Path]:
    """Files copied into the site: every size of the pictures entries show, and the placeholders,
    made by ``library`` (a ``memo`` keeps the pictures each entry shows, as ``pictures_used``).

    A file under data/media/ that no entry shows is not published, and a source picture only
    when the library publishes originals.
    """
    for uri, path in PLACEHOLDERS.items():
        library.add_drawing(uri, path)
    for value in pictures_used(catalog, memo):
        library.get(value)
    return library.files()


def page_markdown(build: Build, uri: str, markdown: str) -> str:
    """A hand-written page's text as MkDocs gets it: links by id made relative, pictures in
    their published sizes, exactly as in an entry's Markdown field."""
    return str(markdown_field({"here": uri, "build": build}, markdown))


def outputs(catalog: Catalog, pages: list[str] | None = None, directory_urls: bool = True,
            shown: list[str] | None = None, library: renditions.Library | None = None) -> list[Output]:
    """What the site gets from data and news, each with the file it is made from (``outputs.py``
    checks that no two become one file).

    ``pages``: the generated pages' paths under docs, once rendered (the build); without them
    (check renders nothing) the pages of entries and units only. Pictures: every file published
    once the build's ``library`` has made them; before, each picture shown (``shown``, or those entries and
    units show) by its own path: its sizes are that path and a suffix, so they clash exactly when
    it does.
    """
    root = catalog.root or Path(".")
    data_dir = catalog.data_dir or root / "data"
    made = {record.url: record.source.path for kind in catalog.kinds for record in catalog.records[kind.key]}
    units_file = display_path(data_dir / "units.yml", root)
    made |= {addresses.unit(unit): units_file for unit in catalog.units}
    found = [Output(addresses.page_file(uri, directory_urls), source) for uri, source in made.items()]
    found += [Output(addresses.page_file(uri, directory_urls), uri, "网站生成的页面") for uri in pages or () if uri not in made]
    if library is None or not library.pictures:
        used = pictures_used(catalog) if shown is None else shown
        return found + [Output(uri, display_path(data_dir / uri, root)) for uri in used]
    for uri, picture in library.pictures.items():
        source, what = (uri, "网站自带的图片") if uri in PLACEHOLDERS else (display_path(data_dir / uri, root), "")
        found += [Output(path, source, what) for path in picture.files()]
    return found


def build(data_dir: Path, root: Path | None = None, *, samples: bool = True) -> dict[str, str]:
    """The whole pipeline: the pages the site gets from ``data_dir``."""
    return render(load(data_dir, root, samples=samples))
