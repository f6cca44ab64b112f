"""Save-to-reload under ``make serve``: how long after an entry file is saved the browser shows it.

Starts ``mkdocs serve --dirty`` (what ``make serve`` runs) on a project, opens an entry's page
in headless Chromium (Debian's), then saves the entry's YAML file with a new sentence several
times and times each save until the reloaded page shows that sentence. Nothing here asserts a
time: machines are noisy.
"""

from __future__ import annotations

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
FIRST_BUILD_TIMEOUT_S = 900


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``mkdocs serve --dirty`` in a child process, its log read as it comes."""

    def __init__(self, project: Path, env: dict):
        self.port = free_port()
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None  # stdout=PIPE
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

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


def measure(project: Path, env: dict, entry: str = "members/member-0001", edits: int = 3) -> dict:
    """Median save-to-reload of ``edits`` saves of one entry, and MkDocs' own build times."""
    from playwright.sync_api import sync_playwright

    path = project / "data" / f"{entry}.yml"
    original = path.read_text(encoding="utf-8")
    server = Server(project, dict(env, PYTHONUNBUFFERED="1"))
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
            "serve_first_build_s": first_build, "reload_pages": max(rebuilt) if rebuilt else None}


if __name__ == "__main__":
    project = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    print(measure(project, dict(os.environ, NO_MKDOCS_2_WARNING="1")))
