"""The pinyin of titles and names, for readers who type pinyin (no Chinese input method on an
old PC or a phone, and how OA systems find names): 林晓岚 as linxiaolan or lxl, 主题教育 in a
point's title as ztjy or zhutijiaoyu; a unit's short name as its whole pinyin or initials
(数据局 as shujuju or sjj).

Made at build time with pypinyin, which reads a word's pronunciation from its phrase
dictionary (行长 hang zhang, 银行 yin hang). A title's pinyin is indexed like its characters:
each pair of adjacent syllables ("~zhu ti") and each pair of their initials ("^zt") is a key
at the offset of the pair's first character in the titles (docs/search-index.md, "Pinyin").
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

SYLLABLES = "~"   # a key of two adjacent syllables: "~zhu ti"
INITIALS = "^"    # a key of the initials of two adjacent characters: "^zt"
_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


@lru_cache(maxsize=65536)
def syllables(run: str) -> tuple[str, ...]:
    """One syllable per character of a run of Chinese characters ("v" for ü), or () when
    pypinyin gives none for one of them."""
    found = tuple(s.lower() for s in lazy_pinyin(run))
    ok = len(found) == len(run) and all(s.isascii() and s.isalpha() for s in found)
    return found if ok else ()


def keys(title: str):
    """``(key, offset)`` for every pair of adjacent characters of every Chinese run of the
    folded ``title``: their syllables and their initials."""
    for match in _RUN.finditer(title):
        spelled = syllables(match.group())
        for i in range(len(spelled) - 1):
            a, b = spelled[i], spelled[i + 1]
            yield f"{SYLLABLES}{a} {b}", match.start() + i
            yield f"{INITIALS}{a[0]}{b[0]}", match.start() + i


def name_keys(name: str) -> list[str]:
    """The keys of another name of a page (a unit's short name, folded): its whole pinyin and
    its initials ("~shujuju", "^sjj" for 数据局), or none if it is not all Chinese characters
    pypinyin can spell."""
    if not _RUN.fullmatch(name):
        return []
    spelled = syllables(name)
    return [SYLLABLES + "".join(spelled), INITIALS + "".join(s[0] for s in spelled)] if spelled else []
