"""What the editor edits: every kind with its entries, where each entry's file is, and the
only folders a save may write to.

A showcase kind keeps one file per entry (``data/<key>/<id>.yml``, news in
``content/news/posts/<id>.md``); units and glossary terms are items of one file each
(``data/units.yml``, ``data/glossary.yml``), found there by their ``id``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ..kinds import KINDS
from ..model import glossary, units
from ..model.fields import ID_PATTERN
from ..model.safety import reserved_id_problem

# Everything the editing server may write lies under one of these (relative to the project).
WRITABLE = ("data", "content/news/posts")


class Refused(Exception):
    """A request the server will not carry out; the message (Chinese) says why and what to do."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Place:
    """One kind as the editor lists and edits it."""

    key: str                   # "brands", "news", "units", "glossary": in addresses and upload folders
    label: str                 # "支部品牌"
    model: type[BaseModel]     # the model of one entry (for a list file: of one item)
    pattern: str               # "data/brands/*.yml"; for a list file the file itself
    schema: str = ""           # the JSON Schema's name, for a new file's first line ("brand")
    body: str = ""             # the Markdown field written below the front matter (news)
    items: str = ""            # for a list file: the key of its list ("units", "terms")
    heading: str = "name"      # the field a list file's item is named by

    @property
    def folder(self) -> str:
        return self.pattern.rpartition("/")[0]

    @property
    def suffix(self) -> str:
        return "." + self.pattern.rpartition(".")[2]

    def file(self, root: Path, ident: str) -> Path:
        """The file holding entry ``ident`` (checked: a valid id, inside the writable folders)."""
        if not self.items:
            problem = id_problem(self, ident)
            if problem:
                raise Refused(problem)
        return inside(root, root / self.pattern if self.items else root / self.folder / f"{ident}{self.suffix}")


def places() -> list[Place]:
    """Every kind the editor offers, in the site's order, then units and glossary terms."""
    found = [Place(kind.key, kind.label, kind.model, kind.pattern, kind.name, kind.body) for kind in KINDS]
    found.append(Place("units", "单位", units.Unit, "data/units.yml", "units", items="units"))
    found.append(Place("glossary", "提法释义", glossary.Term, "data/glossary.yml", "glossary", items="terms", heading="term"))
    return found


def place(key: str) -> Place:
    for found in places():
        if found.key == key:
            return found
    raise Refused(f"没有“{key}”这一类：请从首页的类别中选择。", 404)


def id_problem(where: Place, ident: str) -> str | None:
    """Why ``ident`` cannot name a new entry of ``where``: the rules ``check`` applies to file names."""
    if not ident:
        return "请填写标识：只用小写英文字母、数字和连字符，例如 hongse-yizhan。它就是文件名，也是网址的一部分。"
    if len(ident) > 100 or not re.fullmatch(ID_PATTERN, ident):
        return f"标识“{ident[:40]}”不能用：只能用小写英文字母、数字和连字符（-），不能以连字符开头或结尾，例如 hongse-yizhan。"
    kind = next((k for k in KINDS if k.key == where.key), None)
    problem = kind.id_problem(ident) if kind and kind.id_problem else reserved_id_problem(ident, where.label)
    return problem.replace(f"文件名“{ident}.md”", f"标识“{ident}”").replace("请把文件改名", "请换一个") if problem else None


def inside(root: Path, path: Path) -> Path:
    """``path`` (under the resolved project ``root``) if it lies under a writable folder and no
    part of it below the project is a symbolic link."""
    for part in [path, *path.parents]:
        if part == root or root not in part.parents:
            break
        if part.is_symlink():
            raise Refused(f"{part.relative_to(root).as_posix()} 是符号链接（快捷方式）：编辑器不会写到链接指向的地方，"
                          "请把它换成真正的文件或文件夹。", 403)
    resolved = path.resolve()
    allowed = [(root / folder).resolve() for folder in WRITABLE]
    if not any(resolved == a or a in resolved.parents for a in allowed):
        raise Refused("只能保存到 data/ 和 content/news/posts/ 下：这个位置不允许写入。", 403)
    return path
