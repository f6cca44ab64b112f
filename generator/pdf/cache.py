"""PDFs made before, by everything that went into them (the book's HTML, the stylesheets, the
pictures' files, WeasyPrint's version): a rebuild lays out only the books that changed. Kept in
``.cache/pdf/`` beside ``.cache/media/``; entries the last build did not use are removed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .engine import Laid


class Cache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def key(self, html: str, stylesheets: list[str], pictures: dict[str, Path]) -> str:
        import weasyprint

        digest = hashlib.sha256(f"weasyprint {weasyprint.__version__}\0".encode())
        for text in (html, *stylesheets):
            digest.update(text.encode("utf-8") + b"\0")
        for url, path in sorted(pictures.items()):
            try:
                info = path.stat()
                stamp = f"{info.st_size} {info.st_mtime_ns}"
            except OSError:
                stamp = "missing"
            digest.update(f"{url}\0{path}\0{stamp}\0".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Laid | None:
        if self.folder is None:
            return None
        self.used.add(key)
        for path in self.folder.glob(f"{key}-*.pdf"):
            try:
                laid = Laid(path.read_bytes(), int(path.stem.rpartition("-")[2]))
            except (OSError, ValueError):
                return None
            # A file cut short (a full disk, a copy of the folder) is laid out again, not published.
            return laid if laid.pages > 0 and laid.data.startswith(b"%PDF-") and b"%%EOF" in laid.data[-1024:] else None
        return None

    def put(self, key: str, laid: Laid) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            part = self.folder / f".{key}.{os.getpid()}.part"
            part.write_bytes(laid.data)
            part.replace(self.folder / f"{key}-{laid.pages}.pdf")
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Forget the PDFs this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.partition("-")[0] not in self.used:
                path.unlink(missing_ok=True)
