"""JSON Schemas for editors' IDEs: shipped, current, Chinese, and wired to every data file."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from generator.guide import schema
from generator.kinds import KINDS

CJK = re.compile(r"[\u4e00-\u9fff]")
SCHEMAS = ROOT / "schemas"
# Every schema: the reference data's, then one per kind kept in data/ (by the registry).
NAMES = list(schema.targets())
WITH_DATA = [name for name, (_, pattern) in schema.targets().items() if any((ROOT / "data").glob(pattern))]


def shipped() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SCHEMAS.glob("*.json"))}


def test_shipped_schemas_are_what_the_models_give():
    """After changing a model, run `python -m generator schema --out schemas` and commit."""
    expected = {schema.schema_file(name): schema.render(name) for name in [*schema.targets(), *schema.FRONT_MATTER]}
    assert shipped() == expected


def test_one_schema_per_kind_of_data_file():
    assert ["workplan", "units", "glossary", "documents", *(kind.name for kind in KINDS if kind.in_data)] == NAMES
    assert {"brand", "member", "forum", "innovation"} <= set(NAMES)


def walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, path + (i,))


@pytest.mark.parametrize("name", NAMES)
def test_schema_speaks_draft_07_and_chinese(name):
    doc = json.loads((SCHEMAS / schema.schema_file(name)).read_text(encoding="utf-8"))
    assert doc["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(doc), "draft-07 keeps definitions under 'definitions'"
    for path, node in walk(doc):
        # (the conditions of allOf only restate rules of fields defined beside them)
        if "properties" in node and path[-1:] != ("properties",) and "allOf" not in path:
            # every object rejects unknown fields and every field has a Chinese title
            assert node["additionalProperties"] is False, path
            for field, spec in node["properties"].items():
                assert CJK.search(spec.get("title", "")), (path, field)
        for key in ("title", "description"):
            if isinstance(node.get(key), str) and path[-1:] != ("properties",):
                assert CJK.search(node[key]), (path, key, node[key])


@pytest.mark.parametrize("name", NAMES)
def test_required_fields_in_the_schema_match_the_model(name):
    model, _ = schema.targets()[name]
    doc = schema.build(name)
    assert sorted(doc["required"]) == sorted(n for n, f in model.model_fields.items() if f.is_required())


def test_every_data_file_names_its_schema_on_the_first_line():
    for name, (_, pattern) in schema.targets().items():
        files = sorted((ROOT / "data").glob(pattern))
        assert files or name not in ("workplan", "units", "glossary", "brand"), pattern  # a new kind may have none yet
        for path in files:
            relative = "../" * (len(path.relative_to(ROOT).parts) - 1) + "schemas/" + schema.schema_file(name)
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema={relative}", path


def test_vscode_settings_are_made_from_the_registry_and_the_reference_files():
    """After adding a kind, `python -m generator schema` rewrites .vscode/settings.json too."""
    from generator.kinds import KINDS

    text = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert text == schema.vscode_settings()
    settings = json.loads(text)
    expected = {"./schemas/workplan.schema.json": ["data/workplans/*.yml"], "./schemas/units.schema.json": ["data/units.yml"],
                "./schemas/glossary.schema.json": ["data/glossary.yml"], "./schemas/documents.schema.json": ["data/documents.yml"]}
    expected.update({f"./schemas/{kind.name}.schema.json": [f"data/{kind.key}/*.yml"] for kind in KINDS if kind.in_data})
    assert settings["yaml.schemas"] == expected
    assert len(expected) >= 8 and all((ROOT / path).is_file() for path in expected)  # the shipped kinds, and any added
    assert settings["files.encoding"] == "utf8"
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    assert json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8")) == {"recommendations": ["redhat.vscode-yaml"]}


def test_schema_command_writes_the_shipped_files(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").glob("*.json"))}
    assert written == shipped()
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./out/brand.schema.json"] == ["data/brands/*.yml"]
    assert (tmp_path / ".vscode" / "extensions.json").is_file()


def test_schema_check_names_each_stale_or_missing_file(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    ok = CliRunner().invoke(main, ["schema", "--check", "--out", str(ROOT / "schemas")])
    assert ok.exit_code == 0 and "一致" in ok.output, ok.output
    CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "schemas")])
    (tmp_path / "schemas" / "brand.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / ".vscode" / "settings.json").unlink()
    result = CliRunner().invoke(main, ["schema", "--check", "--out", str(tmp_path / "schemas")])
    out = tmp_path.as_posix()
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{out}/schemas/brand.schema.json:1:1: 与数据模型不一致：请运行 python -m generator schema --out {out}/schemas 重新生成，并提交改动。",
        f"{out}/.vscode/settings.json:1:1: 缺少这个文件：请运行 python -m generator schema --out {out}/schemas 重新生成，并提交改动。",
    ]


def as_the_ide_reads(value):
    """The editor's YAML extension reads YAML 1.2, where 2023-06-28 stays text."""
    import datetime

    if isinstance(value, dict):
        return {k: as_the_ide_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_the_ide_reads(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def validator(name: str):
    from jsonschema import Draft7Validator, FormatChecker

    doc = json.loads((SCHEMAS / schema.schema_file(name)).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(doc)
    return Draft7Validator(doc, format_checker=FormatChecker())


@pytest.mark.parametrize("name", NAMES)
def test_the_ide_accepts_every_shipped_data_file(name):
    import yaml

    check = validator(name)
    for path in sorted((ROOT / "data").glob(schema.targets()[name][1])):
        data = as_the_ide_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert [e.message for e in check.iter_errors(data)] == [], path


@pytest.mark.parametrize("change, where", [
    ({"brnach": "zhengwu-first"}, "brnach"),           # unknown field
    ({"wuxing": ["服务性"]}, "服务性"),                  # not one of the 五型
    ({"branch": "Zhengwu_First"}, "Zhengwu_First"),    # not an id
    ({"points": ["2023年第10条"]}, "2023年第10条"),      # not a work point reference
    ({"cover": "media/../../etc/passwd"}, "media/../../etc/passwd"),
    ({"cover": "https://example.com/a.jpg"}, "https://example.com/a.jpg"),
    ({"year": 1999}, "1999"),
    ({"summary": None}, "None"),
])
def test_the_ide_underlines_common_mistakes(change, where):
    import yaml

    data = yaml.safe_load((ROOT / "data" / "brands" / "hongse-yizhan.yml").read_text(encoding="utf-8"))
    data.update(change)
    errors = [e.message for e in validator("brand").iter_errors(as_the_ide_reads(data))]
    assert errors and any(where in message for message in errors), errors


def test_the_ide_flags_a_missing_required_field():
    import yaml

    data = yaml.safe_load((ROOT / "data" / "forums" / "luntan-1.yml").read_text(encoding="utf-8"))
    del data["speakers"][0]["branch"]
    assert [e.message for e in validator("forum").iter_errors(as_the_ide_reads(data))] == ["'branch' is a required property"]


# Values an editor might write in place of any other: YAML 1.1 numbers and truth values
# (which the reader keeps as text, as the IDE's YAML 1.2 does), quoted numbers, invisible
# characters, empty and wrong-typed values.
MUTATIONS = ["", "2023", 2023, 0, -5, 10**6, 1.5, True, None, "010", "0x1F", "2_023", "yes", "on",
             "新\u202e品牌", "a\u200bb", "tab\there", [], {}, ["x"], "media/brands/a.jpg", "2023-10",
             "2023-06-28", "zhengwu-first", "政治型", "第一"]


def leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, path + (key,))
    elif isinstance(node, list) and node:
        for i, value in enumerate(node):
            yield from leaves(value, path + (i,))
    else:
        yield path


def mutated(data, path, value):
    import copy

    out = copy.deepcopy(data)
    node = out
    for part in path[:-1]:
        node = node[part]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


@pytest.mark.slow  # thousands of mutated files through both validators
@pytest.mark.parametrize("name", WITH_DATA)
def test_check_and_the_shipped_schema_agree_on_every_mutated_value(name):
    """The IDE and `check` give the same verdict: a value one accepts the other accepts too."""
    from generator.model.validate import validate
    from generator.source import loader

    model, pattern = schema.targets()[name]
    check = validator(name)
    path = sorted((ROOT / "data").glob(pattern))[0]
    data = loader.read_yaml(path, ROOT).data
    cases = [(p, v) for p in leaves(data) for v in MUTATIONS]
    cases += [(p[:-1] if isinstance(p[-1], int) else p, KeyError) for p in leaves(data)]
    cases += [((p[:-1] if isinstance(p[-1], int) else p)[:-1] + ("unknown_field",), "x") for p in leaves(data)]
    disagree = []
    for where, value in cases:
        changed = mutated(data, where, value)
        ours = validate(model, loader.Source(path.name, changed))[0] is not None
        ide = not list(check.iter_errors(as_the_ide_reads(changed)))
        if ours != ide:
            disagree.append((where, value, "check" if ours else "schema"))
    assert disagree == [], f"{len(disagree)} of {len(cases)} disagree (accepted only by): {disagree[:10]}"
