"""Previews: a Markdown field as the site renders it, and an entry's page as the site shows it.

A field's text goes through the site's own steps: links by id resolved by the catalog's
resolver, the Markdown extensions of ``mkdocs.yml`` (``model.rendered``) and the site's
sanitizer. A page is shown by the same build as ``make serve``: ``mkdocs serve --dirty``
runs beside the editing server on a loopback port, and the server passes its pages on under
``/site/`` (and its reload script's ``/livereload/``), so the browser talks to one address only
and a page shown reloads itself when an edit changed it.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import markdown

from .. import addresses
from ..model import links
from ..model.catalog import Catalog
from ..model.rendered import EXTENSIONS
from ..site.html_policy import sanitize


def field_html(catalog: Catalog | None, text: str) -> str:
    """The HTML the site makes of one Markdown field; links point into the preview (``/site/``)."""

    def resolve(link) -> str:
        if link.target.startswith("media/"):
            return f"/api/thumbnail?path={link.target}"
        found = catalog.resolver.path(link.target) if catalog and links.scheme(link.target) not in links.SCHEMES else None
        if found is None:
            return link.target
        return "/site/" + addresses.url(found)

    rewritten = links.rewrite(text, resolve) if "](" in text or "]:" in text else text
    return sanitize(markdown.Markdown(extensions=list(EXTENSIONS)).convert(rewritten))


class SitePreview:
    """``mkdocs serve --dirty`` for the project, started once, on a free loopback port."""

    def __init__(self, root: Path, log: Path):
        self.root, self.log = root, log
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self.process is not None and self.process.poll() is None:
                return
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.port = probe.getsockname()[1]
            self.log.parent.mkdir(parents=True, exist_ok=True)
            with self.log.open("ab") as out:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", "mkdocs.yml",
                     "--dev-addr", f"127.0.0.1:{self.port}"], cwd=self.root, stdout=out, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def fetch(self, path: str) -> tuple[int, dict[str, str], bytes] | None:
        """The preview server's answer for ``path``, or None while it is still building the site."""
        self.start()
        try:
            # a page's reload script waits up to a minute for the next build (/livereload/)
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=90)
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{self.port}"})
            answer = connection.getresponse()
            body = answer.read()
            kept = {k: v for k, v in answer.getheaders() if k.lower() in ("content-type", "location", "last-modified")}
            connection.close()
            return answer.status, kept, body
        except OSError:
            time.sleep(0.2)
            return None
