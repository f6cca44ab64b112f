"""The preview never hangs on a data mistake: `mkdocs serve` answers every address at once with
check's messages in Chinese, and the site comes back once the file is saved fixed; started
on data that already has a mistake, it serves that page instead of exiting."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from conftest import MINI, ROOT, project_config

BROKEN = ("branch: alpha-first", "branch: nowhere")
ANSWER_S = 5  # "at once": a hanging server would hold the request until its rebuild passes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """``mkdocs serve`` (--dirty as make serve runs it, or not) on a project, its log kept."""

    def __init__(self, config: Path, *options: str):
        self.port = free_port()
        self.log = config.parent / "serve.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
            cwd=config.parent, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT)))

    def get(self, path: str, timeout: float = ANSWER_S) -> tuple[int, str]:
        try:
            with urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, text: str, seconds: float = 120) -> tuple[int, str]:
        """``path``'s answer once it holds ``text`` (a request waits while a build runs)."""
        deadline, body = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text(encoding="utf-8")[-3000:]
            try:
                status, body = self.get(path)
            except (URLError, TimeoutError):  # not listening yet, or a build is running
                time.sleep(0.3)
                continue
            if text in body:
                return status, body
            time.sleep(0.3)
        raise AssertionError(f"{path} never showed {text!r}:\n{body[-500:]}\n" + self.log.read_text(encoding="utf-8")[-3000:])

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGINT)
        self.proc.wait(timeout=30)


def check_lines(project: Path) -> list[str]:
    """What `python -m generator check` says about the project's data."""
    done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True,
                          encoding="utf-8", env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 1
    return done.stderr.splitlines()


def shown(body: str) -> list[str]:
    """The problems and the total line as the page lists them."""
    items = [html.unescape(m) for m in re.findall(r"<li>(.*?)</li>", body, re.S)]
    total = re.search(r"<p>(共发现 .*?)</p>", body)
    return items + ([html.unescape(total.group(1))] if total else [])


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path, project_config(tmp_path, tmp_path / "data")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("options", [("--dirty",), ()], ids=["make-serve", "plain-serve"])
def test_a_mistake_is_shown_at_every_address_and_the_fix_brings_the_site_back(project, options):
    tmp, config = project
    brand = tmp / "data" / "brands" / "qingfeng.yml"
    serve = Serve(config, *options)
    try:
        _, before = serve.wait_for("brands/qingfeng/", "清风")
        edit(brand, *BROKEN)
        status, body = serve.wait_for("", "数据有误，暂时无法预览")
        assert status == 200 and shown(body) == check_lines(tmp)
        assert shown(body)[0].startswith("data/brands/qingfeng.yml:")
        # Every other address answers at once with the same page, the server's own script or not.
        for path in ("brands/qingfeng/", "members/", "assets/stylesheets/showcase.css", "no/such/page/"):
            status, other = serve.get(path)
            assert status == 404 and shown(other) == shown(body), path
        assert "/livereload/" in body  # the page reloads itself into the site once it builds
        epoch = int(serve.get("livereload/0/0")[1])
        edit(brand, *reversed(BROKEN))
        assert int(serve.get(f"livereload/{epoch}/0", timeout=60)[1]) > epoch  # what the page waits for
        status, after = serve.wait_for("brands/qingfeng/", "清风")
        assert status == 200 and "数据有误" not in after
        assert serve.get("members/")[0] == 200
        assert serve.get("")[0] == 200 and "数据有误" not in serve.get("")[1]
    finally:
        serve.stop()
    assert "Traceback" not in serve.log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_started_on_a_mistake_it_serves_the_page_instead_of_exiting(project):
    tmp, config = project
    brand = tmp / "data" / "brands" / "qingfeng.yml"
    edit(brand, *BROKEN)
    serve = Serve(config, "--dirty")
    try:
        status, body = serve.wait_for("", "数据有误，暂时无法预览")
        assert shown(body) == check_lines(tmp)
        assert shown(serve.get("brands/qingfeng/")[1]) == shown(body)  # at once
        edit(brand, *reversed(BROKEN))
        serve.wait_for("brands/qingfeng/", "清风")
    finally:
        serve.stop()
    log = serve.log.read_text(encoding="utf-8")
    assert "data/brands/qingfeng.yml:" in log and "Traceback" not in log
