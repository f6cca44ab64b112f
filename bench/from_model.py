"""Synthetic entries for a kind that has no writer of its own in synth.py, made from its model.

Each field gets a value its type allows: references to the synthetic units, branches and
work points (the marked types), Chinese paragraphs for Markdown fields, a year, a date, a
choice; text fields take their ``examples`` (the ones the field guide and ``new`` show).
Optional pictures are left out; a required one is the site's placeholder, copied into data/media/.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model import fields

PLACEHOLDER = "media/synth/placeholder.svg"  # under data/: a required picture of a kind made here


class Maker:
    """Draws an entry of any model with the synthetic writer ``w`` (synth.Writer)."""

    def __init__(self, w: Any, units: list[dict], branches: list[dict], years: range):
        self.w, self.units, self.branches, self.years = w, units, branches, years
        self.pictures = False  # whether an entry named the placeholder picture

    def entry(self, model: type[BaseModel], prose: int) -> dict:
        """One entry of ``model``, its Markdown fields holding about ``prose`` characters in all."""
        texts = sum(1 for info in model.model_fields.values() if fields.carries(info, fields.MARKDOWN))
        return {"sample": True, **self.record(model, prose // max(1, texts))}

    def record(self, model: type[BaseModel], chars: int) -> dict:
        out = {}
        for name, info in model.model_fields.items():
            if name == "sample":
                continue
            value = self.value(name, info, chars)
            if value is not None:
                out[name] = value
        return out

    def value(self, name: str, info: FieldInfo, chars: int) -> Any:
        kind, many = _shape(info.annotation)
        if fields.carries(info, fields.MEDIA):
            if not info.is_required():
                return None
            self.pictures = True
            return [PLACEHOLDER] if many else PLACEHOLDER
        draw = self._drawer(name, info, kind, chars)
        if not many:
            return draw()
        least = next((m.min_length for m in info.metadata if getattr(m, "min_length", None)), 0) or 0
        count = max(least, self.w.rng.randint(1, 3))
        values = [draw() for _ in range(count)]
        return list(dict.fromkeys(values)) if isinstance(values[0], (str, int)) else values

    def _drawer(self, name: str, info: FieldInfo, kind: Any, chars: int):
        rng, w = self.w.rng, self.w
        example = info.examples[0] if info.examples else None
        if isinstance(example, list):
            example = example[0] if example else None
        for mark, draw in ((fields.BRANCH, lambda: rng.choice(self.branches)["id"]),
                           (fields.UNIT, lambda: rng.choice(self.units)["id"]),
                           (fields.POINT, lambda: f"2023-{rng.randint(1, 25)}"),
                           (fields.MARKDOWN, lambda: w.paragraphs(chars))):
            if fields.carries(info, mark):
                return draw
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return lambda: self.record(kind, 60)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return lambda: rng.choice(list(kind)).value
        if kind is bool:
            return lambda: bool(example)
        if kind is int:
            return (lambda: rng.choice(self.years)) if name == "year" else (lambda: example if example is not None else 1)
        if kind is datetime.date:
            return lambda: datetime.date(rng.choice(self.years), rng.randint(1, 12), rng.randint(1, 28))
        return lambda: example if example is not None else rng.choice(w.clauses)


def _shape(annotation: Any) -> tuple[Any, bool]:
    """The item type of a field (seen through ``X | None`` and ``Annotated``), and whether it is a list."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is list:
            return _shape(typing.get_args(annotation)[0])[0], True
        else:
            return annotation, False
