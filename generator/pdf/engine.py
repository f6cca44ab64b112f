"""WeasyPrint, where the host has it: what is missing (in Chinese, with the install line) and
the one call that lays out a book. Nothing is fetched: only the pictures a book names are read."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Debian / Ubuntu: WeasyPrint's system libraries (Pango) and a CJK font.
INSTALL = "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk"


def missing() -> str | None:
    """Why no PDF can be made on this host, in Chinese, or None when all is there."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi: fails without it)
    except ImportError as exc:
        return f"没有安装 WeasyPrint（{exc}）：请运行 make site 重新安装构建所需的依赖"
    except OSError as exc:
        return f"缺少 WeasyPrint 所需的系统库（{exc}）：请运行 {INSTALL}"
    if not has_cjk_font():
        return f"系统中没有中文字体：请运行 {INSTALL}"
    return None


def has_cjk_font() -> bool:
    """Whether fontconfig knows a font covering Chinese (WeasyPrint finds fonts through it)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        # Without fontconfig's tools nothing says a Chinese font is there: a book laid out anyway
        # would fail (or print boxes) and fail a strict build, so the notice with the install line is given.
        return False
    try:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


@dataclass
class Laid:
    """A book laid out: its bytes and its number of pages."""

    data: bytes
    pages: int
    cpu: float = 0.0  # processor seconds the layout took (a shared machine's wall clock says less)


def lay_out(html: str, stylesheets: list[str], pictures: dict[str, Path]) -> Laid:
    """The PDF of ``html`` with ``stylesheets`` (CSS text); an ``<img src>`` is one of the keys
    of ``pictures`` (read from its file) or nothing: no other file and no network is read."""
    import weasyprint

    start = time.process_time()
    fetcher, fonts = _fetcher(pictures), _fonts(os.getpid())
    document = weasyprint.HTML(string=html, base_url="book:/", url_fetcher=fetcher).render(
        stylesheets=[weasyprint.CSS(string=css, url_fetcher=fetcher, font_config=fonts) for css in stylesheets],
        font_config=fonts)
    data = document.write_pdf()
    return Laid(data, len(document.pages), time.process_time() - start)


@lru_cache(maxsize=1)
def _fonts(process: int):
    """One font configuration for every book this process lays out (fontconfig's fonts found
    and opened once, not once a book; the PDFs are the same bytes either way). By process: a
    process forked from one that has it makes its own."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _fetcher(pictures: dict[str, Path]):
    """A URL fetcher serving ``pictures`` and refusing everything else (defined here: importing
    WeasyPrint fails on a host without Pango, and the module must load there to say so)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = pictures.get(url)
            if path is None:
                raise ValueError(f"not a picture of this book: {url}")
            return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": _type(path)})

    return Fetcher(allowed_protocols={"book"})


def _type(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif", ".webp": "image/webp"}.get(suffix, "image/jpeg")
