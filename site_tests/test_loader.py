"""The YAML loader: positions of keys and values, BOM, safety."""

from pathlib import Path

import pytest
import yaml

from generator import loader
from generator.errors import DataErrors


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
