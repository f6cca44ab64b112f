"""A search index that a browser reads in pieces, for sites of thousands of pages.

Material's own index is one JSON file that the browser downloads whole and turns into a
lunr index before the first answer: at 5,000 pages that is tens of megabytes and seconds.
This one is split by what a query needs:

- ``meta/<n>``: every section's page, anchor, title and text length, in pieces of a bounded
  number of sections, all fetched when search starts; titles are matched right there.
- ``p/<n>``: postings, sharded by key. A key is two adjacent Chinese characters (a
  bigram) or a word of letters and digits. The sections' folded texts, joined by line
  breaks, make one long corpus, and a key's posting is every offset where it stands in it:
  two keys follow each other exactly when their offsets differ by one, so a phrase is found
  exactly, whatever way a word segmenter would have cut it. A query fetches only the
  shards of its own keys.
- ``c/<n>``: the offsets of the most frequent keys, in blocks of whole sections, whose shard
  holds only the sections that have them (``postings.py``).
- ``t/<n>``: the sections' plain text in chunks, fetched only for the results shown
  with an excerpt.
- ``fold``: the traditional characters and their simplified forms (``traditional.py``),
  fetched with the meta pieces, so that the browser folds a query exactly as the index was folded.

Each piece is stored compressed, as ``<name>.bin`` (``pieces.py``): it travels small from a
host that compresses nothing.

The browser side is ``generator/theme/assets/javascripts/search-engine.js``; both sides fold text the
same way (``fold``) and split it into keys the same way (``keys``).

Written for a folder opened from the disk (``scripts``), every piece is a small script instead
(``meta/0.js``, ``p/<n>.js``...) that hands its bytes to ``__showcaseSearch``: a browser refuses
``fetch`` on ``file://`` addresses, but runs a script it is given there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import addresses
from . import pieces, pinyin, traditional
from .postings import BLOCK_BYTES, COMMON_BYTES, Postings, varints
from .postings import shard_of as shard_of  # the writer's contract, as before the postings moved
from .sections import PROSE_END, sections

FORMAT = 6
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese (and Japanese kana) characters, or a word of letters and digits.
WORD = "0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
TOKEN = re.compile(f"([{CJK}]+)|([{WORD}]+)")
_RUN = re.compile(f"[{CJK}]{{2,}}")
_WORD = re.compile(f"[{WORD}]+")
SHARD_TARGET = 4 * 1024     # bytes of a shard, roughly: a query fetches a shard per key (common keys hold docs only)
CHUNK_TARGET = 1024         # characters of text per chunk, roughly: one per result with an excerpt
META_DOCS = 4000            # sections per meta piece: no file grows with the site
# What one page may put into the meta pieces, which every reader downloads on a first search. The
# models bound what editors write; these bound what reaches the index whatever the page.
MAX_TITLE = 100       # characters of a stored title: longer ones are cut, with "…"
MAX_TAGS = 10         # tags of a page, each once (the 五型 are five)
MAX_SECTIONS = 1200   # sections of a page; the glossary's 1,000 terms are each one
ENGINE = "assets/javascripts/search-engine.js"  # in the site: also stored as the piece ``engine``
# The heading of an entry's related reading (_macros.md.j2): a label over links to other pages, which
# are not indexed; as a section of its own it was a quarter of the docs at 5,000 entries.
RELATED = "related"
NAME = "="    # an alias key: another name of a page or section (a unit's short name, 第22条)
_FIRST_KEY = re.compile(f"([{CJK}]{{2,}})|([{WORD}]+)")

def _folded(c: int) -> int:
    c = c - 0xFEE0 if 0xFF01 <= c <= 0xFF5E else c  # full-width ASCII -> ASCII
    return c + 32 if ord("A") <= c <= ord("Z") else c


_FOLD = {c: _folded(c) for c in [*range(0xFF01, 0xFF5F), *range(ord("A"), ord("Z") + 1)]}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD.update({ord(t): ord(s) for t, s in traditional.table().items()})


def fold(text: str) -> str:
    """Case-, width- and script-folded text (主題 -> 主题) of the same length, so that offsets
    stay valid."""
    return text.translate(_FOLD)


def fold_table() -> bytes:
    """``fold``: the traditional characters and their simplified forms, as varints: how many,
    then the traditional characters' code points in ascending order, each as its distance from
    the one before (the first from 0), then each simplified form's distance from its
    traditional one, zigzag-coded (0, -1, 1, -2... as 0, 1, 2, 3...). Half the bytes of the
    characters written out."""
    pairs = sorted((ord(t), ord(s)) for t, s in traditional.table().items())
    codes = [t for t, _ in pairs]
    gaps = [b - a for a, b in zip([0, *codes], codes, strict=False)]
    shifts = [2 * (s - t) if s >= t else 2 * (t - s) - 1 for t, s in pairs]
    return varints([len(pairs), *gaps, *shifts])


def keys(folded: str):
    """``(key, offset)`` for every bigram of every Chinese run and every word of ``folded``."""
    for match in TOKEN.finditer(folded):
        run, word = match.groups()
        start = match.start()
        if word:
            yield word, start
        else:
            for i in range(len(run) - 1):
                yield run[i:i + 2], start + i


def shard_key(key: str) -> str:
    """The key whose shard an alias key goes into: its first key (``=数据局`` -> 数据,
    ``~ztjy`` -> ztjy), which a query for the same words fetches anyway."""
    if key[:1] in (NAME, pinyin.SYLLABLES, pinyin.INITIALS):
        m = _FIRST_KEY.search(key[1:])
        if m:
            return m.group(1)[:2] if m.group(1) else m.group(2)
    return key


def date_key(value: object) -> int:
    """A page's date as a number that sorts: "2023-05-12" -> 20230512, 2023 -> 20230000."""
    digits = re.sub(r"\D", "", str(value or ""))[:8]
    return int(digits.ljust(8, "0")) if len(digits) >= 4 else 0


