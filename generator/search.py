"""Search support: a jieba user dictionary made from the data, and a smaller, UTF-8 search index."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .forums import Forum

# The characters jieba segments as words (its own default pattern). The search plugin hands
# jieba runs of Han characters only, so a name is added as the Han runs it is made of.
_HAN_RUN = re.compile(r"[\u4e00-\u9fd5]{2,}")


def names(catalog) -> list[str]:
    """Everything a reader may search for whole: terms, document titles, the names of units,
    branches, brands, members, innovation projects and forum speakers."""
    out = [e.term.term for e in catalog.glossary]
    out += [d.title for d in catalog.documents]
    out += [u.name for u in catalog.units.values()]
    out += [b.name for _, b in catalog.branches.values()]
    for kind in catalog.kinds:
        for record in catalog.records[kind.key]:
            # A forum is known by its session and theme, a sentence rather than a name: its
            # speakers' names are what readers search for whole.
            if isinstance(record.entry, Forum):
                out += [speaker.name for speaker in record.entry.speakers]
            else:
                out.append(record.entry.heading)
    return out


def dictionary_words(catalog) -> list[str]:
    """The words of the user dictionary: the Han runs of every name, each once, sorted."""
    return sorted({run for name in names(catalog) for run in _HAN_RUN.findall(name)})


def user_dictionary(words: list[str], extra: str = "") -> str:
    """jieba's user dictionary format: one word a line. jieba then gives each word the
    frequency that keeps it in one piece (its ``suggest_freq``), so no number is written."""
    lines = [line for line in extra.splitlines() if line.strip()] + list(words)
    return "".join(line + "\n" for line in lines)


def write_utf8(path: Path) -> tuple[int, int]:
    """Rewrite the search index with characters as UTF-8 instead of ``\\u`` escapes.

    A Chinese character costs 3 bytes instead of 6. Returns the sizes before and after.
    """
    raw = path.read_bytes()
    data = json.loads(raw)
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(out)
    return len(raw), len(out)
