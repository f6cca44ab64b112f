"""落实看板 (``/workplan/<year>/progress/``): the year's points x units, and charts of coverage.

Points 22 and 25 of the 2023 plan ask for lists of tasks with people answerable for them
(清单制+责任制) and for checking the year's key work: this page shows, for every point, how
many entries each unit has filed against it. It walks ``catalog.kinds``, so a new kind is
counted as soon as it is declared. Charts are tables with bars drawn by CSS: they read the
same without JavaScript, on paper, in the dark scheme and to a screen reader.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import addresses
from ..model.fields import WuXing
from . import citations
from .build import Build
from .paging import paginate
from .render import render_template

# Unit columns per table of the matrix: 12 fit the width of A4 landscape with the point titles.
BLOCK = 12
PAGE_BLOCKS = 4  # tables of the matrix on one page of the board: 48 units
HEAT = 4  # shades of a cell, by its count against the largest cell


@dataclass
class Cell:
    count: int
    path: str = ""  # the point's page holding this unit's group; "" when the count is 0
    anchor: str = ""
    heat: int = 0


@dataclass
class Row:
    """One point: its cells in unit order and its total (each entry once)."""

    number: int
    title: str
    cells: list[Cell]
    total: int
    page: str
    shown: bool = False  # whether a showcase carries it out (citations.coverage)


@dataclass
class Bar:
    """One line of a chart: a label (linked where there is a page), figures, a bar in percent."""

    label: str
    figures: list[str]
    share: float  # of the whole, or of the largest bar, 0..1
    path: str = ""
    badges: list = field(default_factory=list)

    @property
    def width(self) -> int:
        """The bar's CSS width class, in steps of 2 %; a count above 0 always shows."""
        return max(2, round(self.share * 50) * 2) if self.share else 0


@dataclass
class Chart:
    id: str
    title: str
    summary: str  # one sentence saying what the chart shows, read before the table
    heads: list[str]
    bars: list[Bar]


def render(build: Build) -> dict[str, str]:
    """One board per year of plans: its first page with the figures, the first ``PAGE_BLOCKS``
    tables of the matrix and the charts; the further tables on pages of their own, so the page
    does not grow with the units (125 units made it 335 KB)."""
    pages = {}
    for year in sorted(build.catalog.workplans):
        values = board(build, year)
        paged = paginate(values.pop("blocks"), addresses.progress(year), per_page=PAGE_BLOCKS)
        for page in paged.pages:
            pages[page.path] = render_template("progress.md.j2", here=page.path, downloads=build.downloads.get(year, []),
                                               blocks=page.items, page=page, pager=paged.pager(page),
                                               **values)
    return pages


def board(build: Build, year: int) -> dict:
    """Everything the board shows, as finished values."""
    catalog = build.catalog
    plan = catalog.workplans[year]
    units = list(catalog.units.values())
    cited = {p.number: citations.citing(build, year, p.number) for _, p in plan.points()}
    entries = _distinct(r for records in cited.values() for r in records)
    covered = citations.coverage(catalog, plan)
    rows = {n: _row(build, year, plan.point(n), records, units, n in covered.shown) for n, records in cited.items()}
    _shade([c for row in rows.values() for c in row.cells])
    sections = [{"numeral": s.numeral, "title": s.title, "wuxing": s.wuxing, "rows": [rows[p.number] for p in s.points]}
                for s in plan.sections]
    per_unit: dict[str, list] = {u.id: [] for u in units}
    for record in entries:
        for uid in catalog.units_of(record):
            per_unit[uid].append(record)
    labels = _labels(units)
    columns = [{"name": u.name, "label": labels[u.id], "path": addresses.unit(u.id), "total": len(per_unit[u.id])}
               for u in units]
    return {
        "year": year, "sections": sections, "columns": columns,
        "blocks": [(i, min(i + BLOCK, len(units))) for i in range(0, len(units), BLOCK)] or [(0, 0)],
        "total": len(entries), "points": len(rows), "coverage": covered,
        "uncovered": [row for row in rows.values() if not row.shown],
        "charts": _charts(catalog, year, plan, cited, entries, per_unit, covered.shown),
    }


def _labels(units: list) -> dict[str, str]:
    """The name a unit's column is headed by: its first short name (``short:``, what staff call it),
    unless that is no shorter than its name or another unit is headed or called the same; then
    its name. The full name goes with it as a tooltip and for screen readers (progress.md.j2)."""
    first = {u.id: u.short[0] for u in units if u.short and len(u.short[0]) < len(u.name)}
    taken = Counter(list(first.values()) + [u.name for u in units])
    return {u.id: first[u.id] if u.id in first and taken[first[u.id]] == 1 else u.name for u in units}


def _distinct(records) -> list:
    return list({id(r): r for r in records}.values())


