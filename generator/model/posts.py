"""News items' files: ``content/news/posts/<id>.md``, front matter checked like a data file.

An editor writes YAML front matter between two ``---`` lines, then the text in Markdown. The
front matter is read by the same reader and model checks as a data file (so mistakes get the
same Chinese ``file:line:col: field:`` messages), the text becomes the model's body field and is
checked as Markdown fields are. The kind (``kinds/news.py``) gives the model, its id rule and
its own check of an item (the categories mkdocs.yml allows).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from .. import addresses
from ..errors import Collector, DataErrors, Problem
from ..source.frontmatter import read_text, split
from ..source.loader import Source, display_path, parse_yaml
from .catalog import Kind, Reading, Record
from .fields import Entry
from .unread import Salvaged
from .validate import validate

FOLDER = addresses.NEWS_ITEMS   # under the docs folder (content/)
MAX_BYTES = 256 * 1024
# The kind's own rule for an item read: check(entry, source, categories=...) -> a problem or None.
Check = Callable[..., Problem | None]


def read(kind: Kind, reading: Reading, check: Check) -> list[Record]:
    """Every item of ``kind`` under content/news/posts/, checked (and by ``check``, the kind's own rule); problems go to the reading's collector
    (nothing if content/ or the folder is a refused link). With the reading's cache (a
    preview's), items unchanged since it last read them are not read again."""
    folder, root, collector = reading.content_dir / FOLDER, reading.root, reading.collector
    if reading.links & {reading.content_dir, folder}:
        return []
    records: list[Record] = []
    if not folder.is_dir():
        return records
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path in reading.links:
            continue
        if path.is_dir():
            collector.extend(_nested(path, root, reading.links))
            continue
        where = display_path(path, root)
        if path.suffix != ".md":
            collector.add(Problem(where, 1, 1, "", f"content/{FOLDER}/ 里只能放 .md 文件：请把“{path.name}”改成 .md 文件或移走。"))
            continue
        problem = kind.id_problem(path.stem) if kind.id_problem else None
        if problem:
            collector.add(Problem(where, 1, 1, "", problem))
            continue
        if reading.cache is None:
            failed: list[Source] = []
            record = _read(kind, path, where, collector, partial(check, categories=reading.categories), failed)
        else:
            record, problems, failed = reading.cache.kept((kind.key, path, tuple(reading.categories)), path,
                                                          partial(_read_apart, kind, path, where, partial(check, categories=reading.categories)))
            collector.extend(problems)
        for source in failed:  # its references are checked all the same (model/unread.py)
            reading.unread.entry(kind.key, path.stem, where, source, Salvaged(kind.model, source.data))
        if record is not None and (reading.samples or not record.entry.sample):
            records.append(record)
    return sorted(records, key=lambda r: (r.entry.sort_key, r.id))


def _nested(folder: Path, root: Path, links: set[Path]) -> list[Problem]:
    """Each file in a folder under content/news/posts/: neither checked nor published, so an error."""
    problems = []
    for top, dirs, files in os.walk(folder):  # links are not followed (and were refused)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in files if not n.startswith(".")):
            path = Path(top) / name
            if path not in links:
                problems.append(Problem(display_path(path, root), 1, 1, "", (
                    f"动态只能直接放在 content/{FOLDER}/ 里，子文件夹 {display_path(folder, root)}/ 里的文件既不检查也不发布："
                    f"请把它移到 content/{FOLDER}/{name}（文件名就是标识，重名时请改名）。")))
    return problems


def _read_apart(kind: Kind, path: Path, where: str,
                check: Callable[[Entry, Source], Problem | None]) -> tuple[Record | None, list[Problem], list[Source]]:
    """An item, its problems and its source if it failed, kept apart so that a preview can keep them between builds."""
    found = Collector()
    failed: list[Source] = []
    return _read(kind, path, where, found, check, failed), found.problems, failed


def _read(kind: Kind, path: Path, where: str, collector: Collector, check: Callable[[Entry, Source], Problem | None],
          failed: list[Source] | None = None) -> Record | None:
    """The item at ``path``, or None with its problems; ``failed`` gets its source if it was read but failed its model."""
    text = read_text(path, where, MAX_BYTES, "动态正文请精简，图片放进 data/media/。", collector)
    if text is None:
        return None
    parts = split(text)
    if parts is None:
        collector.add(Problem(where, 1, 1, "", "文件开头缺少以“---”括起来的基本信息（标题、日期、类别）：第一行写 ---，"
                              "下面逐行写 title: 标题、date: 日期、category: 类别，再写一行 ---，然后写正文。"
                              "可以用 python -m generator new news 标识 生成模板。"))
        return None
    try:
        source = parse_yaml(parts.yaml, where)
    except DataErrors as exc:
        collector.extend(exc.problems)
        return None
    if "body" in source.data:
        collector.add(source.problem(("body",), "body 不是可用字段：正文写在第二个“---”下面，不写在基本信息里。", key=True))
        return None
    source.data["body"] = parts.body
    source.values[("body",)] = (parts.body_line, 1)
    source.blocks[("body",)] = parts.body_line
    entry, problems = validate(kind.model, source)
    collector.extend(problems)
    if entry is None:
        if failed is not None:
            failed.append(source)
        return None
    problem = check(entry, source)
    if problem is not None:
        collector.add(problem)
        if failed is not None:
            failed.append(source)
        return None
    return Record(kind, path.stem, source, entry)
