"""What one entry may cost to build beyond its own file: the pixels of all the pictures it shows.

Each picture is checked (decoded whole) and written in every size once; an entry's pictures
together are bounded so that one file cannot make a build decode gigapixels. Its fields, its
gallery and the pictures in its Markdown text all count, each file once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import Problem
from ..media.checks import MAX_ENTRY_PIXELS, MAX_PIXELS, megapixels
from ..source.loader import Source
from .catalog import Catalog
from .links import links
from .relink import Memo
from .safety import media_path_problem
from .unread import Unread


def picture_problems(catalog: Catalog, pixels: Callable[[str], int], unread: Unread | None = None,
                     memo: Memo | None = None) -> tuple[list[Problem], set[str]]:
    """An entry whose pictures have more than MAX_ENTRY_PIXELS pixels together, at the picture
    that takes it over, and the pictures such entries show (not to be decoded this time).

    The entries of the catalog are counted, and those of ``unread`` that did not load but were
    read. ``pixels(path)`` counts one picture under data/ from its header, so this runs before
    any picture is decoded. A path that cannot be published, or a picture refused on its own
    (over MAX_PIXELS), counts nothing here: its own check explains it. A ``memo`` keeps the
    pictures each entry shows between checks."""
    problems, over = [], set()
    entries = [(r.source, r.entry) for kind in catalog.kinds for r in catalog.records.get(kind.key, [])]
    for source, refs in entries + (unread.salvaged if unread else []):
        shown = memo.shown_by(refs, pictures_shown) if memo else pictures_shown(refs)
        problem = _entry_problem(source, shown, pixels)
        if problem:
            problems.append(problem)
            over |= {path for _, path in shown}
    return problems, over


def _entry_problem(source: Source, shown: list[tuple[tuple, str]], pixels: Callable[[str], int]) -> Problem | None:
    counted: dict[str, int] = {}
    total, over = 0, None
    for place, path in shown:
        if path not in counted:
            count = 0 if media_path_problem(path) else pixels(path)
            counted[path] = count if count <= MAX_PIXELS else 0
            total += counted[path]
            if over is None and total > MAX_ENTRY_PIXELS:
                over = place
    if over is None:
        return None
    message = (f"这一项显示的图片共约 {megapixels(total)} 百万像素，上限 {MAX_ENTRY_PIXELS // 1_000_000} 百万像素，"
               "到这张图片已经超出：请把照片缩小后再放入（例如长边 4000 像素，约 1200 万像素一张），或减少张数。")
    loc, text, at = over
    return source.problem_in(loc, text, at, message) if text is not None else source.problem(loc, message)


def pictures_shown(entry: Any) -> list[tuple[tuple, str]]:
    """((field path, its text or None, index in it), picture) for every picture the entry shows:
    its picture fields first, then the pictures in its Markdown text, at their place there.
    ``entry``: an ``Entry``, or what ``unread.Salvaged`` read of one."""
    found: list[tuple[tuple, str]] = [((loc, None, 0), path) for loc, path in entry.media_refs()]
    texts = entry.markdown_fields()
    in_text = [link.target for _, text in texts if "](" in text or "]:" in text
               for link in links(text) if link.target.startswith("media/")]
    for path in in_text:
        loc, text = next(((loc, text) for loc, text in texts if path in text), ((), ""))
        found.append(((loc, text, max(text.find(path), 0)), path))
    return found
