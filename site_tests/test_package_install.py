"""The wheel as others get it: built from the tree, listed against it, installed into a fresh
virtual environment, and a site made by `init` built there, then again after an upgrade.

Slow (several builds and a new environment); pip's cache makes the installs offline-fast.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import generator

pytestmark = pytest.mark.slow


def package_files() -> list[str]:
    """Every file of the package in the tree, as the wheel should hold it."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def bumped(version: str) -> str:
    """The next patch version: 0.2.0 -> 0.2.1."""
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    """wheels(version) -> the wheel of this tree with that version, built once (pip wheel, no
    build isolation: the venv's pinned setuptools), from a copy so the tree gets no build/."""
    out = tmp_path_factory.mktemp("wheels")
    built: dict[str, Path] = {}

    def build(version: str) -> Path:
        if version not in built:
            source = out / f"src-{version}"
            for name in ("pyproject.toml", "README.md"):
                source.mkdir(exist_ok=True)
                shutil.copy2(ROOT / name, source / name)
            shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
            init = source / "generator" / "__init__.py"
            text = init.read_text(encoding="utf-8")
            init.write_text(re.sub(r'__version__ = "[^"]*"', f'__version__ = "{version}"', text), encoding="utf-8")
            result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                                     "--disable-pip-version-check", "-q", "-w", str(out), str(source)],
                                    capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
            built[version] = out / f"dangjian_showcase-{version}-py3-none-any.whl"
        return built[version]

    return build


def test_the_wheel_holds_every_module_template_asset_and_theme_file(wheels):
    wheel = zipfile.ZipFile(wheels(generator.__version__))
    names = wheel.namelist()
    info = f"dangjian_showcase-{generator.__version__}.dist-info/"
    assert sorted(n for n in names if not n.startswith(info)) == package_files()
    for needed in ("generator/theme/main.html", "generator/theme/assets/stylesheets/showcase.css",
                   "generator/templates/cards/brand.md.j2", "generator/assets/member-placeholder.svg",
                   "generator/starter/files/gitignore", "generator/starter/files/samples/data/brands/shili-pinpai.yml"):
        assert needed in names
    assert f"\nVersion: {generator.__version__}\n" in wheel.read(info + "METADATA").decode("utf-8")
    assert "showcase = generator.site.plugin:ShowcasePlugin" in wheel.read(info + "entry_points.txt").decode("utf-8")


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**environment, **env})
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def snapshot(site: Path) -> dict[str, str]:
    """The site repository's own files (not the environment, the build or the caches)."""
    skip = {".venv", "site", ".cache"}
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).parts[0] not in skip}


def properdocs_requirement(folder: Path) -> Path | None:
    """properdocs with its hashes, from the test requirements (its own dependencies are
    MkDocs' and come with requirements.txt); None where the test tools do not pin it."""
    text = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    found = re.search(r"^properdocs==.*?(?=^\S|\Z)", text, re.M | re.S)
    if not found:
        return None
    path = folder / "properdocs.txt"
    path.write_text("\n".join(line for line in found.group(0).splitlines() if not line.lstrip().startswith("#")) + "\n",
                    encoding="utf-8")
    return path


def test_a_site_made_by_init_builds_from_the_installed_wheel_and_again_after_an_upgrade(wheels, tmp_path):
    timings: dict[str, float] = {}
    started = time.monotonic()
    site = tmp_path / "site"
    run([sys.executable, "-m", "generator", "init", str(site), "--samples"], cwd=tmp_path)
    first, second = wheels(generator.__version__), wheels(bumped(generator.__version__))
    timings["wheels"] = time.monotonic() - started

    # A fresh environment where the Makefile makes its own: dependencies as this repository
    # pins them, then `make site` installs the wheel, with no index to reach.
    started = time.monotonic()
    run([sys.executable, "-m", "venv", str(site / ".venv")], cwd=tmp_path)
    python = site / ".venv" / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--require-hashes",
         "-r", str(ROOT / "requirements.txt")], cwd=site)
    timings["venv"] = time.monotonic() - started
    before = snapshot(site)

    for wheel, version in ((first, generator.__version__), (second, bumped(generator.__version__))):
        started = time.monotonic()
        made = run(["make", "--no-print-directory", "site", f"PACKAGE={wheel}"], cwd=site, PIP_NO_INDEX="1")
        timings[f"make site {version}"] = time.monotonic() - started
        assert made.stdout.startswith(f"正在安装 {wheel}……\n"), made.stdout
        assert "网站已构建到 site/" in made.stdout + made.stderr
        installed = run([str(python), "-c", "import generator; print(generator.__version__, generator.__file__)"], cwd=site)
        found_version, found_file = installed.stdout.split()
        assert found_version == version
        assert Path(found_file).is_relative_to(site / ".venv"), "the installed package, not this tree"
        assert "示例品牌：党员先锋岗" in (site / "site" / "brands" / "shili-pinpai" / "index.html").read_text(encoding="utf-8")
        assert snapshot(site) == before, "an upgrade needs no change to the site's files"

    again = run(["make", "--no-print-directory", "site", f"PACKAGE={second}"], cwd=site, PIP_NO_INDEX="1")
    assert "正在安装" not in again.stdout, "the same package is not installed twice"

    requirement = properdocs_requirement(tmp_path)
    if requirement is not None:
        run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--require-hashes", "--no-deps",
             "-r", str(requirement)], cwd=site)
        started = time.monotonic()
        run(["make", "--no-print-directory", "site", f"PACKAGE={second}", "BUILDER=properdocs"], cwd=site, PIP_NO_INDEX="1")
        timings["make site properdocs"] = time.monotonic() - started
        assert b"ProperDocs" in (site / "site" / "index.html").read_bytes()
    print("timings (s):", {k: round(v, 1) for k, v in timings.items()})
