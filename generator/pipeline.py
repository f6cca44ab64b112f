"""load -> validate -> link -> render: the one pipeline behind the CLI and the MkDocs plugin."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from . import brands, documents, fieldguide, forums, glossary, innovations, members, units, workplan
from .catalog import Catalog, Kind, Record, add_units, link
from .common import ID_PATTERN
from .errors import Collector, DataErrors, Problem
from .loader import Source, display_path, read_yaml, shown_folder
from .safety import inside
from .validate import validate

M = TypeVar("M", bound=BaseModel)

# The showcase kinds, in the order the site shows them.
KINDS = [brands.KIND, members.KIND, forums.KIND, innovations.KIND]
KIND_MODULES = {"brands": brands, "members": members, "forums": forums, "innovations": innovations}

PLACEHOLDER = Path(__file__).parent / "assets" / "member-placeholder.svg"
PLACEHOLDER_URI = "assets/showcase/member-placeholder.svg"


def read_all(paths: list[Path], model: type[M], root: Path, collector: Collector) -> list[tuple[Path, Source, M]]:
    """Read and validate every file, collecting problems instead of stopping at the first."""
    out = []
    for path in sorted(paths, key=str):  # by name within a folder: the same order, faster
        try:
            source = read_yaml(path, root)
        except DataErrors as exc:
            collector.extend(exc.problems)
            continue
        entry, problems = validate(model, source)
        collector.extend(problems)
        if entry is not None:
            out.append((path, source, entry))
    return out


def load(data_dir: Path, root: Path | None = None, *, samples: bool = True) -> Catalog:
    """Read, check and link all data under ``data_dir``; raise DataErrors with every problem.

    With ``samples=False`` every entry and unit marked ``sample: true`` is left out, as if
    its file were not there.
    """
    root = root or data_dir.parent
    shown_folder.cache_clear()
    collector = Collector()
    if not data_dir.is_dir():
        raise DataErrors([Problem(display_path(data_dir, root), 1, 1, "", "找不到数据目录：请确认 data/ 文件夹存在，或在 mkdocs.yml 中设置 data_dir。")])
    catalog = Catalog(kinds=list(KINDS))
    for path, source, plan in read_all(list((data_dir / "workplans").glob("*.yml")), workplan.WorkPlan, root, collector):
        collector.extend(workplan.check(plan, source, path))
        catalog.workplans[plan.year] = plan
    if not catalog.workplans and not collector.problems:
        collector.add(Problem(display_path(data_dir / "workplans", root), 1, 1, "", "没有任何年度工作要点：请在 data/workplans/ 下添加如 2023.yml 的文件。"))
    units_file = data_dir / "units.yml"
    if units_file.is_file():
        for _, source, found in read_all([units_file], units.UnitsFile, root, collector):
            collector.extend(units.check(found, source))
            add_units(catalog, [u for u in found.units if samples or not u.sample])
    for kind in KINDS:
        catalog.records[kind.key] = _load_kind(kind, data_dir, root, collector, samples)
    _load_finding_aids(catalog, data_dir, root, collector)
    if not collector.problems:
        collector.extend(link(catalog, data_dir, root))
    collector.extend(_check_media_folder(data_dir, root))
    collector.raise_if_any()
    return catalog


def _load_kind(kind: Kind, data_dir: Path, root: Path, collector: Collector, samples: bool) -> list[Record]:
    folder = data_dir / kind.key
    records = []
    paths = list(folder.glob("*.yml"))
    # Named before reading, so a misnamed file with other mistakes is reported for both.
    misnamed = [p for p in paths if not re.match(ID_PATTERN, p.stem)]
    for path in sorted(misnamed):
        collector.add(Problem(display_path(path, root), 1, 1, "", f"文件名“{path.name}”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。"))
    for path, source, entry in read_all(paths, kind.model, root, collector):
        if path in misnamed:
            continue
        if samples or not entry.sample:
            records.append(Record(kind, path.stem, source, entry))
    for path in sorted(folder.glob("*.yaml")):
        collector.add(Problem(display_path(path, root), 1, 1, "", f"扩展名应为 .yml：请把文件改名为 {path.stem}.yml。"))
    return sorted(records, key=lambda r: (r.entry.sort_key, r.id))


def _check_media_folder(data_dir: Path, root: Path) -> list[Problem]:
    """Every file under data/media/ is copied into the site: none may be a link leaving the repo."""
    media = data_dir / "media"
    if not media.is_dir():
        return []
    return [Problem(display_path(path, root), 1, 1, "", "这是指向仓库以外的链接，构建时会把外面的文件发布出去："
                    "请换成图片文件本身，或删除这个链接。")
            for path in sorted(media.rglob("*")) if path.is_symlink() and not inside(path, root)]


def _load_finding_aids(catalog: Catalog, data_dir: Path, root: Path, collector: Collector) -> None:
    """The glossary and the cited documents: both files optional, both checked against the plans."""
    plans = catalog.workplans
    terms = _read_optional(data_dir / "glossary.yml", glossary.GlossaryFile, root, collector)
    if terms:
        collector.extend(glossary.check(terms[1], terms[0], plans))
        catalog.glossary = glossary.link(terms[1], plans)
    extra = _read_optional(data_dir / "documents.yml", documents.DocumentsFile, root, collector)
    if extra:
        collector.extend(documents.check(extra[1], extra[0], plans))
    catalog.documents = documents.link(extra[1] if extra else None, plans)


def _read_optional(path: Path, model: type[M], root: Path, collector: Collector) -> tuple[Source, M] | None:
    """A single data file that may be missing: its source and model, or None (absent or invalid)."""
    found = read_all([path] if path.is_file() else [], model, root, collector)
    return (found[0][1], found[0][2]) if found else None


def render(catalog: Catalog) -> dict[str, str]:
    """Every generated page as ``{path under docs: markdown}``, in a stable order."""
    pages: dict[str, str] = {}
    pages.update(workplan.render(catalog))
    for kind in catalog.kinds:
        pages.update(KIND_MODULES[kind.key].render(catalog))
    pages.update(units.render(catalog))
    pages.update(fieldguide.render(catalog))
    pages.update(glossary.render(catalog.glossary))
    pages.update(documents.render(catalog.documents))
    return dict(sorted(pages.items()))


def assets(catalog: Catalog, data_dir: Path) -> dict[str, Path]:
    """Files copied into the site as they are: everything under data/media/, and the placeholder."""
    media = data_dir / "media"
    files = {PLACEHOLDER_URI: PLACEHOLDER}
    if media.is_dir():
        for path in sorted(media.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(data_dir).as_posix()] = path
    return files


def build(data_dir: Path, root: Path | None = None, *, samples: bool = True) -> dict[str, str]:
    """The whole pipeline: the pages the site gets from ``data_dir``."""
    return render(load(data_dir, root, samples=samples))
