"""The largest page of each page type, at a size: ``pagesizes.py [--entries 10000]``.

Every page stays under 300 KB of HTML however many entries the site has: a list longer than
a page holds is cut into pages (``generator/pages/paging.py``), and a page that lists every
unit, term or year stays small because those are few. A page type whose largest page grows with
the entries is found here: the site is built from synthetic data (``synth.py``) at each size
asked for, every HTML page is sorted into its type by its address, and the table gives, per
type, how many pages it has and its largest and median page; a type over the limit is named.
Two sizes side by side show which types grow. The PDFs are left out of these builds: they are
files to download, not pages, and they take most of the build's time (``run.py`` measures them).
``sitemap.xml`` and the search files are not pages either.

``make bench`` runs this at 10,000 entries after ``run.py``; ``--site DIR`` measures a site
already built. Nothing here asserts: the lines marked 未达到 are the findings.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (bench/synth.py)

from generator.kinds import KINDS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 300_000  # bytes of HTML a page may weigh (README: every page under 300 KB)
DEFAULT_SIZES = "10000"

# A later page of a long list: ``page/3/`` below a folder's index, ``3/`` below any other page.
_PAGE = r"(?:(?:page/)?\d+/)?"
# (page type, the page's address under the site's root: "" for the home page), first match wins.
TYPES: list[tuple[str, str]] = [
    ("首页", ""),
    ("404 页", r"404\.html"),
    ("五型", "tags/"),
    ("工作要点目录", "workplan/"),
    ("工作要点", r"workplan/\d+/"),
    ("要点的展示", rf"workplan/\d+/points/\d+/{_PAGE}"),
    ("落实看板", rf"workplan/\d+/progress/{_PAGE}"),
    ("年度对比", r"workplan/\d+/compare/"),
    ("单位目录", f"units/{_PAGE}"),
    ("单位", rf"units/[a-z0-9-]+/{_PAGE}"),
    ("提法释义", "glossary/"),
    ("引用文件", "documents/"),
    ("最近更新", "updates/"),
    ("大事记目录", "timeline/"),
    ("大事记（一年）", rf"timeline/\d+/{_PAGE}"),
    ("编辑指南", "guide/(?:fields/)?"),
    ("动态列表", rf"news/(?:category/\d+/|\d+/)?{_PAGE}"),
    *((f"{kind.label}列表", rf"{kind.key}/{_PAGE}") for kind in KINDS),
    *((f"{kind.label}·五型", rf"{kind.key}/wuxing/[a-z]+/{_PAGE}") for kind in KINDS),
    *((f"{kind.label}条目", rf"{kind.key}/[a-z0-9-]+/") for kind in KINDS),
]
_TYPES = [(name, re.compile(pattern)) for name, pattern in TYPES]


def address(site: Path, page: Path) -> str:
    """The address a reader types below the site's root: ``brands/x/`` for ``brands/x/index.html``."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def page_type(addr: str) -> str:
    """The type of the page at ``addr`` (``address``); a page of no known type is ``其他：<folder>``."""
    return next((name for name, pattern in _TYPES if pattern.fullmatch(addr)), "其他：" + addr.split("/")[0])


def by_type(site: Path) -> list[dict]:
    """Per page type: how many pages, the largest (address and bytes) and the median bytes;
    largest first."""
    found: dict[str, list[tuple[int, str]]] = {}
    for page in site.rglob("*.html"):
        addr = address(site, page)
        if addr.split("/")[0] in ("assets", "search", "media"):
            continue  # the theme's and the pictures' files, not pages
        found.setdefault(page_type(addr), []).append((page.stat().st_size, addr))
    rows = []
    for name, pages in found.items():
        largest, addr = max(pages)
        rows.append({"type": name, "pages": len(pages), "largest": addr, "largest_bytes": largest,
                     "median_bytes": statistics.median(size for size, _ in pages)})
    return sorted(rows, key=lambda r: -r["largest_bytes"])


