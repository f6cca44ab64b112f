"""The PDFs as one step of a site's build: decide, make, and write their sizes into the links.

The plugin calls ``plan`` before the pages are rendered (the plan page, the board and the home
page link the files) and ``make`` once every page's HTML exists, then ``sized`` on the pages
that link them.
"""

from __future__ import annotations

import html as html_lib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from . import engine
from .books import Book, books
from .write import Built, Made, make

# A link to a PDF and the size that follows it (templates/_macros.md.j2: downloads).
_SIZED = re.compile(r'(<a href="[^"]*?([^"/]+\.pdf)">(?:(?!</a>).)*</a>)<span class="pdf-size">[^<]*</span>', re.S)


def plan(catalog, enabled: bool) -> tuple[dict[int, list[Book]], str | None]:
    """The books to write (by year), and why there are none where the host cannot make them."""
    if not enabled:
        return {}, None
    reason = engine.missing()
    if reason:
        return {}, (f"本次构建没有生成工作要点和汇编的 PDF：{reason}。网站其余部分照常构建；"
                    "不需要 PDF 时，可在 mkdocs.yml 的 showcase 插件中设置 pdf: false。")
    return books(catalog), None


@dataclass
class Result:
    made: dict[str, Made] = field(default_factory=dict)   # site path -> the PDF
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def make_all(catalog, built: Built) -> Result:
    """Every book of ``catalog.downloads``; a book that fails is a problem (in Chinese), not a traceback."""
    start = time.perf_counter()
    result = Result()
    for found in catalog.downloads.values():
        for book in found:
            try:
                result.made[book.uri] = make(book, catalog, built)
            except Exception as exc:  # noqa: BLE001  WeasyPrint's or the host's failure: say which file, go on
                result.problems.append(f"未能生成 {book.uri}：{type(exc).__name__}: {exc}。请确认已安装 PDF 所需的系统库和"
                                       f"中文字体（{engine.INSTALL}），或在 mkdocs.yml 的 showcase 插件中设置 pdf: false。")
    result.seconds = time.perf_counter() - start
    return result


def sized(page_html: str, made: Callable[[str], Made | None]) -> str:
    """``page_html`` with each PDF link's size and page count written in after it."""
    if 'class="pdf-size"' not in page_html:
        return page_html

    def fill(m: re.Match) -> str:
        found = made(html_lib.unescape(_unquote(m.group(2))))
        label = f"（PDF，{human_size(len(found.data))}，{found.pages} 页）" if found else "（PDF）"
        return f'{m.group(1)}<span class="pdf-size">{label}</span>'

    return _SIZED.sub(fill, page_html)


def _unquote(name: str) -> str:
    from urllib.parse import unquote

    return unquote(name)


def human_size(size: int) -> str:
    """1234567 -> 1.2 MB, 53248 -> 52 KB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
