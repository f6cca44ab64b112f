"""Which PDFs a year gets, and what goes into each.

Each year with a plan: ``downloads/<year>-工作要点.pdf`` (the plan alone) and
``downloads/<year>-汇编.pdf`` (cover, contents, the plan, the year's showcase by kind, the
board's summary, the glossary and the cited documents as appendices). A year of more than
``VOLUME`` entries or about ``PAGES`` pages of them is split by kind (most kinds have a year
and no date, so quarters cannot split them): the 汇编 keeps everything but the entries, and
each kind gets volumes of its own (``<year>-汇编-党员风采.pdf``; ``-1``, ``-2`` … where one
would pass ``VOLUME`` entries or ``PAGES`` pages), so no file grows past 300 pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import addresses
from ..kinds import KINDS
from ..model.catalog import Catalog, Kind, Record

VOLUME = 120  # entries in one file at most: each starts a page, most take one or two
PAGES = 240   # estimated pages of entries in one file: with the contents, under 300
CHARS_PER_PAGE = 1100  # of an entry's text on an A4 page, with its facts and headings


@dataclass(frozen=True)
class Book:
    """One PDF to write."""

    uri: str        # under the site: downloads/2023-汇编.pdf
    title: str      # 2023年区党建工作要点, 2023 年机关党建工作汇编（党员风采 之二）
    year: int
    main: bool      # the plan alone, or the 汇编 with the plan, the board and the appendices
    plan_only: bool = False
    volume: str = ""   # 党员风采 之二: which part of a split year
    parts: tuple[tuple[Kind, tuple[Record, ...]], ...] = field(default=(), compare=False)

    @property
    def file(self) -> str:
        return self.uri.rpartition("/")[2]

    @property
    def entries(self) -> int:
        return sum(len(records) for _, records in self.parts)


def showcase(catalog: Catalog, year: int) -> list[tuple[Kind, list[Record]]]:
    """The year's entries of every showcase kind (news is no part of the showcase), by kind."""
    kinds = catalog.kinds or list(KINDS)
    found = [(k, [r for r in catalog.records.get(k.key, []) if r.year == year]) for k in kinds if k.showcase]
    return [(k, records) for k, records in found if records]


def books(catalog: Catalog) -> dict[int, list[Book]]:
    """Every PDF of every year with a plan, the plan and the 汇编 first."""
    out: dict[int, list[Book]] = {}
    for year, plan in sorted(catalog.workplans.items()):
        kinds = showcase(catalog, year)
        total = sum(len(records) for _, records in kinds)
        title = f"{year} 年机关党建工作汇编"
        out[year] = [Book(addresses.download(year, "工作要点"), plan.title, year, True, plan_only=True)]
        if total <= VOLUME and sum(pages(r) for _, records in kinds for r in records) <= PAGES:
            out[year].append(Book(addresses.download(year, "汇编"), title, year, True,
                                  parts=tuple((k, tuple(records)) for k, records in kinds)))
            continue
        out[year].append(Book(addresses.download(year, "汇编"), title, year, True, volume="工作要点、落实看板与附录"))
        for kind, records in kinds:
            chunks = volumes(records)
            for n, chunk in enumerate(chunks, 1):
                suffix = f"-{n}" if len(chunks) > 1 else ""
                volume = kind.label + (f" 之{_numeral(n)}" if len(chunks) > 1 else "")
                out[year].append(Book(addresses.download(year, f"汇编-{kind.label}{suffix}"), f"{title}（{volume}）",
                                      year, False, volume=volume, parts=((kind, tuple(chunk)),)))
    return out


def pages(record: Record) -> float:
    """About how many pages an entry takes: it starts a page, its text runs on."""
    return 1 + sum(len(text) for _, text in record.entry.markdown_fields()) / CHARS_PER_PAGE


def volumes(records: list[Record]) -> list[list[Record]]:
    """``records`` in order, in runs of at most ``VOLUME`` entries and about ``PAGES`` pages (an
    entry longer than that on its own: an entry is never split), as even as that many runs allow
    (no last volume of a handful of entries)."""
    sizes = [pages(r) for r in records]
    runs = _runs(records, sizes, PAGES)
    if len(runs) > 1:  # the same number of runs, each about the average: a run closes past it
        runs = _runs(records, sizes, min(PAGES, sum(sizes) / len(runs) + max(sizes)))
    return runs


def _runs(records: list[Record], sizes: list[float], limit: float) -> list[list[Record]]:
    out: list[list[Record]] = [[]]
    weight = 0.0
    for record, size in zip(records, sizes, strict=True):
        if out[-1] and (len(out[-1]) >= VOLUME or weight + size > limit):
            out.append([])
            weight = 0.0
        out[-1].append(record)
        weight += size
    return out


def _numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 35 -> 三十五 (volumes of a kind: a few dozen at most)."""
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
