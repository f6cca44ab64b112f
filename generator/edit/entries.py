"""Reading an entry into the form, saving the form into its file, listing a kind's entries.

Every save names the hash of the file as the form was opened: when the file changed since
(another editor, another tab, a text editor), the save is refused and nothing is lost.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from ..errors import Collector, DataErrors
from ..pipeline import ReadCache, read_all
from ..source.frontmatter import split
from ..source.loader import decode
from . import yamlfile
from .places import Place, Refused

_WRITING = threading.Lock()  # one save at a time: compare the hash and write as one step
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def digest(raw: bytes | None) -> str:
    """The hash a form carries of its file ("" for a file not written yet)."""
    return hashlib.sha256(raw).hexdigest() if raw is not None else ""


@dataclass
class Opened:
    value: dict[str, Any]
    hash: str
    index: int | None = None  # a list file's item: its place in the list


def open_entry(root: Path, where: Place, ident: str) -> Opened:
    """The entry's value as the form shows it, and the hash of its file."""
    path = where.file(root, ident)
    raw = _read(path)
    if raw is None:
        raise Refused(f"找不到{where.label}“{ident}”：它可能已被删除或改名，请回到首页重新选择。", 404)
    text = _text(raw, path, root)
    if where.items:
        index, item = _item(where, yamlfile.parse(text), ident)
        if item is None:
            raise Refused(f"{where.pattern} 里没有标识为“{ident}”的{where.label}：请回到首页重新选择。", 404)
        return Opened(yamlfile.plain(item), digest(raw), index)
    front, body = _parts(where, text)
    tree = yamlfile.parse(front)
    if tree is None or not isinstance(tree, dict):
        raise Refused(f"{path.relative_to(root).as_posix()} 的格式有错，表单读不出它：请先按“检查”列出的提示改正。", 422)
    value = yamlfile.plain(tree)
    if where.body:
        value[where.body] = body
    return Opened(value, digest(raw))


def save(root: Path, where: Place, ident: str, value: dict, expected: str, *, new: bool) -> tuple[Path, str, int | None]:
    """Write the form's ``value`` into its file: (the file, its new hash, a list item's index)."""
    path = where.file(root, ident)
    value = yamlfile.cleaned(value)
    with _WRITING:
        raw = _read(path)
        if new and not where.items and raw is not None:
            raise Refused(f"{where.label}“{ident}”已经存在：请换一个标识，或回到首页打开它来修改。", 409)
        if not new and raw is None:
            raise Refused(f"{where.label}“{ident}”的文件已被删除或改名：你的修改没有保存，请先复制下来，再回到首页。", 409)
        if digest(raw) != expected:
            raise Refused("这一项在你打开之后被别人（或另一个窗口）修改过：你的修改没有保存，以免覆盖对方的改动。"
                          "请先把你改的内容复制下来，重新打开这一项，再改一次。", 409)
        old = _text(raw, path, root) if raw is not None else None
        text, index = _render(root, where, ident, old, value, new)
        if text != old:
            _write(path, text.encode("utf-8"))
            raw = text.encode("utf-8")
    return path, digest(raw), index


def _render(root: Path, where: Place, ident: str, old: str | None, value: dict, new: bool) -> tuple[str, int | None]:
    if where.items:
        tree = yamlfile.parse(old or "")
        if not isinstance(tree, dict) or not isinstance(tree.get(where.items), list):
            raise Refused(f"{where.pattern} 的格式有错，表单读不出它：请先按“检查”列出的提示改正。", 422)
        index, item = _item(where, tree, ident)
        if new and item is not None:
            raise Refused(f"标识“{ident}”已经有{where.label}在用：请换一个。", 409)
        if item is None:
            tree[where.items].append(yamlfile.merge(None, value, where.model))
            return yamlfile.dump(tree), len(tree[where.items]) - 1
        before = yamlfile.plain(item)
        yamlfile.merge(item, value, where.model)
        return (old or "") if yamlfile.plain(item) == before else yamlfile.dump(tree), index
    body = value.pop(where.body, "") if where.body else ""
    front, old_body = _parts(where, old) if old is not None else ("", "")
    tree = yamlfile.parse(front) if old is not None else None
    before = yamlfile.plain(tree) if tree is not None else None
    tree = yamlfile.merge(tree, value, where.model)
    same = old is not None and yamlfile.plain(tree) == before
    if not where.body:
        if same:
            return old or "", None
        if old is None:
            tree.yaml_set_start_comment(f"yaml-language-server: $schema={_schema(root, where)}")
        return yamlfile.dump(tree), None
    if same and body == old_body:
        return old or "", None
    head = _front_text(old) if same and old else "---\n" + yamlfile.dump(tree) + "---\n"
    return f"{head}\n{body.strip(chr(10))}\n", None


