"""The generator as a package others install: one wheel with everything it reads, and
`python -m generator init DIR`, which writes a site repository of content only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT

import generator
from generator.cli import main
from generator.guide import schema

# What a new site holds, and nothing else: its content, its settings, the plan's seal, the schemas.
STARTER = [
    ".editorconfig", ".github/workflows/site.yml", ".gitignore", ".gitlab-ci.yml",
    ".vscode/extensions.json", ".vscode/settings.json", "Makefile",
    "content/guide.md", "content/index.md", "content/tags.md",
    "data/units.yml", "data/workplans/2026.seal.json", "data/workplans/2026.yml", "mkdocs.yml",
    # one schema per file kind: the reference data's and each kind's of the registry
    *(f"schemas/{schema.schema_file(name)}" for name in [*schema.targets(), *schema.FRONT_MATTER]),
]
STARTER.sort()
assert {"schemas/brand.schema.json", "schemas/news.schema.json", "schemas/workplan.schema.json"} <= set(STARTER)
SAMPLES = [
    "content/news/posts/shili-dongtai.md", "data/brands/shili-pinpai.yml", "data/forums/shili-luntan.yml",
    "data/innovations/shili-chuangxin.yml", "data/members/shili-dangyuan.yml",
]


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def init(tmp_path: Path, *args: str) -> tuple[Path, object]:
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["init", str(site), "--year", "2026", *args])
    return site, result


def check(site: Path, monkeypatch) -> object:
    monkeypatch.chdir(site)
    return CliRunner().invoke(main, ["check"])


def test_init_writes_the_listed_files_only_and_they_pass_check(tmp_path, monkeypatch):
    site, result = init(tmp_path)
    assert result.exit_code == 0, result.output
    assert tree(site) == STARTER
    assert f"已在 {site.as_posix()}/ 建立网站（{len(STARTER)} 个文件，生成器 {generator.__version__}）" in result.output
    checked = check(site, monkeypatch)
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("检查通过：1 份年度工作要点（1 条要点），1 个单位，支部品牌 0 项、")
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
    assert "custom_dir" not in config["theme"], "a new site names no folder of ours"
    showcase = next(p["showcase"] for p in config["plugins"] if isinstance(p, dict) and "showcase" in p)
    assert showcase["samples"] is False
    makefile = (site / "Makefile").read_text(encoding="utf-8")
    assert f"VERSION := {generator.__version__}\n" in makefile
    assert "PACKAGE ?= dangjian-showcase==$(VERSION)\n" in makefile
    for target in ("site:", "check:", "serve:", "schema:"):
        assert f"\n{target}" in makefile


def test_the_new_sites_plan_is_a_sealed_frame_marked_for_entry(tmp_path):
    site, _ = init(tmp_path)
    plan = yaml.safe_load((site / "data/workplans/2026.yml").read_text(encoding="utf-8"))
    assert plan["year"] == 2026 and plan["title"] == "2026年机关党建工作要点（待录入）"
    assert [p["number"] for s in plan["sections"] for p in s["points"]] == [1]
    seal = json.loads((site / "data/workplans/2026.seal.json").read_text(encoding="utf-8"))
    assert seal["year"] == 2026 and seal["parts"]["title"] == plan["title"]
    units = yaml.safe_load((site / "data/units.yml").read_text(encoding="utf-8"))
    assert units == {"units": [{"id": "jiguan", "name": "机关党委", "branches": [{"id": "jiguan-first", "name": "第一党支部"}]}]}
    assert not any("sample" in (site / name).read_text(encoding="utf-8") for name in STARTER if name.startswith("data/"))


def test_samples_add_one_entry_of_each_kind_marked_as_samples(tmp_path, monkeypatch):
    site, result = init(tmp_path, "--samples")
    assert result.exit_code == 0, result.output
    assert tree(site) == sorted(STARTER + SAMPLES)
    for name in SAMPLES:
        assert "\nsample: true\n" in (site / name).read_text(encoding="utf-8"), name
    for path in sorted((site / "data").rglob("*.yml")):  # the editor's IDE finds each file's schema
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path
    assert "      samples: true " in (site / "mkdocs.yml").read_text(encoding="utf-8")
    checked = check(site, monkeypatch)
    assert checked.exit_code == 0, checked.output
    assert "支部品牌 1 项、党员风采 1 项、书记论坛 1 项、党建创新榜 1 项、动态与通知 1 项" in checked.output


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(site)])
    assert result.exit_code == 1
    assert result.output == (f"“{site.as_posix()}”不是空文件夹：init 只在新的或空的文件夹中建立网站，不会覆盖已有的文件。"
                             "请换一个新文件夹的名字，或先把其中的文件移走。\n")
    assert tree(site) == ["notes.txt"]
    result = CliRunner().invoke(main, ["init", str(site / "notes.txt")])
    assert result.exit_code == 1
    assert result.output == (f"“{(site / 'notes.txt').as_posix()}”已经存在，而且不是文件夹："
                             "请换一个新文件夹的名字，例如 python -m generator init my-site。\n")
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "link")])
    assert result.exit_code == 1
    assert result.output == (f"“{(tmp_path / 'link').as_posix()}”是符号链接（快捷方式）："
                             "请给一个真实的新文件夹的名字，例如 python -m generator init my-site。\n")
    assert not (tmp_path / "elsewhere").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert CliRunner().invoke(main, ["init", str(empty), "--year", "2026"]).exit_code == 0
    assert tree(empty) == STARTER


def test_init_refuses_a_year_no_plan_can_have(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "site"), "--year", "1999"])
    assert result.exit_code == 2 and "1999" in result.output
    assert not (tmp_path / "site").exists()


def test_the_new_site_shares_this_sites_texts_and_settings(tmp_path):
    """One guide, one tags page, one .editorconfig, one mkdocs.yml (but for the samples switch),
    the schemas and VS Code settings this repository commits: a change here must reach the
    starter too (generator/starter/files/)."""
    site, _ = init(tmp_path)
    for name in ("content/guide.md", "content/tags.md", ".editorconfig", ".vscode/settings.json", ".vscode/extensions.json"):
        assert (site / name).read_bytes() == (ROOT / name).read_bytes(), name
    for path in sorted((ROOT / "schemas").glob("*.json")):
        assert (site / "schemas" / path.name).read_bytes() == path.read_bytes(), path.name
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theirs = (site / "mkdocs.yml").read_text(encoding="utf-8")
    switch = re.compile(r"^      samples: .*$", re.M)
    assert switch.sub("", ours) == switch.sub("", theirs)


def test_the_ci_examples_check_and_build(tmp_path):
    site, _ = init(tmp_path)
    github = yaml.safe_load((site / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = [s.get("run") for s in github["jobs"]["site"]["steps"] if s.get("run")]
    assert steps[:3] == ["make env", ".venv/bin/python -m generator check --format github", "make site"]
    assert "generator summary --base" in steps[3] and "$GITHUB_STEP_SUMMARY" in steps[3]
    gitlab = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert [line.split("#")[0].strip() for line in gitlab["site"]["script"]] == [
        "make env", ".venv/bin/python -m generator check --format gitlab > gl-code-quality-report.json", "make site"]
    assert gitlab["site"]["artifacts"]["paths"] == ["site/"]
    assert gitlab["site"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("generator summary" in line for line in gitlab["site"]["after_script"])


def test_the_changelog_has_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(generator.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    assert "## [未发布]" in changelog


def test_init_says_in_chinese_when_it_cannot_write(tmp_path):
    """A folder that cannot be made (here under a file: even root cannot) is told, not a traceback."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    target = tmp_path / "notes.txt" / "site"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{target.as_posix()}")
    assert "：无法写入（Not a directory，ENOTDIR）：请换一个有写入权限、磁盘有空间的位置，" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
