"""A page the site built, as a chapter of a printed book: the same HTML, less what only a
screen uses (permalinks, links, the gallery, related reading), with ids made unique in the book
and pictures named by where they are published."""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Where an entry page's screen-only end begins (templates/_macros.md.j2: gallery, page_end):
# classes editors cannot write, and the related reading's heading, the last on the page.
_GALLERY, _UPDATED, _RELATED = '<div class="gallery">', '<p class="entry-updated">', '<h2 id="related"'
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_LINK = re.compile(r"</?a\b[^>]*>")
_ID = re.compile(r'\b(id|aria-labelledby)="([^"]*)"')
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_SCREEN_ONLY = re.compile(r'\s(?:srcset|sizes|loading|decoding|fetchpriority)="[^"]*"')


@dataclass
class Chapter:
    """A page's HTML ready for a book, and the pictures it shows (book URL -> file)."""

    html: str
    pictures: dict[str, Path] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The text of its first heading, as the contents and the bookmarks show it."""
        found = _H1.search(self.html)
        return html_lib.unescape(re.sub(r"<[^>]*>", "", found.group(1))).strip() if found else ""


def chapter(html: str, page_url: str, prefix: str, picture: Callable[[str], Path | None], *,
            entry: bool = False, cut: tuple[str, str] | None = None) -> Chapter:
    """``html`` (a page's content as MkDocs wrote it for ``page_url``) for a book.

    ``prefix`` keeps its ids apart from other chapters'; ``picture(uri)`` is the file published
    at ``uri`` (a path under the site), or None; ``entry``: an entry's page, whose gallery and
    related reading stay on the screen and whose cover is shown in the card's size; ``cut``:
    the part between two markers left out (the board's matrix).
    """
    if entry:
        html = html[: _screen_end(html)]
    if cut and cut[0] in html and cut[1] in html:
        html = html[: html.find(cut[0])] + html[html.find(cut[1]):]
    html = _LINK.sub("", _HEADERLINK.sub("", html))
    html = _ID.sub(lambda m: f'{m.group(1)}="{prefix}-{m.group(2)}"', html)
    found: dict[str, Path] = {}
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"

    def image(m: re.Match) -> str:
        tag = _SCREEN_ONLY.sub("", m.group(0))
        src = _SRC.search(tag)
        if src is None or "://" in src.group(1) or src.group(1).startswith(("/", "data:")):
            return ""
        uri = posixpath.normpath(posixpath.join(folder, src.group(1)))
        if entry and "entry-cover" in tag and "~page." in uri:
            card = uri.replace("~page.", "~card.", 1)
            uri = card if picture(card) is not None else uri
        path = picture(uri)
        if path is None or uri.startswith(".."):
            return ""
        found["book:/" + uri] = path
        return tag.replace(src.group(0), f' src="book:/{uri}"', 1)

    return Chapter(_IMG.sub(image, html), found)


def _screen_end(html: str) -> int:
    """Where the gallery (with its heading), the date of the last change or the related reading begins."""
    ends = [html.rfind(_UPDATED), html.rfind(_RELATED)]
    gallery = html.rfind(_GALLERY)
    if gallery >= 0:
        heading = html.rfind("<h2", 0, gallery)
        ends.append(heading if heading >= 0 and "</h2>" in html[heading:gallery] and "<p" not in html[heading:gallery] else gallery)
    return min([e for e in ends if e >= 0], default=len(html))
