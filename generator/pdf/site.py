"""The PDFs as one step of a site's build: decide, make, and write their sizes into the links.

The plugin calls ``plan`` before the pages are rendered (the plan page, the board and the home
page link the files) and starts a ``Job`` once MkDocs knows every file. A book is laid out in
another process as soon as the pages it holds have their HTML (``ready``): the plan alone at
once (it is made from the catalog), a volume of a kind once that kind's pages are converted,
the 汇编 once the board and the appendices are, so the layout runs beside MkDocs converting
and then writing the pages. ``finish`` (after the pages are written) lays out here the books
no process has started yet, waits for the rest, and the plugin writes the sizes into the pages
that link the files (``sized``). A book whose inputs did not change since an earlier build is
taken from the cache (``.cache/pdf``) instead.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from . import engine
from .books import Book, books
from .cache import Cache
from .write import Built, Made, book_html, needs, stylesheet

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
    seconds: float = 0.0   # from the first book's HTML to the last PDF
    waited: float = 0.0    # what the build spent on them: their HTML, and waiting at its end


@dataclass
class _Work:
    book: Book
    key: str
    work: tuple          # engine.lay_out's arguments
    future: Any = None   # laid out in another process, or None: here, at ``finish``
    done: bool = False


class Job:
    """The books being laid out in other processes while MkDocs converts and writes the pages
    (the layout takes seconds a book; MkDocs works on one core). Where no process can be
    started, the books are laid out here, when ``finish`` is called."""

    def __init__(self, catalog, downloads: dict[int, list[Book]], built: Built) -> None:
        self.start = time.perf_counter()
        self.catalog, self.built = catalog, built
        self.result = Result()
        self.pending: list[_Work] = []
        self.cache = Cache(built.cache)
        self.pool: Any = None  # the processes; None before the first book, False where none can be had
        # Books waiting for pages' HTML: [book, its year's books, the pages it still needs]
        self.waiting: list[tuple[Book, list[Book], set[str]]] = []
        for year in downloads.values():
            for book in year:
                self.waiting.append((book, year, needs(book)))
        self.ready()
        self.result.waited = time.perf_counter() - self.start

    def ready(self, *pages: str) -> None:
        """``pages`` (docs paths) have their final HTML: start every book that now has all of its own."""
        began = time.perf_counter()
        still = []
        for book, year, missing in self.waiting:
            missing.difference_update(pages)
            if missing:
                still.append((book, year, missing))
            else:
                self._start(book, year)
        self.waiting = still
        if pages:
            self.result.waited += time.perf_counter() - began

    def all_ready(self) -> None:
        """Every page has its HTML: the books still waiting (for a page the site does not have) start."""
        self.ready(*{page for _, _, missing in self.waiting for page in missing})

    def _start(self, book: Book, year: list[Book]) -> None:
        try:
            html, pictures = book_html(book, self.catalog, self.built, year)
        except Exception as exc:  # noqa: BLE001  a page the book needs is missing or odd: say which file
            self.result.problems.append(_failed(book, exc))
            return
        work = (html, [*self.built.stylesheets, stylesheet()], pictures)
        key = self.cache.key(*work)
        kept = self.cache.get(key)
        if kept is not None:
            self.result.made[book.uri] = Made(book, kept.data, kept.pages, 0.0)
            return
        self.pending.append(_Work(book, key, work, self._submit(work)))

    def _submit(self, work: tuple) -> Any:
        """The book handed to another process, or None where none can be had (it is laid out here)."""
        if self.pool is False:
            return None
        try:
            self.pool = self.pool or _pool() or False
            return self.pool.submit(engine.lay_out, *work) if self.pool else None
        except (OSError, RuntimeError, BrokenProcessPool):  # the host refuses processes: lay out here
            self._drop_pool()
            return None

    def _drop_pool(self) -> None:
        if self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = False

    def finish(self) -> Result:
        """Every book made (or its problem): the books no process has started are laid out here,
        the last first, one at a time while the other processes go on with theirs (so that all
        the cores work to the end); then the rest are waited for."""
        self.all_ready()
        wait = time.perf_counter()
        while (item := self._unstarted()) is not None:
            self._collect(item)
        for item in self.pending:
            if not item.done:
                self._collect(item)
        if self.pool:
            self.pool.shutdown()
        self.cache.prune()
        self.result.made = {uri: self.result.made[uri] for uri in sorted(self.result.made)}
        self.result.waited += time.perf_counter() - wait
        self.result.seconds = time.perf_counter() - self.start
        return self.result

    def _unstarted(self) -> _Work | None:
        """The last book no process has begun, taken back from the pool, or None."""
        for item in reversed(self.pending):
            if not item.done and (item.future is None or item.future.cancel()):
                item.future = None
                return item
        return None

    def _collect(self, item: _Work) -> None:
        began = time.perf_counter()
        item.done = True
        try:
            laid = self._laid(item)
            self.cache.put(item.key, laid)
        except Exception as exc:  # noqa: BLE001  WeasyPrint's or the host's failure: say which file, go on
            self.result.problems.append(_failed(item.book, exc))
            return
        self.result.made[item.book.uri] = Made(item.book, laid.data, laid.pages, time.perf_counter() - began, laid.cpu)

    def _laid(self, item: _Work) -> Any:
        """The book laid out by its process, or here when that process could not run it (killed,
        out of memory, no shared memory on the host): such a host still gets every PDF."""
        if item.future is not None:
            try:
                return item.future.result()
            except BrokenProcessPool:
                self._drop_pool()
        return engine.lay_out(*item.work)

    def cancel(self) -> None:
        """The build failed: the books still waiting are dropped."""
        if self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)


def _pool():
    """Processes for the layout: one core is MkDocs', the others lay out books."""
    workers = max(1, (os.cpu_count() or 2) - 1)
    try:
        return ProcessPoolExecutor(max_workers=workers)
    except (OSError, NotImplementedError, ValueError):  # no processes here (a sandbox): lay out in this one
        return None


def _failed(book: Book, exc: Exception) -> str:
    return (f"未能生成 {book.uri}：{type(exc).__name__}: {exc}。请确认已安装 PDF 所需的系统库和"
            f"中文字体（{engine.INSTALL}），或在 mkdocs.yml 的 showcase 插件中设置 pdf: false。")


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
