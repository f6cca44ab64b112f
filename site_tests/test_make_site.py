"""`make site` as a newcomer and an admin meet it: quiet, in Chinese, safe to run twice or cut short.

The runs use a copy of the project over the small fixture data and this test run's Python
(its packages are those of requirements-test.txt), so nothing is installed here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from conftest import FIXTURES, ROOT, build_project
from packaging.requirements import Requirement

PROJECT_FILES = ("mkdocs.yml", "Makefile", "pyproject.toml", "requirements.txt", "requirements-test.txt")
WHOLE = ["index.html", "404.html", "brands/qingfeng/index.html", "search/meta/0.bin", "assets/javascripts/search-engine.js"]


def copy_project(root: Path) -> Path:
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, root / name)
    for name in ("content", "tools"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("posts"))  # they cite the shipped units
    shutil.copytree(FIXTURES / "mini", root / "data")
    (root / ".stamp").touch()  # newer than the requirements: make installs nothing
    return root


def make(project: Path, target: str = "site", *options: str, **popen) -> subprocess.Popen:
    command = ["make", "--no-print-directory", target, *options, f"PY={sys.executable}", f"SITE_STAMP={project / '.stamp'}"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(command, cwd=project, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site-", ".site_")))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("make"))
    run = make(root)
    output = run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    return root


def test_make_site_says_only_what_happened_in_chinese(project):
    run = make(project)
    lines = run.communicate(timeout=300)[0].splitlines()
    assert run.returncode == 0
    # No command echo, no INFO list of pages left out of the navigation, no warning.
    assert lines[0] == "正在构建网站……"
    assert re.fullmatch(r"网站已构建到 site/（用时 \d+ 秒）。", lines[-1])
    assert len(lines) == 2, lines


def test_two_runs_at_once_leave_one_complete_site(project):
    runs = [make(project) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all((project / "site" / name).is_file() for name in WHOLE)
    assert leftovers(project) == []
    assert any("另一个 make site 正在构建" in output for output in outputs), "the second run waited for the first"


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_an_interrupted_run_leaves_the_old_site_and_nothing_else(project, stop):
    before = snapshot(project / "site")
    # As Ctrl-C in a terminal or a cancelled CI job: the signal reaches make and its children.
    run = make(project, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site-build") for p in project.iterdir()):
        assert time.monotonic() < deadline and run.poll() is None, "the build never started"
        time.sleep(0.02)
    time.sleep(0.3)  # the builder is at work in its folder
    os.killpg(run.pid, stop)
    output = run.communicate(timeout=60)[0]
    assert run.returncode != 0, "the build had finished before the signal"
    assert leftovers(project) == [], output
    assert snapshot(project / "site") == before
    assert "Traceback" not in output


def test_make_site_builds_with_properdocs_when_asked(project):
    run = make(project, "site", "BUILDER=properdocs")
    output = run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    assert output.splitlines()[-1].startswith("网站已构建到 site/")
    assert b'content="mkdocs-ProperDocs' in (project / "site" / "index.html").read_bytes()


def test_a_killed_runs_folders_are_removed_by_the_next_run(project):
    for name in (".site-build-killed", ".site-old-killed", ".site-build", ".site-old"):
        (project / name / "assets").mkdir(parents=True)
    run = make(project)
    output = run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    assert leftovers(project) == []


def test_package_builds_without_a_warning(tmp_path):
    """setuptools warned that templates/ and assets/ were packages left out of the configuration."""
    shutil.copy2(ROOT / "pyproject.toml", tmp_path)
    shutil.copy2(ROOT / "README.md", tmp_path)
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    # -W error: any warning fails the build. The editable wheel is what `make site` installs.
    script = ("import setuptools.build_meta as b, sys\n"
              "print('built:', b.build_wheel(sys.argv[1]))\n"
              "print('built:', b.build_editable(sys.argv[1]))\n")
    built = subprocess.run([sys.executable, "-W", "error", "-c", script, str(tmp_path / "dist")],
                           cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    wheels = [line for line in built.stdout.splitlines() if line.startswith("built: ")]
    assert len(wheels) == 2 and ".editable-" in wheels[1], built.stdout[-500:]


def pins(name: str) -> dict[str, list[tuple[str, str]]]:
    """``{package: [(version, marker)]}`` of a lock file; every pin carries hashes."""
    text = (ROOT / name).read_text(encoding="utf-8")
    found: dict[str, list[tuple[str, str]]] = {}
    for block in re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2]):
        head = block.split(" \\", 1)[0]
        requirement = Requirement(head)
        assert "--hash=sha256:" in block, f"{name}: {head} has no hash"
        (version,) = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        found.setdefault(canonical(requirement.name), []).append((version, str(requirement.marker or "")))
    return found


def canonical(name: str) -> str:
    """A package's name as indexes compare it: ruamel.yaml and ruamel-yaml are one package (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(extra: str | None = None) -> list[Requirement]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in (project["optional-dependencies"][extra] if extra else project["dependencies"])]


