"""Pictures in a page's HTML made ready to load quickly and read well.

Templates and the ``markdown`` filter point each <img> at one size of a picture
(``media/a.jpg~card.jpg``); this step, run on each page's HTML, adds what only the finished picture
knows: ``width`` and ``height`` (no layout shift), ``srcset`` and ``sizes`` (a phone takes the
smaller file), ``loading="lazy"`` for all but the page's first picture, and
``decoding="async"``. A picture that stands alone in its paragraph, as editors write them
between paragraphs, becomes a figure with its description as the caption; so does each
picture of a gallery. Pictures with a class of their own (covers, cards, photos) keep their
place and get no caption.
"""

from __future__ import annotations

import html
import posixpath
import re

from .renditions import Picture, srcset

_IMG = re.compile(r"<img\b[^>]*?/?>")
_ATTR = re.compile(r'([a-zA-Z][a-zA-Z0-9_:-]*)(?:\s*=\s*"([^"]*)")?')
_ALONE = re.compile(r"<p>\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*?/?>(?:\s*</a>)?)\s*</p>")
_PHONE = "(max-width: 44.9375em)"  # Material's phone breakpoint; the text column is 1.6rem narrower
# How wide a picture shows, by its class: the browser picks the smallest file that covers it.
# The first class listed that a picture has decides.
SIZES_BY_CLASS = {
    "card-portrait": f"{_PHONE} 5.5rem, 10rem",
    "card-picture": f"{_PHONE} calc(100vw - 1.6rem), 20rem",
    "gallery-thumb": f"{_PHONE} calc(50vw - 1.2rem), 13rem",
    "member-photo": "9rem",
    "timeline-picture": f"{_PHONE} 5.5rem, 9rem",
}
PAGE_SIZES = f"{_PHONE} calc(100vw - 1.6rem), 38rem"
# Small pictures choose among the small files only: a phone's card never pulls a page-sized photo.
SMALL_CLASSES = frozenset(SIZES_BY_CLASS)
ORDER = ("src", "srcset", "sizes", "width", "height", "alt", "class", "title", "loading", "fetchpriority", "decoding")


def dress(page_html: str, page_url: str, published: dict[str, tuple[Picture, str]]) -> str:
    """``page_html`` with every picture of the site sized, and lone pictures as captioned figures.

    ``page_url`` is the page's URL under the site root (``brands/a/``); ``published`` maps each
    published path to its picture (``renditions.Library.by_published``).
    """
    if "<img" not in page_html:
        return page_html
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    seen = [0]

    def sized(m: re.Match) -> str:
        attrs = dict((k.lower(), html.unescape(v or "")) for k, v in _ATTR.findall(m.group(0)[4:].rstrip("/>")))
        target = posixpath.normpath(posixpath.join(folder, attrs.get("src", ""))) if attrs.get("src") else ""
        found = published.get(target)
        if found is None:
            return m.group(0)
        seen[0] += 1
        return _img(attrs, *found, first=seen[0] == 1)

    out = _IMG.sub(sized, page_html)
    return _ALONE.sub(_figure, out) if "<p>" in out else out


def _img(attrs: dict[str, str], picture: Picture, size: str, *, first: bool) -> str:
    rendition = picture.sizes[size]
    attrs.update(width=str(rendition.width), height=str(rendition.height))
    attrs["loading"] = "eager" if first else "lazy"
    if first:
        # Likely the largest thing on the first screen: fetched first and painted with the text
        # (an asynchronously decoded picture may wait a frame or more for a busy page).
        attrs["fetchpriority"] = "high"
        attrs.pop("decoding", None)
    else:
        attrs["decoding"] = "async"
    if not picture.vector:
        classes = attrs.get("class", "").split()
        sizes = ("thumb", "card") if SMALL_CLASSES.intersection(classes) else ("card", "page")
        attrs["srcset"] = srcset(picture, attrs["src"].rpartition("/")[0] + "/" if "/" in attrs["src"] else "", sizes)
        attrs["sizes"] = next((sizes for name, sizes in SIZES_BY_CLASS.items() if name in classes), PAGE_SIZES)
    names = sorted(attrs, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k))
    return "<img " + " ".join(f'{k}="{html.escape(attrs[k])}"' for k in names) + ">"


def _figure(m: re.Match) -> str:
    """A lone editor's picture or a gallery's picture as a figure captioned with its description."""
    inner = m.group(1)
    found = _IMG.search(inner)
    if found is None:
        return m.group(0)
    img = found.group(0)
    attrs = dict((k.lower(), html.unescape(v or "")) for k, v in _ATTR.findall(img[4:].rstrip("/>")))
    classes = attrs.get("class", "").split()
    if "gallery-thumb" in classes:
        kind = "gallery-item"
    elif not classes and "width" in attrs:  # a picture of the site that an editor placed in text
        kind = "text-figure"
    else:
        return m.group(0)
    caption = attrs.get("alt", "").strip()
    tail = f"<figcaption>{html.escape(caption, quote=False)}</figcaption>" if caption else ""
    return f'<figure class="{kind}">{inner}{tail}</figure>'
