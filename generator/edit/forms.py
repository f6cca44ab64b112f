"""The form of a kind: the model's own JSON Schema, with pickers where the model has references.

Nothing here lists a kind's fields. The schema is the one ``check``, ``schema`` and ``new``
use; this module only walks the model beside it and, for each typed reference it finds,
gives the form a choice of names instead of an id: a branch as "示例市政务服务局 第一党支部",
a work point as "2023 第9条 …", a unit by its name; Markdown fields become text areas with
the editor's buttons, pictures an upload, a year a choice of years.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import typing
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..guide.scaffold import facts
from ..guide.schema import model_schema
from ..model import glossary
from ..model.catalog import NEWS_CATEGORIES
from ..model.fields import BRANCH, MARKDOWN, MEDIA, POINT, UNIT, Mark, record_model
from ..pipeline import ReadCache
from .places import Place

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Choices = list[tuple[Any, str]]  # (value, what the editor reads)


@dataclass
class Pickers:
    """The names references are chosen by, read from units.yml and the work plans."""

    units: Choices = field(default_factory=list)
    branches: Choices = field(default_factory=list)
    points: Choices = field(default_factory=list)
    # where a term's meaning is quoted from: each plan's overall part, then its points
    places: Choices = field(default_factory=list)
    terms: Choices = field(default_factory=list)  # glossary terms, for a term's related terms

    def without_term(self, ident: str) -> Pickers:
        """The same choices, but a term cannot be related to itself."""
        return dataclasses.replace(self, terms=[t for t in self.terms if t[0] != ident])


def pickers(root: Path, cache: ReadCache) -> Pickers:
    """Read leniently, so that a form still offers names while another file has a mistake."""
    found = Pickers()
    units_file = root / "data" / "units.yml"
    data = cache.kept(("pickers", units_file), units_file, lambda: _quick(units_file))
    for unit in (data or {}).get("units") or [] if isinstance(data, dict) else []:
        if isinstance(unit, dict) and unit.get("id"):
            found.units.append((str(unit["id"]), str(unit.get("name", unit["id"]))))
            for branch in unit.get("branches") or []:
                if isinstance(branch, dict) and branch.get("id"):
                    found.branches.append((str(branch["id"]), f"{unit.get('name', '')} {branch.get('name', '')}".strip()))
    plans = root / "data" / "workplans"
    for path in sorted(plans.glob("*.yml"), reverse=True) if plans.is_dir() else []:
        plan = cache.kept(("pickers", path), path, partial(_quick, path))
        if isinstance(plan, dict):
            points = _points(plan)
            found.points += points
            found.places += [(f"{plan.get('year')}-总体要求", f"{plan.get('year')} 总体要求"), *points]
    glossary_file = root / "data" / "glossary.yml"
    terms = cache.kept(("pickers", glossary_file), glossary_file, lambda: _quick(glossary_file))
    for term in (terms or {}).get("terms") or [] if isinstance(terms, dict) else []:
        if isinstance(term, dict) and term.get("id"):
            found.terms.append((str(term["id"]), str(term.get("term") or term["id"])))
    return found


def _points(plan: dict) -> Choices:
    out = []
    for section in plan.get("sections") or []:
        for point in (section or {}).get("points") or [] if isinstance(section, dict) else []:
            if isinstance(point, dict) and "number" in point:
                out.append((f"{plan.get('year')}-{point['number']}", f"{plan.get('year')} 第{point['number']}条 {point.get('title', '')}"))
    return out


def _quick(path: Path) -> Any:
    try:
        return yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=_Loader)  # noqa: S506 - the C safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def form_schema(where: Place, choices: Pickers) -> dict[str, Any]:
    """The JSON Schema the form is made from: the model's, references turned into pickers."""
    raw = json.loads(_schema_text(where.model))
    definitions = raw.pop("$defs", {})
    schema = _inline(raw, definitions)
    _enrich(where.model, schema, choices, where)
    return schema


