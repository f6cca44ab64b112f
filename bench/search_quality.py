"""Recall and precision of search against ground truth: ``search_quality.py SITE [--queries 300]``.

SITE is a built site (``make site``, or the benchmark's synthetic one: ``run.py`` builds them in
a temporary folder; ``--entries 1500`` builds one here). The queries are every slogan the
plans quote (“…”) and random substrings of 2 to 8 characters of the indexed texts (seeded),
300 in all, each within one run of Chinese characters or one whole word of letters or digits,
as a reader types a word (not "，创" or the "dat" of "data": a number or word is found whole).
The truth of a query is every page whose indexed text (its sections' titles and texts, folded
as search folds them) contains it. The site's own engine answers each in node
(bench/search_engine.mjs). Recall: the share of the true pages among the results; precision:
the share of the results shown above the line that are true (the line under the results that
hold the query as typed; none above it when the answer says the results are partial). The targets (issue 22):
recall >= 0.99 on queries with a Chinese piece of two or more characters, precision >= 0.95.
Prints the figures and the worst queries; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.search import pieces  # noqa: E402
from generator.search.writer import CJK, fold  # noqa: E402

QUOTED = re.compile("“([^“”]{2,30})”")
CHINESE_PIECE = re.compile(f"[{CJK}]{{2,}}")
# One run as the index cuts text (writer.TOKEN, unfolded): what a reader types as one word.
TOKEN = re.compile(f"[{CJK}]+|[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
WORD_RUN = re.compile(r"[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
PARTIAL = "一部分"  # the partial line's words (search-engine.js, PARTIAL)


def corpus(site: Path) -> tuple[list[str], dict[str, str], list[str]]:
    """Every section's text, every page's folded text (titles and texts), and the slogans the
    plans quote (“…” in the plans' pages)."""
    folder = site / "search"
    meta = pieces.read_meta(folder)
    texts: list[str] = []
    for number in range(len(meta["chunks"])):
        texts += pieces.read_json(folder, f"t/{number}")
    pages: dict[str, list[str]] = {}
    slogans: set[str] = set()
    for (page, _anchor, title, _length), text in zip(meta["docs"], texts, strict=True):
        url = meta["pages"][page][0]
        pages.setdefault(url, []).extend([title, text])
        if re.fullmatch(r"workplan/\d{4}/", url):
            slogans.update(m.group(1) for m in QUOTED.finditer(text.split("\x1f")[0]))
    return texts, {url: fold("\n".join(parts)) for url, parts in pages.items()}, sorted(slogans)


def queries(texts: list[str], slogans: list[str], count: int, seed: int = 22) -> list[str]:
    """Every quoted slogan, then random 2-8 character substrings of the texts, ``count`` in all."""
    rng = random.Random(seed)
    found = list(slogans[:count])
    runs = [m.group() for text in texts for m in TOKEN.finditer(text) if len(m.group()) >= 2]
    while len(found) < count:
        run = rng.choice(runs)
        if WORD_RUN.fullmatch(run):  # letters and digits as typed: the whole word (22 is not 2022)
            query = run
        else:
            size = rng.randint(2, min(8, len(run)))
            at = rng.randrange(len(run) - size + 1)
            query = run[at:at + size]
        if query not in found:
            found.append(query)
    return found


def answers(site: Path, asked: list[str]) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(asked, f, ensure_ascii=False)
    out = subprocess.run(["node", str(Path(__file__).with_name("search_engine.mjs")), str(site), f.name],
                         capture_output=True, text=True, check=True, timeout=3600)
    Path(f.name).unlink()
    return [json.loads(line) for line in out.stdout.splitlines()]


def measure(site: Path, count: int) -> dict:
    texts, pages, slogans = corpus(site)
    asked = queries(texts, slogans, count)
    rows = []
    for answer in answers(site, asked):
        query = answer["query"]
        truth = {url for url, text in pages.items() if fold(query) in text}
        partial = bool(answer["notice"]) and PARTIAL in answer["notice"]
        # above the line: the results holding the query as typed, or all when there is no line
        shown = [] if partial else answer["pages"][:answer["line"]] if answer["line"] else answer["pages"]
        rows.append({"query": query, "truth": len(truth), "found": len(truth & set(answer["pages"])),
                     "shown": len(shown), "true_shown": len(truth & set(shown)),
                     "chinese": bool(CHINESE_PIECE.search(query)), "slogan": query in slogans})
    return summary(rows)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def summary(rows: list[dict]) -> dict:
    chinese = [r for r in rows if r["chinese"]]
    return {
        "queries": len(rows), "slogans": sum(r["slogan"] for r in rows), "chinese_queries": len(chinese),
        "recall_chinese_micro": _ratio(sum(r["found"] for r in chinese), sum(r["truth"] for r in chinese)),
        "recall_chinese_mean": sum(_ratio(r["found"], r["truth"]) for r in chinese) / max(1, len(chinese)),
        "recall_all_micro": _ratio(sum(r["found"] for r in rows), sum(r["truth"] for r in rows)),
        "precision_micro": _ratio(sum(r["true_shown"] for r in rows), sum(r["shown"] for r in rows)),
        "precision_chinese_micro": _ratio(sum(r["true_shown"] for r in chinese), sum(r["shown"] for r in chinese)),
        "precision_mean": sum(_ratio(r["true_shown"], r["shown"]) for r in rows) / max(1, len(rows)),
        "worst_recall": sorted(rows, key=lambda r: _ratio(r["found"], r["truth"]))[:5],
        "worst_precision": sorted(rows, key=lambda r: _ratio(r["true_shown"], r["shown"]))[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", help="a built site folder")
    parser.add_argument("--entries", type=int, help="build a synthetic site of this many entries first")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    if shutil.which("node") is None:
        print("search_quality.py needs node", file=sys.stderr)
        return 2
    site = args.site
    if args.entries:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import run  # noqa: PLC0415  (bench/run.py)

        work = Path(tempfile.mkdtemp(prefix="search-quality-"))
        run.mkdocs_build(run.site_project(work, args.entries))
        site = work / "site"
    if site is None:
        parser.error("give a built site or --entries")
    print(json.dumps(measure(site, args.queries), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
