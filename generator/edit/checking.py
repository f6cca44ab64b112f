"""The check after a save: the same ``pipeline.load`` as ``make check``, over files kept in memory.

The server keeps one ``ReadCache`` for its whole life, so a check after a save reads again only
the files that changed, as the preview does, and one ``relink.Memo``, so that it links again
only the entries whose references may have changed (the saved one, and those linking to an
entry that was added, deleted or renamed) and judges again only pictures whose files changed. After a save of one entry file the server answers
at once with that file's own problems (``quick``: its schema, references, pictures and links
against the last catalog) and runs the whole check in the background; the page then shows the
whole check's messages too. Its messages are sorted for the form:
those of the saved file by the form field they name, the rest (other files) counted apart.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import pipeline
from ..errors import Collector, DataErrors, Problem
from ..model.catalog import Catalog, entry_problems
from ..model.fields import Entry
from ..model.relink import Memo
from ..source.cache import ReadCache
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
        self.cache = ReadCache()
        self.memo = Memo()  # what linking found for each entry, kept while what it rests on is the same
        self.last: Catalog | None = None  # the last catalog without problems: previews and quick checks use it
        self.result = Result()
        self._lock = threading.Lock()
        self._turn = threading.Condition()
        self._asked = self._done = 0  # checks asked for, and the last asked for that a finished run covers

    def run(self) -> Result:
        """The whole check now (it covers every save made before it starts)."""
        with self._lock:
            with self._turn:
                covers = self._asked
            try:
                result = Result([], pipeline.load(self.root / "data", self.root, cache=self.cache, memo=self.memo))
                self.last = result.catalog
            except DataErrors as exc:
                result = Result(exc.problems)
            with self._turn:
                self.result, self._done = result, max(self._done, covers)
                self._turn.notify_all()
            return result

    def run_later(self) -> int:
        """Start the whole check in the background; the number to ``wait`` for it with."""
        with self._turn:
            self._asked += 1
            ticket = self._asked
        threading.Thread(target=self.run, daemon=True).start()
        return ticket

    def wait(self, ticket: int, timeout: float = 120) -> Result | None:
        """The result of a whole check that covers ``ticket`` (None if it is not done in ``timeout``)."""
        with self._turn:
            if self._turn.wait_for(lambda: self._done >= ticket, timeout):
                return self.result
        return None

    def quick(self, path: Path, model: type[Entry]) -> list[Problem] | None:
        """One entry file's own problems against the last catalog (None before there is one):
        its schema, then its references, pictures and links, as the whole check finds them."""
        catalog = self.last
        if catalog is None:
            return None
        found = Collector()
        read = pipeline.read_all([path], model, self.root, found)
        if read:
            _, source, entry = read[0]
            found.extend(entry_problems(catalog, source, entry, pipeline.MediaChecker(self.root / "data", self.root)))
        return sorted(set(found.problems))


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