@dataclass
class PageEntry:
    """One page as the index holds it: its row (url, tags, boost, listing, date), its sections
    and each section's alias keys."""

    row: list
    sections: list[tuple[str, str, str]]  # anchor, title, text
    aliases: list[list[str]] = field(default_factory=list)  # per section: "=数据局", "=第22条"
    spelled: list[bool] = field(default_factory=list)  # per section: whether its title's pinyin is indexed


@dataclass(frozen=True)
class PageOptions:
    """What a page's front matter tells search (``search:``), beyond ``exclude``."""

    boost: float = 1.0
    listing: bool = False           # it lists other pages (a listing, tags, the home page)
    date: object = None             # when its entry happened: the newer first among equals
    aliases: tuple[str, ...] = ()   # other names of the page: a unit's short names
    names: bool = False             # its section titles are names or terms: pinyin for each

    @classmethod
    def of(cls, options: dict) -> PageOptions:
        aliases = options.get("aliases") or ()
        return cls(boost=options.get("boost", 1), listing=bool(options.get("listing")), date=options.get("date"),
                   aliases=tuple(str(a) for a in ([aliases] if isinstance(aliases, str) else aliases)),
                   names=bool(options.get("names")))


def page_entry(url: str, title: str, markup: str, tags: list[str] | None = None, boost: float = 1.0,
               options: PageOptions | None = None) -> PageEntry:
    """Cut one page's HTML into the sections the index holds, within the limits above."""
    options = options or PageOptions(boost=boost)
    found = [(s.anchor, s.title, s.text) for s in sections(markup, title)
             if s.text or s.title and s.anchor != RELATED]
    if len(found) > MAX_SECTIONS:
        # The rest is read as the last section's text: still found, linked to that section.
        anchor, last_title, text = found[MAX_SECTIONS - 1]
        rest = [text] + [part for _, t, body in found[MAX_SECTIONS:] for part in (t, body)]
        found[MAX_SECTIONS - 1:] = [(anchor, last_title, " ".join(part.replace(PROSE_END, " ") for part in rest if part))]
    shown = list(dict.fromkeys(short(str(t)) for t in tags or []))[:MAX_TAGS]
    row = [url, shown, options.boost, int(options.listing), date_key(options.date)]
    aliases = [_aliases(url, anchor, options, top=i == 0) for i, (anchor, _, _) in enumerate(found)]
    spelled = [i == 0 or options.names for i in range(len(found))]
    return PageEntry(row, [(anchor, short(t), text) for anchor, t, text in found], aliases, spelled)


def _aliases(url: str, anchor: str, options: PageOptions, top: bool) -> list[str]:
    """A section's alias keys: the page's other names (its own section) and their pinyin, a
    point's 第N条 and 2023年第N条."""
    names = [fold(name) for name in options.aliases] if top and not anchor else []
    names += [key for name in names for key in pinyin.name_keys(name)]
    point = addresses.point_at(url, anchor)
    if point:
        names += [f"第{point[1]}条", f"{point[0]}年第{point[1]}条"]
    return list(dict.fromkeys(NAME + name for name in names))


def engine_piece(script: bytes) -> bytes:
    """The engine as the piece ``engine`` holds it: ``script`` (search-engine.js) with every
    line that is only comment emptied, so that its lines keep their numbers in an error's
    trace; about 6 KB fewer on the wire of a first query, which every reader pays. The site's
    own search-engine.js keeps them. A comment that shares a line with code stays; where the
    lines are not as expected (a block comment closing before code), the script as it is."""
    out, inside = [], False
    for line in script.decode("utf-8").split("\n"):
        bare = line.strip()
        if inside or bare.startswith("/*"):
            close = bare.find("*/", 0 if inside else 2)  # the first close: only at the line's end
            if close not in (-1, len(bare) - 2):
                return script
            inside = close == -1
            out.append("")
        else:
            out.append("" if bare.startswith("//") else line)
    return script if inside else "\n".join(out).encode("utf-8")


