"""The portal's settings in mkdocs.yml, checked with the showcase plugin's own options: the
organ's look (``extra.portal``: name, banner picture, colours) and the banner's quoted line
(the plugin's ``banner_line``). Every problem is said in Chinese, all at once."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..pages.home import newest_plan

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


def portal_settings(raw: object, exists: Callable[[str], bool]) -> tuple[dict, list[str]]:
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


def banner_problem(catalog, wanted: str) -> str | None:
    """Why ``wanted`` (the plugin's ``banner_line``) cannot be quoted in the banner, or None: it
    must be the plan's own words."""
    plan = newest_plan(catalog)
    if not wanted or plan is None or wanted in plan.overall:
        return None
    return (f"showcase 插件的 banner_line“{wanted[:40]}”不是{plan.year}年工作要点总体要求中的原话：首页横幅只逐字引用原文，"
            f"请从 data/workplans/{plan.year}.yml 的 overall 中复制一句，或删去这一设置（默认引用总体要求的第一句）。")
