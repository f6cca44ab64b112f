"""What editors' text and paths may not contain: scripts in Markdown, paths leaving the repo.

Markdown fields pass raw HTML through to the page, so a script, an event handler or a
``javascript:`` link written there would run in every reader's browser. Media paths name
files that are copied into the site, so they must stay inside the repository.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_EMBED = re.compile(r"<\s*/?\s*(script|iframe|frame|object|embed)\b", re.IGNORECASE)
# on...= in a tag, or in a Markdown attribute list {: onclick="..." }
_HANDLER = re.compile(r"(?<![\w-])on[a-z]{3,}\s*=", re.IGNORECASE)
# Browsers drop tabs, newlines and entities inside a URL before reading its scheme.
_SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20]+")

# Written relative to data/: "media/brands/hongqi.jpg". Used by the check and the JSON Schema.
MEDIA_PATTERN = r"^media/(?!(?:.*/)?\.\.(?:/|$))[^\s\\:]+$"


def markdown_problem(value: str) -> str | None:
    """Why a Markdown field cannot be published as written, or None."""
    # Each test runs only where its telltale character is: most fields are plain Chinese
    # prose, and thousands of them are checked on every build.
    m = _EMBED.search(value) if "<" in value else None
    if m:
        return (f"不能包含 <{m.group(1).lower()}> 标签（“{_snippet(value, m.start())}”）：页面里不允许运行脚本或嵌入外部内容，"
                "请删除这段 HTML，只用 Markdown 写文字、列表和链接。")
    m = _HANDLER.search(value) if "=" in value else None
    if m:
        return (f"不能包含“{m.group(0).rstrip(' =')}=”这样的事件属性（“{_snippet(value, m.start())}”）："
                "页面里不允许运行脚本，请删除这个属性。")
    # A scheme ends in ":", which an entity ("&colon;", "&#58;") may hide.
    if ":" not in value and "&" not in value:
        return None
    flat = _INVISIBLE.sub("", html.unescape(value))
    m = _SCRIPT_URL.search(flat)
    if m:
        return (f"不能包含 {m.group(0).lower()} 链接：页面里不允许运行脚本，"
                "链接请写成 https:// 开头的网址或站内页面的路径。")
    return None


def media_path_problem(value: str) -> str | None:
    """Why ``value`` is not a path under data/media/ written as the site expects, or None."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        return f"“{value}”是网址：网站在内网使用，不能引用外部图片，请把图片下载后放到 data/media/ 下，这里写 media/... 路径。"
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        return f"“{value}”是绝对路径：请写相对于 data/ 的路径，例如 media/brands/hongqi.jpg。"
    if "\\" in value:
        return f"“{value}”用了反斜杠“\\”：请用正斜杠“/”分隔，例如 media/brands/hongqi.jpg。"
    if ".." in value.split("/"):
        return f"“{value}”含有“..”：图片必须放在 data/media/ 下，路径里不能有“..”。"
    if not re.match(MEDIA_PATTERN, value):
        return f"“{value}”不是 data/media/ 下的图片路径：请写成 media/ 开头、不含空格的路径，例如 media/brands/hongqi.jpg。"
    return None


def media_target_problem(value: str, data_dir: Path, root: Path) -> str | None:
    """Why the file ``value`` names cannot be published: missing, or a link leaving the repo."""
    target = data_dir / value
    if not target.is_file():
        return f"找不到图片“{value}”：请把图片放到 data/{value}，或删去这一项。"
    if not inside(target, root):
        return f"图片“{value}”是指向仓库以外的链接：请把图片文件本身（而不是链接）放到 data/{value}。"
    return None


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every link followed, stays inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _snippet(value: str, start: int) -> str:
    return value[start:start + 24].split("\n")[0]
