"""Save-to-reload under ``make serve``: how long after an entry file is saved the browser shows it.

``reload.py`` alone makes a synthetic project of 5,000 entries in build/bench/reload-5000/ and
measures it (``--entries N`` for another size, ``--edits`` saves); ``reload.py DIR`` measures
the project in DIR. ``make bench`` measures each of its sizes the same way.

Starts ``mkdocs serve --dirty`` (what ``make serve`` runs) on a project, opens an entry's page
in headless Chromium (Debian's), then saves the entry's YAML file with a new sentence several
times and times each save until the reloaded page shows that sentence. Nothing here asserts a
time: machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
# An editor pauses between saves; the search index, written after each reload, is done by then.
PAUSE_S = 6
FIRST_BUILD_TIMEOUT_S = 1800
EDITS = 5  # saves measured; their median is the figure
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``mkdocs serve --dirty`` in a child process, its log read as it comes."""

    def __init__(self, project: Path, env: dict, log: Path | None = None):
        self.port = free_port()
        self.lines: list[str] = []
        self.log = log.open("w", encoding="utf-8") if log else None
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None  # stdout=PIPE
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if self.log:
                self.log.write(line)
                self.log.flush()

    def wait_for(self, pattern: str, after: int = 0, timeout: float = FIRST_BUILD_TIMEOUT_S) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if re.search(pattern, line):
                    return line
            if self.proc.poll() is not None:
                raise RuntimeError("mkdocs serve 意外退出：\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        raise TimeoutError(f"等待 {pattern!r} 超时：\n" + "\n".join(self.lines[-30:]))

    def builds(self, after: int) -> list[float]:
        """Seconds of each build MkDocs reported since line ``after``."""
        return [float(m.group(1)) for line in self.lines[after:] if (m := re.search(r"built in ([\d.]+) seconds", line))]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def measure(project: Path, env: dict, entry: str = "members/member-0001", edits: int = EDITS, log: Path | None = None) -> dict:
    """Median save-to-reload of ``edits`` saves of one entry, and MkDocs' own build times;
    ``log``: a file to copy the server's messages to as they come."""
    from playwright.sync_api import sync_playwright

    path = project / "data" / f"{entry}.yml"
    original = path.read_text(encoding="utf-8")
    server = Server(project, dict(env, PYTHONUNBUFFERED="1"), log)
    times, builds = [], []
    try:
        started = time.monotonic()
        server.wait_for(r"Serving on")
        first_build = time.monotonic() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.port}/{entry}/", wait_until="load")
            for i in range(edits):
                time.sleep(PAUSE_S)
                marker = f"基准测试第{i + 1}次修改"
                mark = len(server.lines)
                changed = original.replace("story: |-\n  ", f"story: |-\n  {marker}。", 1)
                start = time.monotonic()
                path.write_text(changed, encoding="utf-8")
                page.wait_for_function("m => document.body && document.body.innerText.includes(m)", arg=marker,
                                       timeout=FIRST_BUILD_TIMEOUT_S * 1000, polling=20)
                times.append(time.monotonic() - start)
                builds += server.builds(mark)
            browser.close()
    finally:
        path.write_text(original, encoding="utf-8")
        server.stop()
    rebuilt = [int(m.group(1)) for line in server.lines if (m := re.search(r"只影响 (\d+) 个页面", line))]
    return {"reload_s": statistics.median(times), "reload_all_s": times,
            "reload_build_s": statistics.median(builds) if builds else None,
            "serve_first_build_s": first_build, "reload_pages": max(rebuilt) if rebuilt else None,
            "reload_load_avg": os.getloadavg()[0]}  # the machine's load over the last minute: a shared one slows it all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="测量 make serve 预览中保存条目文件到浏览器显示修改的时间")
    parser.add_argument("project", nargs="?", type=Path, help="项目目录（含 mkdocs.yml、data/、content/）；不给时生成虚构项目")
    parser.add_argument("--entries", type=int, default=5000, help="不给项目目录时生成的条目数（默认 5000）")
    parser.add_argument("--edits", type=int, default=EDITS, help=f"保存几次，取中位数（默认 {EDITS}）")
    parser.add_argument("--log", type=Path, help="把预览服务器的输出同时写入这个文件")
    args = parser.parse_args(argv)
    project = args.project
    if project is None:
        import run  # the benchmark's project: the repository's mkdocs.yml and content/, synthetic data/
        project = run.site_project(ROOT / "build" / "bench" / f"reload-{args.entries}", args.entries)
    result = measure(project.resolve(), dict(os.environ, NO_MKDOCS_2_WARNING="1"), edits=args.edits, log=args.log)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
