"""Texts that once cost ``check`` far more than their size: the corpus behind the tests that
check them structurally (site_tests/test_content_pages.py, test_limits.py) and the rows
bench/limits.py times (``make bench``). Nothing here is timed or asserted.

- ``MARKDOWN``: inputs that made the old patterns or the renderer quadratic (or worse); each
  100,000 characters or more, past any field's limit, so a page-sized text is covered too.
- ``BRAND_EDITS``: the files the limits' issue found, as it found them (an edit of the
  corpus's brand file, ``hostile.write_brand``).
- ``big_page()``: a hand-written page at the size limit, every paragraph at its bounds.
"""

from __future__ import annotations

from pathlib import Path

import hostile

from generator.model.handwritten import MAX_PAGE_BYTES
from generator.model.safety import MAX_ABBREVIATIONS, MAX_LINES_PER_BLOCK, MAX_MARKS_PER_BLOCK, MAX_MARKS_PER_TEXT

MARKDOWN = {
    "braces and equals": "{" + "=" * 100_000,
    "braces": "{" * 100_000,
    "fence lines": "```a\n~~~~\n" * 16_000,
    "brackets": "[" * 100_000,
    "brackets on lines": "[\n" * 50_000,
    "open tags with quotes": "<a'" * 40_000,
    "open tags": "<b" * 50_000,
    "backticks": "`" * 100_000,
    "backtick runs": "` x `` y " * 12_000,
    "definition lines": "a\n: b\n" * 20_000,
    "autolink starts": "<a@" * 40_000,
    "links": "[a](b:" * 20_000,
    # just under the bounds of one paragraph, paragraph after paragraph
    "angle paragraphs": ("<http://a" * 199 + "\n\n") * 60,
    "bracket paragraphs": ("[a](b " * 199 + "\n\n") * 10,
    "brackets spread out": ("[a](b " * 20 + "\n\n") * 99,
    "list paragraphs": ("- a\n" * 299 + "\n") * 40,
    "abbreviations": "".join(f"*[T{i}]: x\n\n" for i in range(5)) + "T1 T2 " * 15_000,
}

# name -> (a line of hostile.write_brand's file, what the file had in its place)
BRAND_EDITS = {
    "long-name": ("name: 新品牌", "name: " + "党" * 300_000),
    "many-wuxing": ("results: 成效。", "results: 成效。\nwuxing: [" + ", ".join(["服务型"] * 80_000) + "]"),
    "one-point-8000-times": ("results: 成效。", "results: 成效。\npoints: [" + ", ".join(["2023-1"] * 8_000) + "]"),
}

BIG_PAGE = "big.md"  # its name under content/
PROSE = "支部党员大多在服务窗口一线工作，群众办事的难点就是支部工作的着力点。"


def write_brand_edit(data: Path, name: str) -> Path:
    """The corpus's brand file with the issue's edit ``name``; its path."""
    old, new = BRAND_EDITS[name]
    hostile.write_brand(data)
    path = data / hostile.BRAND
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


def big_page() -> str:
    """A page just under MAX_PAGE_BYTES: the most abbreviations, paragraphs of links at the
    most marks, lists at the most lines, then prose up to the limit."""
    links_per_block = MAX_MARKS_PER_BLOCK - 1
    parts = ["*[HTML]: 超文本标记语言\n"] * MAX_ABBREVIATIONS
    parts += ["[文字](https://example.org/) " * links_per_block + "\n"] * (MAX_MARKS_PER_TEXT // links_per_block)
    parts += [("- HTML " + PROSE + "\n") * (MAX_LINES_PER_BLOCK - 1)] * 3
    body = "# 大页面\n\n" + "\n".join(parts)
    body += ("\n" + PROSE * 3 + "\n") * ((MAX_PAGE_BYTES - len(body.encode()) - 1024) // len((PROSE * 3 + "\n\n").encode()))
    return body
