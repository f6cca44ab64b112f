"""What a file at each limit costs: ``check`` at the limit and at ten times it, and the memory of
checking and rendering one picture at the pixel limit; what the pathological texts cost
(bench/pathological.py: the Markdown check of each text, the reading of the issue's files and
of a page at the size limit). Called by run.py; prints nothing itself. The target of each is
2 s (``REFUSED_WITHIN_S``); the tests check only what the answers are.

Each class of bench/hostile.py is written at its limit into a copy of the shipped data (and once
at ten times the limit), and ``python -m generator check`` runs on it ``runs`` times: the row
holds the medians. A picture at the limit (52 megapixels, a JPEG photo and a PNG with
transparency) is checked in one child process and rendered in its sizes in another, so that
each peak resident memory (``ru_maxrss``) is that work's own.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import hostile
import pathological

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
SIDE = (8320, 6250)  # 52,000,000 pixels: the limit exactly
REFUSED_WITHIN_S = 2.0  # the issues' bound: a hostile file or text costs check no more than this

# Reading the data (what check does, less the interpreter's start), in a child process of its own.
LOAD = """
import json, sys, time
from pathlib import Path
from generator import pipeline
from generator.errors import DataErrors
data = Path(sys.argv[1])
start = time.perf_counter()
try:
    pipeline.load(data, data.parent, content_dir=data.parent / "content")
    refused = False
except DataErrors:
    refused = True
json.dump({"s": time.perf_counter() - start, "refused": refused}, sys.stdout)
"""

PICTURE = """
import json, resource, sys, time
from pathlib import Path
from generator.media import checks, renditions
path, work = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
if work == "check":
    assert checks.file_problem(path, path.name) is None
else:
    library = renditions.Library(path.parent, Path(sys.argv[3]))
    library.get(path.name)
json.dump({"s": time.perf_counter() - start, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024},
          sys.stdout)
"""


def check_seconds(project: Path) -> tuple[float, bool]:
    """Wall seconds of ``python -m generator check`` in ``project``, and whether it passed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, env=ENV, capture_output=True)
    return time.perf_counter() - start, done.returncode == 0


def project_with(work: Path, case: hostile.Case, size: int) -> Path:
    """The shipped data and content with one file of ``case`` at ``size``."""
    project = work / f"{case.name}-{size}"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "content", project / "content")
    case.write(project / "data", size)
    return project


def measure_checks(work: Path, runs: int) -> list[dict]:
    """One row per class: its limit, check's median at the limit and at ten times it."""
    rows = []
    for case in hostile.CASES:
        at = project_with(work, case, case.limit)
        times = [check_seconds(at) for _ in range(runs)]
        over = check_seconds(project_with(work, case, 10 * case.limit))
        rows.append({"name": case.name, "label": case.label, "limit": case.limit, "runs": runs,
                     "at_limit_s": statistics.median(s for s, _ in times), "at_limit_passes": all(ok for _, ok in times),
                     "over_s": over[0], "over_refused": not over[1]})
    return rows


# Written by a child process too: Linux carries a parent's peak memory over into every child it
# starts, so the measuring process itself never holds a large picture.
PICTURES = """
import sys
from pathlib import Path
from PIL import Image
folder, side = Path(sys.argv[1]), (int(sys.argv[2]), int(sys.argv[3]))
base = Image.linear_gradient("L").resize(side)
grain = Image.effect_noise(side, 10)  # a photo's grain: a smooth JPEG would decode unusually fast
Image.merge("RGB", (base, grain, base.transpose(Image.Transpose.FLIP_TOP_BOTTOM))).save(folder / "limit.jpg", quality=80)
Image.merge("RGBA", (base, base, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), base)).save(folder / "limit.png")
"""


