"""A year's plan against the previous one (``/workplan/<year>/compare/``).

Points are paired by their text, not their number (a point added early renumbers all after
it): identical texts first, then the most alike above ``ALIKE``; the rest were added or
removed. A reworded point shows a character-level diff of the verbatim texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .. import addresses
from ..model.workplan import WorkPoint
from .render import render_template

ALIKE = 0.5  # share of characters two texts have in common to count as the same point reworded
QUOTED = re.compile(r"“([^“”\n]{1,40})”")


@dataclass
class Change:
    """A run of a diff: ``same``, ``removed`` or ``added`` text."""

    op: str
    text: str


@dataclass
class Pair:
    """A point of the earlier plan and its counterpart in the later one."""

    old: WorkPoint
    new: WorkPoint
    title: list[Change] = field(default_factory=list)
    text: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    year: int
    previous: int
    added: list          # points of the later plan only
    removed: list        # points of the earlier plan only
    reworded: list[Pair]
    unchanged: list[Pair]
    sections: list[dict]  # sections whose 五型 changed, or that were added or removed
    new_terms: list[tuple[str, list[int]]]   # slogan, point numbers of the later plan using it
    old_terms: list[tuple[str, list[int]]]   # slogan, point numbers of the earlier plan using it


def diff(old: str, new: str) -> list[Change]:
    """Character-level diff; a run of one or two unchanged characters between changes is
    folded into them, so that a rewritten phrase reads as one change, not as confetti."""
    runs: list[Change] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            runs.append(Change("removed", old[i1:i2]))
        if op in ("replace", "insert"):
            runs.append(Change("added", new[j1:j2]))
        if op == "equal":
            runs.append(Change("same", old[i1:i2]))
    return _merge(_fold_short(runs))


def _fold_short(runs: list[Change]) -> list[Change]:
    out: list[Change] = []
    for i, run in enumerate(runs):
        inner = 0 < i < len(runs) - 1 and runs[i - 1].op != "same" and runs[i + 1].op != "same"
        if run.op == "same" and inner and len(run.text) <= 2:
            out += [Change("removed", run.text), Change("added", run.text)]
        else:
            out.append(run)
    return out


def _merge(runs: list[Change]) -> list[Change]:
    """Removed text before added text within each changed stretch, neighbours joined."""
    out: list[Change] = []
    stretch: dict[str, str] = {}
    for run in runs + [Change("same", "")]:
        if run.op != "same":
            stretch[run.op] = stretch.get(run.op, "") + run.text
            continue
        out += [Change(op, stretch[op]) for op in ("removed", "added") if stretch.get(op)]
        stretch = {}
        if run.text:
            out.append(run)
    return out


def _words(point) -> str:
    return f"{point.title}。{point.text}"


def pair_points(old_points: list, new_points: list) -> tuple[list[Pair], list[Pair], list, list]:
    """(unchanged, reworded, added, removed): identical texts first, then the most alike."""
    old_left = list(old_points)
    unchanged = []
    for new in new_points:
        same = next((o for o in old_left if _words(o) == _words(new)), None)
        if same is not None:
            old_left.remove(same)
            unchanged.append(Pair(same, new))
    new_left = [p for p in new_points if all(p is not u.new for u in unchanged)]
    scored = sorted(((SequenceMatcher(None, _words(o), _words(n), autojunk=False).ratio(), i, j)
                     for i, o in enumerate(old_left) for j, n in enumerate(new_left)), reverse=True)
    used_old, used_new, reworded = set(), set(), []
    for score, i, j in scored:
        if score >= ALIKE and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            old, new = old_left[i], new_left[j]
            reworded.append(Pair(old, new, diff(old.title, new.title), diff(old.text, new.text)))
    reworded.sort(key=lambda p: p.new.number)
    added = [n for j, n in enumerate(new_left) if j not in used_new]
    removed = [o for i, o in enumerate(old_left) if i not in used_old]
    return unchanged, reworded, added, removed


def _section_changes(old_plan, new_plan) -> list[dict]:
    """Sections paired by title (the most alike above ALIKE) whose 五型 differ; and the unpaired."""
    out, left = [], list(old_plan.sections)
    for section in new_plan.sections:
        best = max(left, key=lambda o: SequenceMatcher(None, o.title, section.title).ratio(), default=None)
        if best is None or SequenceMatcher(None, best.title, section.title).ratio() < ALIKE:
            out.append({"old": None, "new": section})
            continue
        left.remove(best)
        if set(best.wuxing) != set(section.wuxing):
            out.append({"old": best, "new": section})
    return out + [{"old": o, "new": None} for o in left]


def terms(plan) -> dict[str, list[int]]:
    """Every quoted slogan of a plan with the points using it (0: the overall requirement)."""
    found: dict[str, list[int]] = {}
    for number, words in [(0, plan.overall)] + [(p.number, _words(p)) for _, p in plan.points()]:
        for term in QUOTED.findall(words):
            if number not in found.setdefault(term, []):
                found[term].append(number)
    return found


def compare(old_plan, new_plan) -> Comparison:
    unchanged, reworded, added, removed = pair_points([p for _, p in old_plan.points()], [p for _, p in new_plan.points()])
    old_terms, new_terms = terms(old_plan), terms(new_plan)
    return Comparison(
        new_plan.year, old_plan.year, added, removed, reworded, unchanged, _section_changes(old_plan, new_plan),
        [(t, n) for t, n in new_terms.items() if t not in old_terms],
        [(t, n) for t, n in old_terms.items() if t not in new_terms])


def render(catalog) -> dict[str, str]:
    """A comparison page for each year that has an earlier plan, against the nearest one."""
    years = sorted(catalog.workplans)
    pages = {}
    for previous, year in zip(years, years[1:], strict=False):
        here = addresses.compare(year)
        found = compare(catalog.workplans[previous], catalog.workplans[year])
        pages[here] = render_template("compare.md.j2", here=here, c=found)
    return pages
