"""The one HTML tokenizer that search (``sections``) and term links (``terms``) walk pages with.

A regular expression rather than html.parser: thousands of pages go through both on every
build, the HTML comes from Python-Markdown after the allowlist and is well formed, and this
is several times faster.
"""

from __future__ import annotations

import html
import re

# One token: a comment (to its end, or to the end of the page if unclosed), a CDATA section,
# a declaration or processing instruction (no name), or a start or end tag:
# group 1 "/" for an end tag, group 2 the name, group 3 the attributes as written.
TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<[!?][^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
RAW = frozenset({"script", "style", "textarea", "title"})  # their content is not markup


def attributes(raw: str) -> dict[str, str]:
    """A tag's attributes (group 3 of TOKEN) by lower-case name, entities decoded."""
    return {name.lower(): html.unescape(a or b or c) for name, a, b, c in _ATTRIBUTE.findall(raw)}


def classes(raw: str) -> list[str]:
    """The class names a tag's attributes give, as written."""
    m = _CLASS.search(raw)
    return (m.group(1) or m.group(2) or m.group(3) or "").split() if m else []


def raw_end(markup: str, tag: str, pos: int) -> int:
    """Where the content of a raw element (RAW) opened before ``pos`` stops: its end tag, or the page's end."""
    close = markup.lower().find(f"</{tag}", pos)
    return len(markup) if close < 0 else close
