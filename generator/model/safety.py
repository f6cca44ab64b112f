"""What editors' text, paths and files may hold: decided by allowlists, explained in Chinese.

Markdown fields pass raw HTML to the page, so only a few inline tags without attributes are
accepted there (``EDITOR_TAGS``); everything else is refused at its line by ``check``, and the
sanitizer (``html_policy``) removes whatever might still slip through. Media paths name files
that are copied into the site, so they are limited to safe characters under ``media/``.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

# Characters nobody means to type: C0/C1 controls (tab and line ends allowed), soft hyphen,
# zero-width characters and the bidi controls that make text read differently from how it is
# stored (U+202E); and what is no character at all, which XML 1.0 (the news feed) cannot hold
# or UTF-8 cannot write: lone surrogates, the noncharacters U+FDD0-U+FDEF, U+FFFE and U+FFFF.
# Written so that Python's re and the JSON Schema (ECMA-262 with the u flag, as VS Code and
# Ajv read patterns) read it alike; the other planes' noncharacters (U+1FFFE...) cannot be
# written in a class both read, and XML 1.0 holds them.
INVISIBLE_CLASS = (r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e"
                   r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff"
                   r"\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff]")
_INVISIBLE_CHAR = re.compile(INVISIBLE_CLASS)
VISIBLE_PATTERN = "^[^" + INVISIBLE_CLASS[1:-1] + "]*$"  # the same rule for the JSON Schema

# Raw HTML an editor may write in a Markdown field: inline emphasis Markdown has no syntax for.
EDITOR_TAGS = frozenset({"br", "sup", "sub", "u", "s", "del", "ins", "mark", "small", "strong", "em", "b", "i", "kbd"})
# What pasting from WeChat's article editor or Word brings along.
_PASTED_TAGS = frozenset({"section", "span", "font", "div", "p", "o:p", "style", "xml", "meta", "link",
                          "table", "tbody", "tr", "td", "th", "colgroup", "col", "center", "article"})
_INSTEAD = {
    "img": "插图请写 ![图片说明](media/文件夹/文件名.jpg)",
    "a": "链接请写 [文字](https://网址) 或站内写法 [文字](brand:标识)",
    "h1": "小标题请另起一行写 ### 标题", "h2": "小标题请另起一行写 ### 标题", "h3": "小标题请另起一行写 ### 标题",
    "h4": "小标题请另起一行写 #### 标题", "h5": "小标题请另起一行写 #### 标题", "h6": "小标题请另起一行写 #### 标题",
    "ul": "列表请每项另起一行，以“- ”开头", "ol": "编号列表请每项另起一行，以“1. ”开头", "li": "列表请每项另起一行，以“- ”开头",
    "blockquote": "引用请在行首写“> ”", "table": "表格请用 Markdown 表格（| 列 | 列 |）",
    "p": "分段请空一行", "div": "分段请空一行", "hr": "分隔线请单独一行写 ---",
    "pre": "代码请用三个反引号 ``` 括起来", "code": "代码请用反引号 ` 括起来",
}
_BLOCKED = ("页面里不允许运行脚本、嵌入外部内容、提交表单或改变页面结构，请删除这段 HTML")

# Every pattern below is linear in its input: no nested quantifiers, no scan that can restart at
# every character and run to the end. A tag runs to the next "<" or ">": an attribute value
# holding one only makes the check stricter, never lets markup through.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)(>?)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_MARKUP_DECL = re.compile(r"<[!?]")
# Markdown attribute lists: "{: .class }", "{#id}", "{ onclick=... }".
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
# Browsers drop tabs, newlines and entities inside a URL before reading its scheme.
_SCRIPT_URL = re.compile(r"(?:java|vb)script:|data:text/html", re.IGNORECASE)
_SPACE = re.compile(r"[\x00-\x20]+")
_TOP_HEADING = re.compile(r"^ {0,3}(#{1,2})(?:[ \t]|$)", re.M)
_FENCE_LINE = re.compile(r"[ \t]*(`{3,}|~{3,})([^\n]*)")
_BACKTICKS = re.compile(r"`+")
# The home page's and the tags page's markers: comments the build replaces, each on its own line.
_MARKER_LINE = re.compile(r"^[ \t]*<!--[ \t]*(?:showcase:[a-z-]{1,40}|material/tags)[ \t]*-->[ \t]*$", re.M)
# Characters without which Python-Markdown makes no link, heading, element or attribute.
_MAY_HOLD_MARKUP = re.compile(r"[\[<{&]|^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.M)
MAX_MARKS_PER_BLOCK = 200     # "[" and "<" in one paragraph
MAX_MARKS_PER_TEXT = 2000     # and in a whole text (the guide, the longest page, has 18 and 36)
MAX_ABBREVIATIONS = 5       # Python-Markdown reads the whole text again for each one
_ABBREVIATION = re.compile(r"^ {0,3}\*\[", re.M)
MAX_LINES_PER_BLOCK = 300

_MEDIA_NAME = r"[A-Za-z0-9_][A-Za-z0-9._-]*"
MEDIA_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "svg")
# Written relative to data/: "media/brands/hongqi.jpg". Used by the check and the JSON Schema.
MEDIA_PATTERN = (rf"^media/(?:{_MEDIA_NAME}/)*{_MEDIA_NAME}\."
                 rf"(?:{'|'.join(MEDIA_EXTENSIONS + tuple(e.upper() for e in MEDIA_EXTENSIONS))})$")

# Ids that a site folder or a listing page uses, now or in the URLs DESIGN reserves. The kinds'
# folders are added by the registry (kinds.RESERVED), which callers pass as ``reserved``.
RESERVED_IDS = frozenset({
    "index", "tags", "search", "assets", "media", "404", "sitemap", "feed", "rss", "atom",
    "page", "pages", "all", "year", "years", "unit", "units", "wuxing", "filter", "category",
    "archive", "latest", "updates", "timeline", "progress", "compare", "points",
    "workplan", "glossary", "documents", "guide",
})


# Names Windows keeps for devices, with any extension: "con.jpg" cannot be a file on IIS.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


def invisible_problem(value: str) -> str | None:
    """Why ``value`` holds a character nobody means to type, or None."""
    m = _INVISIBLE_CHAR.search(value)
    if not m:
        return None
    char = m.group(0)
    if "\ud800" <= char <= "\udfff" or "\ufdd0" <= char <= "\ufdef" or char in "\ufffe\uffff":
        what = "不成对的代理码位，只是半个字" if char <= "\udfff" else "Unicode 规定不用于文字的非字符"
        return (f"第 {m.start() + 1} 个字处有无效字符 U+{ord(char):04X}（{what}）：这类字符常在复制粘贴或转换编码时混入，"
                "网页和动态订阅（news/feed.xml）都无法保存它。请删除这段文字后重新输入。")
    what = ("文字方向控制符" if "\u200e" <= char <= "\u202e" or "\u2066" <= char <= "\u2069" or char == "\u061c"
            else "零宽字符" if char in "\u200b\u200c\u200d\u2060\ufeff" else "控制字符")
    return (f"第 {m.start() + 1} 个字处有看不见的{what} U+{ord(char):04X}：这类字符常在复制粘贴时混入，"
            "会让文字显示错乱或伪装成别的内容。请删除这段文字后重新输入。")


def pattern_issue(value: str, page: bool = False) -> tuple[str, int] | None:
    """Why a Markdown text (``page``: a hand-written page) cannot be published, and where in it
    (an index), as these patterns tell: the usual mistakes, explained in the editor's words.
    ``rendered.markdown_issue`` then reads the text as the renderer does."""
    m = _INVISIBLE_CHAR.search(value)
    if m:
        return invisible_problem(value) or "", m.start()
    issue = complexity_issue(value)
    if issue:
        return issue
    if page and "<!--" in value:
        value = _MARKER_LINE.sub(lambda m: " " * len(m.group(0)), value)
    # Each test runs only where its telltale character is: most fields are plain Chinese
    # prose, and thousands of them are checked on every build.
    prose = mask_code(value) if "<" in value or "{" in value or "#" in value else value
    if "<" in prose:
        issue = _html_issue(prose)
        if issue:
            return issue
    if "{" in prose:
        for m in _ATTR_LIST.finditer(prose):
            inside = m.group(1).strip()
            if inside[:1] in ("#", ".") or "=" in inside:
                return (f"不支持“{_snippet(m.group(0), 0)}”这样的属性写法：花括号会给页面元素添加属性，"
                        "请删除花括号及其中的内容；如果要显示花括号本身，请写成 \\{。"), m.start()
    if "#" in prose and not page:
        m = _TOP_HEADING.search(prose)
        if m:
            return (f"“{m.group(1)} ”是页面的一、二级标题，字段里的小标题请用三个井号：另起一行写“### 小标题”。"), m.start()
    if ":" in value or "&" in value:
        shown = mask_code(value)  # written as code, it is shown, never followed
        m = _SCRIPT_URL.search(_SPACE.sub("", html.unescape(shown)))
        if m:
            return (f"不能包含 {m.group(0).lower()} 链接：页面里不允许运行脚本，"
                    "链接请写成 https:// 开头的网址或站内页面的路径。"), _line_of(shown, _SCRIPT_URL)
    return None


def may_hold_markup(value: str) -> bool:
    """Whether Python-Markdown could make a link, heading, element or attribute of ``value``."""
    return bool(_MAY_HOLD_MARKUP.search(value))


def complexity_issue(value: str) -> tuple[str, int] | None:
    """Why the renderer would take time out of proportion to the text, and where, or None.

    Python-Markdown's cost grows with the square of the brackets, the "<" or the lines of one
    paragraph (10,000 "<http://a" in one paragraph take it 16 s), and with the number of
    abbreviations times the length of the text; no real text comes near these bounds.
    """
    for sign, name in (("[", "方括号“[”"), ("<", "尖括号“<”")):
        if value.count(sign) > MAX_MARKS_PER_TEXT:
            return (f"这段文字有 {value.count(sign)} 个{name}，全文最多 {MAX_MARKS_PER_TEXT} 个："
                    "请删去多余的符号，或把内容拆成几项（几个页面）。"), 0
    abbreviations = _ABBREVIATION.findall(value)
    if len(abbreviations) > MAX_ABBREVIATIONS:
        m = _ABBREVIATION.search(value)
        return (f"这段文字定义了 {len(abbreviations)} 个缩写（以“*[”开头的行），最多 {MAX_ABBREVIATIONS} 个："
                "请删去多余的缩写定义。"), m.start() if m else 0
    start = brackets = angles = lines = first = 0   # the block being read: where it starts, what it holds
    at = 0
    for number, line in enumerate(value.split("\n"), 1):
        if line.strip():
            if not lines:
                start, brackets, angles, first = at, 0, 0, number
            brackets, angles, lines = brackets + line.count("["), angles + line.count("<"), lines + 1
            for count, sign in ((brackets, "方括号“[”"), (angles, "尖括号“<”")):
                if count > MAX_MARKS_PER_BLOCK:
                    return (f"第 {first} 行起的一段文字有超过 {MAX_MARKS_PER_BLOCK} 个{sign}（每段最多 {MAX_MARKS_PER_BLOCK} 个）："
                            "请把这段分成几段（段与段之间空一行），或删去多余的符号。"), start
            if lines > MAX_LINES_PER_BLOCK:
                return (f"第 {first} 行起的一段文字连续超过 {MAX_LINES_PER_BLOCK} 行没有空行（每段最多 {MAX_LINES_PER_BLOCK} 行）："
                        "请在段落、列表或表格之间空一行。"), start
        else:
            lines = 0
        at += len(line) + 1
    return None


def mask_code(value: str) -> str:
    """``value`` with its fenced code blocks and code spans blanked out (same length and lines).

    Linear: fences are matched line by line, code spans by runs of backticks of equal length.
    Where it is unsure (an unclosed fence or span) it blanks nothing, so the check only gets
    stricter; the renderer's own reading (``rendered.view``) decides in the end.
    """
    if "`" not in value and "~~~" not in value:
        return value
    out, pos, fence = list(value), 0, None
    for line in value.splitlines(keepends=True):
        m = _FENCE_LINE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] and not m.group(2).strip():
                out[fence[2]:pos + len(line)] = _blank(value[fence[2]:pos + len(line)])
                fence = None
        elif m and (m.group(1)[0] == "~" or "`" not in m.group(2)):
            fence = (m.group(1)[0], len(m.group(1)), pos)
        elif "`" in line:
            _mask_spans(line, pos, out)
        pos += len(line)
    return "".join(out)


def _mask_spans(line: str, offset: int, out: list[str]) -> None:
    opened: tuple[int, int] | None = None
    for run in _BACKTICKS.finditer(line):
        if opened is None:
            opened = (len(run.group(0)), run.start())
        elif len(run.group(0)) == opened[0]:
            start, end = offset + opened[1], offset + run.end()
            out[start:end] = _blank("".join(out[start:end]))
            opened = None


def _blank(text: str) -> list[str]:
    return [c if c == "\n" else " " for c in text]


def _html_issue(value: str) -> tuple[str, int] | None:
    """Raw HTML outside ``EDITOR_TAGS`` (or with attributes), explained once per field."""
    stripped = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), value)  # same length: places stay
    m = _MARKUP_DECL.search(stripped)
    if m:
        return (f"不能包含“{_snippet(stripped, m.start())}”这样的 HTML 声明或注释：请删除它，只用 Markdown 写文字。"), m.start()
    tags = [(m.group(2).lower(), m) for m in _TAG.finditer(stripped)]
    pasted = sorted({name for name, _ in tags if name in _PASTED_TAGS or ":" in name})
    if pasted:
        return ("这段文字带有从微信公众号编辑器或 Word 复制来的排版代码（"
                + "、".join(f"<{t}>" for t in pasted[:4]) + "等）：网页会按本站样式排版，不需要这些代码。"
                "请在原文中选中文字，用“粘贴为纯文本”（Ctrl+Shift+V）重新粘贴，再用空行分段、用 **加粗** 和“- ”列表标出重点。"), \
            next(m.start() for name, m in tags if name in _PASTED_TAGS or ":" in name)
    for name, m in tags:
        if name not in EDITOR_TAGS:
            instead = _INSTEAD.get(name, _BLOCKED)
            return (f"不能使用 HTML 标签 <{name}>（“{_snippet(stripped, m.start())}”）：{instead}。"
                    "字段里只能用 Markdown，以及 <br>、<sup>、<sub>、<u>、<mark> 等几个不带属性的文字标签。"), m.start()
        if m.group(3).strip(" /"):
            return (f"标签 <{name}> 不能带属性（“{_snippet(stripped, m.start())}”）：请删除属性，只写 <{name}>。"), m.start()
    return None


def plain_text_problem(value: str) -> str | None:
    """Why a plain-text field cannot be shown as written, or None."""
    return invisible_problem(value)


def media_path_problem(value: str) -> str | None:
    """Why ``value`` is not a path under data/media/ written as the site expects, or None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE) and not re.match(r"^[A-Za-z]:[\\/]", value):
        return f"“{value}”是网址：网站在内网使用，不能引用外部图片，请把图片下载后放到 data/media/ 下，这里写 media/... 路径。"
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        return f"“{value}”是绝对路径：请写相对于 data/ 的路径，例如 media/brands/hongqi.jpg。"
    if "\\" in value:
        return f"“{value}”用了反斜杠“\\”：请用正斜杠“/”分隔，例如 media/brands/hongqi.jpg。"
    if ".." in value.split("/"):
        return f"“{value}”含有“..”：图片必须放在 data/media/ 下，路径里不能有“..”。"
    if not value.startswith("media/"):
        return f"“{value}”不是 data/media/ 下的图片路径：请写成 media/ 开头的路径，例如 media/brands/hongqi.jpg。"
    if not re.fullmatch(rf"media/(?:{_MEDIA_NAME}/)*{_MEDIA_NAME}", value):
        return (f"“{value}”的文件夹或文件名里有不能用于网址的字符：只能用英文字母、数字、连字符“-”、下划线“_”和点，"
                "不能有空格、汉字或 # ? % 等符号。请把文件改名，例如 media/brands/hongqi-1.jpg。")
    if not re.fullmatch(MEDIA_PATTERN, value):
        return (f"“{value}”不是支持的图片格式：只支持 .jpg、.jpeg、.png、.webp 图片和不含脚本的 .svg 图片，"
                "请另存为 JPG 或 PNG 后再引用。")
    device = next((part for part in value.split("/") if windows_device(part)), None)
    if device:
        return (f"“{value}”中的“{device}”是 Windows 的设备名，网站放到 Windows（IIS）服务器上时这个文件无法读取："
                "请把文件或文件夹改名，例如在后面加上 -1。")
    return None


