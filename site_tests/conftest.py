"""Shared fixtures: the project root, and one strict MkDocs build per test session."""

from __future__ import annotations

import bisect
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The preview tests stop `mkdocs serve` and `make serve` with Ctrl-C (SIGINT), as a person does. A
# shell that starts the test run in the background (`make test &` in a script) starts it with
# SIGINT ignored, and every server the tests start would inherit that and never stop: undo it.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
# Every site built in one test session carries the same build date (the footer's 更新于), the
# session's start, even when the session runs past midnight: tests that compare two builds (MkDocs
# against ProperDocs, say) compare the sites, not the clock. MkDocs and ProperDocs both read it.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"   # the smallest valid data: one plan, units alpha and beta
# A valid brand case over the mini data, for tests that add one.
MINI_BRAND = """\
name: 新品牌
branch: alpha-first
year: 2023
summary: 一句话简介
background: 背景。
practices: 做法。
results: 成效。
"""
GOLDEN = Path(__file__).resolve().parent / "golden"
# The note on a file that did not load, when other files refer to it ({} of their references wait).
WAITING = "这个文件没有通过检查，其他文件引用其中内容的 {} 处暂时无法核对：改正这个文件的错误后，请再检查一次。"


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict``; a warning fails it, as it fails CI."""
    return subprocess.run(mkdocs_command(config, site_dir), capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), cwd=config.parent)


def mkdocs_command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]


class Builds:
    """The session's two builds of the shipped site, started in the background: the browser
    tests need both, and on two cores they take little more time together than one alone."""

    def __init__(self, tmp_path_factory):
        self.factory = tmp_path_factory
        self.running: dict[str, tuple[subprocess.Popen, Path]] = {}
        self.done: dict[str, Path] = {}

    def start(self, name: str) -> None:
        if name in self.running:
            return
        if name == "plain":
            config, site = ROOT / "mkdocs.yml", self.factory.mktemp("site")
        else:  # deployed: as an admin serving it under a sub-path builds it
            tmp = self.factory.mktemp("deployed")
            config, site = project_config(tmp, site_url=SITE_URL), tmp / "site"
        child = subprocess.Popen(mkdocs_command(config, site), cwd=config.parent, text=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        self.running[name] = (child, site)

    def wait(self, name: str) -> Path:
        if name not in self.done:
            self.start(name)
            child, site = self.running[name]
            errors = child.communicate()[1]
            assert child.returncode == 0, errors
            self.done[name] = site
        return self.done[name]


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory)


@pytest.fixture(scope="session")
def built_site(builds) -> Path:
    """The shipped site, built once for every test that reads HTML."""
    return builds.wait("plain")


@pytest.fixture(scope="session")
def search_index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def search_sections(built_site) -> dict[str, tuple[str, str]]:
    """``{location: (title, text)}`` of every section in the site's search index."""
    return sections_of(built_site)


def sections_of(site: Path) -> dict[str, tuple[str, str]]:
    """``{location: (title, text)}`` of every section in the search index of the site built in ``site``."""
    from generator.search import pieces

    folder = site / "search"
    meta = pieces.read_meta(folder)
    texts = []
    for number in range(len(meta["chunks"])):
        texts += pieces.read_json(folder, f"t/{number}")
    out = {}
    for (page, anchor, title, _), text in zip(meta["docs"], texts, strict=True):
        url = meta["pages"][page][0]
        out[f"{url}#{anchor}" if anchor else url] = (title, text)
    return out


def seal_plans(data_dir: Path) -> None:
    """Seal every plan under ``data_dir/workplans`` as `python -m generator seal` does:
    for tests that write a plan of their own."""
    from generator.model import seal
    from generator.model.validate import validate
    from generator.model.workplan import WorkPlan
    from generator.source import loader

    for path in sorted((data_dir / "workplans").glob("*.yml")):
        plan, problems = validate(WorkPlan, loader.read_yaml(path, data_dir.parent))
        assert plan is not None and not problems, problems
        seal.seal_path(path).write_text(seal.seal(plan), encoding="utf-8")


