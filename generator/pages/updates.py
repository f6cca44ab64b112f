"""What's new and what happened: last-commit dates, ``/updates/``, ``/timeline/``, and ``newest``
behind the home page's list.

A page's "更新于" date is the date of the last commit that touched its file, read from the
repository's history in one ``git log``. On a shallow clone that history is cut short, so a
date would be wrong: then no page shows one.
"""

from __future__ import annotations

import datetime
import subprocess
from collections import defaultdict
from pathlib import Path

from .. import addresses
from .related import when
from .render import render_page

RECENT = 100     # entries on /updates/
LATEST = 8       # entries in the home page's list (home.py)


def commit_dates(root: Path) -> dict[str, datetime.date]:
    """``{path relative to root: date of the last commit touching it}``; empty without full history."""
    def git(*args: str) -> str | None:
        try:
            found = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return found.stdout if found.returncode == 0 else None

    if (git("rev-parse", "--is-shallow-repository") or "").strip() != "false":
        return {}  # not a repository, or a shallow clone: no date rather than a wrong one
    log = git("log", "--format=%x00%cs", "--name-only", "--relative", "--", ".")
    if not log:
        return {}
    dates: dict[str, datetime.date] = {}
    for block in log.split("\x00")[1:]:
        day, _, names = block.partition("\n")
        for name in names.split("\n"):
            if name and name not in dates:  # newest commit first: the first date seen is the last change
                dates[name] = datetime.date.fromisoformat(day.strip())
    return dates


def updated(catalog, root: Path) -> dict[tuple[str, str], datetime.date]:
    """``{(kind key, id): last-commit date}`` for every record whose file the history knows."""
    dates = commit_dates(root)
    return {(r.kind.key, r.id): dates[r.source.path] for kind in catalog.kinds
            for r in catalog.records.get(kind.key, []) if r.source.path in dates}


def newest(build, limit: int) -> list[tuple[datetime.date, object]]:
    """The ``limit`` newest records of every kind: (date shown, record), newest first.

    A news item counts from its own date (the day it was published: correcting a typo later
    does not bring it back to the top); an entry from its file's last commit where the history
    is there, else from its own date or year.
    """
    items = []
    catalog = build.catalog
    for kind in catalog.kinds:
        for record in catalog.records.get(kind.key, []):
            changed = None if kind.key == "news" else build.updated_on(record)
            items.append((changed or when(record), record))
    items.sort(key=lambda item: (-item[0].toordinal(), item[1].kind.key, item[1].id))
    return items[:limit]


def render(build) -> dict[str, str]:
    """``/updates/`` and ``/timeline/``, one page per year."""
    pages = {addresses.updates(): render_page("updates.md.j2", build, here=addresses.updates(),
                                             items=newest(build, RECENT), limit=RECENT)}
    years = timeline(build.catalog)
    for year, groups in years.items():
        here = addresses.timeline(year)
        pages[here] = render_page("timeline.md.j2", build, here=here, year=year, groups=groups, years=list(years))
    newest_year = next(iter(years), None)
    pages[addresses.timeline()] = render_page(
        "timeline.md.j2", build, here=addresses.timeline(), year=newest_year,
        groups=years.get(newest_year, []) if newest_year is not None else [], years=list(years))
    return pages


def timeline(catalog) -> dict[int, list[tuple[str, list[tuple[datetime.date | None, object]]]]]:
    """大事记: per year, newest first, the forum sessions, news marked as events, innovations and
    brand cases, each kind with its items (date or None for a year-only entry)."""
    kinds = sorted((k for k in catalog.kinds if k.timeline is not None), key=lambda k: k.timeline)
    by_year: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind in kinds:
        for record in catalog.records.get(kind.key, []):
            if record.entry.in_timeline:
                by_year[record.year][kind.key].append((record.entry.day, record))
    out = {}
    for year in sorted(by_year, reverse=True):
        groups = []
        for kind in kinds:
            items = sorted(by_year[year][kind.key], key=lambda item: (-(item[0] or datetime.date.min).toordinal(), item[1].id))
            if items:
                groups.append((kind.label, items))
        out[year] = groups
    return out