def windows_device(name: str) -> bool:
    """Whether Windows reads ``name`` (a file or folder name, any extension) as a device."""
    return name.split(".", 1)[0].lower() in WINDOWS_DEVICES


def symlinks_under(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (itself included), without following any."""
    if folder.is_symlink():
        return [folder]
    found, pending = [], [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:  # the directory listing says what each entry is: no extra call
            if entry.is_symlink():
                found.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
    return sorted(found)


def reserved_id_problem(ident: str, what: str, reserved: frozenset[str] = RESERVED_IDS) -> str | None:
    """Why ``ident`` cannot name an entry or a unit: the site's own pages use it (``reserved``)."""
    if ident.lower() in reserved:
        return (f"“{ident}”是网站保留的名称（用于列表页或网站文件夹），不能作{what}的标识，"
                f"否则会顶替那个页面：请换一个，例如 {ident}-1。")
    if windows_device(ident):
        return (f"“{ident}”是 Windows 的设备名，不能作{what}的标识：网站放到 Windows（IIS）服务器上时这个页面无法打开。"
                f"请换一个，例如 {ident}-1。")
    return None


def _line_of(value: str, pattern: re.Pattern) -> int:
    """Where the line starts on which ``pattern`` matches once entities and spaces are read away."""
    at = 0
    for line in value.split("\n"):
        if pattern.search(_SPACE.sub("", html.unescape(line))):
            return at
        at += len(line) + 1
    return 0


def _snippet(value: str, start: int) -> str:
    return value[start:start + 24].split("\n")[0]
