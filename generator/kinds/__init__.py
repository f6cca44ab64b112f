"""The showcase kinds: one module each, found here, so adding a kind is adding a module.

Each module of this package defines its entry model (a subclass of ``model.fields.Entry``)
and declares ``KIND = Kind(...)``: its folder and URL segment, label, singular name, intro,
templates and place in the site's order. The pipeline, the JSON Schemas, ``new``, the field
guide, unit pages, citations, the board, related reading, updates, the timeline, the
navigation, the home page, the sanitizer's classes and the reserved ids all read ``KINDS``;
none of them names a kind. References are typed fields (``BranchRef``, ``UnitRef``,
``PointRef``, ``MediaPath``, ``MarkdownText``): the catalog finds them by walking the model,
so a model never lists its own.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..model.catalog import Kind
from ..model.safety import RESERVED_IDS


def discover() -> list[Kind]:
    """The ``KIND`` of every module in this package, in the order the site shows them."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        kind = getattr(importlib.import_module(f"{__name__}.{info.name}"), "KIND", None)
        if isinstance(kind, Kind):
            found.append(kind)
    for what in ("key", "name"):
        values = [getattr(k, what) for k in found]
        duplicated = {v for v in values if values.count(v) > 1}
        if duplicated:
            raise RuntimeError(f"two kinds share the {what} {sorted(duplicated)}")
    return sorted(found, key=lambda k: (k.order, k.key))


KINDS = discover()

# Ids no entry, unit or news item may take: the site's own folders and pages, and every kind's
# folder (a kind's listing is its folder's index).
RESERVED = RESERVED_IDS | {kind.key for kind in KINDS}


def by_name() -> dict[str, Kind]:
    """Every kind by its singular name, as ``new`` and the schema files call it: ``brand``."""
    return {kind.name: kind for kind in KINDS}
