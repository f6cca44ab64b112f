"""Long lists cut into pages of a fixed size, the links between them, and groups across pages.

A listing of thousands of entries on one page weighs megabytes and takes seconds to open on an
office PC. Every long list of the site (a kind's cards, a unit's entries, the entries carrying
out a point) is cut the same way: page 1 keeps the list's own address, page n lives below it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .. import addresses

T = TypeVar("T")

# Items a page holds: a page of 100 cards or list lines stays well under 300 KB of HTML.
PER_PAGE = 100
# Page numbers the pager shows on each side of the current one (first and last always).
PAGER_REACH = 2


@dataclass
class Group(Generic[T]):
    """A run of items sharing a key on one page; ``anchored`` on the page where the key starts."""

    key: Hashable
    items: list[T]
    anchored: bool
    total: int  # items with this key in the whole list


@dataclass
class Page(Generic[T]):
    """One page of a list."""

    number: int
    path: str
    items: list[T]
    groups: list[Group[T]] = field(default_factory=list)


@dataclass
class Link:
    """A link with a count: a unit on a point's page, a filter on a listing."""

    label: str
    path: str
    anchor: str  # "" for the page itself
    count: int


@dataclass
class PagerLink:
    """One link of the pager: a page number, a gap (…), the previous or the next page."""

    label: str
    path: str | None  # None: the current page or a gap, shown without a link
    current: bool = False


@dataclass
class Paged(Generic[T]):
    """A whole list cut into pages, and for each group key the page where it starts."""

    pages: list[Page[T]]
    starts: dict[Hashable, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(p.items) for p in self.pages)

    def pager(self, page: Page[T]) -> list[PagerLink]:
        """The links a page shows to the others: empty when the list fits on one page."""
        count = len(self.pages)
        if count == 1:
            return []
        shown = sorted({1, count, *range(max(1, page.number - PAGER_REACH), min(count, page.number + PAGER_REACH) + 1)})
        links = [PagerLink("上一页", self.pages[page.number - 2].path)] if page.number > 1 else []
        for before, number in zip([0] + shown, shown, strict=False):
            if number - before > 1 and before:
                links.append(PagerLink("…", None))
            current = number == page.number
            links.append(PagerLink(str(number), None if current else self.pages[number - 1].path, current))
        if page.number < count:
            links.append(PagerLink("下一页", self.pages[page.number].path))
        return links


def paginate(items: Sequence[T], first: str, key: Callable[[T], Hashable] | None = None,
             per_page: int | None = None) -> Paged[T]:
    """Cut ``items`` into pages, the first at ``first``; with ``key``, group consecutive items.

    A group may run over onto the next page; its heading's anchor is on the page where it
    starts, and ``starts`` tells other pages where to link to reach it.
    """
    per_page = per_page or PER_PAGE
    chunks = [list(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [[]]
    paged = Paged([Page(n, addresses.page(first, n), chunk) for n, chunk in enumerate(chunks, 1)])
    if key is None:
        return paged
    totals: dict[Hashable, int] = {}
    for item in items:
        totals[key(item)] = totals.get(key(item), 0) + 1
    for page in paged.pages:
        for item in page.items:
            k = key(item)
            if not page.groups or page.groups[-1].key != k:
                page.groups.append(Group(k, [], k not in paged.starts, totals[k]))
                paged.starts.setdefault(k, page.path)
            page.groups[-1].items.append(item)
    return paged
