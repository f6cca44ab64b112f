"""Read YAML safely while keeping the line and column of every key and value."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataErrors, Problem, shown
from .hints import decode_problem, syntax_problem, top_level_hint
from .quick import quick_load, read_as_text

# The C parser is about seven times faster; the pure-Python one is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1024 * 1024
# Deeper than any model here; stops a file of ten thousand "[" from exhausting the stack.
MAX_DEPTH = 20
BOM = "\ufeff"
_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Loc = tuple  # a path into the data: ("sections", 0, "points", 2, "title")


@dataclass
class Source:
    """One data file: its plain Python data, where each part was written, and its mistakes.

    ``problems`` are mistakes that still let the rest of the file be checked (a duplicate key,
    an alias, an unreadable value); ``flagged`` holds the places whose value was dropped for
    them, so that validation does not report those places a second time.

    Where each part was written is looked up only when a problem needs it: nearly every
    file is valid, and recording thousands of positions per file doubles the time to read
    a site of thousands of entries.
    """

    path: str
    data: Any
    problems: list[Problem] = field(default_factory=list)
    flagged: set[Loc] = field(default_factory=set)
    text: str | None = field(default=None, repr=False)
    blocks: dict[Loc, int] = field(default_factory=dict)  # text kept outside the YAML: its first line
    _marks: tuple[dict, dict] | None = field(default=None, repr=False)

    @property
    def values(self) -> dict[Loc, tuple[int, int]]:
        """Line and column of each value, by its place in the data."""
        return self._find_marks()[0]

    @property
    def keys(self) -> dict[Loc, tuple[int, int]]:
        """Line and column of each mapping key, by its place in the data."""
        return self._find_marks()[1]

    def _find_marks(self) -> tuple[dict, dict]:
        if self._marks is None:
            # Read quickly before: read again, recording positions, now that one is wanted.
            found: tuple[dict, dict] = ({}, {})
            _Builder(self.text or "", Source(self.path, None, _marks=found)).build()
            self._marks = found
        return self._marks

    def repeats(self, places: Iterable[tuple[Loc, str]]) -> Iterator[tuple[Loc, str, int]]:
        """(place, value, line of its first use) for every value already used at an earlier place:
        the check that ids, terms and titles are unique, for any of them."""
        first: dict[str, int] = {}
        for loc, value in places:
            if value in first:
                yield loc, value, first[value]
            else:
                first[value] = self.locate(loc)[0]

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest written parent when it is missing."""
        loc = tuple(loc)
        while loc:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for marks in table:
                if loc in marks:
                    return marks[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.path, line, column, field_name(loc), message)

    def problem_in(self, loc: Loc, value: str, index: int, message: str) -> Problem:
        """A problem at ``value[index]``, where ``value`` is the text at ``loc``: on its own line
        when the text is a literal block (``|``), else where the value starts."""
        line, column = self.locate(loc)
        if tuple(loc) in self.blocks:
            before = value[:index]
            return Problem(self.path, self.blocks[tuple(loc)] + before.count("\n"),
                           len(before.rpartition("\n")[2]) + 1, field_name(loc), message)
        lines = (self.text or "").splitlines()
        if 0 < line <= len(lines) and lines[line - 1][column - 1:column] == "|":
            before = value[:index]
            line += 1 + before.count("\n")
            if line <= len(lines):
                written = lines[line - 1]
                column = len(written) - len(written.lstrip(" ")) + 1 + len(before.rpartition("\n")[2])
        return Problem(self.path, line, column, field_name(loc), message)

    def is_flagged(self, loc: Loc) -> bool:
        """Whether ``loc`` or one of its parents already has a reported problem."""
        loc = tuple(loc)
        return any(loc[:n] in self.flagged for n in range(len(loc) + 1))


