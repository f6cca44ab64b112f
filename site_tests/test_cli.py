"""The command line: same pipeline, Chinese errors, no traceback."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from generator import pipeline
from generator.guide import scaffold, schema
from generator.kinds import KINDS


def run(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


def test_check_passes_on_shipped_data():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "检查通过" in result.stdout


def test_check_reports_every_bad_file_and_exits_1(tmp_path):
    plans = tmp_path / "data" / "workplans"
    plans.mkdir(parents=True)
    (plans / "2023.yml").write_text("year: 2023\ntitle: 要点\nbrnach: x\n", encoding="utf-8")
    (plans / "2024.yml").write_text("year: 2024\n\ttitle: 要点\n", encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert "data/workplans/2023.yml:3:1: brnach: 未知字段“brnach”：可用的字段有：overall, sections, title, year。" in lines
    assert "data/workplans/2023.yml:1:1: overall: 缺少必填字段“overall”（总体要求）：请补上。" in lines
    assert any(line.startswith("data/workplans/2024.yml:2:") and "Tab" in line for line in lines)


def test_render_writes_exactly_what_the_plugin_gets(tmp_path):
    result = run("render", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
               for p in (tmp_path / "out").rglob("*.md")}
    expected = {uri: md.encode("utf-8") for uri, md in pipeline.build(ROOT / "data", ROOT).items()}
    assert written == expected


def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def fill_required(text: str, model) -> str:
    """Fill every empty required field the way an editor would: with the field's example."""
    out, current = [], model
    for line in text.split("\n"):
        m = re.match(r"^( *)(- )?(\w+):$", line)
        if m:
            indent, _, name = m.groups()
            if not indent:
                current = model
            info = (model if not indent else current).model_fields[name]
            item = scaffold._item_model(info.annotation)
            if item is not None:
                current = item
            else:
                line += " " + scaffold.flow(info.examples[0])
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS if kind.in_data])
def test_new_writes_a_template_that_check_accepts_once_filled(tmp_path, kind):
    data = data_copy(tmp_path)
    model = schema.entry_kinds()[kind].model
    folder = schema.entry_kinds()[kind].key
    result = run("new", kind, "test-entry", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = data / folder / "test-entry.yml"
    assert result.stdout.startswith(f"已新建 data/{folder}/test-entry.yml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n")
    # every field of the model is in the template, required ones marked
    for name, info in model.model_fields.items():
        assert re.search(rf"^(# )?{name}:", text, re.MULTILINE), name
        title = info.title.removesuffix("（可选）")
        need = "必填" if info.is_required() else "选填"
        assert f"# {title}（{need}" in text, name

    unfilled = run("check", cwd=tmp_path)
    assert unfilled.returncode == 1
    reported = {line.split(": ")[1] for line in unfilled.stderr.splitlines()[:-1]}
    required = {n for n, f in model.model_fields.items() if f.is_required() and scaffold._item_model(f.annotation) is None}
    nested = {f"{n}[0].{s}" for n, f in model.model_fields.items() if scaffold._item_model(f.annotation)
              and f.is_required() for s, i in scaffold._item_model(f.annotation).model_fields.items() if i.is_required()}
    assert reported == required | nested
    assert all("不能为空" in line for line in unfilled.stderr.splitlines()[:-1])

    path.write_text(fill_required(text, model), encoding="utf-8")
    filled = run("check", cwd=tmp_path)
    assert filled.returncode == 0, filled.stderr


def test_new_refuses_an_existing_or_malformed_id(tmp_path):
    data = data_copy(tmp_path)
    existing = data / "brands" / "hongse-yizhan.yml"
    before = existing.read_bytes()
    result = run("new", "brand", "hongse-yizhan", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "data/brands/hongse-yizhan.yml 已经存在：请换一个标识，或直接编辑这个文件。\n"
    assert existing.read_bytes() == before
    for bad in ("HongQi", "hong_qi", "红旗", "hongqi-", "a/b"):
        result = run("new", "brand", bad, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr == f"标识“{bad}”不能用：只能用小写英文字母、数字和连字符（-），例如 hongse-yizhan。\n"
    result = run("new", "leader", "x", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("没有“leader”这个类别。用法：python -m generator new 类别 标识，"
                             f"类别可选 {'、'.join(kind.name for kind in KINDS)}，例如 new brand hongqi。\n")
    assert "类别可选 brand、member、forum、innovation、" in result.stderr  # the registry's order
    for reserved in ("index", *(kind.key for kind in KINDS)):
        result = run("new", "brand", reserved, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr == (f"“{reserved}”是网站保留的名称（用于列表页或网站文件夹），不能作支部品牌的标识，"
                                 f"否则会顶替那个页面：请换一个，例如 {reserved}-1。\n")
    assert sorted(p.name for p in (data / "brands").iterdir()) == sorted(p.name for p in (ROOT / "data" / "brands").iterdir())