def _row(build: Build, year: int, point, records: list, units: list, shown: bool) -> Row:
    paged = citations.point_pages(build, year, point.number)
    counts = Counter(uid for uid, _ in citations.by_unit(build, year, point.number))
    cells = [Cell(counts[u.id], paged.starts[u.id], citations.unit_anchor(u.id)) if counts[u.id] else Cell(0)
             for u in units]
    return Row(point.number, point.title, cells, len(records), addresses.point_page(year, point.number), shown)


def _shade(cells: list[Cell]) -> None:
    """Shade 1..HEAT by the count against the largest cell; 0 stays unshaded."""
    top = max((c.count for c in cells), default=0)
    for cell in cells:
        cell.heat = -(-HEAT * cell.count // top) if cell.count else 0


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _charts(catalog, year, plan, cited, entries, per_unit, shown) -> list[Chart]:
    return [_by_section(plan, cited, shown), _by_wuxing(plan, cited, entries, shown), _by_unit(catalog, cited, per_unit),
            _by_kind(catalog, entries), _by_year(entries), _by_month(year, entries)]


def _coverage(points, cited, shown) -> tuple[int, int, int]:
    """(points, points with a showcase, distinct entries) of a set of points."""
    numbers = [p.number for p in points]
    covered = sum(1 for n in numbers if n in shown)
    return len(numbers), covered, len(_distinct(r for n in numbers for r in cited[n]))


def _by_section(plan, cited, shown) -> Chart:
    bars = []
    for s in plan.sections:
        total, covered, count = _coverage(s.points, cited, shown)
        bars.append(Bar(f"{s.numeral}、{s.title}", [str(total), str(covered), f"{_percent(covered, total)}%", str(count)],
                        _share(covered, total), addresses.section(plan.year, plan.sections.index(s) + 1), s.wuxing))
    covered = len(shown)
    summary = f"{len(cited)} 条要点中，{covered} 条已有展示落实（{_percent(covered, len(cited))}%）。"
    return Chart("by-section", "各部分要点的覆盖", summary,
                 ["部分", "要点", "已有展示", "覆盖率", "展示项数"], bars)


def _by_wuxing(plan, cited, entries, shown) -> Chart:
    bars = []
    for wx in WuXing:
        points = [p for s in plan.sections if wx in s.wuxing for p in s.points]
        total, covered, _ = _coverage(points, cited, shown)
        tagged = sum(1 for r in entries if wx in r.entry.wuxing)
        bars.append(Bar(wx.value, [str(total), str(covered), f"{_percent(covered, total)}%" if total else "—", str(tagged)],
                        _share(covered, total)))
    return Chart("by-wuxing", "各“五型”的覆盖", "按各部分标注的“五型”统计其要点的覆盖；最后一列是自身标注了该型的展示。",
                 ["五型", "要点", "已有展示", "覆盖率", "标注该型的展示"], bars)


def _by_unit(catalog, cited, per_unit) -> Chart:
    top = max((len(v) for v in per_unit.values()), default=0)
    points: Counter = Counter()
    for records in cited.values():
        points.update({uid for r in records for uid in catalog.units_of(r)})
    bars = []
    for unit in catalog.units.values():
        count = len(per_unit[unit.id])
        bars.append(Bar(unit.name, [str(count), str(points[unit.id])], _share(count, top), addresses.unit(unit.id)))
    active = sum(1 for v in per_unit.values() if v)
    return Chart("by-unit", "各单位的展示", f"{len(per_unit)} 个单位中，{active} 个已有展示落实本年度要点。",
                 ["单位", "展示项数", "涉及要点"], bars)


def _by_kind(catalog, entries) -> Chart:
    counts = Counter(r.kind.key for r in entries)
    top = max(counts.values(), default=0)
    bars = [Bar(k.label, [str(counts[k.key])], _share(counts[k.key], top), addresses.listing(k.key)) for k in catalog.kinds]
    return Chart("by-kind", "各类展示", f"落实本年度要点的展示共 {len(entries)} 项。", ["类别", "项数"], bars)


def _by_year(entries) -> Chart:
    counts = Counter(r.year for r in entries)
    top = max(counts.values(), default=0)
    bars = [Bar(f"{y} 年", [str(counts[y])], _share(counts[y], top)) for y in sorted(counts, reverse=True)]
    return Chart("by-year", "按年份", "落实本年度要点的展示，按各自的年份统计。", ["年份", "项数"], bars)


def _by_month(year: int, entries) -> Chart:
    months = Counter(d.month for d in (citations.date_of(r) for r in entries) if d and d.year == year)
    top = max(months.values(), default=0)
    bars = [Bar(f"{m} 月", [str(months[m])], _share(months[m], top)) for m in range(1, 13)]
    dated = sum(months.values())
    summary = (f"{year} 年内有具体日期的展示共 {dated} 项，按月份统计。" if dated
               else f"暂无 {year} 年内有具体日期的展示。")
    return Chart("by-month", f"{year} 年按月份", summary, ["月份", "项数"], bars if dated else [])
