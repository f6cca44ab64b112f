"""The offline folder (`make offline`) at scale: ``offline.py [--entries 5000] [--work DIR]``.

Writes a synthetic project of N entries (synth.py, as run.py does), builds its offline folder
as make offline does (python -m generator.site.build --offline), and measures: the build's
wall time, the folder's and the zip's bytes, and in headless Chromium, the page opened from
the disk (file://), the time from typing a query once the home page has loaded to its answer
shown (the first query: the engine and the meta pieces load with it), one more query, and the index
bytes loaded before the first answer; and the first answer when the query comes a second
after the search box was clicked (ready_after_focus_ms: the engine starts loading at the
click); the median of RUNS page loads. ``--folder DIR`` measures a folder built
before. Prints the numbers as JSON; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe  # noqa: E402  (bench/probe.py)
import run  # noqa: E402  (bench/run.py)

ROOT = run.ROOT
RUNS = 3  # page loads measured: the machine is shared, one run alone says little
TYPING_MS = 1000  # from clicking into the search box to the query typed, for ready_after_focus_ms


def build(project: Path) -> float:
    """Seconds of `make offline`'s build (python -m generator.site.build --offline) in ``project``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.site.build", "--offline"], cwd=project, env=env, check=True)
    return time.perf_counter() - start


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search(folder: Path, runs: int = RUNS) -> dict:
    """Answer times of the folder's search, opened from the disk in Chromium: each of ``runs``
    in a fresh page (the engine and the index load again), and their median."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=probe.CHROMIUM, args=probe.ARGS)
        try:
            found = [_once(browser, folder) for _ in range(runs)]
        finally:
            browser.close()
    out = {key: statistics.median(run[key] for run in found) for key in ("ready_ms", "ready_after_focus_ms", "query_ms")}
    return {**out, "ready_ms_runs": [round(run["ready_ms"]) for run in found], **{
        key: found[0][key] for key in ("first_answer", "second_answer", "index_files_before_answer", "index_bytes_before_answer")}}


def _once(browser, folder: Path) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(probe.WATCH)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto((folder / "index.html").as_uri(), wait_until="load")
        before = len(requested)
        typed = page.evaluate(probe.ASK, probe.FIRST_QUERY)
        first = probe.answer(page, probe.FIRST_QUERY, typed)
        loaded = {url for url in requested[before:] if "/search/" in url or "search-engine" in url}
        asked = page.evaluate(probe.ASK, probe.SECOND_QUERY)
        second = probe.answer(page, probe.SECOND_QUERY, asked)
        # As a reader searches: the box clicked, a second to type the query (an input method
        # takes longer), then the query; the engine starts loading at the click.
        page.goto((folder / "index.html").as_uri(), wait_until="load")
        page.focus("input.md-search__input")
        page.wait_for_timeout(TYPING_MS)
        typed_later = page.evaluate(probe.ASK, probe.FIRST_QUERY)
        later = probe.answer(page, probe.FIRST_QUERY, typed_later)
    finally:
        context.close()
    return {"ready_ms": first["t"] - typed, "ready_after_focus_ms": later["t"] - typed_later,
            "first_answer": first["meta"], "query_ms": second["t"] - asked,
            "second_answer": second["meta"], "index_files_before_answer": len(loaded),
            "index_bytes_before_answer": sum(Path(unquote(urlsplit(url).path)).stat().st_size for url in loaded)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--work", type=Path, help="项目文件夹（默认临时文件夹，测完删除）")
    parser.add_argument("--folder", type=Path, help="只测已构建的离线文件夹的搜索，不生成数据、不构建")
    args = parser.parse_args()
    if args.folder:
        print(json.dumps(search(args.folder.resolve()), ensure_ascii=False, indent=1))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="offline-bench-"))
    try:
        project = run.site_project(work, args.entries)
        seconds = build(project)
        folder = project / "site-offline"
        result = {"entries": args.entries, "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                  "build_s": round(seconds, 1), "folder_bytes": folder_bytes(folder),
                  "zip_bytes": (project / "site-offline.zip").stat().st_size,
                  "files": sum(1 for p in folder.rglob("*") if p.is_file()), **search(folder)}
        print(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
