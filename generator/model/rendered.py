"""Editors' Markdown as the renderer reads it: Python-Markdown with the site's extensions.

``safety`` explains the usual mistakes with patterns over the text; this module converts the
text the way the page will be built and walks the HTML that comes out, so that a link, a heading,
an element or an attribute written in an unusual way (a reference whose target is on the next
line, link text broken over two lines, a setext heading, an unpaired backtick that leaves HTML
outside code) is seen here exactly as the page would show it. Only what Markdown itself writes
is accepted; the links found are checked by the catalog like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from .safety import EDITOR_TAGS, may_hold_markup, pattern_issue

# mkdocs.yml's markdown_extensions, less toc (it only adds ids and permalinks to headings);
# a test holds the two lists together.
EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences")

ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail",
    "missing", "danger", "error", "bug", "example", "quote", "cite",
})
# What Markdown and those extensions write, with the attributes each may carry.
_MARKDOWN_TAGS = frozenset({
    "p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "code", "pre", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "abbr", "div", "span", "details",
    "summary",
}) | EDITOR_TAGS
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
               "th": {"style", "align"}, "td": {"style", "align"}, "abbr": {"title"}}
_ALIGN = re.compile(r"^text-align: (?:left|right|center);$")
_PYGMENTS = re.compile(r"^[A-Za-z]{1,3}[0-9]?(?:-[A-Za-z]+)*$")
_MARKER = re.compile(r"^[ \t]*(?:showcase:[a-z-]{1,40}|material/tags)[ \t]*$")


@dataclass(frozen=True)
class Found:
    """A link or picture in the rendered text: its target as the page will have it."""

    target: str
    image: bool
    text: str


@dataclass(frozen=True)
class View:
    """What the renderer makes of a text: its links and pictures, and the first problem."""

    links: tuple[Found, ...]
    problem: str | None
    needle: str = ""    # what the problem's place in the text starts with, where it can be told

    def where(self, text: str) -> int:
        """The index in ``text`` where the problem is, as near as the rendered HTML tells."""
        found = text.lower().find(self.needle.lower()) if self.needle else -1
        return max(found, 0)


def markdown_problem(value: str, page: bool = False) -> str | None:
    """Why a Markdown field (``page``: a hand-written page) cannot be published as written, or None."""
    issue = markdown_issue(value, page)
    return issue[0] if issue else None


def markdown_issue(value: str, page: bool = False) -> tuple[str, int] | None:
    """Why ``value`` cannot be published, and where in it (an index), or None.

    The text is read twice: by ``safety``'s patterns, which explain the usual mistakes in the
    editor's own words, and then as the renderer reads it, so that nothing the page would show
    escapes the check because it was written in an unusual way.
    """
    issue = pattern_issue(value, page)
    if issue or not may_hold_markup(value):
        return issue
    seen = view(value, page)
    return (seen.problem, seen.where(value)) if seen.problem else None


@lru_cache(maxsize=4096)  # the same field is read by the model's check and by the catalog's
def view(text: str, page: bool = False) -> View:
    """The links and the first problem of ``text`` (``page``: a whole hand-written page)."""
    html = _converter().reset().convert(text)
    walker = _Walker(page)
    walker.feed(html)
    walker.close()
    return View(tuple(walker.links), walker.problem, walker.needle)


@lru_cache(maxsize=1)
def _converter():
    import markdown  # here: only texts with markup are converted

    return markdown.Markdown(extensions=list(EXTENSIONS))


class _Walker(HTMLParser):
    """Walks the converted HTML, keeping links and the first element Markdown would not write."""

    def __init__(self, page: bool):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[Found] = []
        self.problem: str | None = None
        self.in_pre = 0
        self.link: list | None = None   # [target, text so far] of the <a> being read
        self.needle = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, dict(attrs))
        if tag == "pre":
            self.in_pre += 1
        elif tag == "a":
            self.link = [dict(attrs).get("href") or "", ""]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        elif tag == "a" and self.link is not None:
            self.links.append(Found(self.link[0], False, self.link[1]))
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.link is not None:
            self.link[1] += data

    def handle_comment(self, data: str) -> None:
        if not (self.page and _MARKER.match(data)):
            self._refuse("HTML 注释“<!-- … -->”：请删除它，只用 Markdown 写文字", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._refuse(f"HTML 声明“<!{decl[:20]}>”：请删除它", "<!")

    def handle_pi(self, data: str) -> None:
        self._refuse(f"处理指令“<?{data[:20]}”：请删除它", "<?")

    def unknown_decl(self, data: str) -> None:
        self._refuse(f"“<![{data[:20]}”这样的声明：请删除它")

    def _element(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "img":
            self.links.append(Found(attrs.get("src") or "", True, attrs.get("alt") or ""))
        if tag in ("h1", "h2") and not self.page:
            self._refuse("一、二级标题（上一行文字下面的“===”或“---”也会把它变成标题）：字段里的小标题请另起一行写“### 小标题”；"
                         "要画分隔线，请在“---”上面空一行", "\n=" if "\n=" in self.rawdata else "\n-")
            return
        if (self.in_pre and tag in ("span", "code") and set(attrs) <= {"class"}
                and all(_PYGMENTS.match(c) for c in (attrs.get("class") or "").split())):
            return  # the highlighter's spans in a code block
        if tag not in _MARKDOWN_TAGS and not (self.page and tag in ("h1", "h2")):
            self._refuse(f"HTML 标签 <{tag}>：字段里只能用 Markdown，以及 <br>、<sup>、<sub>、<u>、<mark> 等几个不带属性的文字标签。"
                         "常见原因是反引号“`”或代码块的“```”没有成对，请检查并删除这段 HTML", f"<{tag}")
            return
        for name, value in attrs.items():
            if not self._attribute_ok(tag, name, value or ""):
                self._refuse(f"<{tag}> 上的属性“{name}”：这通常来自花括号写法（如 {{: .class }}、{{#id}}）或带属性的 HTML，"
                             "请删除花括号及其中的内容、或标签的属性", "{")
                return

    def _attribute_ok(self, tag: str, name: str, value: str) -> bool:
        if name in _ATTRIBUTES.get(tag, ()):
            return name != "style" or bool(_ALIGN.match(value))
        if name != "class":
            return False
        classes = set(value.split())
        if tag == "div":
            return classes == {"highlight"} or ("admonition" in classes and classes <= ADMONITION_TYPES | {"admonition"})
        if tag == "p":
            return classes == {"admonition-title"}
        if tag == "details":
            return classes <= ADMONITION_TYPES
        return False

    def _refuse(self, what: str, needle: str = "") -> None:
        if self.problem is None:
            self.problem, self.needle = f"按网页的读法，这段文字含有{what}。", needle
