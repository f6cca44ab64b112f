"""The offline build: the site as a folder that works opened from the disk (``file://``).

``make offline`` builds with ``extra.offline: true`` (tools/build_offline.py adds it to
mkdocs.yml in a config of its own). Then every link names a file (``…/index.html``: no
folder listings), nothing names an address outside the folder (no site_url, so no canonical
links, sitemap or feed; no 404 page, which only a server shows), the search index is written
as scripts (``search.writer``, ``scripts``) and the theme loads search-offline.js, which
answers search in the page where a browser starts no worker.
"""

from __future__ import annotations

from typing import Any

SETTING = "offline"


def problem(extra: dict) -> str | None:
    """What is wrong with ``extra.offline`` in mkdocs.yml, in Chinese, or None."""
    value = extra.get(SETTING, False)
    if isinstance(value, bool):
        return None
    return f"extra.offline 只能写 true 或 false（现在是 {value!r}）：离线版请用 make offline 构建，不必改这一项。"


def wanted(config: Any) -> bool:
    return config.extra.get(SETTING) is True


def apply(config: Any) -> None:
    """Make ``config`` (MkDocs') build the offline folder."""
    config.use_directory_urls = False
    config.site_url = None  # the theme's sitemap.xml then renders nothing, and is not written
    config.theme.static_templates.discard("404.html")
