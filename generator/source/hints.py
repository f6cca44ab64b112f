"""Chinese explanations for files that cannot be read: wrong encoding, YAML syntax slips.

Editors type YAML with Chinese input methods, so the usual slips are a full-width colon or
space where YAML needs ASCII, a tab, or a missing space after a colon. The parser notices
them late and in English; here each is named, with its line, column and the fix.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import Problem

_SAVE_AS = ("请用编辑器“另存为”并选择 UTF-8 编码（记事本：编码选“UTF-8”；"
            "WPS/Word：另存为纯文本并选 UTF-8；VS Code：右下角点编码 -> 通过编码保存 -> UTF-8）。")

# What the parser says (libyaml's wording, which PyYAML's own parser shares in part) and
# what an editor should understand by it.
_EXPLAIN = [
    ("tab character", "这里用了 Tab：YAML 只能用空格缩进，请把 Tab 换成空格。"),
    ("could not find expected ':'", "这一行缺少“字段: 值”之间的半角冒号“:”，或者上一行没有写完。"),
    ("mapping values are not allowed", "这里不应出现“: ”：如果值里本身有“: ”，请给整个值加上引号；否则请检查缩进是否和上一行对齐。"),
    ("block sequence entries are not allowed", "列表项“- ”的位置不对：请检查它的缩进。"),
    ("expected key", "缩进不一致：同一层的字段要左对齐，下一层的字段要比上一层多缩进两个空格。"),
    ("expected <block end>", "缩进不一致：同一层的字段要左对齐，下一层的字段要比上一层多缩进两个空格。"),
    ("expected '-' indicator", "列表的缩进不一致：同一列表的每个“- ”要左对齐。"),
    ("expected node content", "这里缺少内容：请检查括号、引号是否成对，或在“:”后面填上值。"),
    ("expected ',' or ']'", "方括号没有成对：写在一行的列表以“[”开始、以“]”结束，各项之间用半角逗号“,”分隔。"),
    ("expected ',' or '}'", "花括号没有成对：写在一行的字段以“{”开始、以“}”结束，各项之间用半角逗号“,”分隔。"),
    ("unexpected end of stream", "文件在引号或括号里就结束了：请补上配对的引号或括号。"),
    ("unknown escape character", "双引号里的反斜杠“\\”有特殊含义：请改用单引号括起这段文字，或把“\\”写成“\\\\”。"),
    ("expected comment or line break", "引号结束后还有多余的文字：请把整段文字都写在引号里。"),
    ("expected alphabetic or numeric character", "以“*”或“&”开头的值会被当成 YAML 别名：请给整个值加上引号。"),
    ("cannot start any token", "这个字符不能出现在值的开头（如“@”“`”“%”）：请给整个值加上引号。"),
    ("expected <document start>", "这里多出了无法识别的内容：请检查缩进，或删除多余的文字。"),
    ("control characters are not allowed", "文件里有看不见的控制字符：请删除这个位置的字符（常见于从网页或 Word 复制来的文字）。"),
]
_FALLBACK = "请检查这一行及上一行的缩进、冒号和引号是否成对。"

_KEY = r"^[ ]*(?:-[ ]+)?[A-Za-z_][\w-]*"  # a field name at the start of a line, maybe in a list
_TAB = "这一行用了 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成空格。"
_FULL_SPACE = "这一行有全角空格（　）：YAML 的缩进和“: ”后面必须是半角空格，请换成半角空格（切换到英文输入法再输入）。"
# Each pattern marks the offending character as the group ``at``.
_SLIPS = [
    (re.compile(r"^[ \u3000]*(?P<at>\t)"), _TAB),
    (re.compile(r"^[ \t]*(?P<at>\u3000)"), _FULL_SPACE),
    (re.compile(r"[:：-](?P<at>\u3000)"), _FULL_SPACE),
    (re.compile(_KEY + r"[ ]*(?P<at>：)"), "这一行的冒号是全角“：”：字段名后面要用半角冒号加空格“: ”（切换到英文输入法再输入）。"),
    (re.compile(_KEY + r":(?P<at>[^ ])"), "冒号后面少了空格：请写成“字段: 值”，半角冒号后面加一个空格。"),
    (re.compile(_KEY + r":[ ]+(?P<at>[*&])"), "以“*”或“&”开头的值会被当成 YAML 别名：请给整个值加上引号。"),
    (re.compile(_KEY + r":[ ]+(?P<q>['\"])(?:(?!(?P=q)).)*(?P=q)[ ]*(?P<at>[^ #])"), "引号结束后还有多余的文字：请把整段文字都写在一对引号里。"),
    (re.compile(_KEY + r":[ ]+[^ '\"|>\[{#].*?(?P<at>:) "), "值里有“: ”（冒号加空格）：请给整个值加上引号，例如 title: \"甲: 乙\"。"),
]


def decode_problem(raw: bytes, exc: UnicodeDecodeError, shown: str) -> Problem:
    """The file is not UTF-8: say which encoding it seems to be in and how to re-save it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(shown, 1, 1, "", "文件是 UTF-16 编码（记事本里叫“Unicode”）。" + _SAVE_AS)
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw.count(b"\n", 0, exc.start) + 1
    column = len(raw[line_start:exc.start].decode("utf-8")) + 1
    guess = ""
    try:
        raw.decode("gb18030")
        guess = "看起来是 GBK（GB2312/GB18030）编码，Windows 中文版的记事本和 WPS 常用这种编码保存。"
    except UnicodeDecodeError:
        pass
    return Problem(shown, line, column, "", "文件不是 UTF-8 编码。" + guess + _SAVE_AS)


