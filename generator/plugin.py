"""MkDocs plugin: adapts build events to the pipeline. The only module importing mkdocs."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import pipeline, search, terms
from .errors import DataErrors

log = get_plugin_logger(__name__)

SEARCH_PLUGINS = ("material/search", "search")


class ShowcaseConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data, relative to mkdocs.yml."""
    samples = c.Type(bool, default=True)
    """Build the entries marked `sample: true`; set false for a production site."""
    annotate = c.Type(bool, default=True)
    """Link glossary terms (with their meaning) and cited documents wherever pages use them."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    """Hands the pages generated from ``data/`` to MkDocs as generated files."""

    def __init__(self):
        super().__init__()
        self.catalog = None
        self.annotator: terms.Annotator | None = None
        self.tmp: str | None = None

    def _paths(self, config) -> tuple[Path, Path]:
        root = Path(config.config_file_path).resolve().parent
        return root / self.config.data_dir, root

    # Before the search plugin's on_config: it loads the jieba user dictionary there.
    @event_priority(50)
    def on_config(self, config):
        data_dir, root = self._paths(config)
        # Sadly MkDocs prints a traceback for any other exception: turn editors' mistakes
        # into a PluginError carrying the same lines `python -m generator check` prints.
        try:
            self.catalog = pipeline.load(data_dir, root, samples=self.config.samples)
        except DataErrors as exc:
            raise PluginError("数据有误，未能构建网站：\n" + exc.report()) from None
        self.annotator = terms.Annotator(terms.targets(self.catalog.glossary, self.catalog.documents))
        self._set_search_dictionary(config)
        return config

    def _set_search_dictionary(self, config) -> None:
        plugin = next((config.plugins[k] for k in SEARCH_PLUGINS if k in config.plugins), None)
        if plugin is None or "jieba_dict_user" not in plugin.config:
            return
        mine = plugin.config.jieba_dict_user
        extra = Path(mine).read_text(encoding="utf-8") if mine and Path(mine).is_file() else ""
        self.tmp = self.tmp or tempfile.mkdtemp(prefix="showcase-jieba-")
        path = Path(self.tmp) / "userdict.txt"
        path.write_text(search.user_dictionary(search.dictionary_words(self.catalog), extra), encoding="utf-8")
        plugin.config.jieba_dict_user = str(path)

    def on_files(self, files: Files, *, config) -> Files:
        data_dir, _ = self._paths(config)
        generated = [File.generated(config, uri, content=markdown)
                     for uri, markdown in pipeline.render(self.catalog).items()]
        generated += [File.generated(config, uri, abs_src_path=str(path))
                      for uri, path in pipeline.assets(self.catalog, data_dir).items()]
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{file.src_uri}: 与数据生成的文件同名：请删除或改名这个手写文件。")
            files.append(file)
        return files

    def on_page_content(self, html: str, *, page, config, files: Files) -> str:
        if not self.config.annotate or self.annotator is None:
            return html
        urls: dict[str, str] = {}
        for path in (terms.GLOSSARY_PAGE, terms.DOCUMENTS_PAGE):
            file = files.get_file_from_path(path)
            if file is not None:
                urls[path] = get_relative_url(file.url, page.url)
        return self.annotator.annotate(html, lambda t: f"{urls[t.page]}#{t.anchor}")

    # After the search plugin has written its index.
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            before, after = search.write_utf8(index)
            log.info(f"搜索索引以 UTF-8 写出：{before} -> {after} 字节")

    # Every on_config has run: the search plugin has read the dictionary, which can go.
    def on_pre_build(self, *, config) -> None:
        self._remove_dictionary()

    def on_shutdown(self) -> None:
        self._remove_dictionary()

    def _remove_dictionary(self) -> None:
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def on_serve(self, server, *, config, builder):
        data_dir, _ = self._paths(config)
        server.watch(str(data_dir))
        return server