def _schema(root: Path, where: Place) -> str:
    """The first line's schema path, relative to the file's folder, as ``new`` writes it."""
    return Path(os.path.relpath(root / "schemas" / f"{where.schema}.schema.json", root / where.folder)).as_posix()


def _parts(where: Place, text: str) -> tuple[str, str]:
    """A file's YAML and (for news) its Markdown text."""
    if not where.body:
        return text, ""
    found = split(text)
    if found is None:
        raise Refused("这条动态的开头没有用“---”围起来的基本信息：请先按“检查”列出的提示改正。", 422)
    return found.yaml, found.body


def _front_text(text: str) -> str:
    """The front matter of a Markdown file as written, both ``---`` lines included."""
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r") in ("---", "..."))
    return "\n".join(lines[:end + 1]) + "\n"


def _item(where: Place, tree: Any, ident: str) -> tuple[int | None, Any]:
    items = tree.get(where.items) if isinstance(tree, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == ident:
            return index, item
    return None, None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Refused(f"无法读取 {path.name}：请确认它是普通文件并且有读取权限。", 500) from exc


def _text(raw: bytes, path: Path, root: Path) -> str:
    try:
        return decode(raw, path.relative_to(root).as_posix())
    except DataErrors as exc:
        raise Refused(exc.report(), 422) from exc


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a check running meanwhile never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".saving", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def listing(root: Path, where: Place, cache: ReadCache) -> list[dict[str, Any]]:
    """A kind's entries, newest first: id, title, year and file."""
    if where.items:
        path = root / where.pattern
        data = cache.kept(("list", path), path, lambda: _load_quick(path, where))
        items = (data or {}).get(where.items) if isinstance(data, dict) else None
        return [{"id": str(i.get("id", "")), "title": str(i.get(where.heading) or i.get("id", "")), "year": ""}
                for i in items or [] if isinstance(i, dict)]
    folder = root / where.folder
    found, failing = [], []
    if folder.is_dir() and not folder.is_symlink():
        for entry in os.scandir(folder):
            if entry.name.endswith(where.suffix) and not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                path = Path(entry.path)
                if where.body:
                    found.append(cache.kept(("list", path), path, partial(_summary, path, where)))
                else:  # as check read it last: after the first check nothing is read again
                    read = read_all([path], where.model, root, Collector(), cache, failed=lambda _, source: failing.append(source))
                    found.append(_shown(path, where, *(read[0][1:] if read else (failing.pop(), None))))
    return [shown for _, shown in sorted(found, key=lambda f: f[0])]


def _shown(path: Path, where: Place, source: Any, entry: Any) -> tuple[tuple, dict[str, Any]]:
    ident = path.name.removesuffix(where.suffix)
    if entry is not None:
        return ((0, *entry.sort_key), ident), {"id": ident, "title": entry.heading, "year": str(entry.year)}
    # a file check refuses: listed by what it has, after the complete ones
    return ((1,), ident), _summary(path, where, source.data if source is not None else None)[1]


def _summary(path: Path, where: Place, data: Any = None) -> tuple[tuple, dict[str, Any]]:
    """(sort key, what the start page shows) of one entry file, read quickly and leniently."""
    ident = path.name.removesuffix(where.suffix)
    data = data if data is not None else _load_quick(path, where)
    title, year, key = ident, "", (1, 0)
    if isinstance(data, dict):
        try:
            entry = where.model.model_construct(**data)
            title, year = str(getattr(entry, "heading", ident)), str(getattr(entry, "year", ""))
            key = (0, *getattr(entry, "sort_key", ()))
        except Exception:  # a half-written entry: listed by its id, after the complete ones
            title = str(data.get("title") or data.get("name") or ident)
    return (key, ident), {"id": ident, "title": title, "year": year}


def _load_quick(path: Path, where: Place) -> Any:
    try:
        text = path.read_bytes().decode("utf-8-sig")
        if where.body:
            found = split(text)
            text = found.yaml if found else ""
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - the C safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
