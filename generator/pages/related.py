"""Related reading: for each entry and news item, up to five other pages worth reading next.

Two pages are related when they serve the same work points, use the same glossary terms,
come from the same unit or serve the same 五型. Candidates are gathered from each shared
feature's newest pages only (``PER_FEATURE``), so the cost grows with the number of pages,
not with its square: thousands of entries share each point.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

# How much one shared feature counts.
WEIGHTS = {"point": 3, "term": 2, "unit": 2, "wuxing": 1}
PER_FEATURE = 40   # newest pages looked at per shared feature
SHOWN = 5


def features(catalog, record) -> set[tuple[str, str]]:
    """What ``record`` is about: its points, the glossary terms in its text, its units, its 五型."""
    entry = record.entry
    found = {("point", ref) for ref in entry.cited_points()}
    found |= {("unit", unit_id) for unit_id in catalog.units_of(record)}
    found |= {("wuxing", wx.value) for wx in entry.wuxing}
    text = " ".join(value for _, value in entry.markdown_fields())
    if text:
        found |= {("term", e.id) for e in catalog.glossary if e.term.term in text}
    return found


def compute(catalog) -> tuple[dict[tuple[str, str], list], dict[str, list]]:
    """``{(kind key, id): [related records]}`` for every record, best first, stable for the same
    data; and ``{glossary term id: records whose text uses it}``, newest first."""
    records = [r for kind in catalog.kinds for r in catalog.records.get(kind.key, [])]
    order = {id(r): n for n, r in enumerate(sorted(records, key=_newest_first))}
    about = {id(r): features(catalog, r) for r in records}
    holders: dict[tuple[str, str], list] = defaultdict(list)
    for record in sorted(records, key=_newest_first):
        for feature in about[id(record)]:
            holders[feature].append(record)
    terms = {value: holders[(kind, value)] for kind, value in holders if kind == "term"}
    out = {}
    for record in records:
        scores: dict[int, int] = defaultdict(int)
        by_id = {}
        for feature in about[id(record)]:
            for other in holders[feature][:PER_FEATURE + 1]:
                if other is not record:
                    scores[id(other)] += WEIGHTS[feature[0]]
                    by_id[id(other)] = other
        best = sorted(scores, key=lambda key: (-scores[key], order[key]))[:SHOWN]
        out[(record.kind.key, record.id)] = [by_id[key] for key in best]
    return out, terms


def _newest_first(record) -> tuple:
    return (-when(record).toordinal(), record.kind.key, record.id)


def when(record) -> datetime.date:
    """The record's own date, or the middle of its year when it only has a year."""
    entry = record.entry
    return entry.date if isinstance(getattr(entry, "date", None), datetime.date) else datetime.date(entry.year, 7, 1)

