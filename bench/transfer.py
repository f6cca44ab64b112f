"""What search downloads, on hosts told nothing: ``transfer.py [--entries 5000] [--work DIR] [--site DIR]``.

Builds a synthetic project of N entries (synth.py, as run.py does; without PDFs, which search
does not touch) or takes a site built before (``--site``), serves it twice, each host as it
comes out of the box:

- ``python -m http.server`` (Python's SimpleHTTPRequestHandler): compresses nothing;
- Debian's nginx with the ``http`` settings of its stock ``nginx.conf``: ``gzip on`` and no
  ``gzip_types`` line, so it compresses ``text/html`` only. Not our snippet (deploy/nginx).

and types a set of queries into Material's box in headless Chromium, one after the other in
one page: the first in a fresh browser (cold: the engine, the manifest, the meta pieces and
the query's own pieces), every later one with what earlier ones fetched in memory (warm).
For each query it counts the bytes on the wire of what search asked for (Chromium's encoded
body sizes, headers left out): the worker, the engine, the vendored inflate if loaded, and
every file under ``search/``. The page itself and its assets are left out. It also times
each query from its last key-up to the results shown (``ms``: the first answer, with the
excerpts of the first groups) and to the answer with every excerpt (``whole_ms``; the same
when one answer held them all); the box gets the whole query at once, as the bench's other
probes do. Then typed key by key (``typed_ms``: a key every 150 ms, the box asking at each, from
the last key to the answer to the whole query). Once more on http.server as a browser without
DecompressionStream: the vendored inflate is loaded and does the work. Each host runs the set
``--rounds`` times (5), each round in a fresh browser context; a query's time is its median
over the rounds, bytes those of the first. Prints JSON; nothing here asserts a byte or a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe  # noqa: E402  (bench/probe.py)
import run  # noqa: E402  (bench/run.py)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# A query of each kind a reader types: a phrase, a slogan, a brand, a name, a post, a field,
# words of the most frequent characters, a number, an honour, nothing, one character.
QUERIES = ["乡村振兴", "五学五比", "红色驿站", "林晓岚", "窗口受理员", "数据资源", "主题教育", "党建工作",
           "2023", "优秀共产党员", "量子计算", "党", "廉洁 提醒", "乡村振兴 党员"]
# The http block of Debian's stock /etc/nginx/nginx.conf, less its includes of sites and logs.
STOCK = """\
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    gzip on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
    }}
}}
"""


def is_search(path: str) -> bool:
    """What search downloads: the worker and its scripts, and every file of the index."""
    name = path.rsplit("/", 1)[-1]
    return path.startswith("/search/") or name.startswith("search-") and name.endswith(".js") or "/vendor/pako" in path


def kind(path: str) -> str:
    """``scripts``, ``manifest``, or the index piece's kind (``meta``, ``fold``, ``p``, ``t``)."""
    if not path.startswith("/search/"):
        return "scripts"
    name = path.removeprefix("/search/")
    return "manifest" if name.startswith("search_index") else name.split("/")[0].split(".")[0]


class StockNginx:
    """Debian's nginx serving ``site`` at / with its stock http settings, in the foreground."""

    def __init__(self, site: Path):
        self.site, self.tmp = site, Path(tempfile.mkdtemp(prefix="nginx-stock-"))
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        port = probe_port()
        (self.tmp / "nginx.conf").write_text(STOCK.format(tmp=self.tmp, port=port, site=self.site.resolve()), encoding="utf-8")
        config, log = str(self.tmp / "nginx.conf"), str(self.tmp / "error.log")
        process = self.process = subprocess.Popen([NGINX, "-p", str(self.tmp), "-c", config, "-e", log],
                                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return f"http://127.0.0.1:{port}/"
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start: " + (self.tmp / "error.log").read_text(encoding="utf-8"))

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)


def probe_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries(browser, url: str, stream: bool = True) -> list[dict]:
    """Each query of QUERIES typed in turn into one fresh page: bytes and requests of search
    since the one before, and milliseconds from key-up to the results shown. ``stream=False``:
    as a browser without DecompressionStream (deleted in the worker before its code runs)."""
    context = browser.new_context()
    if not stream:
        def without(route):
            response = route.fetch()
            route.fulfill(response=response, body="delete self.DecompressionStream;\n" + response.text())
        context.route("**/search-worker.js*", without)
    requests: list = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    page.add_init_script(probe.WATCH)
    page.goto(url, wait_until="load")
    out = []
    for query in QUERIES:
        asked = page.evaluate(probe.ASK, query)
        answer = probe.answer(page, query, asked, timeout_ms=120_000, whole=False)
        whole = probe.answer(page, query, asked, timeout_ms=120_000)  # the rest of its excerpts
        page.wait_for_timeout(50)  # responses of pieces that arrived with the answer are finished
        mine = [r for r in requests if is_search(urlsplit(r.url).path)]
        requests.clear()
        sizes = [(urlsplit(r.url).path, r.sizes()["responseBodySize"]) for r in mine if r.response()]
        kinds: dict[str, int] = {}
        for path, n in sizes:
            kinds[kind(path)] = kinds.get(kind(path), 0) + n
        out.append({"query": query, "ms": answer["t"] - asked, "whole_ms": whole["t"] - asked, "shown": answer["meta"],
                    "bytes": sum(n for _, n in sizes), "requests": len(sizes), "by_kind": kinds,
                    "largest": max(sizes, key=lambda s: s[1]) if sizes else None})
    context.close()
    return out


