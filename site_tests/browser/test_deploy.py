"""The site as Debian's nginx serves it with the shipped example (deploy/nginx/dangjian.conf).

No browser here: the requests are plain HTTP, as a reader's browser and an admin's checks make
them. What an admin must get right: every file answers, text and index pieces travel
compressed, hashed and versioned files are cached long and pages are checked each time.
"""

from __future__ import annotations

import gzip
import re
import zlib
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlsplit

from browser.nginx import SNIPPET

INDEX_TYPE = "application/octet-stream"
LONG = "public, max-age=31536000, immutable"
# What the site holds of each kind that travels compressed by the server (text). The index's
# pieces (.bin) are compressed when written and travel as they are.
COMPRESSED = {".html": "text/html", ".css": "text/css", ".js": "application/javascript",
              ".json": "application/json", ".svg": "image/svg+xml", ".xml": "text/xml"}


def get(server, path: str, **headers) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` under the site; returns status, headers (lower-case names) and the raw body."""
    parts = urlsplit(server.url(path))
    connection = HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        # A browser sends a file name like 2023-工作要点.pdf percent-encoded (UTF-8), as here.
        connection.request("GET", quote(parts.path) + (f"?{parts.query}" if parts.query else ""), headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_every_file_and_folder_of_the_site_answers_200(site_server, deployed_site):
    bad = []
    for name in files(deployed_site):
        addresses = [name] + ([name.removesuffix("index.html")] if name.endswith("index.html") else [])
        for address in addresses:
            status, _, body = get(site_server, address)
            if status != 200 or body != (deployed_site / name).read_bytes():
                bad.append(f"{status} {address}")
    assert not bad, bad


def test_a_folder_without_its_slash_is_redirected_relatively(site_server):
    for path, target in (("brands", "/dangjian/brands/"), ("", "/dangjian/")):
        status, headers, _ = get(site_server, path) if path else get(site_server, "/dangjian")
        assert (status, headers["location"]) == (301, target)


def test_a_missing_address_gets_the_404_page_with_status_404(site_server, deployed_site):
    for address in ("nope/deeper/x.html", "brands/no-such-brand/", "search/p/99999.bin"):
        status, _, body = get(site_server, address)
        assert status == 404 and body == (deployed_site / "404.html").read_bytes()


def test_text_and_index_pieces_are_sent_compressed(site_server, deployed_site):
    kinds, bad = set(), []
    for name in files(deployed_site):
        suffix = Path(name).suffix
        if suffix not in COMPRESSED or (deployed_site / name).stat().st_size < 512:  # gzip_min_length
            continue
        status, headers, body = get(site_server, name, **{"Accept-Encoding": "gzip"})
        if status != 200 or headers.get("content-encoding") != "gzip" or "Accept-Encoding" not in headers.get("vary", ""):
            bad.append(f"{name}: {headers.get('content-type')} {headers.get('content-encoding')}")
        elif gzip.decompress(body) != (deployed_site / name).read_bytes():
            bad.append(f"{name}: body differs once decompressed")
        else:
            kinds.add(suffix)
        assert headers["content-type"].split(";")[0] == COMPRESSED[suffix], name
    assert not bad, bad
    # every kind was seen but JSON: the site's one JSON file, the search manifest, is below gzip_min_length
    assert kinds == set(COMPRESSED) - {".json"}, "every kind was seen"


def test_index_pieces_travel_as_written_without_a_content_encoding(site_server, deployed_site):
    pieces = [n for n in files(deployed_site) if n.startswith("search/") and n.endswith(".bin")]
    assert {n.split("/")[1] for n in pieces} >= {"meta", "p", "t", "fold.bin"}
    for name in pieces:
        status, headers, body = get(site_server, name, **{"Accept-Encoding": "gzip"})
        assert status == 200 and "content-encoding" not in headers, name
        assert headers["content-type"] == INDEX_TYPE and body == (deployed_site / name).read_bytes(), name
        assert zlib.decompress(body), name  # stored compressed: the browser inflates it


def test_files_named_by_their_content_are_cached_long_and_pages_checked_each_time(site_server, deployed_site):
    names = files(deployed_site)
    hashed = [n for n in names if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", n)]
    versioned = [n for n in names if n.startswith("search/") and n.endswith(".bin")]
    assert "search/fold.bin" in versioned and "search/meta/0.bin" in versioned
    assert len(hashed) >= 3 and versioned
    for name in hashed + versioned:
        assert get(site_server, name)[1]["cache-control"] == LONG, name
    for name in ("", "brands/", "404.html", "search/search_index.json", "assets/javascripts/search-worker.js",
                 "assets/stylesheets/showcase.css", "assets/images/logo.svg"):
        assert get(site_server, name)[1]["cache-control"] == "no-cache", name


def test_the_tested_configuration_is_the_shipped_one():
    """The fixture changes the root line only (see nginx.py); the README shows this very file."""
    text = SNIPPET.read_text(encoding="utf-8")
    assert "root /var/www;" in text and "error_page 404 /dangjian/404.html;" in text
    assert "search/p/" not in text and "types { }" in text  # the pieces (.bin) get the type mime.types gives them

