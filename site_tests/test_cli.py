"""The command line: same pipeline, Chinese errors, no traceback."""

import os
import subprocess
import sys

from conftest import ROOT
from generator import pipeline


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