# The page's time of the last key typed: its input event, which comes before its key-up (and
# before the key-up search-zh.js replays for text that comes without keys: Chinese characters
# typed by Playwright come as input events only). A key-up can come after a quick answer.
LAST_KEY = """window.__lastKey = 0;
document.addEventListener("input", () => { window.__lastKey = performance.now(); }, true);"""
KEY_DELAY_MS = 150  # between keys, as a quick typist


def typed(browser, url: str) -> list[dict]:
    """Each query of QUERIES typed key by key into one fresh page (the box cleared before each),
    as a reader types: the box asks at every key, so earlier keys' pieces may be in by the last.
    Milliseconds from the last key (its input event) to the first answer to the whole query shown."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(probe.WATCH)
    page.add_init_script(LAST_KEY)
    page.goto(url, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    out = []
    for query in QUERIES:
        box.fill("")
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        last = page.evaluate("window.__lastKey")
        answer = probe.answer(page, query, last, timeout_ms=120_000, whole=False)
        probe.answer(page, query, last, timeout_ms=120_000)  # its second answer, before the next query
        out.append({"query": query, "ms": answer["t"] - last})
    context.close()
    return out


def repeated(browser, url: str, rounds: int, stream: bool = True) -> list[dict]:
    """``queries`` ``rounds`` times, each in a fresh browser context: the first round's bytes,
    and each query's median milliseconds over the rounds (``ms_all``: every round's)."""
    runs = [queries(browser, url, stream) for _ in range(rounds)]
    keyed = [typed(browser, url) for _ in range(rounds)] if stream else []
    out = []
    for i, first in enumerate(runs[0]):
        ms, whole = [run[i]["ms"] for run in runs], [run[i]["whole_ms"] for run in runs]
        row = {**first, "ms": statistics.median(ms), "whole_ms": statistics.median(whole), "ms_all": ms}
        if keyed:
            row["typed_ms"] = statistics.median(run[i]["ms"] for run in keyed)
        out.append(row)
    return out


def summary(found: list[dict]) -> dict:
    warm = found[1:]
    return {"cold_bytes": found[0]["bytes"], "cold_ms": found[0]["ms"],
            "warm_bytes_median": statistics.median(q["bytes"] for q in warm),
            "warm_bytes_max": max(q["bytes"] for q in warm),
            "warm_ms_median": statistics.median(q["ms"] for q in warm),
            "warm_whole_ms_median": statistics.median(q["whole_ms"] for q in warm),
            **({"warm_typed_ms_median": statistics.median(q["typed_ms"] for q in warm)} if "typed_ms" in found[0] else {}),
            "queries": found}


def measure(site: Path, rounds: int = 1) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=probe.CHROMIUM, args=probe.ARGS)
        try:
            with probe.Server(site) as server:
                out["http.server"] = summary(repeated(browser, server.url, rounds))
                out["http.server, no DecompressionStream"] = summary(repeated(browser, server.url, rounds, stream=False))
            if Path(NGINX).is_file():
                with StockNginx(site) as url:
                    out["nginx (stock)"] = summary(repeated(browser, url, rounds))
        finally:
            browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000, help="条目数")
    parser.add_argument("--work", type=Path, help="工作目录（默认临时目录）")
    parser.add_argument("--site", type=Path, help="已构建好的站点目录（不再构建）")
    parser.add_argument("--rounds", type=int, default=5, help="每个主机重复整组查询的轮数，时间取中位数")
    args = parser.parse_args()
    site = args.site
    if site is None:
        work = args.work or Path(tempfile.mkdtemp(prefix="bench-bytes-"))
        project = run.site_project(work, args.entries)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("pdf: true", "pdf: false"), encoding="utf-8")
        run.mkdocs_build(project)
        site = project / "site"
    result = {"machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores", "load": os.getloadavg()[0],
              "entries": args.entries if args.site is None else None, "rounds": args.rounds, **measure(site, args.rounds)}
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
