"""Files as last read, kept between the builds of a preview: unchanged files are not read again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

R = TypeVar("R")


class ReadCache:
    """What reading each file gave, by key, with the file's size and time then.

    A preview keeps one between builds: after an edit only the files that changed are read
    again, not the thousands that did not.
    """

    def __init__(self) -> None:
        self.found: dict[object, tuple[tuple[int, int], Any]] = {}

    def kept(self, key: object, path: Path, work: Callable[[], R]) -> R:
        """What ``work()`` gave for ``path`` when it last ran, if the file has not changed since."""
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = (0, -1)
        found = self.found.get(key)
        if found is None or found[0] != stamp:
            found = self.found[key] = (stamp, work())
        return found[1]
