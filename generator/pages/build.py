"""What a build works out for its pages from a finished catalog: results, not meaning.

The catalog holds what the data means once linked (ids resolved, citations, units' entries).
A ``Build`` holds what the pages compute from it: related reading, the entries using each
glossary term, last-commit dates, the picture library in its sizes, the PDFs the build
writes, and the lists the plan page, the point pages and the board share (worked out once
per build). The pipeline makes
one (``pipeline.complete``); page functions and templates (``build``) read it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..media.renditions import Library
    from ..model.catalog import Catalog, Record

T = TypeVar("T")


@dataclass
class Build:
    """One build's results for ``catalog``."""

    catalog: Catalog
    # (kind key, id) -> up to five records to read next (related.compute), best first
    related: dict[tuple[str, str], list[Record]]
    # glossary term id -> records whose text uses it, newest first
    term_uses: dict[str, list[Record]]
    # (kind key, id) -> the "更新于" date: the last commit touching the record's file, where it
    # changed well after publication (updates.updated; full history only)
    updated: dict[tuple[str, str], datetime.date]
    pictures: Library  # the pictures pages show, in their sizes
    # year -> pdf.books.Book: the PDFs this build writes, which the plan page, the board and the
    # home page link (none when the PDFs are off or the host cannot make them)
    downloads: dict[int, list] = field(default_factory=dict)
    _memo: dict[tuple, Any] = field(default_factory=dict, repr=False)

    def related_to(self, record: Record) -> list[Record]:
        """Up to five pages to read next, best first."""
        return self.related.get((record.kind.key, record.id), [])

    def updated_on(self, record: Record) -> datetime.date | None:
        """The date the page shows as "更新于", or None (not changed since published, or no full history)."""
        return self.updated.get((record.kind.key, record.id))

    def term_users(self, term_id: str) -> list[Record]:
        """Entries and news whose text uses the glossary term, newest first."""
        return self.term_uses.get(term_id, [])

    def remembered(self, key: tuple, work: Callable[[], T]) -> T:
        """What ``work()`` gives, worked out once in this build for ``key``."""
        if key not in self._memo:
            self._memo[key] = work()
        return self._memo[key]
