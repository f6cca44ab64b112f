"""The linked, checked content of a site: what render functions read, never change."""

from __future__ import annotations

from dataclasses import dataclass, field

from .workplan import WorkPlan


@dataclass
class Catalog:
    """Everything loaded from ``data/``, with ids resolved."""

    workplans: dict[int, WorkPlan] = field(default_factory=dict)
