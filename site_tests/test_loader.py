"""The YAML loader: positions of keys and values, BOM, safety."""

from pathlib import Path

import pytest
import yaml

from generator.errors import DataErrors
from generator.source import loader
from generator.source.quick import quick_load


def write(tmp_path: Path, text: str | bytes, name: str = "entry.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_uses_the_c_loader_when_present():
    assert yaml.__with_libyaml__
    assert loader._Loader is yaml.CSafeLoader


def test_keeps_line_and_column_of_values_and_keys(tmp_path):
    path = write(tmp_path, "year: 2023\nsections:\n  - title: 甲\n    points:\n      - number: 7\n")
    source = loader.read_yaml(path, tmp_path)
    assert source.path == "entry.yml"
    assert source.data["sections"][0]["points"][0]["number"] == 7
    assert source.locate(("sections", 0, "points", 0, "number")) == (5, 17)
    assert source.locate(("sections", 0, "title"), key=True) == (3, 5)
    # a field that is not there points at its nearest parent
    assert source.locate(("sections", 0, "points", 0, "title")) == (5, 9)


def test_accepts_utf8_with_bom(tmp_path):
    path = write(tmp_path, "\ufefftitle: 工作要点\nyear: 2023\n")
    source = loader.read_yaml(path, tmp_path)
    assert source.data == {"title": "工作要点", "year": 2023}
    assert source.locate(("year",)) == (2, 7)


def test_duplicate_key_is_reported_and_the_rest_still_read(tmp_path):
    path = write(tmp_path, "title: 甲\nyear: 2023\ntitle: 乙\n")
    source = loader.read_yaml(path, tmp_path)
    assert [str(p) for p in source.problems] == [
        "entry.yml:3:1: title: 字段重复：第 1 行已经写过“title”，请删除其中一个。"]
    assert source.data == {"title": "甲", "year": 2023}


def test_aliases_are_refused_at_the_first_one(tmp_path):
    path = write(tmp_path, "a: &x [1, 2]\nb: [3, *x]\nc: *x\n")
    with pytest.raises(DataErrors) as exc:
        loader.read_yaml(path, tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "entry.yml:2:8: b[1]: 不支持 YAML 锚点和别名（& 与 *）：请把被引用的内容直接写在这里，并检查文件里其他以“*”开头的值。"]


def test_keys_stay_text(tmp_path):
    # YAML 1.1 reads a bare `no` or `on` as a boolean; field names must stay as written.
    source = loader.read_yaml(write(tmp_path, "no: 1\non: 2\n"), tmp_path)
    assert source.data == {"no": 1, "on": 2}


def test_alias_bomb_is_refused_before_anything_is_built(tmp_path):
    # Nearly 1 MiB of aliases, each level nine times the one before: expanded, it would not fit
    # in any memory. The loader stops at the first "*" and keeps only what came before.
    import tracemalloc

    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 20)]
    lines += [f"x{n}: [{', '.join(['*l19'] * 50)}]" for n in range(3200)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert 900_000 < path.stat().st_size <= loader.MAX_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(DataErrors) as exc:
            loader.read_yaml(path, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.line, p.column, p.field) for p in exc.value.problems] == [(2, 10, "l1[0]")]
    assert peak < 8 * 1024 * 1024


@pytest.mark.parametrize("text, line, column", [
    ("a: 一句话\x07\n", 1, 7),          # a control character after Chinese text
    ("a: 1\nb：二\n", 2, 2),            # a full-width colon
    ("a: [一, 二\nb: 3\n", 1, 4),       # an unclosed bracket: point at where it opened
])
def test_positions_agree_between_c_and_python_parsers(tmp_path, monkeypatch, text, line, column):
    path = write(tmp_path, text)
    for parser in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(loader, "_Loader", parser)
        with pytest.raises(DataErrors) as exc:
            loader.read_yaml(path, tmp_path)
        assert (exc.value.problems[0].line, exc.value.problems[0].column) == (line, column), parser


def test_a_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = write(tmp_path, "a: " + "x" * loader.MAX_BYTES)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(DataErrors) as exc:
        loader.read_yaml(path, tmp_path)
    assert "文件过大" in exc.value.report()


TRICKY = """\
title: "2023"
year: 2023
float: 1.5
flag: yes
off: off
yes_: true
no_: false
capital: True
zero: 0
octal_digits: 0123
big: 12345678901234567890
full_width: １２
nothing: ~
empty:
date: 2023-06-28
stamp: 2023-06-28 10:00:00
octal: 0o17
tagged: !!str 12
quoted: '工作: 要点'
block: |-
  第一段

  - 列表
folded: >
  一行
  两行
nested:
  - [a, 1, {b: c}]
  - {}
"""


def quick(text: str):
    return quick_load(text, loader._Loader, loader.MAX_DEPTH)


def careful(text: str) -> loader.Source:
    source = loader.Source("x.yml", None, _marks=({}, {}))
    loader._Builder(text, source).build()
    return source


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "data").rglob("*.yml")), ids=lambda p: p.name)
def test_quick_reader_gives_what_the_careful_one_gives(path):
    text = path.read_text(encoding="utf-8")
    expected = careful(text)
    assert not expected.problems
    assert quick(text) == expected.data


def test_quick_reader_on_every_kind_of_scalar():
    data = quick(TRICKY)
    assert data == careful(TRICKY).data
    # Only true/false are truth values and only plain decimal digits integers (as in YAML 1.2
    # and the JSON Schema): "yes" stays a word and "0123" is not octal 83.
    assert data["title"] == "2023" and data["year"] == 2023 and data["flag"] == "yes"
    assert data["nested"][0][2] == {"b": "c"} and data["empty"] is None
    assert (data["yes_"], data["no_"], data["zero"], data["octal_digits"]) == (True, False, 0, "0123")
    assert data["full_width"] == "１２"


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                      # alias
    "a: 1\na: 2\n",                          # repeated key
    "<<: {a: 1}\n",                          # merge key
    "? [a]\n: 1\n",                          # complex key
    "a: 1\n---\nb: 2\n",                     # two documents
    "date: 2023-02-30\n",                    # a date that does not exist
    "a: !!python/name:os.system x\n",        # a tag
    "a: " + "[" * 30 + "]" * 30 + "\n",      # deeper than MAX_DEPTH
    "",
])
def test_quick_reader_leaves_the_unusual_to_the_careful_one(text):
    assert quick(text) is None


def test_positions_are_found_only_when_a_problem_needs_them(tmp_path):
    source = loader.read_yaml(write(tmp_path, "name: 品牌\nbranch: x\n"), tmp_path)
    assert source._marks is None
    assert source.problem(("branch",), "未知").line == 2
    assert source.keys[("name",)] == (1, 1)
