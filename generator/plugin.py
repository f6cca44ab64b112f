"""MkDocs plugin: adapts build events to the pipeline. The only module importing mkdocs."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import pipeline
from .errors import DataErrors

log = get_plugin_logger(__name__)


class ShowcaseConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data, relative to mkdocs.yml."""
    samples = c.Type(bool, default=True)
    """Build the entries marked `sample: true`; set false for a production site."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    """Hands the pages generated from ``data/`` to MkDocs as generated files."""

    def _paths(self, config) -> tuple[Path, Path]:
        root = Path(config.config_file_path).resolve().parent
        return root / self.config.data_dir, root

    def on_files(self, files: Files, *, config) -> Files:
        data_dir, root = self._paths(config)
        # Sadly MkDocs prints a traceback for any other exception: turn editors' mistakes
        # into a PluginError carrying the same lines `python -m generator check` prints.
        try:
            catalog = pipeline.load(data_dir, root, samples=self.config.samples)
        except DataErrors as exc:
            raise PluginError("数据有误，未能构建网站：\n" + exc.report()) from None
        generated = [File.generated(config, uri, content=markdown)
                     for uri, markdown in pipeline.render(catalog).items()]
        generated += [File.generated(config, uri, abs_src_path=str(path))
                      for uri, path in pipeline.assets(catalog, data_dir).items()]
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{file.src_uri}: 与数据生成的文件同名：请删除或改名这个手写文件。")
            files.append(file)
        return files

    def on_serve(self, server, *, config, builder):
        data_dir, _ = self._paths(config)
        server.watch(str(data_dir))
        return server
