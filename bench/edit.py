"""make edit at scale: ``edit.py [--entries 5000] [--work DIR] [--runs 5]``.

Writes a synthetic project of N entries (synth.py, as run.py does), starts the editing server
on it as make edit does (without the site preview), and measures over HTTP: the first check
of everything at start; the start page's list of every kind (cold: every file read; warm: as
an editor meets it, after the first), and the largest kind's share; opening a form (schema,
pickers, the entry); a save with one field changed: its answer (the entry's own problems) and
the whole check after it (only the changed file read again, only what it can change linked
again), and beside it the same check linking every entry again (as before the server kept
what linking found); and in headless Chromium the time from opening
an entry's address to its form drawn. Medians of ``--runs``. Prints the numbers as JSON;
nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (bench/synth.py)

ROOT = Path(__file__).resolve().parent.parent


def request(port: int, method: str, path: str, body: dict | None = None) -> tuple[float, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {"Host": f"127.0.0.1:{port}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers |= {"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"}
    started = time.perf_counter()
    connection.request(method, path, data, headers)
    answer = connection.getresponse()
    found = json.loads(answer.read())
    seconds = time.perf_counter() - started
    connection.close()
    if answer.status != 200:
        raise SystemExit(f"{method} {path}: {answer.status} {found}")
    return seconds, found


def project(work: Path, entries: int) -> Path:
    root = work / "project"
    root.mkdir(parents=True, exist_ok=True)
    synth.write(root, entries)
    for name in ("schemas", "mkdocs.yml"):
        target = root / name
        if not target.exists():
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, target)
    return root


def measure(root: Path, runs: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from generator.edit.server import make_server

    server = make_server(root, "127.0.0.1", 0, None, site_preview=False)
    port = server.server_address[1]
    started = time.perf_counter()
    server.app.start()
    out: dict = {"start_check_s": time.perf_counter() - started}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cold, kinds = request(port, "GET", "/api/kinds")
    warm = [request(port, "GET", "/api/kinds")[0] for _ in range(runs)]
    largest = max(kinds["kinds"], key=lambda k: len(k["entries"]))
    out |= {"list_cold_s": cold, "list_warm_s": statistics.median(warm),
            "entries_listed": sum(len(k["entries"]) for k in kinds["kinds"]),
            "largest_kind": largest["key"], "largest_kind_entries": len(largest["entries"])}
    ident = largest["entries"][len(largest["entries"]) // 2]["id"]
    address = f"/api/form?kind={largest['key']}&id={ident}"
    opened = [request(port, "GET", address) for _ in range(runs)]
    out["form_open_s"] = statistics.median(seconds for seconds, _ in opened)
    saves, checks = [], []
    form = opened[-1][1]
    for n in range(runs):
        value = dict(form["value"])
        value["summary" if "summary" in value else next(k for k, v in value.items() if isinstance(v, str))] += f"（第{n}次）"
        seconds, saved = request(port, "POST", "/api/save", {"kind": largest["key"], "id": ident, "new": False,
                                                           "hash": form["hash"], "value": value})
        if saved["problems"]:
            raise SystemExit(f"the save has problems: {saved['problems']}")
        form = {**form, "hash": saved["hash"]}
        saves.append(seconds)
        if not saved["complete"]:  # then the whole check, as the page waits for it
            waited, whole = request(port, "GET", f"/api/check?kind={largest['key']}&id={ident}&ticket={saved['ticket']}")
            if whole["problems"]:
                raise SystemExit(f"the whole check has problems: {whole['problems']}")
            checks.append(seconds + waited)
    out |= {"save_answer_s": statistics.median(saves), "save_to_whole_check_s": statistics.median(checks) if checks else None}
    out["whole_check_unkept_s"] = unkept_check(server.app.checker, Path(largest["key"], f"{ident}.yml"), runs)
    out["browser_form_s"] = browser_form(port, largest["key"], ident, runs)
    server.shutdown()
    server.server_close()
    return out


def unkept_check(checker, relative: Path, runs: int) -> float:
    """The whole check after a save as it was before the server kept what linking found: the
    same warm ReadCache (only the saved file read again), every entry linked again (median)."""
    from generator import pipeline

    path = checker.root / "data" / relative
    text = path.read_text(encoding="utf-8")
    times = []
    for n in range(runs):
        path.write_text(text + f"# {n}\n", encoding="utf-8")
        started = time.perf_counter()
        pipeline.load(checker.root / "data", checker.root, cache=checker.cache)
        times.append(time.perf_counter() - started)
    path.write_text(text, encoding="utf-8")
    return statistics.median(times)


def browser_form(port: int, kind: str, ident: str, runs: int) -> float | None:
    """From opening an entry's address in Chromium to its form drawn (median), or None without a browser."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector(".kind")
        for _ in range(runs):
            page.goto(f"http://127.0.0.1:{port}/#/")
            page.wait_for_selector(".kind")
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/#/edit/{kind}/{ident}")
            page.wait_for_selector("#form [name='root[points][]'], #form .je-checkbox")
            times.append(time.perf_counter() - started)
        browser.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-edit-"))
    root = project(work, args.entries)
    found = measure(root, args.runs)
    found |= {"entries": args.entries, "runs": args.runs, "machine": platform.platform(), "python": platform.python_version(),
              "cores": os.cpu_count(), "load_average": os.getloadavg()}
    print(json.dumps(found, ensure_ascii=False, indent=2))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
