"""The showcase kinds: one module each, found here, so adding a kind is adding a module.

Each module of this package defines its entry model (a subclass of ``model.fields.Entry``)
and declares ``KIND = Kind(...)``: its folder and URL segment, label, intro, templates and
place in the site's order. The pipeline, the JSON Schemas, ``new``, the field guide, unit
pages, citations, the board, related reading, updates and the timeline all read ``KINDS``;
none of them names a kind. References are typed fields (``BranchRef``, ``UnitRef``,
``PointRef``, ``MediaPath``, ``MarkdownText``): the catalog finds them by walking the model,
so a model never lists its own.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..model.catalog import Kind


def discover() -> list[Kind]:
    """The ``KIND`` of every module in this package, in the order the site shows them."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        kind = getattr(importlib.import_module(f"{__name__}.{info.name}"), "KIND", None)
        if isinstance(kind, Kind):
            found.append(kind)
    keys = [k.key for k in found]
    duplicated = {k for k in keys if keys.count(k) > 1}
    if duplicated:
        raise RuntimeError(f"two kinds share the key {sorted(duplicated)}")
    return sorted(found, key=lambda k: (k.order, k.key))


KINDS = discover()


def by_name() -> dict[str, Kind]:
    """Every kind by its singular name, as ``new`` and the schema files call it: ``brand``."""
    return {kind.singular: kind for kind in KINDS}
