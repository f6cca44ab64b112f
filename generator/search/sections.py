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
# otherwise open the excerpt of every section they stand in ("政治型 把开展主题教育…"); the
# sample notice is the same sentence on every sample page, and related reading only names
# other pages (they are found themselves).
_LABEL = re.compile(r"""\bclass\s*=\s*["'][^"']*\b(?:wx-badges?|sample-tag|sample-notice|related-reading|admonition-title)\b""")
# Text that is found but never shown as an excerpt: facts lists, the points an entry carries
# out, dates, pagers, cards, the board's figures and charts. It follows PROSE_END in the text.
_ASIDE = re.compile(r"""\bclass\s*=\s*["'][^"']*\b(?:entry-facts|backlinks|entry-updated|pager|downloads|"""
                    r"""news-meta|news-filters|filters|grid|cards|pg-[a-z]+|portal-[a-z_-]+)\b""")
ASIDE_TAGS = frozenset({"table", "nav"})
# A glossary term's lines are labelled (原文, 用到的要点): the labels are not text.
_TERM = re.compile(r"""\bclass\s*=\s*["'][^"']*\bglossary-term\b""")
PROSE_END = "\x1f"  # between a section's running text and the rest (docs/search-index.md, "Excerpts")


class _SectionParser:
    """Cuts a page's HTML into sections at each heading with an id, keeping plain text."""

    BLOCKS = {"p", "li", "dt", "dd", "td", "th", "tr", "br", "div", "pre", "blockquote", "table",
              "ul", "ol", "dl", "figcaption", "summary", "details", "hr", "section", "article"}
    SKIPPED = {"script", "style", "object", "svg", "template",
               "thead"}  # column headings ("项目 内容") are labels too, like _LABEL

    def __init__(self, page_title: str):
        self.sections = [Section("", page_title, "")]
        self._text: list[list[str]] = [[]]
        self._aside: list[list[str]] = [[]]
        self._title: list[str] | None = None
        # open tags; whether each hides its text, sets it aside, is a glossary term
        self._stack: list[tuple[str, bool, bool, bool]] = []
        self._hidden = 0
        self._asides = 0
        self._terms = 0   # open glossary terms: their dt are labels
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
        hides = (tag in self.SKIPPED or "data-search-exclude" in attrs or (tag == "dt" and self._terms > 0)
                 or (tag == "a" and "headerlink" in attrs.get("class", "").split())
                 or ("class" in raw and _LABEL.search(raw) is not None))
        aside = tag in ASIDE_TAGS or ("class" in raw and _ASIDE.search(raw) is not None)
        term = "class" in raw and _TERM.search(raw) is not None
        self._terms += term
        self._stack.append((tag, hides, aside, term))
        self._hidden += hides
        self._asides += aside
        if tag in HEADINGS and attrs.get("id") and not self._hidden:
            if self._started or tag != "h1":
                self.sections.append(Section(attrs["id"], "", ""))
                self._text.append([])
                self._aside.append([])
            self._title = []
        elif tag in self.BLOCKS:
            self._here().append(" ")

    def _here(self) -> list[str]:
        return self._aside[-1] if self._asides else self._text[-1]

    def _end(self, tag: str) -> None:
        if tag in VOID or not any(entry[0] == tag for entry in self._stack):
            return
        while self._stack:
            open_tag, hides, aside, term = self._stack.pop()
            self._hidden -= hides
            self._asides -= aside
            self._terms -= term
            if open_tag in HEADINGS and self._title is not None:
                title = " ".join("".join(self._title).split())
                if title:
                    self.sections[-1].title = title
                self._title = None
            if open_tag == tag:
                break
        if tag in self.BLOCKS:
            self._here().append(" ")

    def _data(self, data: str) -> None:
        if self._hidden or not data:
            return
        if "&" in data:
            data = html.unescape(data)
        if self._title is not None:
            self._title.append(data)
        else:
            self._here().append(data)
            if not self._started and data.strip():
                self._started = True

    def result(self) -> list[Section]:
        for section, parts, aside in zip(self.sections, self._text, self._aside, strict=True):
            prose, rest = (" ".join("".join(p).split()) for p in (parts, aside))
            section.text = prose + PROSE_END + rest if rest else prose
        return self.sections


def sections(markup: str, page_title: str) -> list[Section]:
    """The sections of one page's content HTML (the article, without navigation)."""
    parser = _SectionParser(page_title)
    parser.feed(markup)
    return parser.result()