def limit_pictures(folder: Path) -> dict[str, Path]:
    """A JPEG photo and a transparent PNG of exactly MAX_PIXELS, each within the byte limit."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", PICTURES, str(folder), *map(str, SIDE)], env=ENV, check=True)
    return {"jpeg": folder / "limit.jpg", "png": folder / "limit.png"}


def measure_pictures(work: Path) -> list[dict]:
    """Seconds and peak memory of checking, then of rendering every size of, each picture."""
    rows = []
    for kind, path in limit_pictures(work / "pictures").items():
        row = {"picture": kind, "pixels": SIDE[0] * SIDE[1], "bytes": path.stat().st_size}
        for step in ("check", "render"):
            cache = work / "pictures" / f"cache-{kind}"
            shutil.rmtree(cache, ignore_errors=True)
            done = subprocess.run([sys.executable, "-c", PICTURE, str(path), step, str(cache)], env=ENV,
                                  capture_output=True, text=True, check=True)
            found = json.loads(done.stdout)
            row[f"{step}_s"], row[f"{step}_peak_mb"] = found["s"], found["peak_mb"]
        rows.append(row)
    return rows


def measure_markdown(runs: int) -> list[dict]:
    """The Markdown check of each pathological text, as a field and as a page (the median of
    ``runs``; the renderer's cache cleared before each)."""
    from generator.model import rendered

    rows = []
    for name, text in pathological.MARKDOWN.items():
        times = []
        for _ in range(runs):
            rendered.view.cache_clear()
            start = time.perf_counter()
            rendered.markdown_problem(text)
            rendered.markdown_problem(text, page=True)
            times.append(time.perf_counter() - start)
        rows.append({"name": name, "chars": len(text), "runs": runs, "s": statistics.median(times)})
    return rows


def load_seconds(data: Path) -> tuple[float, bool]:
    """Seconds ``pipeline.load`` takes on ``data`` (in a child process), and whether it refused."""
    done = subprocess.run([sys.executable, "-c", LOAD, str(data)], env=ENV, capture_output=True, text=True, check=True)
    found = json.loads(done.stdout)
    return found["s"], found["refused"]


def measure_files(work: Path, runs: int) -> list[dict]:
    """Reading the shipped data with each of the issue's files, and with a page at the size limit
    (the median of ``runs``), and what that costs beyond reading the shipped data alone."""
    rows = []
    for name in ["", *pathological.BRAND_EDITS, "big-page"]:
        project = work / f"file-{name or 'none'}"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(ROOT / "data", project / "data")
        shutil.copytree(ROOT / "content", project / "content")
        if name == "big-page":
            (project / "content" / pathological.BIG_PAGE).write_text(pathological.big_page(), encoding="utf-8")
        elif name:
            pathological.write_brand_edit(project / "data", name)
        times = [load_seconds(project / "data") for _ in range(runs)]
        seconds = statistics.median(s for s, _ in times)
        if not name:
            alone = seconds
            continue
        rows.append({"name": name, "runs": runs, "s": seconds, "extra_s": seconds - alone,
                     "refused": all(refused for _, refused in times)})
    return rows


def targets(checks: list[dict], markdown: list[dict], files: list[dict]) -> list[str]:
    """Each bound as measured in this run: met or not, with the slowest case."""
    out = []
    for what, rows, key in (("十倍上限的文件 check（含启动）", checks, "over_s"), ("病态 Markdown 文字的检查", markdown, "s"),
                            ("问题中的文件与上限大小的页面比示例数据多用的读入时间", files, "extra_s")):
        if rows:
            worst = max(rows, key=lambda r: r[key])
            ok = worst[key] < REFUSED_WITHIN_S
            out.append(f"{'达到' if ok else '未达到'}：{what}最慢 {worst[key]:.2f} s（{worst['name']}；目标 < {REFUSED_WITHIN_S:g} s）")
    return out


def markdown_table(markdown: list[dict], files: list[dict]) -> str:
    lines = ["| 病态输入 | 字数 / 结果 | 用时 s（中位数） | 比示例数据多用 s | 次数 |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {r['name']} | {r['chars']:,} | {r['s']:.2f} | - | {r['runs']} |" for r in markdown]
    lines += [f"| {r['name']} | {'拒绝' if r['refused'] else '通过'} | {r['s']:.2f} | {r['extra_s']:.2f} | {r['runs']} |" for r in files]
    return "\n".join(lines)


def check_table(rows: list[dict]) -> str:
    lines = ["| 上限 | 数值 | 在上限 check s（中位数） | 次数 | 通过 | 10 倍时 check s | 拒绝 |", "|---|---:|---:|---:|---|---:|---|"]
    for r in rows:
        lines.append(f"| {r['label']} | {r['limit']:,} | {r['at_limit_s']:.2f} | {r['runs']} | {'是' if r['at_limit_passes'] else '否'} "
                     f"| {r['over_s']:.2f} | {'是' if r['over_refused'] else '否'} |")
    return "\n".join(lines)


def picture_table(rows: list[dict]) -> str:
    lines = ["| 上限处的图片 | 像素 | 文件 MB | 检查 s | 检查峰值内存 MB | 生成各尺寸 s | 生成峰值内存 MB |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['picture']} | {r['pixels']:,} | {r['bytes'] / 1e6:.1f} | {r['check_s']:.2f} | {r['check_peak_mb']:.0f} "
                     f"| {r['render_s']:.2f} | {r['render_peak_mb']:.0f} |")
    return "\n".join(lines)