def table(results: dict[int, list[dict]]) -> str:
    """One row per page type, a column of largest page and page count for each size."""
    sizes = sorted(results)
    kb = {n: {r["type"]: r for r in rows} for n, rows in results.items()}
    types = [r["type"] for r in results[sizes[-1]]] + sorted({t for n in sizes for t in kb[n]} - set(kb[sizes[-1]]))
    head = ["页面类型"] + [f"{n:,} 条：{col}" if n else col for n in sizes for col in ("页数", "最大 KB")] + ["最大的页面"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (2 * len(sizes)) + "---|"]
    for name in types:
        cells = [name]
        for n in sizes:
            row = kb[n].get(name)
            cells += ["-", "-"] if row is None else [f"{row['pages']:,}", f"{row['largest_bytes'] / 1e3:.0f}"]
        last = kb[sizes[-1]].get(name)
        cells.append(f"`{last['largest'] or '/'}`" if last else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(label: str, rows: list[dict]) -> list[str]:
    """Each page type over the limit, or one line saying every type stays under it; ``label``
    says which site (``N = 10,000``)."""
    over = [r for r in rows if r["largest_bytes"] > LIMIT]
    if not rows:
        return [f"（{label}）没有找到任何页面"]
    if not over:
        top = rows[0]
        return [f"（{label}）达到：每类页面都不超过 300 KB，最大的是{top['type']}（{top['largest'] or '/'}）"
                f"{top['largest_bytes'] / 1e3:.0f} KB"]
    return [f"（{label}）未达到：{r['type']}的页面最大 {r['largest_bytes'] / 1e3:.0f} KB（{r['largest'] or '/'}），"
            f"目标：每页 ≤ 300 KB" for r in over]


def build(work: Path, entries: int) -> Path:
    """A synthetic site of ``entries`` entries built strictly, without its PDFs; its site folder."""
    project = work.resolve() / str(entries)  # MkDocs runs in it: every path below absolute
    project.mkdir(parents=True, exist_ok=True)
    content = project / "content"
    if content.exists():
        shutil.rmtree(content)
    # The shipped sample news cite the sample units: the synthetic news replace them.
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("posts"))
    synth.write(project, entries)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    without_pdf, found = re.subn(r"(?m)^(\s+pdf:) true\b", r"\1 false", config)
    if not found:
        sys.exit("mkdocs.yml 中找不到 showcase 插件的 pdf: true，无法关闭 PDF")
    (project / "mkdocs.yml").write_text(without_pdf, encoding="utf-8")
    site = project / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1"),
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"构建 {entries:,} 条的站点失败：\n{done.stderr[-4000:]}")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按页面类型列出最大的页面，标出超过 300 KB 的")
    parser.add_argument("--entries", default=DEFAULT_SIZES, help=f"条目数，逗号分隔（默认 {DEFAULT_SIZES}）")
    parser.add_argument("--site", type=Path, help="只测量这个已经构建好的站点目录，不再构建")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench" / "pages", help="工作目录（会被覆盖）")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "pages.json", help="结果 JSON")
    args = parser.parse_args(argv)
    results: dict[int, list[dict]] = {}
    seconds: dict[int, float] = {}
    if args.site is not None:
        if not (args.site / "index.html").is_file():
            parser.error(f"--site {args.site}：这里没有构建好的站点（缺少 index.html）")
        results[0] = by_type(args.site)
    else:
        for entries in (int(s.replace(",", "").replace("_", "")) for s in args.entries.split(",") if s.strip()):
            print(f"N = {entries:,}：构建站点（不含 PDF）……", file=sys.stderr, flush=True)
            start = time.perf_counter()
            results[entries] = by_type(build(args.work, entries))
            seconds[entries] = time.perf_counter() - start
    lines = [line for n, rows in sorted(results.items())
             for line in targets(f"N = {n:,}" if n else str(args.site), rows)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": {str(n): rows for n, rows in results.items()}, "build_s": seconds,
                                    "targets": lines}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))
    print()
    print("\n".join(lines))
    print(f"\n结果已写入 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