def short(title: str) -> str:
    """A title as the index stores it: at most MAX_TITLE characters."""
    return title if len(title) <= MAX_TITLE else title[:MAX_TITLE - 1] + "…"


class Cancelled(Exception):
    """The index being made is no longer wanted: a newer build of the preview makes its own."""


def _never() -> bool:
    return False


@dataclass
class SearchIndex:
    """Collects pages while the site is built, then writes the index files."""

    pages: list[list] = field(default_factory=list)     # [url, tags, boost]
    docs: list[list] = field(default_factory=list)      # [page number, anchor, title, text length]
    texts: list[str] = field(default_factory=list)

    aliases: list[list[str]] = field(default_factory=list)  # per doc
    spelled: list[bool] = field(default_factory=list)        # per doc
    common_bytes: int = COMMON_BYTES  # postings above which a key's offsets go to blocks (postings.py)
    block_bytes: int = BLOCK_BYTES

    def add_page(self, url: str, title: str, markup: str, tags: list[str] | None = None, boost: float = 1.0,
                 options: PageOptions | None = None) -> None:
        """Index one page; ``url`` is its site-relative URL, as MkDocs gives it."""
        self.add(page_entry(url, title, markup, tags, boost, options))

    def add(self, entry: PageEntry) -> None:
        """Index one page already cut into sections (a preview keeps them between builds)."""
        page = len(self.pages)
        self.pages.append(entry.row)
        aliases = entry.aliases or [[] for _ in entry.sections]
        spelled = entry.spelled or [False for _ in entry.sections]
        for (anchor, title, text), names, spell in zip(entry.sections, aliases, spelled, strict=True):
            self.docs.append([page, anchor, title, len(text)])
            self.texts.append(text)
            self.aliases.append(names)
            self.spelled.append(spell)

    def postings(self, cancelled: Callable[[], bool] = _never) -> dict[str, list[int]]:
        """Every key with its offsets in the corpus: the texts, folded, joined by line breaks.
        Raises Cancelled once ``cancelled()`` says so (asked every few thousand runs)."""
        corpus = fold("\n".join(self.texts))
        found: dict[str, list[int]] = {}
        get = found.get
        # Runs once per character of the site: kept to the bare loop.
        for n, match in enumerate(_RUN.finditer(corpus)):
            if not n & 4095 and cancelled():
                raise Cancelled
            run, at = match.group(), match.start()
            for i in range(len(run) - 1):
                key = run[i:i + 2]
                offsets = get(key)
                if offsets is None:
                    found[key] = [at + i]
                else:
                    offsets.append(at + i)
        for match in _WORD.finditer(corpus):
            offsets = get(match.group())
            if offsets is None:
                found[match.group()] = [match.start()]
            else:
                offsets.append(match.start())
        start = 0  # an alias key's postings: the start of each doc it names
        for text, names in zip(self.texts, self.aliases, strict=True):
            for key in names:
                found.setdefault(key, []).append(start)
            start += len(text) + 1
        start = 0  # pinyin keys: offsets in the titles, folded and joined by line breaks
        for (_, _, title, _), spell in zip(self.docs, self.spelled, strict=True):
            folded = fold(title)
            if spell:
                for key, at in pinyin.keys(folded):
                    found.setdefault(key, []).append(start + at)
            start += len(folded) + 1
        return found

    def write(self, folder: Path, config: dict, scripts: bool = False, engine: Path | None = None,
              cancelled: Callable[[], bool] = _never) -> dict:
        """Write every index piece into ``folder`` (the site's ``search/``); return the manifest.

        The manifest becomes ``search_index.json``: Material's search box reads its ``config``
        and hands it to the worker, and its ``docs`` stay empty. ``scripts``: each piece as a
        script (``pieces.as_script``), for a folder opened from the disk; the version is that
        of the data either way. ``engine``: the site's search-engine.js, also written as the
        piece ``engine``, which the worker loads in its place where it can inflate it. Once
        ``cancelled()`` says so, raises Cancelled before the next piece (``replace_index``
        writes them aside meanwhile).
        """
        written = pieces.as_script if scripts else pieces.as_file
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()

        def put(name: str, data: bytes) -> None:
            if cancelled():
                raise Cancelled
            digest.update(data)
            written(folder, name, data)

        starts = [0]
        for text in self.texts:
            starts.append(starts[-1] + len(text) + 1)
        found = Postings(self.postings(cancelled), starts, self.common_bytes, self.block_bytes)
        if cancelled():
            raise Cancelled
        entries = found.entries(put)
        total = sum(len(data) for data, _ in entries.values())
        shards = 1
        while shards < 4096 and total / shards > SHARD_TARGET:
            shards *= 2
        found.write(entries, shards, shard_key, put)
        chunks = self._write_chunks(put)
        put("fold", fold_table())
        metas = self._write_meta(chunks, put)
        extra = {"scripts": True} if scripts else {}
        if engine is not None and not scripts:
            put("engine", engine_piece(engine.read_bytes()))
            extra["engine"] = True
        showcase = {"format": FORMAT, "version": digest.hexdigest()[:12], "shards": shards, "meta": metas,
                    "docs": len(self.docs), "keys": len(entries), **extra}
        return {"config": {**config, "showcase": showcase}, "docs": []}

    def _write_chunks(self, put) -> list[int]:
        """Text in chunks of whole pages where possible; returns each chunk's first doc."""
        starts, size = [], CHUNK_TARGET
        for doc, (page, *_rest) in enumerate(self.docs):
            new_page = doc == 0 or self.docs[doc - 1][0] != page
            if size >= CHUNK_TARGET and new_page or size >= 4 * CHUNK_TARGET:
                starts.append(doc)
                size = 0
            size += len(self.texts[doc])
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(self.docs)
            put(f"t/{number}", _json(self.texts[start:end]))
        return starts

    def _write_meta(self, chunks: list[int], put) -> int:
        """The pages and their docs in pieces of whole pages, about META_DOCS docs each, by
        column (deflate packs a column of like values best); returns how many."""
        cuts = [0]  # first page of each piece
        docs_of = [0] * len(self.pages)
        for page, *_rest in self.docs:
            docs_of[page] += 1
        held = 0
        for page, count in enumerate(docs_of):
            if held >= META_DOCS:
                cuts.append(page)
                held = 0
            held += count
        first_doc = 0
        for number, start in enumerate(cuts):
            end = cuts[number + 1] if number + 1 < len(cuts) else len(self.pages)
            count = sum(docs_of[start:end])
            docs = self.docs[first_doc:first_doc + count]
            put(f"meta/{number}", _json({
                "pages": self.pages[start:end], "sections": docs_of[start:end],
                "anchors": [d[1] for d in docs], **pieces.shared_titles([d[2] for d in docs]), "lengths": pieces.planes([d[3] for d in docs]),
                "chunks": _gaps_from(first_doc, [c for c in chunks if first_doc <= c < first_doc + count])}))
            first_doc += count
        return len(cuts)


