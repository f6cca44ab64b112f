"""The example CI for the pull-request flow: check, strict build, tests, site/ kept."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml
from conftest import ROOT

STEPS = ["make site", ".ci/run"]


def test_make_site_is_a_strict_build_and_make_test_runs_pytest():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m generator.site.build" in makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert '"build", "--strict"' in (ROOT / "generator" / "site" / "build.py").read_text(encoding="utf-8")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_installs_the_nginx_the_deployment_tests_serve_with():
    assert "need+=(nginx)" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_github_workflow_checks_builds_tests_and_keeps_the_site():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert "pull_request" in flow[True]  # YAML 1.1 reads the key "on" as true
    job = flow["jobs"]["site"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[:4] == ["make .venv/.site-stamp", ".venv/bin/python -m generator check --format github", *STEPS]
    summary = job["steps"][-1]
    assert summary["if"] == "always()" and "$GITHUB_STEP_SUMMARY" in summary["run"]
    assert "generator summary --base \"$BASE\" --status \"$STATUS\"" in summary["run"]
    assert summary["env"]["STATUS"] == "${{ job.status }}" and "github.base_ref" in summary["env"]["BASE"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    assert "bookworm" in job["container"]


def test_gitlab_ci_checks_builds_tests_and_keeps_the_site():
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = ci["site"]
    assert job["script"] == ["make .venv/.site-stamp",
                             ".venv/bin/python -m generator check --format gitlab > gl-code-quality-report.json", *STEPS]
    assert job["artifacts"]["paths"] == ["site/"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert any("generator summary" in line and "$CI_JOB_STATUS" in line for line in job["after_script"])
    assert "bookworm" in ci["image"]
    assert any("merge_request_event" in rule["if"] for rule in job["rules"])


def test_the_gates_see_every_python_file():
    """ruff and mypy cover every folder holding Python files; only the root's build output is left out.

    A bare "site" in ruff's exclusions would also hide generator/site/ (every folder of that name).
    """
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    excluded = config["tool"]["ruff"]["extend-exclude"]
    assert all(pattern == ".venv" or pattern.startswith("./") for pattern in excluded), excluded
    folders = {folder.name for folder in ROOT.iterdir() if folder.is_dir() and not folder.name.startswith(".")
               and folder.name not in ("site", "build", "node_modules") and any(folder.rglob("*.py"))}
    lint = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlint:", 1)[1].split("\n\n", 1)[0]
    ruff_line = next(line for line in lint.splitlines() if "ruff check" in line)
    assert folders == {"generator", "site_tests", "bench", "tools"}
    assert all(f" {folder}" in ruff_line for folder in folders), ruff_line
    assert set(config["tool"]["mypy"]["files"]) == folders - {"site_tests"}


@pytest.mark.parametrize(("ci", "code", "said"), [
    pytest.param(None, 0, "没有安装 node 或 npm：跳过主题脚本的检查（ESLint）。安装 nodejs 和 npm 后再运行 make lint。", id="skips"),
    pytest.param("true", 2, "没有安装 node 或 npm：CI 中不能跳过脚本检查，请先安装（Debian：apt-get install nodejs npm）。", id="fails-under-ci"),
])
def test_make_lint_without_node_skips_the_scripts_except_under_ci(tmp_path, ci, code, said):
    """A developer without node is told the scripts were not checked; CI fails instead of skipping."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    (tmp_path / "make").symlink_to(make)  # a PATH holding make and nothing else: no node, no npm
    env = {"PATH": str(tmp_path), "LANG": "C.UTF-8"} | ({"CI": ci} if ci else {})
    done = subprocess.run([make, "-s", "lint-scripts"], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == code, done.stderr
    assert (done.stdout if code == 0 else done.stderr).splitlines()[0] == said
