"""load -> validate -> link -> render: the one pipeline behind the CLI and the MkDocs plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from . import workplan
from .catalog import Catalog
from .errors import Collector, DataErrors, Problem
from .loader import Source, display_path, read_yaml
from .validate import validate

M = TypeVar("M", bound=BaseModel)


def read_all(paths: list[Path], model: type[M], root: Path, collector: Collector) -> list[tuple[Path, Source, M]]:
    """Read and validate every file, collecting problems instead of stopping at the first."""
    out = []
    for path in sorted(paths):
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


def load(data_dir: Path, root: Path | None = None) -> Catalog:
    """Read, check and link all data under ``data_dir``; raise DataErrors with every problem."""
    root = root or data_dir.parent
    collector = Collector()
    if not data_dir.is_dir():
        raise DataErrors([Problem(display_path(data_dir, root), 1, 1, "", "找不到数据目录：请确认 data/ 文件夹存在，或在 mkdocs.yml 中设置 data_dir。")])
    catalog = Catalog()
    for path, source, plan in read_all(list((data_dir / "workplans").glob("*.yml")), workplan.WorkPlan, root, collector):
        collector.extend(workplan.check(plan, source, path))
        catalog.workplans[plan.year] = plan
    if not catalog.workplans and not collector.problems:
        collector.add(Problem(display_path(data_dir / "workplans", root), 1, 1, "", "没有任何年度工作要点：请在 data/workplans/ 下添加如 2023.yml 的文件。"))
    collector.raise_if_any()
    return catalog


def render(catalog: Catalog) -> dict[str, str]:
    """Every generated page as ``{path under docs: markdown}``, in a stable order."""
    pages: dict[str, str] = {}
    pages.update(workplan.render(catalog.workplans))
    return dict(sorted(pages.items()))


def build(data_dir: Path, root: Path | None = None) -> dict[str, str]:
    """The whole pipeline: the pages the site gets from ``data_dir``."""
    return render(load(data_dir, root))
