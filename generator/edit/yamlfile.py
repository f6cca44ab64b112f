"""Entries as the form gets them, and the YAML an editor would have written for the form's value.

Saving edits the file's own YAML tree (ruamel.yaml, round trip): a value the form did not
change keeps its place, quotes, style and comments; a changed value is written in block style
(multi-line text as ``|-``); a field new to the file goes where the model puts it, as ``new``
orders them. A form saved unchanged leaves the file as it was, byte for byte.
"""

from __future__ import annotations

import datetime
import io
import typing
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from ..guide.scaffold import facts
from ..model.fields import record_model


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and styles survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # long Chinese lines stay on one line, as editors write them
    yaml.preserve_quotes = True
    return yaml


def parse(text: str) -> Any:
    """The file's YAML tree (None when it does not parse: the form then starts from nothing)."""
    try:
        return _yaml().load(text)
    except YAMLError:
        return None


def dump(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def plain(value: Any) -> Any:
    """A YAML value as JSON holds it: mappings, lists, text, numbers, dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def cleaned(value: Any) -> Any:
    """The form's value without what an editor left empty: blank text, empty lists and records."""
    if isinstance(value, dict):
        out = {k: cleaned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ("", None, [], {})}
    if isinstance(value, list):
        return [v for v in (cleaned(v) for v in value) if v not in ("", None, {})]
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def merge(old: Any, new: dict, model: type[BaseModel]) -> CommentedMap:
    """``old`` (a file's mapping, or None) changed to hold ``new``: unchanged values untouched,
    fields of ``model`` that ``new`` lacks removed, keys the model does not know left for check."""
    tree = old if isinstance(old, CommentedMap) else CommentedMap()
    order = [f.name for f in facts(model)]
    defaults = _defaults(model)
    for key in [k for k in tree if k in order and k not in new]:
        if plain(tree[key]) not in ("", None, [], {}):  # written empty and still empty: as it was
            del tree[key]
    for key in [k for k in order if k in new]:
        value = new[key]
        if key in tree:
            if plain(tree[key]) != value:
                tree[key] = _changed(tree[key], value, model, key)
        elif key not in defaults or defaults[key] != value:
            tree.insert(_position(tree, order, key), key, _fresh(value, model, key))
    return tree


def _position(tree: CommentedMap, order: list[str], key: str) -> int:
    """Where ``key`` goes: after the last key the model puts before it."""
    rank = order.index(key)
    at = 0
    for index, existing in enumerate(tree):
        if existing in order and order.index(existing) < rank:
            at = index + 1
    return at


def _changed(old: Any, new: Any, parent: type[BaseModel], key: str) -> Any:
    """Field ``key`` of ``parent`` changed from ``old`` to ``new``: what stayed the same keeps its form."""
    record = _field_model(parent, key)
    if isinstance(new, dict) and isinstance(old, CommentedMap) and record is not None:
        return merge(old, new, record)
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        for index, item in enumerate(new):
            if index >= len(old):
                old.append(_fresh(item, parent, key))
            elif plain(old[index]) != item:
                old[index] = _changed(old[index], item, parent, key)
        del old[len(new):]
        return old
    return _fresh(new, parent, key)


def _fresh(value: Any, parent: type[BaseModel], key: str) -> Any:
    """A value of field ``key`` of ``parent`` new to the file, in block style; a date as a date."""
    record = _field_model(parent, key)
    if isinstance(value, dict):
        return merge(None, value, record) if record is not None else CommentedMap(value)
    if isinstance(value, list):
        seq = CommentedSeq(_fresh(v, parent, key) for v in value)
        seq.fa.set_block_style()
        return seq
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and _is_date(parent, key):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value  # check says what is wrong with it, at its field
    return value


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    out = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            out[name] = plain(info.get_default(call_default_factory=True))
    return out


def _field_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The record model of field ``key`` (a nested model, or the item of a list of them)."""
    info = model.model_fields.get(key)
    return record_model(info.annotation) if info else None


def _is_date(model: type[BaseModel], key: str) -> bool:
    info = model.model_fields.get(key)
    return info is not None and _mentions(info.annotation, datetime.date)


def _mentions(annotation: Any, wanted: type) -> bool:
    if annotation is wanted:
        return True
    return any(_mentions(arg, wanted) for arg in typing.get_args(annotation))
