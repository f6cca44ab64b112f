"""JSON Schemas for editors' IDEs: shipped, current, Chinese, and wired to every data file."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from generator import schema

CJK = re.compile(r"[\u4e00-\u9fff]")
SCHEMAS = ROOT / "schemas"


def shipped() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SCHEMAS.glob("*.json"))}


def test_shipped_schemas_are_what_the_models_give():
    """After changing a model, run `python -m generator schema --out schemas` and commit."""
    expected = {schema.schema_file(name): schema.render(name) for name in schema.targets()}
    assert shipped() == expected


def test_one_schema_per_kind_of_data_file():
    assert sorted(schema.targets()) == ["brand", "forum", "innovation", "member", "units", "workplan"]


def walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, path + (i,))


@pytest.mark.parametrize("name", ["workplan", "units", "brand", "member", "forum", "innovation"])
def test_schema_speaks_draft_07_and_chinese(name):
    doc = json.loads((SCHEMAS / schema.schema_file(name)).read_text(encoding="utf-8"))
    assert doc["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(doc), "draft-07 keeps definitions under 'definitions'"
    for path, node in walk(doc):
        if "properties" in node and path[-1:] != ("properties",):
            # every object rejects unknown fields and every field has a Chinese title
            assert node["additionalProperties"] is False, path
            for field, spec in node["properties"].items():
                assert CJK.search(spec.get("title", "")), (path, field)
        for key in ("title", "description"):
            if isinstance(node.get(key), str) and path[-1:] != ("properties",):
                assert CJK.search(node[key]), (path, key, node[key])


@pytest.mark.parametrize("name", ["brand", "member", "forum", "innovation", "units", "workplan"])
def test_required_fields_in_the_schema_match_the_model(name):
    model, _ = schema.targets()[name]
    doc = schema.build(name)
    assert sorted(doc["required"]) == sorted(n for n, f in model.model_fields.items() if f.is_required())


def test_every_data_file_names_its_schema_on_the_first_line():
    for name, (_, pattern) in schema.targets().items():
        files = sorted((ROOT / "data").glob(pattern))
        assert files, pattern
        for path in files:
            relative = "../" * (len(path.relative_to(ROOT).parts) - 1) + "schemas/" + schema.schema_file(name)
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema={relative}", path


def test_vscode_settings_map_each_schema_to_its_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f"./schemas/{schema.schema_file(name)}": [f"data/{pattern}"]
        for name, (_, pattern) in schema.targets().items()
    }
    assert settings["files.encoding"] == "utf8"
    assert settings["[yaml]"]["editor.insertSpaces"] is True


def test_schema_command_writes_the_shipped_files(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").glob("*.json"))}
    assert written == shipped()
