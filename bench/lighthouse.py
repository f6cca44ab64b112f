"""Lighthouse: the site against a plain Material site with the same pages, in the same run.

``lighthouse.py [--runs 3] [--desktop] [--work DIR]``. Builds the site from this repository's
mkdocs.yml, and a plain Material site (Material's defaults, the same Markdown extensions, its
own search) from the same pages' Markdown: the home page (content/index.md), a brand and the
year's plan as ``generator render`` writes them, with the built site's pictures beside them.
Serves both with Debian's nginx and the shipped configuration (deploy/nginx/dangjian.conf:
gzip on), and runs Lighthouse (the npm package pinned in bench/lighthouse/package-lock.json,
installed there by ``npm ci`` on first use) with Debian's Chromium on each page of each site in turn, RUNS times. Prints the
median accessibility and performance scores of each page and the difference, the medians of
the metrics the score is made of (TBT, SI, LCP, FCP) and the load average, and writes them to
build/bench/lighthouse.json. The issue's target: accessibility 1.0, performance within 0.05
of the plain site. Bench only: the scores depend on the machine and its load.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "site_tests"))
from browser import nginx  # noqa: E402  (the tests' nginx, with the shipped configuration)

TOOL = ROOT / "bench" / "lighthouse"  # its own package.json and lock: make lint does not install it
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")
BRAND = "hongse-yizhan"
PAGES = {"home": "", "brand": f"brands/{BRAND}/", "plan": "workplan/2023/"}
# What the performance score is made of, in ms: where a gap comes from.
METRICS = ("total-blocking-time", "speed-index", "largest-contentful-paint", "first-contentful-paint")
SHORT = {"total-blocking-time": "TBT", "speed-index": "SI", "largest-contentful-paint": "LCP", "first-contentful-paint": "FCP"}
PLAIN_CONFIG = """site_name: 机关党建知识与风采展示站
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
markdown_extensions: {extensions}
"""


def run(command: list[str], **options) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")


def build_ours(work: Path) -> Path:
    site = work / "ours"
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return site


def build_plain(work: Path, ours: Path) -> Path:
    """Material with nothing of ours: the same pages' Markdown, the same pictures."""
    import yaml

    rendered, project = work / "rendered", work / "plain-project"
    run([sys.executable, "-m", "generator", "render", "--out", str(rendered)], cwd=ROOT)
    docs = project / "docs"
    for source, target in ((ROOT / "content" / "index.md", "index.md"),
                           (rendered / "brands" / f"{BRAND}.md", f"brands/{BRAND}.md"),
                           (rendered / "workplan" / "2023.md", "workplan/2023.md")):
        (docs / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, docs / target)
    shutil.copytree(ours / "media", docs / "media")
    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG.format(extensions=json.dumps(extensions, ensure_ascii=False)),
                                        encoding="utf-8")
    site = work / "plain"
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return site


def lighthouse(url: str, out: Path, desktop: bool) -> dict:
    command = [str(LIGHTHOUSE), url, "--only-categories=accessibility,performance", "--output=json",
               f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    if desktop:
        command.append("--preset=desktop")
    run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: category["score"] for name, category in report["categories"].items()}
    for metric in METRICS:
        scores[metric] = report["audits"][metric]["numericValue"]
    scores["failed_accessibility_audits"] = [
        ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
        if report["audits"][ref["id"]].get("score") not in (None, 1)]
    return scores


def install_lighthouse() -> None:
    """npm ci in bench/lighthouse/: the version and hashes of its package-lock.json."""
    if shutil.which("npm") is None:
        sys.exit("Lighthouse needs node and npm (Debian: apt-get install nodejs npm)")
    print("installing Lighthouse (npm ci in bench/lighthouse/) ...", flush=True)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=TOOL, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset (default: mobile)")
    parser.add_argument("--work", type=Path, help="a folder to keep the builds and reports in")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        install_lighthouse()
    if not nginx.available() or not Path(CHROMIUM).exists():
        sys.exit(f"needs Debian's nginx ({nginx.NGINX}) and Chromium ({CHROMIUM})")
    work = args.work or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    ours = build_ours(work)
    plain = build_plain(work, ours)
    results: dict[str, dict[str, list]] = {}
    load = [os.getloadavg()[0]]
    with nginx.Nginx(work / "nginx", [ours, plain]) as (served_ours, served_plain):
        for n in range(args.runs):
            for page, path in PAGES.items():
                for name, served in (("ours", served_ours), ("plain", served_plain)):
                    scores = lighthouse(served.url(path), work / f"{page}-{name}-{n}.json", args.desktop)
                    entry = results.setdefault(f"{page}/{name}", {"performance": [], "accessibility": [], "failed": [],
                                                                  **{m: [] for m in METRICS}})
                    for metric in ("performance", *METRICS):
                        entry[metric].append(scores[metric])
                    entry["accessibility"].append(scores["accessibility"])
                    entry["failed"].append(scores["failed_accessibility_audits"])
    load.append(os.getloadavg()[0])
    print(f"load average (1 min) {load[0]:.2f} at the start, {load[1]:.2f} at the end; medians of {args.runs} runs")
    summary = {}
    for page in PAGES:
        mine, theirs = results[f"{page}/ours"], results[f"{page}/plain"]
        summary[page] = {
            "accessibility": statistics.median(mine["accessibility"]),
            "plain_accessibility": statistics.median(theirs["accessibility"]),
            "performance": statistics.median(mine["performance"]),
            "plain_performance": statistics.median(theirs["performance"]),
            "performance_runs": mine["performance"], "plain_performance_runs": theirs["performance"],
            "failed_accessibility_audits": sorted({a for run in mine["failed"] for a in run}),
            "metrics_ms": {SHORT[m]: round(statistics.median(mine[m])) for m in METRICS},
            "plain_metrics_ms": {SHORT[m]: round(statistics.median(theirs[m])) for m in METRICS},
        }
        summary[page]["difference"] = round(summary[page]["performance"] - summary[page]["plain_performance"], 3)
        print(f"{page:6} accessibility {summary[page]['accessibility']:.2f} (plain {summary[page]['plain_accessibility']:.2f})  "
              f"performance {summary[page]['performance']:.2f} (plain {summary[page]['plain_performance']:.2f}, "
              f"difference {summary[page]['difference']:+.2f})")
        print("       " + "  ".join(f"{k} {v} ms (plain {summary[page]['plain_metrics_ms'][k]})"
                                    for k, v in summary[page]["metrics_ms"].items()))
    out = ROOT / "build" / "bench" / "lighthouse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"runs": args.runs, "preset": "desktop" if args.desktop else "mobile",
                               "machine": f"{platform.machine()}, {os.cpu_count()} cores", "load_average": load,
                               "pages": summary},
                              ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
