"""What's new and what happened: ``/updates/``, ``/timeline/``, ``newest`` behind the home
page's list, and the "更新于" dates of pages.

Everything is ordered by the date the item is about: a news item's date, an entry's own date
(a forum session's day) or, for the kinds that only know a year, its year, after that year's
dated items. A commit date says when a file was typed in, not when the thing happened: a batch
of entries imported on one day would all look new.

A page shows "更新于" only when its file was changed after it was added, and the change came
at least ``SETTLED`` days after both the day the file was added and the item's own date: a
news item whose file was only imported, or fixed the same week, shows its own date alone.
The dates come from the repository's history in one ``git log``; on a shallow clone that
history is cut short, so a date would be wrong: then no page shows one.
"""

from __future__ import annotations

import datetime
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import addresses
from .paging import paginate
from .render import render_page

RECENT = 100     # entries on /updates/
LATEST = 8       # entries in the home page's list (home.py)
SETTLED = 7      # days: a change sooner than this after publication is part of publishing it


def commit_dates(root: Path) -> dict[str, tuple[datetime.date, datetime.date]]:
    """``{path relative to root: (day of the commit adding it, day of the last commit touching it)}``;
    empty without full history."""
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
    dates: dict[str, tuple[datetime.date, datetime.date]] = {}
    for block in log.split("\x00")[1:]:
        day, _, names = block.partition("\n")
        date = datetime.date.fromisoformat(day.strip())
        for name in names.split("\n"):
            if name:  # newest commit first: the first date seen is the last change, the last one its adding
                dates[name] = (date, dates[name][1] if name in dates else date)
    return dates


def updated(catalog, root: Path) -> dict[tuple[str, str], datetime.date]:
    """``{(kind key, id): date to show as "更新于"}`` for every record changed well after it was published."""
    dates = commit_dates(root)
    out = {}
    for kind in catalog.kinds:
        for r in catalog.records.get(kind.key, []):
            if r.source.path in dates:
                added, changed = dates[r.source.path]
                if worth_showing(added, changed, r.entry.day):
                    out[(kind.key, r.id)] = changed
    return out


def worth_showing(added: datetime.date, changed: datetime.date, day: datetime.date | None) -> bool:
    """Whether a change on ``changed`` is news beside the item's date (``day``) and its file's adding."""
    return all((changed - since).days >= SETTLED for since in (added, day) if since is not None)


def about(record) -> tuple[int, datetime.date | None]:
    """When the record happened: its year, and its day where it has one."""
    return record.year, record.entry.day


def newest(build, limit: int) -> list[tuple[datetime.date | None, object]]:
    """The ``limit`` newest records of every kind by the date they are about: (day or None for
    a year-only entry, record), newest first; a year's dated items before its year-only ones."""
    catalog = build.catalog
    items = [(record, *about(record)) for kind in catalog.kinds for record in catalog.records.get(kind.key, [])]
    items.sort(key=lambda item: (-item[1], -(item[2].toordinal() if item[2] else 0), item[0].kind.order, item[0].id))
    return [(day, record) for record, _, day in items[:limit]]


def render(build) -> dict[str, str]:
    """``/updates/`` and ``/timeline/``: one timeline per year, in pages of ``paging.PER_PAGE``
    (a year of thousands of entries would make one page megabytes long); ``/timeline/`` is the
    newest year's first page."""
    pages = {addresses.updates(): render_page("updates.md.j2", build, here=addresses.updates(),
                                             items=newest(build, RECENT), limit=RECENT)}
    years = timeline(build.catalog)
    shown = list(years)
    for year, moments in years.items():
        paged = paginate(moments, addresses.timeline(year))
        for page in paged.pages:
            pages[page.path] = render_page("timeline.md.j2", build, here=page.path, year=year, page=page,
                                           total=len(moments), pager=paged.pager(page), years=shown)
            if year == shown[0] and page.number == 1:
                pages[addresses.timeline()] = render_page(
                    "timeline.md.j2", build, here=addresses.timeline(), year=year, page=page, total=len(moments),
                    pager=paged.pager(page), years=shown)
    if not years:
        pages[addresses.timeline()] = render_page("timeline.md.j2", build, here=addresses.timeline(), year=None,
                                                  page=None, total=0, pager=[], years=[])
    return pages


@dataclass(frozen=True)
class Moment:
    """One item of the 大事记: when (as exact as the entry knows), what, where, and its picture."""

    record: object
    when: str      # "11月16日", "11月" where only the month is known, "2023 年" where only the year
    units: list    # unit ids
    picture: str | None


def moment(catalog, record) -> Moment:
    entry = record.entry
    day, month = entry.day, entry.month
    if day:
        when = f"{day.month}月{day.day}日"
    elif month:
        when = f"{month}月"
    else:
        when = f"{record.year} 年"
    return Moment(record, when, list(catalog.units_of(record)), entry.picture)


def timeline(catalog) -> dict[int, list[Moment]]:
    """大事记: per year, newest first, the items of every kind the timeline lists (``Kind.timeline``)
    that list themselves (``Entry.in_timeline``), in one line by date: a month's dated items
    before those that know only the month, the year's items that know only the year last."""
    kinds = {k.key: k.timeline for k in catalog.kinds if k.timeline is not None}
    by_year: dict[int, list] = defaultdict(list)
    place = {}  # ties keep each kind's own order (the innovation list's by award)
    for key in kinds:
        for i, record in enumerate(catalog.records.get(key, [])):
            if record.entry.in_timeline:
                by_year[record.year].append(record)
                place[id(record)] = i

    def order(record) -> tuple:
        day, month = record.entry.day, record.entry.month
        return (-(month or 0), 0 if day else 1, -(day.toordinal() if day else 0), kinds[record.kind.key], place[id(record)])
    return {year: [moment(catalog, r) for r in sorted(by_year[year], key=order)] for year in sorted(by_year, reverse=True)}