def field_name(loc: Loc) -> str:
    """``("sections", 0, "title")`` -> ``sections[0].title``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def display_path(path: Path, root: Path) -> str:
    """The path an editor sees: relative to the project root, with forward slashes."""
    folder, _, name = str(path).rpartition(os.sep)
    shown = shown_folder(folder or ".", str(root))
    return path.as_posix() if shown is None else shown + name


@lru_cache(maxsize=256)
def shown_folder(folder: str, root: str) -> str | None:
    """``folder`` as shown, with a trailing "/"; None if outside ``root``. Once per folder.

    The folder is resolved, not the file: a link is shown where it is, not where it leads.
    ``pipeline.load`` clears this cache, so a long ``mkdocs serve`` sees folders that changed.
    """
    try:
        shown = Path(folder).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return None
    return "" if shown == "." else shown + "/"


def read_yaml(path: Path, root: Path) -> Source:
    """Parse one file or raise DataErrors explaining, in Chinese, what to fix.

    Mistakes that leave the rest of the file readable are kept in ``Source.problems``
    instead, so that one run reports them together with the model's findings.
    """
    where = display_path(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            # Checked before reading: a huge file is refused without loading it.
            raise DataErrors([Problem(where, 1, 1, "", f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）："
                                      "请把内容拆成多个条目文件，图片放进 data/media/。")])
        raw = path.read_bytes()
    except OSError:
        raise DataErrors([Problem(where, 1, 1, "", "无法读取这个文件：请确认它是普通的文本文件，"
                                  "没有被其他程序占用，并且有读取权限。")]) from None
    return parse_yaml(decode(raw, where), where)


def decode(raw: bytes, where: str) -> str:
    """A file's bytes as text: UTF-8, a leading BOM dropped; or DataErrors saying how to save it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataErrors([decode_problem(raw, exc, where)]) from None
    return text[1:] if text.startswith(BOM) else text


def parse_yaml(text: str, where: str) -> Source:
    """Parse YAML ``text`` read from ``where`` (see ``read_yaml``)."""
    data = quick_load(text, _Loader, MAX_DEPTH)
    if isinstance(data, dict):
        return Source(where, data, text=text)
    source = Source(where, None, text=text, _marks=({}, {}))
    try:
        found = _Builder(text, source).build()
    except yaml.YAMLError as exc:
        raise DataErrors([syntax_problem(exc, text, where, byte_offsets=_Loader is not yaml.SafeLoader)]) from None
    except _Fatal as fatal:
        raise DataErrors([fatal.problem]) from None
    if not found or source.data is None:
        raise DataErrors([Problem(where, 1, 1, "", "文件是空的：请按模板填写内容，或删除这个文件。")])
    if not isinstance(source.data, dict):
        line, column = source.values[()]
        raise DataErrors([Problem(where, line, column, "", "文件最外层应是“字段: 值”的键值对，现在不是。"
                                  + top_level_hint(text.splitlines()[line - 1]))])
    return source


def _position(event: Any) -> tuple[int, int]:
    """Line and column (from 1) where a parser event starts."""
    return event.start_mark.line + 1, event.start_mark.column + 1


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Fatal(Exception):
    """A mistake after which the rest of the file cannot be read sensibly."""

    def __init__(self, problem: Problem):
        self.problem = problem


_SKIP = object()  # the value of a refused key: read past it, keep nothing


