"""Build synthetic sites of several sizes and measure them: ``run.py [--sizes 500,1500,5000]``.

For each size N: the generator alone (load, validate, link, render; the 落实看板 on its own),
``python -m generator check``, the whole ``mkdocs build``, and plain MkDocs over the same
pre-rendered Markdown; peak memory; site bytes; the largest page (every page stays under 300 KB),
the work plan page, the largest listing page, the board, the 五型 page and the 404 page, and the
largest page of each page type (pagesizes.py, which ``make bench`` then runs at 10,000); the
search files; in headless Chromium the time a query typed once the home page has loaded takes to
be answered, the time of one more query, the bytes fetched before that first answer, and the
home page's weight; what search downloads on hosts told nothing (transfer.py: the first query,
and the median and largest of the later ones, on python -m http.server and a stock nginx) and
the median time from key-up to results; and under ``mkdocs serve --dirty`` (make serve) the
time from saving an entry file to the browser showing the change. Then, once, what a file at each limit an editor's
file has costs (limits.py): ``check`` on the shipped data with one file at the limit (the median
of several runs) and at ten times it, and the time and peak memory of checking and rendering one
picture at the pixel limit; the Markdown check of each pathological text and the reading of the
issue's hostile files (each target 2 s; the tests check only the answers). Prints six tables
and writes the numbers as JSON. Nothing here asserts a time: machines are noisy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import limits  # noqa: E402  (bench/limits.py)
import pagesizes  # noqa: E402
import probe  # noqa: E402  (bench/probe.py)
import reload  # noqa: E402
import search_quality  # noqa: E402
import synth  # noqa: E402
import transfer  # noqa: E402  (bench/transfer.py)

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
QUICK_RUNS = 3

# Runs in a child process so that its peak memory is its own.
GENERATOR = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from generator import pipeline
from generator.pages import progress
t1 = time.perf_counter()
catalog = pipeline.load(Path("data"), Path("."))
t2 = time.perf_counter()
build = pipeline.complete(catalog)
pages = pipeline.render(build)
t3 = time.perf_counter()
progress.render(build)
t4 = time.perf_counter()
json.dump({"import_s": t1 - t0, "load_s": t2 - t1, "render_s": t3 - t2, "progress_s": t4 - t3,
           "pages": len(pages)}, sys.stdout)
"""


def run(args: list[str], cwd: Path, stderr: list[str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) and stdout of one child process (its stderr
    appended to ``stderr`` when given)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=out, stderr=err)
        # wait4, not wait: it gives this child's own resource usage, its peak memory included.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"命令失败（{' '.join(args)}）：\n{err.read().decode('utf-8', 'replace')[-4000:]}")
        if stderr is not None:
            stderr.append(err.read().decode("utf-8", "replace"))
        return seconds, usage.ru_maxrss / 1024, out.read().decode("utf-8")


def site_project(work: Path, entries: int) -> Path:
    """``work/data`` for N entries with the project's mkdocs.yml and content/ beside it."""
    for name in ("content",):
        if (work / name).exists():
            shutil.rmtree(work / name)
        # The shipped sample news cite the sample units: the synthetic news replace them.
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("posts") if name == "content" else None)
    synth.write(work, entries)
    shutil.copyfile(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    return work


def plain_project(work: Path) -> Path:
    """The same site as plain MkDocs: pre-rendered Markdown and media, no showcase plugin."""
    plain = work / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    run([sys.executable, "-m", "generator", "render", "--out", str(docs)], cwd=work)
    shutil.copytree(work / "content", docs, dirs_exist_ok=True)
    if (work / "data" / "media").is_dir():
        shutil.copytree(work / "data" / "media", docs / "media")
    placeholder = docs / "assets" / "showcase"
    placeholder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "generator" / "assets" / "member-placeholder.svg", placeholder / "member-placeholder.svg")
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["theme"]["custom_dir"] = str(ROOT / "generator" / "theme")  # no showcase plugin to add it
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "showcase" in p)]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return plain