def assert_golden(name: str, actual: str) -> None:
    """Compare with ``golden/name``; set UPDATE_GOLDEN=1 to rewrite it after reviewing a change."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def project_config(tmp: Path, data_dir: Path | None = None, site_url: str | None = None,
                   pages: dict[str, str] | None = None, **plugin_options) -> Path:
    """``tmp/mkdocs.yml``: the shipped configuration, pages and theme, over another data folder
    (e.g. a fixture), or over a copy of the shipped data and news beside it (where its media
    checks want it), with a site_url as an admin deploying under a sub-path sets it;
    ``pages`` replaces hand-written pages (``{"index.md": text}``)."""
    import yaml

    # The shipped pages, but the news of the data's own project (the shipped sample news cite
    # the shipped sample units): a fixture has none, the benchmark's data writer writes some.
    ignore = shutil.ignore_patterns("posts")
    if data_dir is None:
        data_dir, ignore = tmp / "data", None
        shutil.copytree(ROOT / "data", data_dir)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = tmp / "content"
    shutil.copytree(ROOT / "content", docs, dirs_exist_ok=True, ignore=ignore)
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    config["docs_dir"] = str(docs)
    if site_url:
        config["site_url"] = site_url
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "showcase" in plugin:
            plugin["showcase"].update(data_dir=str(data_dir), **plugin_options)
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build_project(tmp: Path, data_dir: Path, site_url: str | None = None, pages: dict[str, str] | None = None,
                  **plugin_options) -> tuple[subprocess.CompletedProcess, Path]:
    """Build the shipped content and theme over another data folder, e.g. a fixture."""
    site = tmp / "site"
    return mkdocs_build(project_config(tmp, data_dir, site_url, pages, **plugin_options), site), site


# Where the deployment tests pretend the site lives: the README asks admins who serve it under a
# sub-path to set site_url. Its host is never asked for: only the sitemap and canonical links
# name it, and the 404 page takes its path.
SITE_URL = "http://dangjian.example/dangjian/"


@pytest.fixture(scope="session")
def deployed_site(builds) -> Path:
    """The shipped site built with ``site_url`` = SITE_URL, as the README's 部署 section says."""
    return builds.wait("deployed")


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def read_shard(data: bytes, folder: Path) -> dict[str, list[int]]:
    """A shard decoded the way the worker decodes it: key -> offsets in the corpus. A common
    key (its size odd) has its offsets in blocks, ``c/<n>`` of ``folder``, each as gaps from 0
    on; its entry starts with how many and the first one's number."""
    from generator.search import pieces

    count, pos = read_varint(data, 0)
    table = []
    for _ in range(count):
        size, pos = read_varint(data, pos)
        key = data[pos:pos + size].decode("utf-8")
        pos += size
        length, pos = read_varint(data, pos)
        table.append((key, length // 2, length % 2))
    out = {}
    for key, length, common in table:
        values = read_varints(data[pos:pos + length])
        pos += length
        if common:
            blocks = range(values[1], values[1] + values[0])
            out[key] = [at for n in blocks for at in itertools.accumulate(read_varints(pieces.read(folder, f"c/{n}")))]
        else:
            out[key] = list(itertools.accumulate(values))
    return out


def read_varints(data: bytes) -> list[int]:
    out, pos = [], 0
    while pos < len(data):
        value, pos = read_varint(data, pos)
        out.append(value)
    return out


@pytest.fixture(scope="session")
def find_phrase(built_site, search_sections):
    """``find_phrase("三下三帮")``: the locations of the sections holding the phrase, found
    through the index's postings as its bigrams at consecutive offsets (as the browser does)."""
    return phrase_finder(built_site, search_sections)


def phrase_finder(site: Path, search_sections: dict[str, tuple[str, str]]):
    """``find_phrase`` for the site built in ``site``."""
    from generator.search import pieces

    folder = site / "search"
    shards = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))["config"]["showcase"]["shards"]
    postings: dict[str, list[int]] = {}
    for number in range(shards):
        postings.update(read_shard(pieces.read(folder, f"p/{number}"), folder))
    locations = list(search_sections)
    starts = [0]
    for _title, text in search_sections.values():
        starts.append(starts[-1] + len(text) + 1)

    def find(phrase: str) -> set[str]:
        lists = [set(postings.get(phrase[i:i + 2], ())) for i in range(len(phrase) - 1)]
        found = {at for at in lists[0] if all(at + k in lists[k] for k in range(1, len(lists)))}
        return {locations[bisect.bisect_right(starts, at) - 1] for at in found}

    return find


# What makes a test slow: it builds a whole site, runs a command, or drives the browser. It is
# looked for in the test and its fixtures (those they ask for too), and in the tests' own helpers
# that any of them calls, however deep: a test that builds or runs our commands through a helper
# is slow too. A helper's quick subprocess (git, to set up a repository) is not a command run.
_SLOW_CALLS = ("build_project(", "mkdocs_build(", "synth.write(", "make_site(", "make(", "run_cli(",
               "sync_playwright", "nginx", "builds.wait(", "sys.executable")
_SLOW_HERE = ("subprocess.",)  # in the test or a fixture itself


def _is_slow(item) -> bool:
    if "browser" in item.path.parts or item.get_closest_marker("slow"):
        return True
    functions = [getattr(item, "function", None)]
    for name in getattr(item, "fixturenames", ()):
        for fixturedef in item._fixtureinfo.name2fixturedefs.get(name, ()):
            functions.append(fixturedef.func)
    return any(any(call in _source(f) for call in _SLOW_HERE) or _calls_slow(f, set()) for f in functions if f is not None)


_SOURCES: dict = {}
_VERDICTS: dict = {}


def _source(function) -> str:
    import inspect

    if function not in _SOURCES:
        try:
            _SOURCES[function] = inspect.getsource(inspect.unwrap(function))
        except (OSError, TypeError):
            _SOURCES[function] = ""
    return _SOURCES[function]


def _calls_slow(function, visiting: set) -> bool:
    """Whether ``function``, or a helper of the tests (conftest, test_*) it calls, however deep, is slow."""
    import inspect

    if function in _VERDICTS:
        return _VERDICTS[function]
    if function in visiting:
        return False
    visiting.add(function)
    slow = any(call in _source(function) for call in _SLOW_CALLS)
    code = getattr(inspect.unwrap(function), "__code__", None)
    if not slow and code is not None:
        names = set(code.co_names) | {const.co_name for const in code.co_consts if inspect.iscode(const)}
        helpers = [function.__globals__.get(name) for name in names]
        slow = any(_calls_slow(helper, visiting) for helper in helpers if inspect.isfunction(helper)
                   and (helper.__module__ == "conftest" or helper.__module__.startswith("test_")))
    _VERDICTS[function] = slow
    return slow


def pytest_collection_modifyitems(config, items):
    """Mark the slow tests so that `make test-fast` can leave them out (`make test` runs all)."""
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)


def load_problems(data: Path) -> list[str]:
    """Every problem ``pipeline.load`` reports for ``data`` (which must have some), as printed."""
    from generator import pipeline
    from generator.errors import DataErrors

    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, data.parent)
    return [str(p) for p in exc.value.problems]
