"""JSON Schemas for editors' IDEs, made from the same models that check the data.

VS Code's YAML extension reads them (through the ``# yaml-language-server: $schema=`` first
line of each data file, or ``.vscode/settings.json``) to complete field names and underline
mistakes while an editor types. Its validator speaks JSON Schema draft-07, so the schemas
declare that draft and keep their definitions under ``definitions``.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from ..kinds import by_name
from ..model import documents, glossary, units, workplan
from ..model.catalog import Kind

DRAFT = "http://json-schema.org/draft-07/schema#"


def targets() -> dict[str, tuple[type[BaseModel], str]]:
    """Schema name -> (model, the data files it describes, relative to data/)."""
    out: dict[str, tuple[type[BaseModel], str]] = {
        "workplan": (workplan.WorkPlan, "workplans/*.yml"),
        "units": (units.UnitsFile, "units.yml"),
        "glossary": (glossary.GlossaryFile, "glossary.yml"),
        "documents": (documents.DocumentsFile, "documents.yml"),
    }
    for name, kind in entry_kinds().items():
        out[name] = (kind.model, kind.pattern.removeprefix("data/"))
    return out


def entry_kinds() -> dict[str, Kind]:
    """The kinds whose entries are data files, by their singular name: ``brand`` -> brands."""
    return {name: kind for name, kind in by_name().items() if kind.in_data}


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


class _Draft07(GenerateJsonSchema):
    """Pydantic's generator, with docstrings (notes for developers, in English) left out."""

    def model_schema(self, schema):
        return _without_docstring(super().model_schema(schema), schema["cls"])

    def enum_schema(self, schema):
        out = super().enum_schema(schema)
        return out if out.get("title") == "五型" else _without_docstring(out, schema["cls"])


def _without_docstring(json_schema: dict, cls: type) -> dict:
    if cls.__doc__ and json_schema.get("description") == inspect.cleandoc(cls.__doc__):
        del json_schema["description"]
    return json_schema


# Kinds kept as Markdown files in content/ (news): the schema describes their front matter, for
# editors whose tools check front matter; their text (body) is below it, not in it.
FRONT_MATTER = {name: (kind.model, kind.pattern, kind.body) for name, kind in by_name().items() if kind.body}


def build(name: str) -> dict[str, Any]:
    """The schema called ``name``, as the editor's IDE gets it."""
    model: type[BaseModel]
    if name in FRONT_MATTER:
        model, shown, body_field = FRONT_MATTER[name]
    else:
        (model, pattern), body_field = targets()[name], None
        shown = f"data/{pattern}"
    body = model_schema(model)
    out: dict[str, Any] = {"$schema": DRAFT}
    out.update(body)
    if body_field:
        del out["properties"][body_field]
        out["required"] = [n for n in out["required"] if n != body_field]
    if "$defs" in out:
        out["definitions"] = out.pop("$defs")
    what = "每个文件" if "*" in shown else "这个文件"
    part = "开头 --- 之间的基本信息" if body_field else ""
    out.setdefault("description", f"{shown} 的格式：{what}{part}是一份“{out['title']}”。由模型自动生成，请勿手改。")
    return out


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of ``model`` as the IDE's schemas and the editing server's forms have it
    (draft-07 references, definitions under ``$defs``)."""
    return model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_Draft07)


def render(name: str) -> str:
    """The schema as the file under ``schemas/`` holds it: stable, readable, UTF-8."""
    return json.dumps(build(name), ensure_ascii=False, indent=2) + "\n"


# What VS Code applies to every file of a site besides the schemas: UTF-8, LF, spaces in YAML.
_EDITOR = {
    "files.encoding": "utf8",
    "files.autoGuessEncoding": False,
    "files.eol": "\n",
    "[yaml]": {
        "editor.insertSpaces": True,
        "editor.tabSize": 2,
        "editor.detectIndentation": False,
        "editor.renderWhitespace": "all",
    },
    "[markdown]": {
        "editor.insertSpaces": True,
        "editor.tabSize": 4,
    },
}


def vscode_settings(folder: str = "schemas") -> str:
    """``.vscode/settings.json``: each schema in ``folder`` (beside .vscode/) mapped to the data
    files it describes, from the registry and the reference files, then the editor settings."""
    mapping = {f"./{folder}/{schema_file(name)}": [f"data/{pattern}"] for name, (_, pattern) in targets().items()}
    return json.dumps({"yaml.schemas": mapping, **_EDITOR}, ensure_ascii=False, indent=2) + "\n"


VSCODE_EXTENSIONS = json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


def expected_files(out_dir: Path) -> dict[Path, str]:
    """Every file ``schema`` writes: the schemas in ``out_dir`` and VS Code's settings in the
    .vscode/ folder beside it (the project's, when ``out_dir`` is its schemas/)."""
    files = {out_dir / schema_file(name): render(name) for name in [*targets(), *FRONT_MATTER]}
    vscode = out_dir.parent / ".vscode"
    files[vscode / "settings.json"] = vscode_settings(out_dir.name)
    files[vscode / "extensions.json"] = VSCODE_EXTENSIONS
    return files


def write_all(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir`` and the VS Code settings beside it; returns the files written."""
    written = []
    for path, text in expected_files(out_dir).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def stale(out_dir: Path) -> list[Path]:
    """The files ``write_all(out_dir)`` would change: missing, or not what the models give."""
    def differs(path: Path, text: str) -> bool:
        try:
            return path.read_bytes() != text.encode("utf-8")
        except OSError:
            return True
    return [path for path, text in expected_files(out_dir).items() if differs(path, text)]
