"""A page's HTML cut into sections of plain text: what search indexes, shows and links to."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .markup import HEADINGS, RAW, TOKEN, VOID, attributes, raw_end


@dataclass
class Section:
    """A part of a page under one heading: what the search result shows and links to."""

    anchor: str     # "" for the part before the first sub-heading (the page itself)
    title: str
    text: str


# Labels rather than text: the 五型 badges, the 示例 chip and an admonition's title would
# otherwise open the excerpt of every section they stand in ("政治型 把开展主题教育…").
_LABEL = re.compile(r"""\bclass\s*=\s*["'][^"']*\b(?:wx-badges?|sample-tag|admonition-title)\b""")


class _SectionParser:
    """Cuts a page's HTML into sections at each heading with an id, keeping plain text."""

    BLOCKS = {"p", "li", "dt", "dd", "td", "th", "tr", "br", "div", "pre", "blockquote", "table",
              "ul", "ol", "dl", "figcaption", "summary", "details", "hr", "section", "article"}
    SKIPPED = {"script", "style", "object", "svg", "template",
               "thead"}  # column headings ("项目 内容") are labels too, like _LABEL

    def __init__(self, page_title: str):
        self.sections = [Section("", page_title, "")]
        self._text: list[list[str]] = [[]]
        self._title: list[str] | None = None
        self._stack: list[tuple[str, bool]] = []   # open tags, and whether each hides its text
        self._hidden = 0
        self._started = False

    def feed(self, markup: str) -> None:
        pos = 0
        while True:
            m = TOKEN.search(markup, pos)
            if m is None:
                self._data(markup[pos:])
                return
            if m.start() > pos:
                self._data(markup[pos:m.start()])
            pos = m.end()
            closing, tag, attrs = m.groups()
            if tag is None:
                continue  # a comment, a doctype
            tag = tag.lower()
            if closing:
                self._end(tag)
                continue
            self._start(tag, attrs)
            if tag in RAW:
                pos = raw_end(markup, tag, pos)
            elif attrs.rstrip().endswith("/") and tag not in VOID:
                self._end(tag)

    def _start(self, tag: str, raw: str) -> None:
        if tag in VOID:
            if tag in self.BLOCKS:
                self._text[-1].append(" ")
            return
        attrs = {}
        if raw and (tag in HEADINGS or tag == "a" or "data-search-exclude" in raw):
            attrs = attributes(raw)
        hides = (tag in self.SKIPPED or "data-search-exclude" in attrs
                 or (tag == "a" and "headerlink" in attrs.get("class", "").split())
                 or ("class" in raw and _LABEL.search(raw) is not None))
        self._stack.append((tag, hides))
        self._hidden += hides
        if tag in HEADINGS and attrs.get("id") and not self._hidden:
            if self._started or tag != "h1":
                self.sections.append(Section(attrs["id"], "", ""))
                self._text.append([])
            self._title = []
        elif tag in self.BLOCKS:
            self._text[-1].append(" ")

    def _end(self, tag: str) -> None:
        if tag in VOID or not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            open_tag, hides = self._stack.pop()
            self._hidden -= hides
            if open_tag in HEADINGS and self._title is not None:
                title = " ".join("".join(self._title).split())
                if title:
                    self.sections[-1].title = title
                self._title = None
            if open_tag == tag:
                break
        if tag in self.BLOCKS:
            self._text[-1].append(" ")

    def _data(self, data: str) -> None:
        if self._hidden or not data:
            return
        if "&" in data:
            data = html.unescape(data)
        if self._title is not None:
            self._title.append(data)
        else:
            self._text[-1].append(data)
            if not self._started and data.strip():
                self._started = True

    def result(self) -> list[Section]:
        for section, parts in zip(self.sections, self._text, strict=True):
            section.text = " ".join("".join(parts).split())
        return self.sections


def sections(markup: str, page_title: str) -> list[Section]:
    """The sections of one page's content HTML (the article, without navigation)."""
    parser = _SectionParser(page_title)
    parser.feed(markup)
    return parser.result()
