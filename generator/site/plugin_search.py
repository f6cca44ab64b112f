"""The showcase-search plugin: the search index in pieces (``search/writer.py``) instead of
Material's single file. One of the three modules importing mkdocs (see ``plugin.py``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..search import writer
from . import offline

log = get_plugin_logger(__name__)

INDEX_DELAY_S = 1.5  # after a preview build, before the search index is written again


class SearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Write the index in pieces (generator/search/writer.py) instead of Material's single file."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Indexes every page for the search worker that fetches the index piece by piece.

    Material's search plugin stays: it draws the search box and writes the index's config.
    Under `mkdocs serve` the plugin keeps each page's sections between builds (a preview
    rebuilds only the pages an edit changed) and writes the index after the site is shown;
    a save made meanwhile stops that writing (the build after it writes the index again), so
    the next page shown never waits for an index about to be out of date.
    """

    def __init__(self):
        super().__init__()
        self.serving = False
        self.entries: dict[str, writer.PageEntry] = {}
        self.manifest: str | None = None
        self.writer: threading.Thread | None = None
        self.stop = threading.Event()  # set: the index being written is no longer wanted
        self.scripts = False  # the offline build: the index as scripts (site/offline.py)
        self.empty = False

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        self._cancel()

    def on_pre_build(self, *, config) -> None:
        self._cancel()
        if not self.serving:
            self.entries = {}

    def on_env(self, env, *, config, files):
        # A build of no page (the preview showing the data's mistakes) leaves the index as it was.
        self.empty = not files.documentation_pages()
        if self.serving and not self.empty:  # pages gone since the last build leave the index too
            urls = {file.url for file in files.documentation_pages()}
            self.entries = {url: e for url, e in self.entries.items() if url in urls}
        return env

    # Before Material's search plugin looks at the page; late enough that the page's
    # content is final (the tags plugin fills its listings in only after on_page_content).
    @event_priority(50)
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        options = page.meta.get("search") or {}
        if options.get("exclude"):
            self.entries.pop(page.url, None)
        else:
            self.entries[page.url] = writer.page_entry(page.url, page.title, page.content, page.meta.get("tags"),
                                                       options=writer.PageOptions.of(options))
        # Material would index the page again into the one big file that this index
        # replaces: its documented front-matter switch `search.exclude` tells it to skip.
        page.meta["search"] = {**options, "exclude": True}
        return context

    @event_priority(-100)  # after Material's search plugin has written its config
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.empty:
            return
        folder = Path(config.site_dir) / "search"
        self.scripts = offline.wanted(config)
        if self.serving and self.manifest is not None:
            # A preview shows the edited page first; the index (seconds at thousands of pages)
            # follows in the background, the last one serving meanwhile. It starts a moment
            # later: the browser reloading the page would otherwise wait for it.
            (folder / "search_index.json").write_text(self.manifest, encoding="utf-8")
            self.stop = threading.Event()
            self.writer = threading.Timer(INDEX_DELAY_S, self._write, args=(folder, self.stop.is_set))
            self.writer.daemon = True
            self.writer.start()
        else:
            self._write(folder)

    def _write(self, folder: Path, cancelled: Callable[[], bool] = lambda: False) -> None:
        index = writer.SearchIndex()
        for entry in self.entries.values():
            index.add(entry)
        try:
            found = writer.replace_index(index, folder, scripts=self.scripts, cancelled=cancelled)
        except writer.Cancelled:  # a newer build started: it writes the index of its pages
            log.debug("search index: given up for a newer build")
            return
        self.manifest = (folder / "search_index.json").read_text(encoding="utf-8")
        log.debug("search index: %s sections in %s shards", found["docs"], found["shards"])

    def _cancel(self) -> None:
        """Stop writing the index the last build began: it is about to be out of date, and
        writing it would hold up the next build (one interpreter runs both)."""
        self.stop.set()
        if isinstance(self.writer, threading.Timer):
            self.writer.cancel()  # not begun yet
        self._wait()

    def _wait(self) -> None:
        if self.writer is not None:
            self.writer.join()
            self.writer = None
