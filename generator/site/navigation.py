"""The site's navigation: the kinds' listings in it, from the registry (mkdocs.yml need not name
them), and where every page stands in it (its tab and its breadcrumb, ``Places``).

An admin's ``nav`` that names a kind's listing (``brands/index.md``) places it, anywhere and
under any title. Every kind it leaves out is added as a top-level entry titled with the kind's
label, in the registry's order: after the entry holding the kind before it, or else before the
entry holding the kind after it, or else after the first entry (the home page).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .. import addresses
from ..model.catalog import Kind


def listing(kind: Kind) -> str:
    """The docs path of a kind's listing, as a nav names it."""
    return addresses.listing(kind.key)


def with_kinds(nav: list, kinds: Sequence[Kind]) -> list:
    """``nav`` (mkdocs.yml's, as MkDocs reads it) with every kind's listing it leaves out added."""
    out = list(nav)
    for index, kind in enumerate(kinds):
        if not any(listing(kind) in _paths(item) for item in out):
            out.insert(_place(out, kinds, index), {kind.label: listing(kind)})
    return out


def _place(nav: list, kinds: Sequence[Kind], index: int) -> int:
    holder = {listing(k): n for n, item in enumerate(nav) for k in kinds for p in _paths(item) if p == listing(k)}
    for kind in reversed(kinds[:index]):
        if listing(kind) in holder:
            return holder[listing(kind)] + 1
    for kind in kinds[index + 1:]:
        if listing(kind) in holder:
            return holder[listing(kind)]
    return min(1, len(nav))


def _paths(item: object) -> Iterator[str]:
    """Every page path a nav entry names: a path, ``{title: path}``, or ``{title: [entries]}``."""
    if isinstance(item, str):
        yield item.removeprefix("./")
    elif isinstance(item, dict):
        for value in item.values():
            yield from _paths(value)
    elif isinstance(item, list):
        for value in item:
            yield from _paths(value)


# --- Where a page is: its tab and its breadcrumb ------------------------------------------------
# The navigation names sections and listings only (mkdocs.yml), never an entry: an entry, a news
# item, a point page or the board stands in the navigation through the listed page whose address
# its own starts with (/brands/x/ through /brands/, /workplan/2023/points/3/ through /workplan/).
# That page's tab is the entry's tab, and the breadcrumb runs from the home page through the
# navigation's sections to that page, then through every page whose address lies between it and
# the entry's own. Nothing is written per page: a new kind or page is placed by its address.


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb: a title, and the page's URL (None for the page itself)."""

    title: str
    url: str | None


class Places:
    """The navigation's pages and all the site's pages by address, to place any page among them.

    ``nav`` is MkDocs' navigation (its ``pages``: the pages it names, with ``parent`` sections);
    ``pages`` every page of the build. Nothing of MkDocs is imported: any objects with ``url``,
    ``title``, ``parent`` and ``children`` do.
    """

    def __init__(self, nav: Any, pages: Iterable[Any]):
        self.named = {_key(p.url): p for p in nav.pages}
        self.pages = {_key(p.url): p for p in pages}

    def holder(self, page: Any) -> Any:
        """The navigation's page standing for ``page``: itself when named, else the named page
        with the longest address ``page``'s starts with (never the home page), else None."""
        key = _key(page.url)
        if self.named.get(key) is page:
            return page
        for prefix in reversed(_prefixes(key)):
            if prefix in self.named:
                return self.named[prefix]
        return None

    def trail(self, page: Any) -> list[Crumb]:
        """首页 › section › listing › … › the page; empty for the home page and a page nowhere below it."""
        key = _key(page.url)
        if not key or page.title is None:
            return []
        holder = self.holder(page)
        steps: list[Any] = []
        if holder is not None:
            steps = [*_sections(holder), holder]
            start = _key(holder.url)
        else:
            start = ""
        steps += [self.pages[p] for p in _prefixes(key) if len(p) > len(start) and p in self.pages]
        crumbs = [Crumb("首页", self.pages[""].url if "" in self.pages else "")]
        for step in steps:
            if step is page:
                break
            url = _first_page(step).url
            title = step.title
            if title is None or any(c.url == url for c in crumbs):
                continue  # a section's own first page, or a page not read (a preview's partial build)
            crumbs.append(Crumb(str(title), url))
        return [*crumbs, Crumb(str(page.title), None)]


def _key(url: str) -> str:
    """A page's address as a folder: ``brands/a/``, whether built with directory URLs or not."""
    url = url.removeprefix("/")
    url = url.removesuffix("index.html")
    if url.endswith(".html"):
        url = url.removesuffix(".html") + "/"
    return url


def _prefixes(key: str) -> list[str]:
    """The folders above an address, shortest first: ``a/b/c/`` -> ``a/``, ``a/b/``."""
    parts = key.strip("/").split("/")
    return ["/".join(parts[:n]) + "/" for n in range(1, len(parts))] if key else []


def _sections(item: Any) -> list[Any]:
    """The sections holding ``item``, outermost first."""
    found = []
    parent = item.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found[::-1]


def _first_page(item: Any) -> Any:
    """Where a section leads (its first page, as the tabs link it); a page is itself."""
    while item.children:
        item = item.children[0]
    return item
