"""Data files at and over each limit an editor's file has: the corpus behind
``site_tests/test_limits.py`` and the benchmark's rows for ``check`` at each limit.

Each case writes one file (or a few pictures) of a given size into a data folder that is
otherwise valid (the shipped data or the tests' small fixture): ``write(data_dir, size)``.
``limit`` is the largest size that passes; the tests write ten times as much and expect a
refusal. Sizes count what the limit counts: characters, items, headings or pixels.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.media import checks
from generator.model import documents, fields, glossary, seal, units, workplan
from generator.model.validate import validate
from generator.source import loader

BRAND = "brands/limit-test.yml"
NEWS = "news/posts/limit-test.md"   # under content/, beside data/
PLAN_YEAR = 2099                    # a plan of the corpus's own, beside the folder's plans
WORDS = "党建"                       # two characters, repeated to any length
PHOTO = 50_000_000                  # pixels of each picture the entry-pixels case shows


@dataclass(frozen=True)
class Case:
    """One limit: what it bounds, the largest size that passes, and how to write a file of a size."""

    name: str
    label: str
    limit: int
    write: Callable[[Path, int], None]


def text(size: int) -> str:
    return (WORDS * (size // 2 + 1))[:size]


def paragraphs(size: int, line: int = 999) -> str:
    """Markdown of exactly ``size`` characters in lines of ``line`` characters, for a ``|-`` block."""
    out = ((text(line) + "\n") * (size // (line + 1) + 1))[:size]
    return out[:-1] + "建" if out.endswith("\n") else out


def block(value: str, indent: str = "  ") -> str:
    """A YAML literal block (``|-``) holding ``value``."""
    return "|-\n" + "\n".join(indent + line if line else "" for line in value.split("\n"))


def first_branch(data: Path) -> str:
    return yaml.safe_load((data / "units.yml").read_text(encoding="utf-8"))["units"][0]["branches"][0]["id"]


def first_unit(data: Path) -> str:
    return yaml.safe_load((data / "units.yml").read_text(encoding="utf-8"))["units"][0]["id"]


def write_brand(data: Path, *, name: str = "新品牌", summary: str = "一句话简介", background: str = "背景。",
                extra: str = "") -> None:
    """``data/brands/limit-test.yml``: name on line 1, summary on 4, background from 5, ``extra`` from 8."""
    lines = [f"name: {name}", f"branch: {first_branch(data)}", "year: 2023", f"summary: {summary}",
             f"background: {background}", "practices: 做法。", "results: 成效。"]
    target = data / BRAND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")


def write_plan(data: Path, *, points: int = 1, text_size: int = 6, overall: str = "总体要求。") -> None:
    """``data/workplans/2099.yml`` with ``points`` points (point 1's text on line 10), sealed when valid."""
    lines = [f"year: {PLAN_YEAR}", "title: 测试用工作要点", f"overall: {overall}", "sections:",
             "  - numeral: 一", "    title: 第一部分", "    points:"]
    for number in range(1, points + 1):
        body = text(text_size) if number == 1 else f"第{number}条正文。"
        lines += [f"      - number: {number}", f"        title: 第{number}条", f"        text: {body}"]
    path = data / "workplans" / f"{PLAN_YEAR}.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan, problems = validate(workplan.WorkPlan, loader.read_yaml(path, data.parent))
    if plan is not None and not problems:
        seal.seal_path(path).write_text(seal.seal(plan), encoding="utf-8")


def png(path: Path, width: int, height: int, *, whole: bool = True) -> None:
    """A grey PNG of ``width`` x ``height``, black, written a row at a time; with ``whole=False``
    only its header and one row: what a picture's size is read from, and nothing to decode."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    squeeze = zlib.compressobj(6)
    row = bytes(width + 1)  # filter byte 0, then the row's pixels
    data = b"".join(squeeze.compress(row) for _ in range(height if whole else 1)) + squeeze.flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def _short_text(data: Path, size: int) -> None:
    write_brand(data, name=text(size))


def _plain_text(data: Path, size: int) -> None:
    write_brand(data, summary=text(size))


def _markdown(data: Path, size: int) -> None:
    write_brand(data, background=block(paragraphs(size)))


def _markdown_line(data: Path, size: int) -> None:
    write_brand(data, background=text(size))


def _markdown_headings(data: Path, size: int) -> None:
    write_brand(data, background=block("\n".join(f"### 小标题{n}" for n in range(1, size + 1))))


def _wuxing(data: Path, size: int) -> None:
    values = [choice.value for choice in fields.WuXing]
    write_brand(data, extra=f"wuxing: [{', '.join(values[i % len(values)] for i in range(size))}]\n")


def _points(data: Path, size: int) -> None:
    write_plan(data, points=min(size, workplan.POINTS))
    write_brand(data, extra=f"points: [{', '.join(f'{PLAN_YEAR}-{i % workplan.POINTS + 1}' for i in range(size))}]\n")


def _gallery(data: Path, size: int) -> None:
    drawing = data / "media" / "limits" / "photo.svg"
    drawing.parent.mkdir(parents=True, exist_ok=True)
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>\n', encoding="utf-8")
    photos = "".join(f"  - file: media/limits/photo.svg\n    caption: 第{n}张\n" for n in range(1, size + 1))
    write_brand(data, extra="photos:\n" + photos)


def _plan_text(data: Path, size: int) -> None:
    write_plan(data, text_size=size)


def _plan_points(data: Path, size: int) -> None:
    write_plan(data, points=size)


def _units(data: Path, size: int) -> None:
    path = data / "units.yml"
    have = len(yaml.safe_load(path.read_text(encoding="utf-8"))["units"])
    more = "".join(f"  - id: limit-{n}\n    name: 单位{n}\n" for n in range(1, size - have + 1))
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + more, encoding="utf-8")


def _branches(data: Path, size: int) -> None:
    path = data / "units.yml"
    more = "  - id: limit-unit\n    name: 多支部单位\n    branches:\n" + "".join(
        f"      - id: limit-branch-{n}\n        name: 第{n}党支部\n" for n in range(1, size + 1))
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + more, encoding="utf-8")


def _terms(data: Path, size: int) -> None:
    # A glossary holds the slogans a plan quotes: the corpus's plan quotes each of them.
    write_plan(data, overall="、".join(f"“词语{n:05d}”" for n in range(1, min(size, glossary.TERMS) + 1)) + "。")
    lines = ["terms:"] + [f"  - id: limit-{n}\n    term: 词语{n:05d}\n    category: 政治要求" for n in range(1, size + 1)]
    (data / "glossary.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _documents(data: Path, size: int) -> None:
    write_plan(data, overall="、".join(f"《文件{n:04d}》" for n in range(1, min(size, documents.DOCUMENTS) + 1)) + "。")
    lines = ["documents:"] + [f"  - title: 文件{n:04d}" for n in range(1, size + 1)]
    (data / "documents.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _news_title(data: Path, size: int) -> None:
    target = data.parent / "content" / NEWS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\ntitle: {text(size)}\ndate: 2023-05-12\ncategory: 工作动态\n---\n\n正文。\n", encoding="utf-8")


def _picture(data: Path, size: int) -> None:
    width = 8000
    png(data / "media" / "limits" / "big.png", width, size // width, whole=size <= checks.MAX_PIXELS)
    write_brand(data, extra="cover: media/limits/big.png\n")


def _entry_pictures(data: Path, size: int) -> None:
    """``size`` pictures of PHOTO pixels each, shown in the entry's text; decodable only at the limit."""
    folder = data / "media" / "limits"
    png(folder / "p1.png", 10_000, PHOTO // 10_000, whole=size * PHOTO <= checks.MAX_ENTRY_PIXELS)
    for n in range(2, size + 1):
        (folder / f"p{n}.png").write_bytes((folder / "p1.png").read_bytes())
    write_brand(data, background=block("\n\n".join(f"![现场照片](media/limits/p{n}.png)" for n in range(1, size + 1))))


CASES = [
    Case("short-text", "名称（短文字）字数", fields.SHORT_CHARS, _short_text),
    Case("plain-text", "简介（一段文字）字数", fields.PLAIN_CHARS, _plain_text),
    Case("markdown", "Markdown 字段字数", fields.MARKDOWN_CHARS, _markdown),
    Case("markdown-line", "Markdown 一行的字数", fields.MARKDOWN_LINE, _markdown_line),
    Case("markdown-headings", "Markdown 小标题个数", fields.MARKDOWN_HEADINGS, _markdown_headings),
    Case("wuxing", "五型项数", len(fields.WuXing), _wuxing),
    Case("points", "落实的工作要点项数", fields.POINTS_CITED, _points),
    Case("gallery", "图集照片张数", 24, _gallery),
    Case("plan-text", "工作要点一条正文的字数", fields.LONG_CHARS, _plan_text),
    Case("plan-points", "一部分的工作要点条数", workplan.POINTS, _plan_points),
    Case("units", "单位个数", units.UNITS, _units),
    Case("branches", "一个单位的党支部个数", units.BRANCHES, _branches),
    Case("terms", "提法词条个数", glossary.TERMS, _terms),
    Case("documents", "引用文件条数", documents.DOCUMENTS, _documents),
    Case("news-title", "动态标题字数", fields.SHORT_CHARS, _news_title),
    Case("picture", "一张图片的像素", checks.MAX_PIXELS, _picture),
    Case("entry-pictures", "一项展示的图片张数（每张 5000 万像素）", checks.MAX_ENTRY_PIXELS // PHOTO, _entry_pictures),
]
BY_NAME = {case.name: case for case in CASES}
