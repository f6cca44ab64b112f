"""Read YAML safely while keeping the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataErrors, Problem

# The C loader parses about seven times faster; the pure-Python one is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1024 * 1024
BOM = "\ufeff"

Loc = tuple  # a path into the data: ("sections", 0, "points", 2, "title")


@dataclass
class Source:
    """One data file: its plain Python data and where each part of it was written."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

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
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_yaml(path: Path, root: Path) -> Source:
    """Parse one file or raise DataErrors explaining, in Chinese, what to fix."""
    shown = display_path(path, root)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise DataErrors([Problem(shown, 1, 1, "", f"文件过大（{len(raw)} 字节，上限 {MAX_BYTES} 字节）：请把内容拆成多个条目文件，图片放进 data/media/。")])
    text = _decode(raw, shown)
    if text.startswith(BOM):
        text = text[1:]
    if not text.strip():
        raise DataErrors([Problem(shown, 1, 1, "", "文件是空的：请按模板填写内容，或删除这个文件。")])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([_syntax_problem(exc, text, shown)]) from None
    except yaml.YAMLError as exc:
        raise DataErrors([Problem(shown, 1, 1, "", f"YAML 格式错误：{exc}")]) from None
    finally:
        loader.dispose()
    source = Source(shown, None)
    problems: list[Problem] = []
    source.data = _Builder(loader, source, problems).build(node, ())
    if problems:
        raise DataErrors(problems)
    if not isinstance(source.data, dict):
        hint = _fullwidth_hint(text.splitlines()[node.start_mark.line] if text.splitlines() else "")
        raise DataErrors([Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, "",
                                  "文件最外层应是“字段: 值”的键值对，现在不是。" + hint)])
    return source


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK/GB2312 编码。"
        except UnicodeDecodeError:
            pass
        raise DataErrors([Problem(shown, line, column, "", "文件不是 UTF-8 编码。" + guess
                                  + "请用编辑器“另存为”并选择 UTF-8 编码（记事本：编码选“UTF-8”；VS Code：右下角点编码 -> 通过编码保存 -> UTF-8）。")]) from None


def _fullwidth_hint(line: str) -> str:
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return "这一行用了 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成空格。"
    if "\u3000" in line:
        return "这一行有全角空格（　）：YAML 的缩进和“: ”后面必须是半角空格，请换成半角空格。"
    if "：" in line and ":" not in line.split("：", 1)[0]:
        return "这一行的冒号是全角“：”：字段名后面要用半角冒号加空格“: ”（切换到英文输入法再输入）。"
    return ""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line_no = mark.line if mark else 0
    # The parser often notices a slip one line after it was made: look at both lines.
    hint = ""
    for candidate in (line_no, line_no - 1):
        if 0 <= candidate < len(lines):
            hint = _fullwidth_hint(lines[candidate])
            if hint:
                line_no = candidate
                break
    column = (mark.column + 1) if mark and line_no == mark.line else 1
    what = exc.problem or exc.context or "无法解析"
    return Problem(shown, line_no + 1, column, "",
                   f"YAML 格式错误（{what}）。" + (hint or "请检查这一行及上一行的缩进、冒号和引号是否成对。"))


class _Builder:
    """Turn a composed node graph into plain data, recording marks and refusing aliases."""

    def __init__(self, loader: Any, source: Source, problems: list[Problem]):
        self.loader = loader
        self.source = source
        self.problems = problems
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            # An alias shares its anchor's node and marks: point at the key that uses it.
            self.problems.append(self.source.problem(loc, "不支持 YAML 锚点和别名（& 与 *）：请把内容直接写出来。", key=True))
            return None
        self.source.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(self.source.problem(loc, "字段名必须是普通文字（不支持 << 合并或复杂键）。"))
                continue
            key = key_node.value
            key_loc = loc + (key,)
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                first = self.source.keys[key_loc][0]
                self.problems.append(self._dup(key_loc, key_mark, first))
                continue
            self.source.keys[key_loc] = key_mark
            out[key] = self.build(value_node, key_loc)
        return out

    def _dup(self, key_loc: Loc, mark: tuple[int, int], first: int) -> Problem:
        return Problem(self.source.path, mark[0], mark[1], field_name(key_loc),
                       f"字段重复：第 {first} 行已经写过“{key_loc[-1]}”，请删除其中一个。")

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            if node.tag.endswith(":timestamp"):
                message = f"日期“{node.value}”不存在：请写成 YYYY-MM-DD 格式的真实日期。"
            else:
                message = f"无法读取的值“{node.value}”：如果是文字，请用引号括起来。"
            self.problems.append(self.source.problem(loc, message))
            return None
