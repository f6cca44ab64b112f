"""The kinds' listings in the site's navigation, from the registry: mkdocs.yml need not name them.

An admin's ``nav`` that names a kind's listing (``brands/index.md``) places it, anywhere and
under any title. Every kind it leaves out is added as a top-level entry titled with the kind's
label, in the registry's order: after the entry holding the kind before it, or else before the
entry holding the kind after it, or else after the first entry (the home page).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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
