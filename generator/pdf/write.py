"""A book's HTML from the built pages (templates/pdf/), laid out as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import addresses
from .books import Book
from .printable import Chapter, chapter

if TYPE_CHECKING:
    import jinja2

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The board's matrix (a table of every unit) stays on the screen; its summary and charts print.
_MATRIX = ('<h2 id="matrix"', '<h2 id="charts"')


@dataclass
class Built:
    """What the built site gives the books."""

    page: Callable[[str], tuple[str, str] | None]  # docs path -> (the page's URL, its HTML)
    picture: Callable[[str], Path | None]           # published path -> the file written there
    organisation: str
    site_name: str
    stylesheets: list[str] = field(default_factory=list)  # the site's paper.css and board.css, as text
    cache: Path | None = None                             # .cache/pdf/: PDFs of earlier builds, by their inputs


@dataclass
class Made:
    book: Book
    data: bytes
    pages: int
    seconds: float
    cpu: float = 0.0


def book_html(book: Book, catalog, built: Built, year: list[Book]) -> tuple[str, dict]:
    """The book as one HTML document, and the pictures it shows (``year``: the year's books,
    which the 汇编 of a split year lists)."""
    plan = catalog.workplans[book.year]
    common = {"plan": plan, "book": book, "organisation": built.organisation, "site_name": built.site_name}
    if book.plan_only:
        return _env().get_template("pdf/plan.html.j2").render(**common), {}
    pictures: dict = {}
    parts, contents = [], [] if not book.main else _plan_contents(plan)
    for kind, records in book.parts:
        anchor = f"kind-{kind.key}"
        contents.append({"level": 1, "anchor": anchor, "label": kind.label})
        entries = []
        for record in records:
            got = _chapter(built, record.url, f"{kind.key}-{record.id}", pictures, entry=True)
            if got is None:
                continue
            entries.append({"anchor": f"e-{kind.key}-{record.id}", "html": _markup(got.html)})
            contents.append({"level": 2, "anchor": f"e-{kind.key}-{record.id}", "label": got.title or record.entry.heading})
        parts.append({"anchor": anchor, "label": kind.label, "entries": entries})
    chapters = []
    if book.main:
        for anchor, uri, label, shown in _chapters(book.year):
            got = _chapter(built, uri, anchor, pictures, cut=_MATRIX)
            if got is not None:
                chapters.append({"anchor": anchor, "label": label, "html": _markup(got.html)})
                contents.append({"level": 1, "anchor": anchor, "label": shown})
    others = [] if not book.main else [b for b in year if not b.main]
    html = _env().get_template("pdf/book.html.j2").render(**common, parts=parts, chapters=chapters,
                                                          contents=contents, others=others)
    return html, pictures


def needs(book: Book) -> set[str]:
    """The pages (docs paths) whose HTML ``book_html`` reads for ``book``: none for the plan
    alone (made from the catalog), the entries' pages for a volume, and the board's and the
    appendices' for the 汇编."""
    if book.plan_only:
        return set()
    found = {record.url for _, records in book.parts for record in records}
    return found | ({uri for _, uri, _, _ in _chapters(book.year)} if book.main else set())


def _chapters(year: int) -> tuple[tuple[str, str, str, str], ...]:
    """The 汇编's chapters after the entries: (anchor, page, label, its line in the contents)."""
    return (("board", addresses.progress(year), "", "落实看板"),
            ("glossary", addresses.glossary(), "附录一", "附录一　提法释义"),
            ("documents", addresses.documents(), "附录二", "附录二　引用文件"))


def _plan_contents(plan) -> list[dict]:
    found = [{"level": 1, "anchor": "plan", "label": plan.title}]
    found += [{"level": 2, "anchor": f"plan-section-{i}", "label": f"{s.numeral}、{s.title}"}
              for i, s in enumerate(plan.sections, 1)]
    return found


def _chapter(built: Built, uri: str, prefix: str, pictures: dict, **options) -> Chapter | None:
    found = built.page(uri)
    if found is None:
        return None
    got = chapter(found[1], found[0], prefix, built.picture, **options)
    pictures.update(got.pictures)
    return got


def _markup(html: str):
    from markupsafe import Markup

    return Markup(html)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (_TEMPLATES / "pdf" / "book.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
