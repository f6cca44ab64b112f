"""What a file at each limit costs: ``check`` at the limit and at ten times it, and the memory of
checking and rendering one picture at the pixel limit. Called by run.py; prints nothing itself.

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

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
SIDE = (8320, 6250)  # 52,000,000 pixels: the limit exactly

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
