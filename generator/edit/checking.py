"""The check after a save: the same ``pipeline.load`` as ``make check``, over files kept in memory.

The server keeps one ``pipeline.ReadCache`` for its whole life, so a check after a save reads
again only the files that changed, as the preview does. Its messages are sorted for the form:
those of the saved file by the form field they name, the rest (other files) counted apart.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import pipeline
from ..errors import DataErrors, Problem
from ..model.catalog import Catalog
from ..source.loader import display_path

_INDEX = re.compile(r"\[(\d+)\]")


@dataclass
class Result:
    """One check: every problem, and the catalog when there was none."""

    problems: list[Problem] = field(default_factory=list)
    catalog: Catalog | None = None


class Checker:
    """Runs ``make check``'s checks on the working tree, one at a time, re-reading only changed files."""

    def __init__(self, root: Path):
        self.root = root
        self.cache = pipeline.ReadCache()
        self.last: Catalog | None = None  # the last catalog without problems: markdown previews use it
        self._lock = threading.Lock()

    def run(self) -> Result:
        with self._lock:
            try:
                catalog = pipeline.load(self.root / "data", self.root, cache=self.cache)
            except DataErrors as exc:
                return Result(exc.problems)
            self.last = catalog
            return Result([], catalog)


def form_path(field_path: str, prefix: str = "") -> str | None:
    """The form's address of a message's field: ``photos[1].file`` -> ``root.photos.1.file``.

    ``prefix`` is where the form's value sits in its file (``units[2]`` for a unit); a field
    outside it is not the form's (None).
    """
    if prefix:
        if field_path != prefix and not field_path.startswith(prefix + "."):
            return None
        field_path = field_path[len(prefix) + 1:]
    return ".".join(["root", *filter(None, _INDEX.sub(r".\1", field_path).split("."))])


def for_form(problems: list[Problem], path: Path, root: Path, prefix: str = "") -> tuple[list[dict], list[str]]:
    """(the saved file's messages with their form field, every other message as text)."""
    shown = display_path(path, root)
    mine, others = [], []
    for problem in problems:
        where = form_path(problem.field, prefix) if problem.path == shown else None
        if where is None:
            others.append(str(problem))
        else:
            mine.append({"path": where, "field": problem.field, "message": problem.message,
                         "where": f"{problem.path}:{problem.line}:{problem.column}", "text": str(problem)})
    return mine, others