def mkdocs_build(project: Path, log: list[str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory of a strict build; with ``log``, its INFO lines are kept there."""
    quiet = [] if log is not None else ["-q"]
    seconds, peak, _ = run([sys.executable, "-m", "mkdocs", "build", "--strict", *quiet, "-d", "site"], project, log)
    return seconds, peak


# The showcase plugin's line after it made the PDFs (generator/site/plugin.py).
PDF_LINE = re.compile(r"PDF: (\d+) files, (\d+) pages \(largest (\d+)\), ([\d.]+) MB in ([\d.]+) s "
                      r"\(([\d.]+) s of the build's own, layout ([\d.]+) s CPU\)")


def pdf_figures(log: str) -> dict:
    found = PDF_LINE.search(log)
    if found is None:
        return {}
    files, pages, largest, megabytes, seconds, own, cpu = found.groups()
    return {"pdf_files": int(files), "pdf_pages": int(pages), "pdf_largest_pages": int(largest),
            "pdf_bytes": float(megabytes) * 1e6, "pdf_s": float(seconds), "pdf_own_s": float(own),
            "pdf_cpu_s": float(cpu)}


LISTINGS = (*synth.data_kinds(), "units")  # every kind kept under data/, from the registry


def is_listing(rel: Path) -> bool:
    """A kind's index and its further pages and filters, or a unit's page: not an entry's."""
    parts = rel.parts
    if parts[0] == "units":
        return True
    return parts[0] in LISTINGS and (len(parts) == 2 or parts[1] in ("page", "wuxing"))


def sizes(site: Path) -> dict:
    """Bytes of the whole site, its largest pages and its search files (raw and gzipped)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    listings = [p for p in pages if is_listing(p.relative_to(site))]
    largest_listing = max(listings, key=lambda p: p.stat().st_size)
    search = [p for p in files if p.relative_to(site).parts[0] == "search"]
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_bytes": largest.stat().st_size,
        "plan_bytes": (site / "workplan" / "2023" / "index.html").stat().st_size,
        "largest_index": largest_listing.relative_to(site).as_posix(),
        "largest_index_bytes": largest_listing.stat().st_size,
        "progress_bytes": (site / "workplan" / "2023" / "progress" / "index.html").stat().st_size,
        # Pages that once grew with the site (Material's tag index, the 404 page's blank lines).
        "tags_bytes": (site / "tags" / "index.html").stat().st_size,
        "notfound_bytes": (site / "404.html").stat().st_size,
        "search_bytes": sum(p.stat().st_size for p in search),
        "search_gzip_bytes": sum(len(gzip.compress(p.read_bytes(), 6)) for p in search),
        "search_files": len(search),
    }


def measure(entries: int, work: Path, with_browser: bool) -> dict:
    """Every figure for one size."""
    project = site_project(work, entries)
    row: dict = {"entries": entries}
    # The quick commands run three times and count by their median; the builds run once.
    runs = [run([sys.executable, "-c", GENERATOR], project) for _ in range(QUICK_RUNS)]
    gens = [json.loads(out) for _, _, out in runs]
    row.update(generator_s=statistics.median(g["load_s"] + g["render_s"] for g in gens),
               load_s=statistics.median(g["load_s"] for g in gens),
               render_s=statistics.median(g["render_s"] for g in gens),
               progress_s=statistics.median(g["progress_s"] for g in gens),
               generated_pages=gens[0]["pages"], generator_peak_mb=max(peak for _, peak, _ in runs))
    row["check_s"] = statistics.median(run([sys.executable, "-m", "generator", "check"], project)[0]
                                       for _ in range(QUICK_RUNS))
    log: list[str] = []
    shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)  # the PDFs as a first build makes them
    row["build_s"], row["build_peak_mb"] = mkdocs_build(project, log)
    row.update(pdf_figures("".join(log)))
    if "pdf_own_s" in row:  # what the PDFs add to the build: their HTML, and the wait for the layout at its end
        row["pdf_share"] = row["pdf_own_s"] / row["build_s"]
    row["plain_build_s"], row["plain_peak_mb"] = mkdocs_build(plain_project(project))
    row["generator_share"] = row["generator_s"] / row["build_s"]
    row["build_ms_per_entry"] = 1000 * row["build_s"] / entries
    row.update(sizes(project / "site"))
    row["page_types"] = pagesizes.by_type(project / "site")
    if shutil.which("node"):  # search's recall and precision against the pages' text (search_quality.py)
        quality = search_quality.measure(project / "site", 300)
        row.update(search_recall=quality["recall_chinese_micro"], search_precision=quality["precision_micro"])
    if with_browser:
        row.update(probe.measure(project / "site"))
        row.update(transfer_figures(transfer.measure(project / "site", rounds=3)))
        row.update(reload.measure(project, ENV))
    return row


def transfer_figures(found: dict) -> dict:
    """Search's bytes on hosts told nothing (transfer.py): cold, and the median and largest of
    the later queries, on python -m http.server and on a stock nginx; the median time of the
    later queries from key-up to results, on each, the query given whole and typed key by key."""
    out = {}
    for host, prefix in (("http.server", "plain"), ("nginx (stock)", "nginx")):
        if host in found:
            figures = found[host]
            out.update({f"{prefix}_cold_bytes": figures["cold_bytes"], f"{prefix}_warm_bytes": figures["warm_bytes_median"],
                        f"{prefix}_warm_max_bytes": figures["warm_bytes_max"], f"{prefix}_query_ms": figures["warm_ms_median"],
                        f"{prefix}_typed_ms": figures["warm_typed_ms_median"]})
    return out


BUILD_COLUMNS = [
    ("entries", "条目", "{:,}"),
    ("generator_s", "生成器 s", "{:.2f}"),
    ("check_s", "check s", "{:.2f}"),
    ("build_s", "mkdocs build s", "{:.1f}"),
    ("build_ms_per_entry", "ms/条目", "{:.1f}"),
    ("generator_share", "生成器占比", "{:.1%}"),
    ("pdf_s", "PDF 开始到完成 s", "{:.1f}"),
    ("pdf_own_s", "PDF 占构建 s", "{:.1f}"),
    ("pdf_cpu_s", "PDF 排版 CPU s", "{:.1f}"),
    ("pdf_share", "PDF 占比", "{:.1%}"),
    ("pdf_pages", "PDF 总页", "{:d}"),
    ("pdf_files", "PDF 文件", "{:d}"),
    ("pdf_largest_pages", "最厚 PDF 页", "{:d}"),
    ("pdf_bytes", "PDF MB", "{:.1f}", 1e-6),
    ("plain_build_s", "纯 MkDocs s", "{:.1f}"),
    ("build_peak_mb", "峰值内存 MB", "{:.0f}"),
    ("site_bytes", "站点 MB", "{:.1f}", 1e-6),
    ("largest_page_bytes", "最大页面 KB", "{:.0f}", 1e-3),
    ("plan_bytes", "工作要点页 KB", "{:.0f}", 1e-3),
    ("largest_index_bytes", "最大列表页 KB", "{:.0f}", 1e-3),
    ("tags_bytes", "五型页 KB", "{:.0f}", 1e-3),
    ("notfound_bytes", "404 页 KB", "{:.0f}", 1e-3),
    ("progress_bytes", "看板页 KB", "{:.0f}", 1e-3),
    ("progress_s", "看板生成 s", "{:.2f}"),
    ("reload_s", "保存到刷新 s", "{:.1f}"),
    ("reload_build_s", "增量构建 s", "{:.1f}"),
]
SEARCH_COLUMNS = [
    ("entries", "条目", "{:,}"),
    ("search_bytes", "搜索文件 MB", "{:.2f}", 1e-6),
    ("search_gzip_bytes", "gzip 后 MB", "{:.2f}", 1e-6),
    ("load_ms", "页面加载 ms", "{:.0f}"),
    ("ready_ms", "首个查询 ms", "{:.0f}"),
    ("query_ms", "单次查询 ms", "{:.0f}"),
    ("bytes_before_answer", "首答前下载 MB", "{:.2f}", 1e-6),
    ("plain_cold_bytes", "首答前 KB（http.server）", "{:.0f}", 1e-3),
    ("plain_warm_bytes", "之后每查询 KB 中位", "{:.0f}", 1e-3),
    ("plain_warm_max_bytes", "之后每查询 KB 最多", "{:.0f}", 1e-3),
    ("nginx_cold_bytes", "首答前 KB（nginx 默认）", "{:.0f}", 1e-3),
    ("nginx_warm_max_bytes", "nginx 之后最多 KB", "{:.0f}", 1e-3),
    ("plain_query_ms", "按键到结果 ms 中位（http.server）", "{:.0f}"),
    ("nginx_query_ms", "按键到结果 ms 中位（nginx）", "{:.0f}"),
    ("plain_typed_ms", "逐键输入 ms 中位（http.server）", "{:.0f}"),
    ("nginx_typed_ms", "逐键输入 ms 中位（nginx）", "{:.0f}"),
    ("search_recall", "召回率（中文）", "{:.3f}"),
    ("search_precision", "准确率（横线上）", "{:.3f}"),
    ("home_bytes", "首页 KB", "{:.0f}", 1e-3),
    ("home_gzip_bytes", "首页 gzip KB", "{:.0f}", 1e-3),
]


def table(rows: list[dict], columns: list[tuple]) -> str:
    """A Markdown table, one row per size."""
    shown = [c for c in columns if any(c[0] in r for r in rows)]
    lines = ["| " + " | ".join(c[1] for c in shown) + " |", "|" + "---:|" * len(shown)]
    for row in rows:
        cells = []
        for key, _, fmt, *scale in shown:
            value = row.get(key)
            cells.append("-" if value is None else fmt.format(value * (scale[0] if scale else 1)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(rows: list[dict]) -> list[str]:
    """The issue's targets, each as measured in this run: met or the distance."""
    small, large = rows[0], rows[-1]
    out = []

    def line(ok: bool, text: str) -> None:
        out.append(("达到" if ok else "未达到") + "：" + text)

    if len(rows) > 1:
        ratio = large["build_ms_per_entry"] / small["build_ms_per_entry"]
        line(ratio <= 1.2, f"线性构建：{large['entries']:,} 条每条耗时是 {small['entries']:,} 条的 {ratio:.2f} 倍（目标 ≤ 1.2）")
    line(large["generator_share"] <= 0.10, f"生成器占整个构建的 {large['generator_share']:.1%}（目标 ≤ 10%）")
    if "pdf_s" in large:
        line(large["pdf_share"] < 0.25 and large["pdf_largest_pages"] <= 300,
             f"PDF {large['pdf_files']} 个文件（排版 {large['pdf_cpu_s']:.1f} s CPU，与写页面同时进行），构建为它多用 {large['pdf_own_s']:.1f} s，"
             f"占整个构建的 {large['pdf_share']:.1%}（目标 < 25%），"
             f"最厚的 {large['pdf_largest_pages']} 页（目标 ≤ 300 页）")
    line(large["check_s"] < 2, f"generator check 用时 {large['check_s']:.2f} s（目标 < 2 s）")
    line(large["plan_bytes"] <= 150e3, f"2023 年工作要点页 {large['plan_bytes'] / 1e3:.0f} KB（目标 ≤ 150 KB）")
    line(large["largest_page_bytes"] <= 300e3,
         f"最大的页面（{large['largest_page']}）{large['largest_page_bytes'] / 1e3:.0f} KB（目标：每页 ≤ 300 KB）")
    line(large["largest_index_bytes"] <= 300e3,
         f"最大的列表页（{large['largest_index']}）{large['largest_index_bytes'] / 1e3:.0f} KB（目标 ≤ 300 KB）")
    if "reload_s" in large:
        build = large.get("reload_build_s") or 0
        line(large["reload_s"] <= 3,
             f"保存条目文件到浏览器显示修改 {large['reload_s']:.1f} s（目标 ≤ 3 s；其中增量构建 {build:.1f} s）")
    if "first_answer_ms" in large:
        line(large["ready_ms"] <= 1000, f"页面加载后输入的第一个查询 {large['ready_ms']:.0f} ms 得到答复（目标 ≤ 1000 ms）")
        line(large["bytes_before_answer"] <= 10e6, f"首次答复前下载 {large['bytes_before_answer'] / 1e6:.2f} MB（目标 ≤ 10 MB）")
        if "plain_cold_bytes" in large:
            cold = max(large["plain_cold_bytes"], large.get("nginx_cold_bytes", 0))
            warm = max(large["plain_warm_max_bytes"], large.get("nginx_warm_max_bytes", 0))
            line(cold <= 200e3, f"不做设置的服务器上首个答复前搜索下载 {cold / 1e3:.0f} KB（目标 ≤ 200 KB）")
            line(warm <= 100e3, f"之后每个查询最多下载 {warm / 1e3:.0f} KB（目标 ≤ 100 KB）")
            for prefix, host in (("plain", "python -m http.server"), ("nginx", "nginx")):
                if f"{prefix}_query_ms" in large:
                    ms = large[f"{prefix}_query_ms"]
                    typed = large[f"{prefix}_typed_ms"]
                    line(ms <= 50, f"{host} 上按键到显示结果的中位数 {ms:.0f} ms（整个查询一次输入；逐键输入时最后一键到结果 "
                                   f"{typed:.0f} ms；目标 ≤ 50 ms）")
        line(large["home_bytes"] <= 300e3,
             f"首页（不含搜索索引）{large['home_bytes'] / 1e3:.0f} KB，gzip 后 {large['home_gzip_bytes'] / 1e3:.0f} KB（目标 ≤ 300 KB）")
    return [f"（N = {large['entries']:,}）" + t for t in out]


def machine() -> dict:
    return {"cpus": os.cpu_count(), "machine": platform.machine(), "python": platform.python_version(),
            "system": platform.platform(terse=True), "date": time.strftime("%Y-%m-%d")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建不同规模的合成站点并测量耗时、内存、体积和搜索响应")
    parser.add_argument("--sizes", default="500,1500,5000", help="条目数，逗号分隔（默认 500,1500,5000）")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="工作目录（会被覆盖）")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "results.json", help="结果 JSON")
    parser.add_argument("--no-browser", action="store_true", help="不启动浏览器测量搜索")
    parser.add_argument("--limit-runs", type=int, default=QUICK_RUNS, help=f"每个上限上 check 运行的次数（默认 {QUICK_RUNS}）")
    args = parser.parse_args(argv)
    counts = [int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    rows = []
    for entries in counts:
        print(f"N = {entries:,} ...", file=sys.stderr, flush=True)
        rows.append(measure(entries, args.work / str(entries), not args.no_browser))
    print("各项上限 ...", file=sys.stderr, flush=True)
    checks, pictures = limits.measure_checks(args.work / "limits", args.limit_runs), limits.measure_pictures(args.work / "limits")
    markdown, files = limits.measure_markdown(args.limit_runs), limits.measure_files(args.work / "limits", args.limit_runs)
    report: dict[str, Any] = {"machine": machine(), "rows": rows, "targets": targets(rows), "limits": checks, "pictures": pictures,
                              "markdown": markdown, "files": files}
    report["targets"] += [line for row in rows for line in pagesizes.targets(f"N = {row['entries']:,}", row["page_types"])]
    report["targets"] += [f"（{args.limit_runs} 次的中位数）" + line for line in limits.targets(checks, markdown, files)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(rows, BUILD_COLUMNS))
    print()
    print(table(rows, SEARCH_COLUMNS))
    print()
    print(pagesizes.table({row["entries"]: row["page_types"] for row in rows}))
    print()
    print("\n".join(report["targets"]))
    print()
    print(limits.check_table(checks))
    print()
    print(limits.picture_table(pictures))
    print()
    print(limits.markdown_table(markdown, files))
    print(f"\n机器：{report['machine']['cpus']} 核，{report['machine']['system']}；结果已写入 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
