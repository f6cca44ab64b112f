"""The portal home page: blocks worked out from the data, placed by markers in ``content/index.md``.

The home page stays a hand-written page, so an organ rewrites its words and reorders or drops
blocks there. Each marker ``<!-- showcase:NAME -->`` becomes one block, rendered from
``templates/home/NAME.md.j2`` (``latest.md.j2`` for the list of what is new) when the site is built:

- ``banner``: the site's name and a line quoted verbatim from the newest plan's overall requirement;
- ``figures``: units, branches, entries of each kind, and the plan's points that have a showcase;
- ``tiles``: the work plan, the four platforms (四个载体平台) and 一支部一品牌, each with its count;
- ``featured``: brand cases marked ``featured: true`` with their covers, else the newest;
- ``latest``: the newest entries of every kind (``updates.newest``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .render import render_page
from .updates import LATEST, newest

# A marker is a line of its own: the same words inside a sentence or code (the guide shows them) stay.
MARKER = re.compile(r"^[ \t]*<!-- showcase:([a-z]+) -->[ \t]*$", re.M)
BLOCKS = ("banner", "figures", "tiles", "featured", "latest")
FEATURED = 3           # one row of cards on a wide screen


@dataclass(frozen=True)
class Site:
    """What the home page takes from mkdocs.yml."""

    name: str
    organisation: str = ""
    banner_line: str = ""  # verbatim from the overall requirement; empty: its first clause


@dataclass(frozen=True)
class Figure:
    """One number the home page shows, with what it counts and the page that lists it."""

    number: str
    label: str
    url: str


def markers(markdown: str) -> list[str]:
    """The block names a page asks for, in order."""
    return MARKER.findall(markdown) if "<!-- showcase:" in markdown else []


def fill(markdown: str, build, here: str, site: Site) -> str:
    """``markdown`` with every known marker replaced by its block (unknown ones are left for
    ``unknown`` to report)."""
    def block(m: re.Match) -> str:
        name = m.group(1)
        if name not in BLOCKS:
            return m.group(0)
        template = "latest.md.j2" if name == "latest" else f"home/{name}.md.j2"
        return render_page(template, build, here=here, site=site, **_context(name, build, site))

    return MARKER.sub(block, markdown)


def unknown(markdown: str) -> list[str]:
    """Markers no block answers to, as the editor wrote them."""
    return [name for name in markers(markdown) if name not in BLOCKS]


def _context(name: str, build, site: Site) -> dict:
    catalog = build.catalog
    plan = newest_plan(catalog)
    if name == "banner":
        return {"plan": plan, "line": banner_line(plan, site.banner_line) if plan else ""}
    if name == "figures":
        return {"figures": figures(catalog)}
    if name == "tiles":
        return {"plan": plan, "count": lambda key: len(catalog.records.get(key, [])),
                "wuxing": sum(1 for key in showcase_keys(catalog) for r in catalog.records.get(key, []) if r.entry.wuxing)}
    if name == "featured":
        return {"records": featured(catalog)}
    return {"items": newest(build, LATEST)}


def newest_plan(catalog):
    return catalog.workplans[max(catalog.workplans)] if catalog.workplans else None


def banner_line(plan, wanted: str) -> str:
    """The line the banner quotes: ``wanted`` when set, else the overall requirement's first clause."""
    if wanted:
        return wanted
    body = plan.overall.split("：", 1)[-1]
    return re.split(r"[，。；]", body, maxsplit=1)[0]


def banner_problem(catalog, wanted: str) -> str | None:
    """Why ``wanted`` cannot be quoted in the banner, or None: it must be the plan's own words."""
    plan = newest_plan(catalog)
    if not wanted or plan is None or wanted in plan.overall:
        return None
    return (f"showcase 插件的 banner_line“{wanted[:40]}”不是{plan.year}年工作要点总体要求中的原话：首页横幅只逐字引用原文，"
            f"请从 data/workplans/{plan.year}.yml 的 overall 中复制一句，或删去这一设置（默认引用总体要求的第一句）。")


def showcase_keys(catalog) -> list[str]:
    """The kinds showing the plan carried out (brands, members, forums, innovations; not news)."""
    return [kind.key for kind in catalog.kinds if kind.showcase]


