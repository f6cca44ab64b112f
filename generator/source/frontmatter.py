"""Markdown files that open with YAML front matter: cut into the YAML and the text.

News items and hand-written pages both start with ``---``, a few lines of YAML and another
``---``; the YAML is then read like a data file, keeping every line's number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Collector, DataErrors, Problem
from .loader import decode


@dataclass(frozen=True)
class Split:
    """A Markdown file cut at its front matter: the YAML (with its own line numbers) and the text."""

    yaml: str
    body: str
    body_line: int  # the file's line where the text starts


def split(text: str) -> Split | None:
    """The front matter and text of a Markdown file, or None when it has no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in ("---", "..."):
            # The opening "---" stays: YAML reads it as the start of the document, and every
            # line keeps its number in messages.
            body = "\n".join(lines[i + 1:]).strip("\r\n").rstrip()
            start = i + 2 + next((n for n, line in enumerate(lines[i + 1:]) if line.strip()), 0)
            return Split("\n".join(lines[:i]) + "\n", body, start)
    return None


def read_text(path: Path, where: str, limit: int, too_big: str, collector: Collector) -> str | None:
    """The text of a Markdown file (``where`` as editors name it), or None with its problem
    collected: larger than ``limit`` bytes (``too_big`` says what to do), not UTF-8, unreadable."""
    try:
        if path.stat().st_size > limit:
            collector.add(Problem(where, 1, 1, "", f"文件过大（上限 {limit // 1024} KB）：{too_big}"))
            return None
        return decode(path.read_bytes(), where)
    except DataErrors as exc:
        collector.extend(exc.problems)
    except OSError:
        collector.add(Problem(where, 1, 1, "", "无法读取这个文件：请确认它是普通的文本文件，并且有读取权限。"))
    return None
