"""Links and pictures in editors' Markdown: found, checked against the site, rewritten per page.

Editors link by id, not by guessing where a generated page lands: ``[文字](point:2023-9)``,
``[文字](brand:hongse-yizhan)``, ``[文字](unit:zhengwu)``, ``[文字](term:五学五比)``; pictures
and files by their path under data/: ``![说明](media/brands/a.jpg)``. ``check`` resolves every
one of them, so the strict build never meets a link it cannot follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .. import addresses
from ..addresses import PointId
from .safety import mask_code

# Short forms of the plan's places and of terms; the entry kinds' prefixes (brand:, unit:) come from
# the catalog (Resolver.entries).
PLAN_PREFIXES = ("point", "section", "workplan")
OTHER_PREFIXES = ("term",)
SCHEMES = ("http", "https", "mailto", "tel")

_INLINE = re.compile(
    r"(!?)\[((?:[^\[\]\\\n]|\\.|\n(?![ \t]*\n)|\[[^\]\n]*\])*)\]"
    r"\([ \t]*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)([ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
# A reference's target may stand on the next line, as Python-Markdown reads it.
_REFERENCE = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(?:\n[ \t]*)?(<[^<>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Link:
    """One link or picture written in a Markdown field."""

    start: int      # where its target starts and ends in the field's text
    end: int
    target: str
    image: bool
    text: str       # the link text, or the picture's description


def links(markdown: str) -> Iterator[Link]:
    """Every link target written in ``markdown`` (code spans and blocks left out), in order."""
    masked = mask_code(markdown)
    found = []
    for m in _INLINE.finditer(masked):
        raw = m.group(3)
        offset = 1 if raw.startswith("<") else 0
        found.append(Link(m.start(3) + offset, m.end(3) - offset, raw[offset:len(raw) - offset], bool(m.group(1)), m.group(2)))
    for m in _REFERENCE.finditer(masked):
        raw = m.group(2)
        offset = 1 if raw.startswith("<") else 0
        found.append(Link(m.start(2) + offset, m.end(2) - offset, raw[offset:len(raw) - offset], False, m.group(1)))
    inline = [(link.start, link.end) for link in found]
    for m in _AUTOLINK.finditer(masked):
        if not any(start <= m.start(1) < end for start, end in inline):  # [a](<brand:x>) is one link
            found.append(Link(m.start(1), m.end(1), m.group(1), False, m.group(1)))
    return iter(sorted(found, key=lambda link: link.start))


def rewrite(markdown: str, resolve: Callable[[Link], str]) -> str:
    """``markdown`` with each link's target replaced by ``resolve(link)``."""
    out, at = [], 0
    for link in links(markdown):
        out += [markdown[at:link.start], resolve(link)]
        at = link.end
    return "".join(out) + markdown[at:]


def scheme(target: str) -> str | None:
    """The lower-cased scheme of ``target`` (``https``, ``brand``...), or None for a path."""
    m = _SCHEME.match(target)
    return m.group(1).lower() if m else None


class Resolver:
    """Turns a link target into a path under docs (``brands/x.md``), or explains why it cannot."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.terms = {e.term.term: e.id for e in catalog.glossary}
        # brand: -> brands/, one prefix per kind kept under data/ (by its singular name), and unit:.
        self.entries = {kind.name: kind.key for kind in catalog.kinds if kind.in_data} | {"unit": "units"}

    def problem(self, link: Link) -> str | None:
        """Why ``link`` cannot be published as written, or None."""
        target = link.target
        kind = scheme(target)
        if link.image:
            if not link.text.strip():
                return f"图片“{target}”缺少说明：请在方括号里写一句说明，例如 ![支部党员在窗口服务]({target})。"
            if not target.startswith("media/"):
                return (f"图片“{shortened(target)}”不在 data/media/ 下：网站在内网使用，图片要放进 data/media/，"
                        "这里写 media/... 路径，例如 ![说明](media/brands/hongqi-1.jpg)。")
            return None
        if kind in SCHEMES:
            return None
        if target.startswith("media/"):
            return None
        if kind is None:
            return (f"链接“{shortened(target)}”无法确定指向站内哪个页面：站内链接请写成“类别:标识”，例如 "
                    "[文字](brand:hongse-yizhan)、[文字](point:2023-9)、[文字](unit:zhengwu)、[文字](term:五学五比)；"
                    "外部网址请写完整的 https://…。")
        if self.path(target) is None:
            return self._unknown(kind, target)
        return None

    def path(self, target: str) -> str | None:
        """Docs path (with anchor) the short form ``target`` names, or None if nothing has it."""
        kind, _, rest = target.partition(":")
        kind = kind.lower()
        if kind in self.entries:
            folder = self.entries[kind]
            if folder == "units":
                return addresses.unit(rest) if rest in self.catalog.units else None
            known = {r.id for r in self.catalog.records.get(folder, [])}
            return addresses.entry(folder, rest) if rest in known else None
        if kind == "term":
            return addresses.term(self.terms[rest]) if rest in self.terms else None
        if kind in PLAN_PREFIXES:
            return self._plan_path(kind, rest)
        return None

    def _plan_path(self, kind: str, rest: str) -> str | None:
        if kind == "workplan":
            return addresses.workplan(int(rest)) if rest.isascii() and rest.isdigit() and int(rest) in self.catalog.workplans else None
        place = PointId.parse(rest)  # a section is named as a point is: year-number
        plan = self.catalog.workplans.get(place.year) if place else None
        if place is None or plan is None:
            return None
        if kind == "point":
            return place.path if plan.point(place.number) else None
        return addresses.section(plan.year, place.number) if 1 <= place.number <= len(plan.sections) else None

    def _unknown(self, kind: str, target: str) -> str:
        if kind in self.entries or kind in PLAN_PREFIXES or kind in OTHER_PREFIXES:
            return (f"找不到链接“{shortened(target)}”指向的内容：请核对标识（文件名，不含 .yml），"
                    "工作要点写成 point:年份-序号（如 point:2023-9），提法写 term: 加提法原文。")
        prefixes = "、".join(list(self.entries) + list(PLAN_PREFIXES) + list(OTHER_PREFIXES))
        return (f"不支持“{kind}:”开头的链接：外部网址只能用 https://、http://、mailto:、tel:；"
                f"站内链接的类别只能是 {prefixes}。")


def shortened(value: str, limit: int = 40) -> str:
    """``value`` as a message quotes it, cut at ``limit`` characters."""
    return value if len(value) <= limit else value[:limit] + "…"
