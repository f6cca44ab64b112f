"""Problems found in editors' data, each located as ``path:line:col: field: message``."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Sequence
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


# Faults of the machine the site is built on, not of the data: what it is, and what to do.
# "{folder}" is the folder whose disk or permissions are at fault.
_DENIED = ("没有读写权限", "请用有权限的用户运行，或请管理员给当前用户 {folder} 的读写权限")
_FAULTS = {
    errno.ENOSPC: ("磁盘空间已满", "请在 {folder} 所在的磁盘上腾出空间（删除不用的文件，如旧的备份、日志）"),
    errno.EROFS: ("磁盘是只读的", "请把项目放到可以写入的磁盘上，或请管理员把 {folder} 所在的磁盘改为可写"),
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _FAULTS[errno.EDQUOT] = ("磁盘配额已用完", "请删除 {folder} 所在磁盘上不用的文件，或请管理员提高当前用户的磁盘配额")
_DISK = {errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}
_OTHER = ("读写文件出错", "请检查 {folder} 所在的磁盘（是否已连接、是否有损坏）和文件夹的权限")


NOT_THE_DATA = "这不是数据的问题，不用修改数据。"  # ends every fault message: make site looks for it


def environment_fault(error: BaseException, folders: Sequence[str | os.PathLike] = (), *,
                      other: bool = False) -> str | None:
    """In Chinese, the full disk, quota, read-only disk or missing permission behind ``error``
    and what to do about it; None if ``error`` is none of those (any OSError if ``other``).

    ``folders`` are where the build writes, named when the error names no file (a full disk
    is mostly noticed on writing, and ``write`` knows no file name).
    """
    fault = _os_error(error, other)
    if fault is None:
        return None
    what, fix = _FAULTS.get(fault.errno or 0, _OTHER)
    # Of two names (a copy, a rename) the second is written to: where a disk is full or read-only.
    name = fault.filename2 if fault.filename2 and fault.errno in _DISK else fault.filename
    if isinstance(name, (str, bytes, os.PathLike)) and os.fspath(name):
        place = _shown(os.fsdecode(name))
        folder = _shown(os.path.dirname(os.path.abspath(os.fsdecode(name))), folder=True)
    else:
        place = folder = _shown(os.fspath(folders[0]) if folders else os.getcwd(), folder=True)
    code = errno.errorcode.get(fault.errno or 0, str(fault.errno))
    return (f"{place}：{what}（{code}），网站没能构建完。{fix.format(folder=folder)}，然后重新构建。"
            + NOT_THE_DATA)


def _os_error(error: BaseException | None, other: bool) -> OSError | None:
    """The OSError of a known fault (or any, if ``other``) that ``error`` is or was raised from."""
    for _ in range(8):  # a chain of causes is short; a loop of them must not hang us
        if error is None:
            return None
        if isinstance(error, OSError) and (other or error.errno in _FAULTS):
            return error
        error = error.__cause__ if error.__cause__ is not None or error.__suppress_context__ else error.__context__
    return None


def _shown(path: str, folder: bool = False) -> str:
    """``path`` relative to the working folder (the project, for make site) when inside it."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # Windows: another drive
        relative = os.pardir
    outside = relative in (os.curdir, os.pardir) or relative.startswith(os.pardir + os.sep)
    shown = absolute if outside else relative
    shown = shown.replace(os.sep, "/")
    return shown.rstrip("/") + "/" if folder and shown != "/" else shown
