"""The HTML a page built from data may hold: an allowlist, enforced by nh3 (ammonia) on every such page.

``check`` already refuses raw HTML in editors' Markdown (``rendered.markdown_problem``); this is the
last line of defence, applied to the HTML that Markdown and our templates produce, so that a
mistake anywhere upstream still cannot put a script, a form, a frame, a style sheet, a
``<base>`` or ``<meta>``, an event handler or an element Material reads (``id="__config"``) into
a page. The lists are what Python-Markdown, its extensions in mkdocs.yml and our templates
write, and nothing else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..kinds import KINDS

# Block and inline elements of Markdown, tables, admonitions (div/p), details, and the
# few inline tags editors may write (safety.EDITOR_TAGS).
TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "sup", "sub", "small", "kbd", "abbr",
    "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
    "div", "span", "figure", "figcaption", "nav",
})
ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes", "decoding", "fetchpriority"},
    "ol": {"start"},
    # Markdown tables align columns with style="text-align: ..."; the board names a unit's column
    # headed by its short name with the full one.
    "th": {"style", "scope", "colspan", "aria-label"},
    "td": {"style"},
    "table": {"aria-labelledby"},   # the board's tables, named by their caption or heading
    "span": {"aria-current"},       # its current page
    "details": {"open"},
    "nav": {"aria-label"},  # the news listings' filters and page links, the pager of long lists
    "abbr": set(),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})

# Classes our templates, Material's Markdown extensions (admonition, grid cards, permalinks)
# and the code highlighter write. Anything else is dropped.
CLASSES = frozenset({
    # admonitions and details
    "admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo", "tip",
    "hint", "important", "success", "check", "done", "question", "help", "faq", "warning", "caution",
    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
    # Material: grid cards, permalinks, code blocks
    "grid", "cards", "headerlink", "highlight", "md-button",
    # our templates
    "entry-facts", "entry-slogan", "entry-cover", "member-photo", "member-photo-placeholder",
    "backlinks", "backlinks-label", "downloads", "downloads-label", "pdf-size", "sample-tag", "sample-notice",
    "related-reading", "wx-badges", "wx-badge", "wx-political",
    "wx-service", "wx-practical", "wx-civilised", "wx-clean", "figure-caption", "md-figure",
    # pictures (figures.py) and the cards and galleries that show them
    "card-picture", "card-picture-none", "card-portrait", "cards--units", "gallery", "gallery-item", "gallery-thumb",
    "text-figure",
    # each kind's card grid on its listing (kind_index.md.j2): the kind as a modifier of "cards"
    *(f"cards--{kind.key}" for kind in KINDS),
    # the home page's blocks (home.py)
    "portal-banner", "portal-banner__org", "portal-banner__line", "portal-banner__source", "portal-figures",
    "portal-tiles", "portal-featured", "portal-latest", "portal-latest__meta", "portal-figures__note",
    "portal-news", "portal-news__column", "portal-news__date",
    # the glossary (glossary.md.j2) and the 大事记 (timeline.md.j2)
    "glossary-term", "timeline", "timeline-when", "timeline-kind", "timeline-picture", "timeline-units",
    # news listings and entry pages' ends
    "news-filters", "news-meta", "pagination", "entry-updated",
    # tables that read as lists on a phone (updates.md.j2, guide_fields.md.j2), their cells' labels
    "list-table", "cell-label",
    # long lists (paging.py, listing.py)
    "pager", "pager-current", "pager-gap", "filters",
    # 落实看板 (progress.md.j2) and the year comparison (compare.md.j2)
    "pg-board", "pg-uncovered", "pg-scroll", "pg-block", "pg-caption", "pg-matrix", "pg-point-head", "pg-unit",
    "pg-total", "pg-section", "pg-none", "pg-none-tag", "pg-sum", "pg-chart", "pg-bar-head",
    "pg-bar-cell", "pg-bar", *(f"pg-h{n}" for n in range(5)), *(f"pg-w{n}" for n in range(0, 101, 2)),
    "cmp-diff", "cmp-sr", "cmp-figures",
})
_PYGMENTS = re.compile(r"^[A-Za-z]{1,3}[0-9]?(?:-[A-Za-z]+)*\Z")   # "nt", "c1", "l-Scalar-Plain"
_LANGUAGE = re.compile(r"^language-[a-z0-9+#-]{1,30}\Z")
# Ids from headings and our anchors; Material's own elements all start with "__".
# The tags plugin marks where its listing goes with an id such as "tags.md:53-75/slug".
_ID = re.compile(r"^(?!__)[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,80}\Z")
_IMG_SRC = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)[^\s]*$")  # relative: the site's own files


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if c in CLASSES or (tag == "span" and _PYGMENTS.match(c))
                or (tag == "code" and _LANGUAGE.match(c))]
        return " ".join(kept) or None
    if attribute == "id":
        return value if _ID.match(value) else None
    if tag == "img" and attribute in ("src", "srcset"):
        # Pictures come from the site itself: nothing is loaded from another host.
        return value if all(_IMG_SRC.match(part.strip().split(" ")[0] or ".") for part in value.split(",")) else None
    if tag == "img" and attribute == "loading":
        return value if value in ("lazy", "eager") else None
    if tag == "img" and attribute == "decoding":
        return value if value in ("async", "sync", "auto") else None
    if tag == "img" and attribute == "fetchpriority":
        return value if value in ("high", "low", "auto") else None
    return value


@lru_cache(maxsize=1)
def _cleaner():
    import nh3  # here, not at the top: `generator check` sanitizes nothing and skips it

    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags={"script", "style", "textarea", "title", "noscript", "template", "iframe",
                            "object", "embed", "svg", "math", "xmp", "plaintext", "noembed", "noframes"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


def sanitize(html: str) -> str:
    """``html`` with every element, attribute, class, id and URL outside the allowlist removed."""
    return _cleaner().clean(html)