def syntax_problem(exc: Any, text: str, shown: str, *, byte_offsets: bool) -> Problem:  # a yaml.YAMLError
    """A parser error, pointing at the slip that caused it when it is a common one."""
    problem = getattr(exc, "problem", None) or str(exc)
    explain = next((zh for en, zh in _EXPLAIN if en in problem), _FALLBACK)
    if isinstance(exc, yaml.reader.ReaderError):
        position = exc.position
        if byte_offsets:  # libyaml counts bytes of the UTF-8 text, PyYAML's reader characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line, column = _offset_mark(text, position)
        return Problem(shown, line, column, "", f"YAML 格式错误：{explain}")
    mark = exc.problem_mark or exc.context_mark
    context = exc.context_mark
    if context is not None and ("end of stream" in problem or "expected ','" in problem):
        mark = context  # the quote or bracket that was opened and never closed
    lines = text.splitlines()
    candidates = [m for m in (context and context.line, mark and mark.line) if m is not None]
    if mark is not None and mark.line:
        candidates.append(_previous_written(lines, mark.line))
    for number in dict.fromkeys(candidates):
        if 0 <= number < len(lines):
            found = slip(lines[number])
            if found:
                column, hint = found
                return Problem(shown, number + 1, column, "", f"YAML 格式错误：{hint}")
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    return Problem(shown, line, column, "", f"YAML 格式错误：{explain}")


def slip(line: str) -> tuple[int, str] | None:
    """Column and explanation of a typing slip on ``line``, if it has one."""
    for pattern, hint in _SLIPS:
        m = pattern.search(line)
        if m:
            return m.start("at") + 1, hint
    return None


def top_level_hint(line: str) -> str:
    """When the whole file read as text or a list, the slip on its first line, if any."""
    found = slip(line)
    return found[1] if found else "请按模板写成每行“字段: 值”的形式。"


def _previous_written(lines: list[str], number: int) -> int:
    """The nearest line before ``number`` that holds something other than a comment."""
    for n in range(number - 1, -1, -1):
        if lines[n].strip() and not lines[n].lstrip().startswith("#"):
            return n
    return number


def _offset_mark(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1
