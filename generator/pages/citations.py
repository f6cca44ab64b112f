"""Who carries out each point: the entries citing it, newest first, and one page per point.

The plan page shows only the newest few under each point (a point cited by hundreds of entries
would make the plan page megabytes long); the page per point lists them all, grouped by unit,
so that the 落实看板's cell "point n x unit u" links to exactly that group.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .. import addresses
from ..addresses import PointId
from .build import Build
from .paging import Link, Paged, paginate
from .render import render_template

# Entries shown under a point on the plan page; the rest are one click away.
LATEST = 10
NO_UNIT = ""  # the group of entries that name no unit (a future kind may have none)


@dataclass(frozen=True)
class Coverage:
    """How many of a plan's points have a showcase: the one answer every page gives."""

    year: int
    points: int                # the plan's points
    shown: frozenset[int]      # numbers of the points that have one
    kinds: tuple[str, ...]     # labels of the kinds that count, in the site's order
    others: tuple[str, ...]    # labels of the kinds that do not (news)

    @property
    def count(self) -> int:
        return len(self.shown)

    @property
    def counted(self) -> str:
        """The kinds that count, as the pages name them: 支部品牌、党员风采、书记论坛、党建创新榜."""
        return "、".join(self.kinds)

    @property
    def note(self) -> str:
        """The sentence saying which kinds count, for every page that gives the number."""
        left = f"；{'、'.join(self.others)}不计在内" if self.others else ""
        return f"“有展示”指至少有一项展示（{self.counted}）落实的要点{left}。"


def coverage(catalog, plan) -> Coverage:
    """Which of ``plan``'s points at least one entry of a showcase kind carries out.

    Only the kinds whose ``showcase`` is set count (news reports on work; it is not a showcase
    of it). The home page's figure, the board and the plan page all say this number: they ask
    here, so they cannot disagree.
    """
    kinds = [kind for kind in catalog.kinds if kind.showcase]
    shown = frozenset(point.number for _, point in plan.points()
                      if any(catalog.citations.get(PointId(plan.year, point.number), {}).get(k.key) for k in kinds))
    return Coverage(plan.year, len(plan.points()), shown, tuple(k.label for k in kinds),
                    tuple(k.label for k in catalog.kinds if not k.showcase))


def date_of(record) -> datetime.date | None:
    """The entry's date, for the kinds that have one (a forum session, say)."""
    date = getattr(record.entry, "date", None)
    return date if isinstance(date, datetime.date) else None


def newest_key(record) -> tuple:
    """Sort key across kinds: newest year first, then newest date where an entry has one."""
    date = date_of(record)
    return (-record.year, -date.toordinal() if date else 0)


# The plan page, the point pages and the board all ask for the same lists: each is worked
# out once per build (build.remembered; a new build, after an edit, starts afresh).

def citing(build: Build, year: int, number: int) -> list:
    """Every entry citing point ``number`` of ``year``, each once, newest first (kinds in order)."""
    catalog = build.catalog

    def work():
        cited = catalog.citations.get(PointId(year, number), {})
        records = [r for kind in catalog.kinds for r in cited.get(kind.key, [])]
        return sorted(records, key=newest_key)  # stable: kinds keep their order within a date
    return build.remembered(("citing", year, number), work)


def unit_anchor(unit_id: str) -> str:
    return f"u-{unit_id}" if unit_id else "u-none"


@dataclass
class Latest:
    """What the plan page shows under one point."""

    shown: list[tuple[object, list]]  # (kind, its newest records), kinds in order
    total: int
    page: str  # the point's own page

    @property
    def more(self) -> bool:
        """Whether some entries are left for the point's page."""
        return self.total > sum(len(records) for _, records in self.shown)


def latest(build: Build, year: int, number: int, limit: int = LATEST) -> Latest:
    records = citing(build, year, number)
    newest = records[:limit]
    shown = [(kind, [r for r in newest if r.kind.key == kind.key]) for kind in build.catalog.kinds]
    return Latest([(k, rs) for k, rs in shown if rs], len(records), addresses.point_page(year, number))


def by_unit(build: Build, year: int, number: int) -> list[tuple[str, object]]:
    """(unit id, record) lines of a point's page: units in the order of units.yml, newest first
    within each; an entry of several units is listed under each of them."""
    catalog = build.catalog

    def work():
        lines: dict[str, list] = {uid: [] for uid in catalog.units}
        lines[NO_UNIT] = []
        for record in citing(build, year, number):
            for uid in catalog.units_of(record) or [NO_UNIT]:
                lines[uid].append(record)
        return [(uid, r) for uid, records in lines.items() for r in records]
    return build.remembered(("by_unit", year, number), work)


def point_pages(build: Build, year: int, number: int) -> Paged:
    """The point's page(s), grouped by unit."""
    return build.remembered(("pages", year, number), lambda: paginate(
        by_unit(build, year, number), addresses.point_page(year, number), key=lambda line: line[0]))


def render(build: Build) -> dict[str, str]:
    """One page (or several) per point of every year."""
    pages = {}
    for year, plan in sorted(build.catalog.workplans.items()):
        for _, point in plan.points():
            pages.update(render_point(build, year, point))
    return pages


def render_point(build: Build, year: int, point) -> dict[str, str]:
    """The page(s) of one point; none while no entry cites it (nothing would link there)."""
    if not citing(build, year, point.number):
        return {}
    catalog = build.catalog
    paged = point_pages(build, year, point.number)
    units = [Link(_unit_name(catalog, uid), paged.starts[uid], unit_anchor(uid), count)
             for uid, count in _totals(paged).items()]
    total = len(citing(build, year, point.number))
    out = {}
    for page in paged.pages:
        out[page.path] = render_template(
            "point.md.j2", here=page.path, year=year, point=point, page=page, pages=len(paged.pages),
            pager=paged.pager(page), total=total, units=units,
            groups=[_group(catalog, g) for g in page.groups])
    return out


def _group(catalog, group) -> dict:
    uid = group.key
    return {"name": _unit_name(catalog, uid), "anchor": unit_anchor(uid) if group.anchored else None,
            "total": group.total,
            "lines": [(r, [b.name for b in catalog.branches_in(r, uid)] if uid else []) for _, r in group.items]}


def _totals(paged: Paged) -> dict:
    found: dict = {}
    for page in paged.pages:
        for group in page.groups:
            found.setdefault(group.key, group.total)
    return found


def _unit_name(catalog, uid: str) -> str:
    return catalog.units[uid].name if uid else "未注明单位"