def test_build_lock_pins_what_building_needs_and_no_test_tool():
    build = pins("requirements.txt")
    for requirement in declared():
        versions = build[canonical(requirement.name)]
        assert all(requirement.specifier.contains(v) for v, _ in versions), (requirement, versions)
    assert "setuptools" in build, "-e . is installed without build isolation: setuptools is pinned too"
    for requirement in declared("test"):
        assert canonical(requirement.name) not in build, f"{requirement.name} is a test tool"


def test_test_lock_adds_the_test_tools_to_the_same_build_pins():
    build, test = pins("requirements.txt"), pins("requirements-test.txt")
    assert {name: test[name] for name in build} == build
    for requirement in declared("test"):
        assert canonical(requirement.name) in test


def test_make_site_installs_the_build_lock_and_make_test_the_test_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rule = lambda target: makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]  # noqa: E731
    assert rule("$(SITE_STAMP)").startswith(" requirements.txt")
    assert "--require-hashes -r requirements.txt" in rule("$(SITE_STAMP)")
    assert "requirements-test" not in rule("$(SITE_STAMP)")
    assert "--require-hashes -r requirements-test.txt" in rule("$(TEST_STAMP)")
    assert rule("site").startswith(" $(SITE_STAMP)") and rule("test").startswith(" $(TEST_STAMP)")


def test_the_builder_does_not_list_entry_pages_as_left_out_of_the_navigation(tmp_path):
    """Also for `make serve` and a bare `mkdocs build`: the navigation names sections only."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    result, _ = build_project(tmp_path, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert 'not included in the "nav"' not in result.stderr


def test_make_serve_rebuilds_when_the_theme_changes(tmp_path):
    project = copy_project(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    css = "assets/stylesheets/showcase.css"
    # The admins' overrides: a theme/ folder of the site, named in mkdocs.yml, over the package's.
    (project / "theme" / css).parent.mkdir(parents=True)
    shutil.copy2(ROOT / "generator" / "theme" / css, project / "theme" / css)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: theme\n", 1), encoding="utf-8")
    serve = make(project, "serve", f"SERVE_ADDR=127.0.0.1:{port}", start_new_session=True)
    try:
        wait_for(port, css, lambda body: b".md-search-result__notice" in body)  # served
        with (project / "theme" / css).open("a", encoding="utf-8") as stylesheet:
            stylesheet.write("\n/* theme-changed */\n")
        wait_for(port, css, lambda body: b"theme-changed" in body)
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        serve.communicate(timeout=30)


def wait_for(port: int, path: str, ready, seconds: float = 30) -> bytes:
    """The body of ``path`` from the preview server once ``ready(body)`` holds."""
    deadline, body = time.monotonic() + seconds, b""
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                body = response.read()
            if ready(body):
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{path} never became ready; last body: {body[-200:]!r}")
