"""What failed its own check, so that one ``check`` run still reports everything else.

A file that fails its schema is not in the catalog. Its own references are read from what
it says as far as each is written right (``Salvaged``) and checked like any other, so a
quoted year does not hide a wrong branch in the same file. A reference *into* such a file (a
branch when units.yml failed, a point of a plan that failed, a link to an entry whose file
failed) cannot be checked this round: it is not reported as unknown, and the broken file gets
one note saying how many references wait for it.
"""

from __future__ import annotations

import typing
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..addresses import PointId
from ..errors import Problem
from ..source.loader import Source
from .fields import BRANCH, MARKDOWN, MEDIA, POINT, UNIT, Mark, record_model
from .fields import _fields_to_walk as fields_to_walk
from .links import PLAN_PREFIXES, scheme


class Salvaged:
    """The references of a file whose model could not be built: those written right, at their place.

    It answers as an ``Entry`` does (``branch_refs`` ... ``markdown_fields``), so the catalog
    checks them the same way. A value that fails its own type is left out: its schema error
    already says what is wrong with it.
    """

    def __init__(self, model: type[BaseModel], data: Any):
        self.found = {mark: list(_walk(model, data, mark, ())) for mark in (BRANCH, UNIT, POINT, MEDIA, MARKDOWN)}

    def branch_refs(self) -> list[tuple[tuple, str]]:
        return self.found[BRANCH]

    def unit_refs(self) -> list[tuple[tuple, str]]:
        return self.found[UNIT]

    def point_refs(self) -> list[tuple[tuple, str]]:
        return self.found[POINT]

    def media_refs(self) -> list[tuple[tuple, str]]:
        return self.found[MEDIA]

    def markdown_fields(self) -> list[tuple[tuple, str]]:
        return self.found[MARKDOWN]


@dataclass
class Unread:
    """The files of a check run that did not load, and the references waiting for them."""

    units: str | None = None                              # units.yml, as shown, if it did not load
    plans: dict[str, str] = field(default_factory=dict)   # year as the file is named -> plan file that did not load
    glossary: str | None = None
    entries: dict[str, dict[str, str]] = field(default_factory=dict)  # kind key -> id -> its file
    # Files that did not load but whose references are checked all the same: (source, references).
    salvaged: list[tuple[Source, Any]] = field(default_factory=list)
    waiting: Counter = field(default_factory=Counter)     # broken file -> references into it not checked

    def entry(self, key: str, ident: str, path: str, source: Source | None = None, refs: Any = None) -> None:
        """The entry ``ident`` of kind ``key`` (file ``path``) did not load; its references, if any were read."""
        self.entries.setdefault(key, {})[ident] = path
        if source is not None and refs is not None:
            self.salvaged.append((source, refs))

    def plan(self, stem: str, path: str) -> None:
        self.plans[stem if stem.isdigit() else "?"] = path

    def holds_point(self, ref: str, loaded: typing.Container[int]) -> str | None:
        """The plan file that failed and may hold point ``ref`` ("2023-10"), or None."""
        point = PointId.parse(ref)
        if point is None or point.year in loaded:
            return None
        return self.plans.get(str(point.year)) or self.plans.get("?")

    def holds_link(self, target: str, folders: dict[str, str], loaded: typing.Container[int]) -> str | None:
        """The broken file a link by id (``brand:x``, ``unit:y``, ``point:2023-9``, ``term:…``) may lead into."""
        prefix = scheme(target) or ""
        rest = target.partition(":")[2]
        if prefix == "unit":
            return self.units
        if prefix in folders:
            return self.entries.get(folders[prefix], {}).get(rest)
        if prefix in PLAN_PREFIXES:
            return self.holds_point(rest.partition("-")[0] + "-0", loaded)
        if prefix == "term":
            return self.glossary
        return None

    def wait(self, path: str, count: int = 1) -> None:
        if count:
            self.waiting[path] += count

    def notes(self) -> list[Problem]:
        """One note for each broken file that other files refer to."""
        return [Problem(path, 1, 1, "", f"这个文件没有通过检查，其他文件引用其中内容的 {count} 处暂时无法核对："
                        "改正这个文件的错误后，请再检查一次。") for path, count in sorted(self.waiting.items())]


def _walk(model: type[BaseModel], data: Any, mark: Mark, loc: tuple) -> typing.Iterator[tuple[tuple, Any]]:
    if not isinstance(data, dict):
        return
    for name, tagged in fields_to_walk(model, mark):
        if name in data:
            leaf, inner = _types(model, name, mark, tagged)
            yield from _value(data[name], mark, loc + (name,), leaf, inner)


@lru_cache(maxsize=256)
def _types(model: type[BaseModel], name: str, mark: Mark, tagged: bool) -> tuple[TypeAdapter | None, type[BaseModel] | None]:
    """What checks one marked value of the field ``name``, and the model its values may hold."""
    info = model.model_fields[name]
    leaf = _leaf(info.annotation, tuple(info.metadata), mark) if tagged else None
    return (TypeAdapter(leaf) if leaf is not None else None), record_model(info.annotation)


def _value(value: Any, mark: Mark, loc: tuple, leaf: TypeAdapter | None, inner: type[BaseModel] | None) -> typing.Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict) and inner is not None:
        yield from _walk(inner, value, mark, loc)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _value(item, mark, loc + (i,), leaf, inner)
    elif leaf is not None and isinstance(value, str):
        try:
            yield loc, leaf.validate_python(value)
        except ValidationError:
            pass  # its schema error says what is wrong with it


def _leaf(annotation: Any, metadata: tuple, mark: Mark) -> Any:
    """The type of one marked value of a field: the field's own, or the one inside its list or Optional."""
    if mark in metadata:
        args = (annotation, *metadata)
        return Annotated[args]  # the field's type with its constraints, as pydantic took them apart
    if typing.get_origin(annotation) is Annotated and mark in typing.get_args(annotation)[1:]:
        return annotation
    for arg in typing.get_args(annotation):
        found = _leaf(arg, (), mark)
        if found is not None:
            return found
    return None


