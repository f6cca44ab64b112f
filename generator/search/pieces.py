"""How a piece of the search index is stored: compressed, so that it travels small from any host.

Every piece (``meta/0``, ``p/3``, ``t/12``, ``fold``) is written zlib-compressed (RFC 1950,
what the browser's ``DecompressionStream("deflate")`` reads) into a ``.bin`` file. Hosts serve
``.bin`` as ``application/octet-stream`` and compress nothing of it by default, and none of
them adds a ``Content-Encoding`` to it (a ``.gz`` name would invite one, and the browser would
then unpack it before the engine could): the bytes arrive as written, whether nginx without
our snippet, IIS, an object store or ``python -m http.server`` serves them. The browser
inflates them (``search-engine.js``, ``piece``), with a vendored inflate where it has no
``DecompressionStream``.

For a folder opened from the disk the same bytes go into a script instead (``p/3.js``):
``__showcaseSearch("p/3", "<the compressed bytes in base64>")``. A browser refuses ``fetch``
on ``file://`` addresses but runs a script a page inserts there.

Also here: the compact forms of what the meta pieces and the fold piece hold (lengths as
byte planes, titles many sections share stored once, the fold table as numbers), each with
its reader; docs/search-index.md specifies them, and search-engine.js reads them too.
"""

from __future__ import annotations

import base64
import itertools
import json
import zlib
from collections import Counter
from pathlib import Path

CALLBACK = "__showcaseSearch"  # what a piece written as a script calls with its name and content
LEVEL = 9                      # zlib's best: written once per build, read by every reader


def pack(data: bytes) -> bytes:
    """The bytes of a piece as stored: zlib's format, which the browser inflates."""
    return zlib.compress(data, LEVEL)


def as_file(folder: Path, name: str, data: bytes) -> None:
    """``name`` (``p/3``) as the file ``p/3.bin`` in ``folder``, compressed."""
    path = folder / f"{name}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pack(data))


def as_script(folder: Path, name: str, data: bytes) -> None:
    """``name`` (``p/3``) as the script ``p/3.js``: ``__showcaseSearch("p/3", base64)``, the
    compressed bytes in base64; the name is given since scripts inserted at once may run in
    any order."""
    path = folder / f"{name}.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    content = base64.b64encode(pack(data)).decode("ascii")
    path.write_text(f'{CALLBACK}("{name}","{content}");\n', encoding="utf-8")


def read(folder: Path, name: str) -> bytes:
    """The content of piece ``name`` of the index in ``folder`` (a site's ``search/``), as a
    file or as a script."""
    path = folder / f"{name}.bin"
    if path.is_file():
        return zlib.decompress(path.read_bytes())
    text = (folder / f"{name}.js").read_text(encoding="utf-8")
    return zlib.decompress(base64.b64decode(text.split('","', 1)[1].rsplit('"', 1)[0]))


def read_json(folder: Path, name: str):
    return json.loads(read(folder, name).decode("utf-8"))


def read_meta(folder: Path) -> dict:
    """Every meta piece of the index in ``folder`` joined, as the engine joins them:
    ``{pages: [[url, tags, boost, listing, date]], docs: [[page, anchor, title, length]], chunks: [first doc]}``."""
    manifest = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    pages: list[list] = []
    docs: list[list] = []
    chunks: list[int] = []
    for number in range(manifest["config"]["showcase"]["meta"]):
        piece = read_json(folder, f"meta/{number}")
        at = len(docs)
        for gap in piece["chunks"]:
            at += gap
            chunks.append(at)
        titles = [piece["common"][t] if isinstance(t, int) else t for t in piece["titles"]]
        rows = zip(piece["anchors"], titles, read_planes(piece["lengths"]), strict=True)
        for row, count in zip(piece["pages"], piece["sections"], strict=True):
            docs += [[len(pages), *next(rows)] for _ in range(count)]
            pages.append(row)
    return {"pages": pages, "docs": docs, "chunks": chunks}


def planes(values: list[int]) -> str:
    """Numbers below 2³² as base64 of their four bytes, plane by plane: every number's lowest
    byte, then every second byte... The high planes are mostly zeros: deflate packs this a
    quarter smaller than the numbers written in JSON."""
    data = b"".join(bytes((v >> shift) & 0xFF for v in values) for shift in (0, 8, 16, 24))
    return base64.b64encode(data).decode("ascii")


def read_planes(text: str) -> list[int]:
    data = base64.b64decode(text)
    n = len(data) // 4
    return [data[i] | data[n + i] << 8 | data[2 * n + i] << 16 | data[3 * n + i] << 24 for i in range(n)]


def shared_titles(titles: list[str]) -> dict:
    """A title three or more sections of a piece share ("相关阅读", "主要做法") is stored once, in
    ``common``, and by its number there in ``titles``."""
    common = [title for title, count in Counter(titles).most_common() if count >= 3]
    number = {title: n for n, title in enumerate(common)}
    return {"common": common, "titles": [number.get(title, title) for title in titles]}


def read_fold(data: bytes) -> dict[str, str]:
    """The table ``writer.fold_table`` wrote: traditional character -> simplified form."""
    values, pos = [], 0
    while pos < len(data):
        value, shift = 0, 0
        while data[pos] & 0x80:
            value |= (data[pos] & 0x7F) << shift
            pos, shift = pos + 1, shift + 7
        values.append(value | data[pos] << shift)
        pos += 1
    count = values[0]
    codes = itertools.accumulate(values[1:1 + count])
    return {chr(t): chr(t + (z // 2 if z % 2 == 0 else -(z + 1) // 2)) for t, z in zip(codes, values[1 + count:], strict=True)}
