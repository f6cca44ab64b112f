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
# How wide a picture shows, by its class, at each of Material's layouts: the browser picks the
# smallest file that covers it at the screen's pixel ratio. Lengths are pixels and viewport
# widths, never rem: in `sizes` a rem is the browser's 16 px, while Material's root font is 20 px
# (22 px from 100em, 24 px from 125em), so "38rem" there meant a column a quarter narrower than
# the real one and a blurred picture. The widths are the theme's, measured in Chromium (a little
# above, never below): the text column is the screen less 32 px up to 60em, less the contents
# sidebar too up to 76.25em, then the grid's fixed 688, 757 and 826 px. A card grid holds as
# many 11rem cards as fit (members 8rem, gallery 9.5rem; the home page's row 13rem); phones
# show one card a row, members as a 4rem photo beside the words, the gallery two to a row.
_LAYOUTS = ("(max-width: 44.9375em)", "(max-width: 59.9375em)", "(max-width: 76.1875em)",
            "(max-width: 99.9375em)", "(max-width: 124.9375em)", "")


def _sizes(*widths: str) -> str:
    """One width per layout (phone, tablet, narrow desktop, desktop, 100em, 125em) as `sizes`."""
    return ", ".join(f"{media} {width}".strip() for media, width in zip(_LAYOUTS, widths, strict=True))


SIZES_BY_CLASS = {
    "card-portrait": _sizes("80px", "calc(33vw - 14px)", "230px", "230px", "246px", "270px"),
    # Listings' cards, and the home page's row of three across the whole width (no sidebars).
    "card-picture": _sizes("calc(100vw - 32px)", "calc(50vw - 20px)", "calc(50vw - 20px)", "392px", "430px", "476px"),
    # The gallery: one picture a row below 30em, so that its caption has a line of 12 characters.
    "gallery-thumb": "(max-width: 29.9375em) calc(100vw - 32px), "
                     + _sizes("calc(50vw - 22px)", "calc(33vw - 16px)", "230px", "222px", "244px", "266px"),
    "member-photo": _sizes("180px", "180px", "180px", "180px", "198px", "216px"),
    "timeline-picture": _sizes("80px", "180px", "180px", "180px", "198px", "216px"),
}
# The text column: pictures between paragraphs and covers. A page with no contents sidebar
# (hide: toc) shows them wider at most up to its own width: they have the page's largest file.
PAGE_SIZES = _sizes("calc(100vw - 32px)", "calc(100vw - 32px)", "calc(100vw - 272px)", "690px", "760px", "828px")
# Small pictures choose among the files up to the page's (a card at 1920 px on a 2x screen needs
# more than the card's 720 px); pictures in the text column up to the largest (2048 px).
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
        sizes = ("thumb", "card", "page") if SMALL_CLASSES.intersection(classes) else ("card", "page", "full")
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