class _Builder:
    """Build plain data straight from the parser's events, recording marks.

    No node graph is composed, so an alias is never expanded or even resolved. Nesting is
    followed with an explicit stack and a depth limit.
    """

    def __init__(self, text: str, source: Source):
        self.loader = _Loader(text)
        self.source = source
        # Each open container: [value, loc, pending key or None]
        self.stack: list[list[Any]] = []
        self.skipping = 0  # depth inside a value that is being dropped
        self.documents = 0

    def build(self) -> bool:
        """Fill ``source``; False when the stream holds no document at all."""
        try:
            while self.loader.check_event():
                self._event(self.loader.get_event())
        finally:
            self.loader.dispose()
        return self.documents > 0

    def _event(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Fatal(self._at(event, "", "一个文件只能写一份数据，这里出现了第二个“---”："
                                      "请删除这一行及多余的内容，或把它拆成另一个文件。"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            if self.skipping:
                self.skipping -= 1
            else:
                self.stack.pop()
        elif isinstance(event, yaml.NodeEvent):
            self._node(event)

    def _node(self, event: Any) -> None:  # a yaml.NodeEvent (its stubs lack its fields)
        opens = isinstance(event, yaml.CollectionStartEvent)
        if self.skipping:
            self.skipping += opens
            return
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
            self._key(event, opens)
            return
        loc = self._value_loc()
        if loc is _SKIP:
            self.skipping += opens
            self.stack[-1][2] = None
            return
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        self.source.values[loc] = mark
        if isinstance(event, yaml.AliasEvent):
            # Refused at the first one, before anything is expanded or even counted: an
            # alias bomb costs no more than reading up to its first "*".
            raise _Fatal(Problem(self.source.path, *mark, field_name(loc),
                                 "不支持 YAML 锚点和别名（& 与 *）：请把被引用的内容直接写在这里，并检查文件里其他以“*”开头的值。"))
        if isinstance(event, yaml.ScalarEvent):
            self._place(self._scalar(event, loc))
        else:
            if event.tag not in _STANDARD_TAGS:
                self.source.problems.append(self.source.problem(loc, f"不支持 YAML 标签“{_shown_tag(event.tag)}”：请删除它。"))
                self.source.flagged.add(loc)
            if len(self.stack) >= MAX_DEPTH:
                raise _Fatal(self._at(event, field_name(loc), f"嵌套超过 {MAX_DEPTH} 层：数据不需要这么深的层次，请检查缩进和括号。"))
            value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            self._place(value)
            self.stack.append([value, loc, None])

    def _key(self, event: Any, opens: bool) -> None:
        mapping, loc, _ = top = self.stack[-1]
        plain_merge = isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]
        if not isinstance(event, yaml.ScalarEvent) or plain_merge:
            self.source.problems.append(self._at(event, field_name(loc), "字段名必须是普通文字（不支持 << 合并、别名或复杂键）：请直接写出字段名。"))
            self.skipping += opens
            top[2] = _SKIP
            return
        key = event.value
        key_loc = loc + (key,)
        mark = _position(event)
        if key in mapping:
            first = self.source.keys[key_loc][0]
            self.source.problems.append(Problem(self.source.path, *mark, field_name(key_loc),
                                                f"字段重复：第 {first} 行已经写过“{key}”，请删除其中一个。"))
            top[2] = _SKIP
            return
        self.source.keys[key_loc] = mark
        top[2] = key

    def _value_loc(self) -> Any:
        if not self.stack:
            return ()
        container, loc, key = self.stack[-1]
        if isinstance(container, dict):
            return key if key is _SKIP else loc + (key,)
        return loc + (len(container),)

    def _place(self, value: Any) -> None:
        if not self.stack:
            self.source.data = value
            return
        top = self.stack[-1]
        if isinstance(top[0], dict):
            top[0][top[2]] = value
            top[2] = None
        else:
            top[0].append(value)

    def _scalar(self, event: Any, loc: Loc) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == "tag:yaml.org,2002:str" or (event.implicit[0] and read_as_text(tag, event.value)):
            return event.value  # most values are text: no constructor needed
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            if event.tag not in (None, "!"):
                message = f"不支持 YAML 标签“{_shown_tag(event.tag)}”：请删除它。"
            elif tag.endswith(":timestamp"):
                message = f"日期{shown(event.value)}不存在：请写成 YYYY-MM-DD 格式的真实日期。"
            else:
                message = f"无法读取的值{shown(event.value)}：如果是文字，请用引号括起来。"
            self.source.problems.append(self.source.problem(loc, message))
            self.source.flagged.add(loc)
            return None
        finally:
            self.loader.constructed_objects.clear()

    def _at(self, event: Any, name: str, message: str) -> Problem:
        return Problem(self.source.path, event.start_mark.line + 1, event.start_mark.column + 1, name, message)
