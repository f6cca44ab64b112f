"""Every file the build writes, checked before any is written: no two may become one file.

Two outputs are one file where the site is deployed when their paths under ``site/`` are equal
once folded as those hosts fold names: IIS on NTFS and macOS ignore case, macOS (and a copy
made through it) Unicode normalisation, Windows a name's trailing dots and spaces. Pages are
compared by where MkDocs writes them, so ``a.md`` and ``a/index.md`` (both ``a/index.html``)
are one page. A path cannot be a file for one output and a folder for another either, and a
folder that one writer owns whole (the search index) holds nothing else.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import Problem


@dataclass(frozen=True)
class Output:
    """One file the build writes (or a folder one writer owns whole: its path ends in "/")."""

    path: str       # under site/: "media/x/a.jpg~card.jpg", "news/999/index.html", "search/"
    source: str     # what it is made from: "data/media/x/a.jpg", "content/about.md", "news/2023/index.md"
    what: str = ""  # for an output of the site's own, what it is ("网站生成的页面"); empty: an editor's file

    @property
    def shown(self) -> str:
        """As a message names it: the file, or what the site's own output is and where."""
        return f"{self.what} {self.source}" if self.what else self.source


def folded(path: str) -> str:
    """``path`` as a case-insensitive, normalising file system sees it."""
    if path.isascii():  # nearly every path: lower() is casefold() there, and NFC changes nothing
        text = path.lower()
    else:
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", path).casefold())
    if text.endswith((".", " ")) or "./" in text or " /" in text:
        text = "/".join(part.rstrip(". ") for part in text.split("/"))
    return text


def clashes(outputs: Iterable[Output]) -> list[Problem]:
    """Every clash among ``outputs``, each reported at every editor's file it involves."""
    files: dict[str, list[Output]] = defaultdict(list)
    owned: dict[str, Output] = {}
    for output in dict.fromkeys(outputs):  # the same output named twice is one output
        if output.path.endswith("/"):
            owned.setdefault(folded(output.path.rstrip("/")), output)
        else:
            files[folded(output.path)].append(output)
    # One report for each set of sources: a picture's four sizes clash together.
    found: dict[frozenset[str], tuple[list[Output], str]] = {}
    for key, group in files.items():
        if len(group) > 1:
            found.setdefault(frozenset(o.source for o in group), (group, _same_file(group)))
        parts = key.split("/")
        for end in range(1, len(parts) + 1):
            folder = "/".join(parts[:end])
            if folder in owned:
                owner = owned[folder]
                found.setdefault(frozenset(o.source for o in [*group, owner]), ([*group, owner], (
                    f"要写到网站的 {group[0].path}，而网站的 {owner.path} 整个文件夹归{owner.what}使用，不能放别的文件")))
                break
            if end < len(parts) and folder in files:
                outer = files[folder]
                found.setdefault(frozenset(o.source for o in [*outer, group[0]]), ([*outer, group[0]], (
                    f"分别要写到网站的 {outer[0].path} 和 {group[0].path}，{outer[0].path} 不能既是文件又是文件夹"
                    "（Windows 服务器（IIS）和 macOS 不区分字母大小写）")))
    return sorted({problem for group, why in found.values() for problem in _reported(group, why)})


class Checked:
    """The last outputs found without a clash, kept between the builds of a preview: a save
    that leaves the outputs as they were (the usual save, of an entry's text) needs no check,
    since whether ``clashes`` finds any depends on the set of outputs only."""

    def __init__(self) -> None:
        self.clean: frozenset[Output] = frozenset()
        self.skipped = 0  # checks saved, for tests

    def clashes(self, outputs: list[Output]) -> list[Problem]:
        found = frozenset(outputs)
        if found and found == self.clean:
            self.skipped += 1
            return []
        problems = clashes(outputs)
        self.clean = frozenset() if problems else found
        return problems


def _same_file(group: list[Output]) -> str:
    paths = sorted({o.path for o in group})
    if len(paths) == 1:
        return f"都要写到网站的 {paths[0]}，一个会覆盖另一个"
    return (f"要写到网站的 {'、'.join(paths)}，在 Windows 服务器（IIS）和 macOS 上是同一个文件（它们不区分字母大小写"
            "和 Unicode 的不同写法，Windows 还忽略名字末尾的点和空格），一个会覆盖另一个")


def _reported(group: list[Output], why: str) -> list[Problem]:
    """The clash of ``group`` at each editor's file in it (at the first output if none is one)."""
    problems = []
    for output in [o for o in group if not o.what] or group[:1]:
        others = [o for o in group if o.source != output.source] or [o for o in group if o is not output]
        names = "、".join(dict.fromkeys(o.shown for o in others))
        fix = f"请把 {output.source} 改名或移走" if not output.what else "请改名其中一个"
        gap = " " if names[:1].isascii() else ""  # a space between Chinese and a path, as elsewhere
        problems.append(Problem(output.source, 1, 1, "", f"{output.shown} 与{gap}{names} {why}：{fix}。"))
    return problems