def figures(catalog) -> list[Figure]:
    """The home page's key figures, all counted from the loaded data."""
    count = {key: len(catalog.records.get(key, [])) for key in showcase_keys(catalog)}
    out = [Figure(str(len(catalog.units)), "个单位", "units/index.md"),
           Figure(str(len(catalog.branches)), "个党支部", "units/index.md"),
           Figure(str(count["brands"]), "个支部品牌", "brands/index.md"),
           Figure(str(count["members"]), "位党员风采", "members/index.md"),
           Figure(str(count["forums"]), "期书记论坛", "forums/index.md"),
           Figure(str(count["innovations"]), "个创新榜项目", "innovations/index.md")]
    plan = newest_plan(catalog)
    if plan is not None:
        shown = points_with_showcase(catalog, plan)
        out.append(Figure(f"{shown}/{len(plan.points())}", f"条{plan.year}年工作要点有展示", f"workplan/{plan.year}.md"))
    return out


def points_with_showcase(catalog, plan) -> int:
    """How many of the plan's points at least one brand, member, forum or innovation carries out."""
    keys = showcase_keys(catalog)
    return sum(1 for _, point in plan.points()
               if any(catalog.citations.get((plan.year, point.number), {}).get(key) for key in keys))


def featured(catalog) -> list:
    """Brand cases for the home page: those marked ``featured``, then the newest, ``FEATURED`` in all."""
    brands = catalog.records.get("brands", [])
    chosen = [r for r in brands if r.entry.featured]
    return (chosen + [r for r in brands if not r.entry.featured])[:FEATURED]


# The look an organ sets in mkdocs.yml under extra.portal; anything left out keeps these.
DEFAULT_COLOURS = {
    "primary": "#b71c1c",        # header, banner: 6.6:1 under white text
    "primary_light": "#d32f2f",
    "primary_dark": "#7f0000",
    "accent": "#c62828",         # link hover: 5.6:1 on white
    "link_dark": "#ef9a9a",      # links on the dark scheme
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}\Z")
_BANNER = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)[A-Za-z0-9_./-]+\.(?:svg|png|jpg|jpeg|webp)\Z")


def portal_settings(raw: object, exists) -> tuple[dict, list[str]]:
    """``extra.portal`` of mkdocs.yml with defaults filled in, and what is wrong with it (in Chinese).

    ``exists(path)`` says whether a file of the theme or the docs folder has that path.
    """
    raw = raw if isinstance(raw, dict) else {}
    problems = [f"extra.portal.{key}: 未知的设置：可用的有 organisation、banner、colours，请改正或删除。"
                for key in raw if key not in ("organisation", "banner", "colours")]
    colours = dict(DEFAULT_COLOURS)
    given = raw.get("colours") or {}
    for key, value in (given.items() if isinstance(given, dict) else []):
        if key not in DEFAULT_COLOURS:
            problems.append(f"extra.portal.colours.{key}: 未知的颜色名：可用的有 {'、'.join(DEFAULT_COLOURS)}。")
        elif not _HEX.match(str(value)):
            problems.append(f"extra.portal.colours.{key}: “{value}”不是颜色：请写成 # 加六位十六进制数并加引号，例如 \"#b71c1c\"。")
        else:
            colours[key] = str(value)
    banner = str(raw.get("banner") or "")
    if banner and not (_BANNER.match(banner) and ".." not in banner.split("/")):
        problems.append(f"extra.portal.banner: “{banner}”不能作横幅图片：请写主题中图片的相对路径，例如自带的 assets/images/banner.svg，"
                        "或网站 theme/ 文件夹（mkdocs.yml 的 theme.custom_dir）中图片的路径，不能用网址。")
    elif banner and not exists(banner):
        problems.append(f"extra.portal.banner: 找不到图片“{banner}”：请把图片放到网站的 theme/{banner}，"
                        "并在 mkdocs.yml 的 theme 下写 custom_dir: theme（已写时放到它指定的文件夹），或改正路径。")
    return {"organisation": str(raw.get("organisation") or ""), "banner": banner, "colours": colours}, problems
