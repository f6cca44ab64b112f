"""check's problems on the pull request's own lines (GitHub/Gitea workflow commands, GitLab's
Code Quality report), and the job summary of what a pull request changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT

from generator.edit import changes, ci_report
from generator.errors import Problem

BAD = """\
name: 坏品牌
branch: "no%:where"
year: 2023
summary: 好
background: 背景。
practices: 做法。
results: 成效。
"""
BRANCH_MESSAGE = "“no%:where”格式不对：只能用小写英文字母、数字和连字符（-），例如 jiguan-first。"
COMMA_MESSAGE = "文件名“a,b.yml”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。"


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", *args], cwd=project, capture_output=True,
                          text=True, encoding="utf-8", env=dict(os.environ, PYTHONPATH=str(ROOT)))


@pytest.fixture
def project(tmp_path) -> Path:
    """The mini data with two mistakes: a branch id holding % and :, a file name holding a comma."""
    shutil.copytree(MINI, tmp_path / "data")
    (tmp_path / "data" / "brands" / "bad.yml").write_text(BAD, encoding="utf-8")
    (tmp_path / "data" / "brands" / "a,b.yml").write_text(BAD.replace("no%:where", "alpha-first"), encoding="utf-8")
    return tmp_path


def test_github_format_puts_each_problem_on_its_line_escaped_as_the_toolkit_does(project):
    result = check(project, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=data/brands/a%2Cb.yml,line=1,col=1,title=数据检查::data/brands/a,b.yml:1:1: " + COMMA_MESSAGE,
        "::error file=data/brands/bad.yml,line=2,col=9,title=数据检查：branch::data/brands/bad.yml:2:9: branch: "
        + BRANCH_MESSAGE.replace("%", "%25"),
    ]
    assert result.stderr == "共发现 2 处问题，请逐条修改后再检查。\n"


def test_gitlab_format_is_a_code_quality_report_on_stdout(project):
    result = check(project, "--format", "gitlab")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    fingerprints = [item.pop("fingerprint") for item in report]
    assert report == [
        {"description": COMMA_MESSAGE, "check_name": "generator-check", "severity": "major",
         "location": {"path": "data/brands/a,b.yml", "lines": {"begin": 1}}},
        {"description": "branch: " + BRANCH_MESSAGE, "check_name": "generator-check", "severity": "major",
         "location": {"path": "data/brands/bad.yml", "lines": {"begin": 2}}},
    ]
    assert all(len(f) == 64 and int(f, 16) >= 0 for f in fingerprints) and len(set(fingerprints)) == 2
    assert "data/brands/bad.yml:2:9: branch: " + BRANCH_MESSAGE in result.stderr.splitlines()
    # A line added above a problem moves it; it stays the same problem for GitLab's comparison.
    (project / "data" / "brands" / "bad.yml").write_text("# 注释\n" + BAD, encoding="utf-8")
    moved = json.loads(check(project, "--format", "gitlab").stdout)
    assert [item["fingerprint"] for item in moved] == fingerprints
    assert moved[1]["location"]["lines"]["begin"] == 3


def test_every_format_exits_as_text_does(project):
    assert check(project).returncode == 1
    assert check(project).stderr.splitlines()[-1] == "共发现 2 处问题，请逐条修改后再检查。"
    for name in ("a,b.yml", "bad.yml"):
        (project / "data" / "brands" / name).unlink()
    passed = {fmt: check(project, "--format", fmt) for fmt in ("text", "github", "gitlab")}
    assert {fmt: r.returncode for fmt, r in passed.items()} == {"text": 0, "github": 0, "gitlab": 0}
    assert passed["gitlab"].stdout == "[]\n"
    assert passed["text"].stdout.startswith("检查通过：1 份年度工作要点")
    assert passed["github"].stdout == passed["text"].stdout


def test_a_problem_twice_in_one_file_gets_two_fingerprints():
    same = [Problem("data/a.yml", 3, 1, "x", "同一句"), Problem("data/a.yml", 9, 1, "x", "同一句")]
    report = json.loads(ci_report.gitlab(same))
    assert report[0]["fingerprint"] != report[1]["fingerprint"]


def test_escaping_follows_the_actions_toolkit():
    assert ci_report.escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert ci_report.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    line = ci_report.github([Problem("data/x,y.yml", 4, 2, "a:b", "第一行\n第二行 100%")])
    assert line == ("::error file=data/x%2Cy.yml,line=4,col=2,title=数据检查：a%3Ab::"
                    "data/x,y.yml:4:2: a:b: 第一行%0A第二行 100%25")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_the_summary_names_entries_pages_and_pictures_by_kind_and_id(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    git(tmp_path, "init", "-q", "-b", "main")
    for path in ("data/brands/old.yml", "data/members/gone.yml", "content/about.md", "data/units.yml"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f"{path}\n" * 5, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "起点")
    git(tmp_path, "checkout", "-qb", "bianji")
    for path in ("data/brands/hongqi.yml", "data/media/brands/红旗.jpg", "content/news/posts/kaihui.md", "Makefile"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("新\n", encoding="utf-8")
    (tmp_path / "content" / "about.md").write_text("改了\n", encoding="utf-8")
    (tmp_path / "data" / "units.yml").write_text("改了\n", encoding="utf-8")
    (tmp_path / "data" / "members" / "gone.yml").unlink()
    git(tmp_path, "mv", "data/brands/old.yml", "data/brands/renamed.yml")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "改动")
    assert changes.summary(tmp_path, "main", "failure").splitlines() == [
        "### 检查、构建和测试：未通过",
        "",
        "请按本页的说明（拉取请求的“文件”页中也标在出错的行旁）逐条修改，再提交一次。",
        "",
        "与 main 相比，本次改动 8 个文件：",
        "- 新增 其他文件 Makefile",
        "- 修改 页面 content/about.md",
        "- 新增 动态与通知 kaihui（content/news/posts/kaihui.md）",
        "- 新增 支部品牌 hongqi（data/brands/hongqi.yml）",
        "- 改名 支部品牌 renamed（data/brands/renamed.yml）",
        "- 新增 图片 data/media/brands/红旗.jpg",
        "- 删除 党员风采 gone（data/members/gone.yml）",
        "- 修改 单位 data/units.yml",
    ]
    assert changes.summary(tmp_path, "main", "success").splitlines()[0] == "### 检查、构建和测试：通过"
    assert changes.summary(tmp_path, "bianji") == "与 bianji 相比没有改动。"
    assert changes.summary(tmp_path, "no-such-branch").startswith("无法与 no-such-branch 比较，列不出本次的改动（")