@lru_cache(maxsize=64)
def _schema_text(model: type[BaseModel]) -> str:
    """The model's schema, made once (pydantic takes a while over a model with many fields)."""
    return json.dumps(model_schema(model))


def _inline(node: Any, definitions: dict) -> Any:
    """References replaced by what they name, and ``X | None`` by ``X``: one editor per field."""
    if isinstance(node, list):
        return [_inline(n, definitions) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        named = definitions[node["$ref"].rsplit("/", 1)[1]]
        node = {**named, **{k: v for k, v in node.items() if k != "$ref"}}
    options = node.get("anyOf")
    if options and any(o.get("type") == "null" for o in options) and len(options) == 2:
        kept = next(o for o in options if o.get("type") != "null")
        node = {**kept, **{k: v for k, v in node.items() if k not in ("anyOf", "default")}}
    # check judges the text (in Chinese, at its field); browsers read some patterns differently
    return {k: _inline(v, definitions) for k, v in node.items() if not (k == "pattern" and isinstance(v, str))}


def _enrich(model: type[BaseModel], schema: dict, choices: Pickers, where: Place) -> None:
    properties = schema.get("properties", {})
    for rank, name in enumerate(f.name for f in facts(model)):
        if name not in properties:
            continue
        node = properties[name]
        node["propertyOrder"] = rank + 1
        info = model.model_fields[name]
        inner = node["items"] if node.get("type") == "array" and isinstance(node.get("items"), dict) else node
        marks = _marks(info.annotation) | {m.name for m in info.metadata if isinstance(m, Mark)}
        record = record_model(info.annotation)
        if record is not None:
            _enrich(record, inner, choices, where)
            continue
        # one value to pick starts empty; the items of a list are ticked, none at first
        empty = None if inner is not node else ("（请选择）" if info.is_required() else "（不选）")
        _pick(inner, marks, empty, choices, where)
        if name == "year" and inner.get("type") == "integer":
            # a choice of years, this one first and shown (a number box would take any number)
            this = datetime.date.today().year
            _choose(inner, [(y, str(y)) for y in range(this + 1, 1999, -1)], None)
            inner.setdefault("default", this)
        if inner.get("type") == "boolean":
            inner["format"] = "checkbox"
        if where.key == "news" and name == "category":
            _choose(inner, [(c, c) for c in NEWS_CATEGORIES], empty)
        if model is glossary.Term and name in _TERM_PICKERS:
            _choose(inner, getattr(choices, _TERM_PICKERS[name]), empty)
        if inner is not node and "enum" in inner:
            node["format"] = "checkbox"  # several of a closed list: boxes to tick
            node["uniqueItems"] = True


# A glossary term's references are plain ids and places in its model (the glossary checks
# them itself, not the catalog): chosen by name all the same.
_TERM_PICKERS = {"related": "terms", "meaning_from": "places"}


def _pick(node: dict, marks: set[str], empty: str | None, choices: Pickers, where: Place) -> None:
    if BRANCH.name in marks:
        _choose(node, choices.branches, empty)
    elif UNIT.name in marks:
        _choose(node, choices.units, empty)
    elif POINT.name in marks:
        _choose(node, choices.points, empty)
    elif MEDIA.name in marks:
        node.setdefault("options", {}).update(picture=True, folder=where.key)
    elif MARKDOWN.name in marks:
        node["format"] = "textarea"
        node.setdefault("options", {})["markdown"] = True


def _choose(node: dict, options: Choices, empty: str | None) -> None:
    """A choice among ``options``, with ``empty`` first (so that nothing is picked unseen)."""
    node.pop("pattern", None)
    values = [value for value, _ in options]
    titles = [title for _, title in options]
    if empty is not None:
        values, titles = ["", *values], [empty, *titles]
    node["enum"] = values
    node.setdefault("options", {})["enum_titles"] = titles


def _marks(annotation: Any) -> set[str]:
    found = set()
    for arg in typing.get_args(annotation):
        if isinstance(arg, Mark):
            found.add(arg.name)
        else:
            found |= _marks(arg)
    return found


