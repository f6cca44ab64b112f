"""Problems found in editors' data, each located as ``path:line:col: field: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with the place and a Chinese explanation with the fix."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def shown(value: object, limit: int = 30) -> str:
    """A value as a message quotes it: “短文字”, “很长的文字开头…”, or what kind of thing it is."""
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "一组“字段: 值”"
    if isinstance(value, list):
        return "一个列表"
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    text = text.split("\n", 1)[0]
    return f"“{text[:limit]}…”" if len(text) > limit or "\n" in str(value) else f"“{text}”"


class DataErrors(Exception):
    """Every problem of every file, raised once after all files were read and checked."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"共发现 {len(self.problems)} 处问题，请逐条修改后再检查。")
        return "\n".join(lines)


class Collector:
    """Gathers problems across files so that all of them are reported in one run."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataErrors(self.problems)
