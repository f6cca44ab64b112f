"""How the postings are stored: shards of keys, and the positions of the most frequent keys
apart, in blocks a query fetches only where it needs them (docs/search-index.md, "Shard file").

A key's postings are its offsets in the corpus. Most keys have a few: they are written whole
in their shard. A few hundred (工作, 机关, 党员 at thousands of pages) stand tens of thousands of
times, and their offsets alone are 100 KB: written whole, one query for 党建工作 would fetch
200 KB. Such a **common** key (postings over ``COMMON_BYTES``) has in its shard only the docs
that hold it, and its offsets go to blocks (``c/<n>``) of whole docs, about ``BLOCK_BYTES``
each. A query for the key alone needs its docs only (a doc holding 工作 holds the phrase 工作);
one that must see where it stands (党建工作: its bigrams one after the other) fetches the blocks
of the docs it checks. The browser's side is ``lists`` and ``positions`` in search-engine.js.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

COMMON_BYTES = 4096   # postings (varint bytes) above which a key is common: its docs in the shard
BLOCK_BYTES = 8192    # bytes of a common key's offsets per block, roughly: a query fetches a few


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over the key's UTF-16 code units: the browser computes the same number."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


_VARINT = [bytes([v]) if v < 0x80 else bytes([(v & 0x7F) | 0x80, v >> 7]) for v in range(1 << 14)]


def varints(values) -> bytes:
    """LEB128 encoding of non-negative integers; the common small ones come from a table."""
    table = _VARINT
    return b"".join([table[v] if v < 16384 else _long_varint(v) for v in values])


def _long_varint(v: int) -> bytes:
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def gaps(values: list[int], start: int = 0) -> list[int]:
    """Ascending ``values`` as differences, the first from ``start``: small numbers pack best."""
    return [b - a for a, b in zip([start, *values], values, strict=False)]


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The LEB128 number at ``pos``, and the position after it."""
    value, shift = 0, 0
    while data[pos] & 0x80:
        value |= (data[pos] & 0x7F) << shift
        pos, shift = pos + 1, shift + 7
    return value | data[pos] << shift, pos + 1


def read_varints(data: bytes, pos: int = 0, end: int | None = None) -> list[int]:
    """Every LEB128 number of ``data[pos:end]``."""
    end = len(data) if end is None else end
    out = []
    while pos < end:
        value, pos = read_varint(data, pos)
        out.append(value)
    return out


class Postings:
    """Every key's offsets, written as shards and blocks by ``write``."""

    def __init__(self, found: dict[str, list[int]], starts: list[int], common_bytes: int = COMMON_BYTES,
                 block_bytes: int = BLOCK_BYTES):
        self.found, self.starts = found, starts  # starts: each doc's first offset in the corpus
        self.common_bytes, self.block_bytes = common_bytes, block_bytes
        self.blocks = 0

    def entry(self, key: str, offsets: list[int], put: Callable[[str, bytes], None]) -> tuple[bytes, bool]:
        """A key's data in its shard, and whether it is common (its blocks are written here)."""
        data = varints(gaps(offsets))
        if len(data) <= self.common_bytes or key[:1] in "=~^":
            return data, False
        docs = self._docs(offsets)
        cuts = self._cuts(offsets)
        first = self.blocks
        head = [len(cuts), first]
        for number, (lo, hi) in enumerate(cuts):
            block = varints(gaps(offsets[lo:hi]))
            put(f"c/{first + number}", block)
            head += [bisect.bisect_right(self.starts, offsets[lo]) - 1, len(block)]
        self.blocks += len(cuts)
        firsts = head[2::2]
        head[2::2] = gaps(firsts)
        return varints([*head, *gaps(docs)]), True

    def _docs(self, offsets: list[int]) -> list[int]:
        """The docs holding ``offsets`` (ascending): one step a doc, not one an offset."""
        docs, i, starts = [], 0, self.starts
        while i < len(offsets):
            doc = bisect.bisect_right(starts, offsets[i]) - 1
            docs.append(doc)
            i = bisect.bisect_left(offsets, starts[doc + 1], i) if doc + 1 < len(starts) else len(offsets)
        return docs

    def _cuts(self, offsets: list[int]) -> list[tuple[int, int]]:
        """The offsets cut at doc boundaries into runs of about ``block_bytes`` varint bytes."""
        cuts, lo, size = [], 0, 0
        for i, at in enumerate(offsets):
            if i > lo and size >= self.block_bytes:
                doc_start = self.starts[bisect.bisect_right(self.starts, at) - 1]
                if offsets[i - 1] < doc_start:  # a new doc begins: cut here
                    cuts.append((lo, i))
                    lo, size = i, 0
            size += len(_long_varint(at - offsets[i - 1])) if i > lo else 4
        cuts.append((lo, len(offsets)))
        return cuts

    def entries(self, put: Callable[[str, bytes], None]) -> dict[str, tuple[bytes, bool]]:
        """Every key's data in its shard and whether it is common; the blocks are written."""
        return {key: self.entry(key, self.found[key], put) for key in sorted(self.found)}

    @staticmethod
    def write(entries: dict[str, tuple[bytes, bool]], shards: int, shard_key: Callable[[str], str],
              put: Callable[[str, bytes], None]) -> None:
        """Shard pieces: a key table (key, size and kind of its data), then the data in that order."""
        grouped: list[list[str]] = [[] for _ in range(shards)]
        for key in entries:
            grouped[shard_of(shard_key(key), shards)].append(key)
        for number, names in enumerate(grouped):
            names.sort()
            head = bytearray(varints([len(names)]))
            body = []
            for key in names:
                data, common = entries[key]
                raw = key.encode("utf-8")
                head += varints([len(raw)]) + raw + varints([2 * len(data) + common])
                body.append(data)
            put(f"p/{number}", bytes(head) + b"".join(body))


def read_shard(data: bytes, block: Callable[[int], bytes] | None = None) -> dict[str, list[int]]:
    """A shard decoded to key -> offsets in the corpus; a common key's offsets come from its
    blocks (``block(n)``: the content of ``c/<n>``), or, without ``block``, are its docs."""
    count, pos = read_varint(data, 0)
    table = []
    for _ in range(count):
        size, pos = read_varint(data, pos)
        key = data[pos:pos + size].decode("utf-8")
        length, pos = read_varint(data, pos + size)
        table.append((key, length >> 1, length & 1))
    out = {}
    for key, length, common in table:
        values = read_varints(data, pos, pos + length)
        pos += length
        if not common:
            out[key] = list(_sums(values))
            continue
        count, first = values[0], values[1]
        docs = list(_sums(values[2 + 2 * count:]))
        if block is None:
            out[key] = docs
        else:
            out[key] = [at for n in range(count) for at in _sums(read_varints(block(first + n)))]
    return out


def _sums(values: list[int]):
    at = 0
    for gap in values:
        at += gap
        yield at