def _gaps_from(start: int, values: list[int]) -> list[int]:
    """Ascending ``values`` as differences, the first from ``start``: small numbers pack best."""
    return [b - a for a, b in zip([start, *values], values, strict=False)]


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


STAGING = ".next"  # in search/: where a preview writes the pieces before moving them in place


def _move_into(aside: Path, folder: Path) -> None:
    """Every file under ``aside`` to the same place under ``folder``; ``aside`` removed."""
    for path in sorted(p for p in aside.rglob("*") if p.is_file()):
        target = folder / path.relative_to(aside)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    shutil.rmtree(aside, ignore_errors=True)


def replace_index(index: SearchIndex, folder: Path, scripts: bool = False, cancelled: Callable[[], bool] = _never) -> dict:
    """Write ``index`` into the site's ``search/`` in place of Material's single-file index.

    Keeps Material's ``config`` (languages, separator, field boosts: its search box and its
    highlighter on the opened page read them) and adds where the pieces are. ``scripts``:
    the pieces as scripts, and the manifest also as ``search_index.js``, which Material's
    search box loads instead of the JSON file when the page was opened from the disk.
    The site's engine (``ENGINE``) is also written compressed, as the piece ``engine``: hosts
    send a script as it is, and the worker loads this instead where it can inflate it.
    ``cancelled`` (a preview's): the pieces are written aside first and moved in place once
    all are written, so that a write given up (Cancelled, see ``SearchIndex.write``) leaves
    the index as it was.
    """
    path = folder / "search_index.json"
    config = json.loads(path.read_text(encoding="utf-8")).get("config", {}) if path.is_file() else {}
    engine = folder.parent / ENGINE
    aside = folder / STAGING if cancelled is not _never else folder
    try:
        manifest = index.write(aside, config, scripts, engine if engine.is_file() else None, cancelled)
    except Cancelled:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    if aside != folder:
        _move_into(aside, folder)
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    if scripts:
        (folder / "search_index.js").write_text(f"var __index = {text}\n", encoding="utf-8")
    return manifest["config"]["showcase"]
