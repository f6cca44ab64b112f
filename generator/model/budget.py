"""What one entry may cost to build beyond its own file: the pixels of all the pictures it shows.

Each picture is checked (decoded whole) and written in every size once; an entry's pictures
together are bounded so that one file cannot make a build decode gigapixels. Its fields, its
gallery and the pictures in its Markdown text all count, each file once.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem
from ..media.checks import MAX_ENTRY_PIXELS, MAX_PIXELS, megapixels
from .catalog import Catalog, Record, media_in_text
from .safety import media_path_problem


def picture_problems(catalog: Catalog, pixels: Callable[[str], int]) -> list[Problem]:
    """An entry whose pictures have more than MAX_ENTRY_PIXELS pixels together, at the picture
    that takes it over; ``pixels(path)`` counts one picture under data/ from its header, so this
    runs before any picture is decoded. A path that cannot be published, or a picture refused
    on its own (over MAX_PIXELS), counts nothing here: its own check explains it."""
    problems = []
    for kind in catalog.kinds:
        for record in catalog.records.get(kind.key, []):
            problem = _entry_problem(record, pixels)
            if problem:
                problems.append(problem)
    return problems


def _entry_problem(record: Record, pixels: Callable[[str], int]) -> Problem | None:
    counted: dict[str, int] = {}
    total, over = 0, None
    for place, path in _shown(record):
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
    return record.source.problem_in(loc, text, at, message) if text is not None else record.source.problem(loc, message)


def _shown(record: Record) -> list[tuple[tuple, str]]:
    """((field path, its text or None, index in it), picture) for every picture the entry shows:
    its picture fields first, then the pictures in its Markdown text, at their place there."""
    found: list[tuple[tuple, str]] = [((loc, None, 0), path) for loc, path in record.entry.media_refs()]
    texts = record.entry.markdown_fields()
    for path in media_in_text(record):
        loc, text = next(((loc, text) for loc, text in texts if path in text), ((), ""))
        found.append(((loc, text, max(text.find(path), 0)), path))
    return found
