"""Glossary terms and cited documents in built pages: each linked to its entry, terms with their meaning.

Works on the HTML of a page's content after Markdown, so hand-written pages, generated pages
and official text all get the same treatment without changing what they say. Text inside
headings, links, code and a few other elements is left exactly as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import addresses
from .markup import HEADINGS, RAW, TOKEN, VOID, classes, raw_end

GLOSSARY_PAGE = addresses.glossary()
DOCUMENTS_PAGE = addresses.documents()

# Elements whose text is never annotated: headings, links, code, form controls, embedded media.
SKIP_TAGS = frozenset({"a", "abbr", "button", "code", "kbd", "pre", "samp", "script", "style", "svg",
                       "math", "textarea", "select", "label", "title", "template", "noscript",
                       "h1", "h2", "h3", "h4", "h5", "h6"})
# Heading-like blocks and badges that Markdown writes as ordinary elements.
SKIP_CLASSES = frozenset({"admonition-title", "headerlink", "wx-badges", "wx-badge", "sample-tag"})


@dataclass(frozen=True)
class Target:
    """Words to find in pages and the entry they link to."""

    words: str
    page: str            # docs path of the page holding the entry
    anchor: str
    tip: str | None = None  # shown on hover, focus and tap; None: link only
    kind: str = "term"      # "term" or "doc": the link's class is gl-term or gl-doc


def targets(glossary: Iterable, documents: Iterable) -> list[Target]:
    """One target per glossary term and per cited document (a catalog's ``glossary`` and ``documents``)."""
    out = [Target(e.term.term, GLOSSARY_PAGE, e.id, e.term.meaning, "term") for e in glossary]
    out += [Target(d.title, DOCUMENTS_PAGE, d.id, None, "doc") for d in documents]
    return out


class Annotator:
    """Links the first use of each target in every section of a page (a section starts at a heading)."""

    def __init__(self, found: Iterable[Target]):
        self.by_text: dict[str, Target] = {}
        for target in found:  # matched in the text as read, entities decoded
            self.by_text.setdefault(target.words, target)
        # Longest first: at any position the longest target wins ("双报到、双报告" over a shorter one).
        alternatives = sorted(self.by_text, key=lambda w: (-len(w), w))
        self.pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None

    def annotate(self, page: str, href: Callable[[Target], str]) -> str:
        """``page`` with its targets linked; ``href`` gives the URL of a target's entry from this page."""
        if self.pattern is None:
            return page
        out: list[str] = []
        stack: list[tuple[str, bool]] = []  # open elements: (name, text inside is skipped)
        seen: set[Target] = set()
        pos = 0
        while True:
            m = TOKEN.search(page, pos)
            text = page[pos: m.start() if m else len(page)]
            if text:
                out.append(text if any(skip for _, skip in stack) else self._link(text, seen, href))
            if m is None:
                break
            pos = m.end()
            closing, name, attrs = m.group(1), (m.group(2) or "").lower(), m.group(3) or ""
            out.append(m.group(0))
            if not name:
                continue  # comment, doctype, processing instruction
            if closing:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i:]
                        break
                continue
            if name in HEADINGS:
                seen.clear()
            if name in RAW:
                stop = raw_end(page, name, pos)
                out.append(page[pos:stop])
                pos = stop
                continue
            if name in VOID or attrs.rstrip().endswith("/"):
                continue
            stack.append((name, name in SKIP_TAGS or _has_skip_class(attrs)))
        return "".join(out)

    def _link(self, text: str, seen: set[Target], href: Callable[[Target], str]) -> str:
        """``text`` (between two tags) with the first use of each target linked.

        Matched in the text as a reader sees it, entities decoded, so that no target is found
        inside an entity (“amp” in “&amp;”) and a target holding “&” is found; where a link is
        made the text around it is escaped again. Text with nothing to link is left as it was.
        """
        if self.pattern is None:
            return text
        plain = html.unescape(text) if "&" in text else text
        out, at = [], 0
        for m in self.pattern.finditer(plain):
            target = self.by_text[m.group(0)]
            if target in seen:
                continue
            seen.add(target)
            tip = f' data-gl-tip="{html.escape(target.tip)}"' if target.tip else ""
            out += [html.escape(plain[at:m.start()], quote=False),
                    f'<a class="gl-{target.kind}" href="{html.escape(href(target))}"{tip}>{html.escape(m.group(0), quote=False)}</a>']
            at = m.end()
        if not out:
            return text
        return "".join(out) + html.escape(plain[at:], quote=False)


def _has_skip_class(attrs: str) -> bool:
    return "class" in attrs and not SKIP_CLASSES.isdisjoint(classes(attrs))
