"""Shared fixtures: the project root, and one strict MkDocs build per test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict``; a warning fails it, as it fails CI."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config.parent,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped site, built once for every test that reads HTML."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def search_index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def assert_golden(name: str, actual: str) -> None:
    """Compare with ``golden/name``; set UPDATE_GOLDEN=1 to rewrite it after reviewing a change."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def build_project(tmp: Path, data_dir: Path, **plugin_options) -> tuple[subprocess.CompletedProcess, Path]:
    """Build the shipped content and theme over another data folder, e.g. a fixture."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "content")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "showcase" in plugin:
            plugin["showcase"].update(data_dir=str(data_dir), **plugin_options)
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = tmp / "site"
    return mkdocs_build(path, site), site
