"""Hand-written pages in content/: editors write them, so they meet the rules data meets.

``content/`` holds Markdown pages only (``.md``). Each page's front matter is read like a data
file against ``PageMeta`` (an allowlist of the keys the theme reads; ``template:`` and the like
would let a page choose how the site is built), its text is checked like a Markdown field
(headings of every level and the home page's markers allowed), and its links by id and pictures
are resolved like an entry's. Pictures live in ``data/media/``, styles, scripts and templates in
the theme (the package's ``generator/theme/``, and the admins' own ``custom_dir``); a page may not sit in a folder the site's own pages or files use.
News items (``content/news/posts/``) are read as data by ``model/posts.py``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import ConfigDict, Field

from .. import addresses
from ..errors import Collector, DataErrors, Problem
from ..source.frontmatter import read_text, split
from ..source.loader import display_path, parse_yaml
from .fields import Choice, Flag, Model, PlainText, WuXing
from .rendered import markdown_issue
from .safety import windows_device
from .validate import validate

MAX_PAGE_BYTES = 256 * 1024   # as a news item; the editors' guide, the longest page, is about 30 KB
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Hide(Choice):
    """Parts of the page Material can leave out."""

    __schema_text__ = ("隐藏", "页面上不显示的部分")

    navigation = "navigation"
    toc = "toc"
    footer = "footer"
    path = "path"
    tags = "tags"
    feedback = "feedback"


class SearchOptions(Model):
    """How search treats the page."""

    exclude: Flag = Field(default=False, title="不编入搜索")
    boost: float = Field(default=1, ge=0.1, le=10, title="搜索加权",
                         description="大于 1 在同样匹配的结果中靠前；小于 1（如编辑指南的 0.5）排在本站其他页面之后")
    listing: Flag = Field(default=False, title="列表页", description="true 表示本页列出别的页面（如首页、五型页）：搜索时排在它列出的页面之后")


class PageMeta(Model):
    """The front matter a hand-written page may have: only what the theme reads as text."""

    model_config = ConfigDict(title="手写页面的基本信息")

    title: PlainText | None = Field(default=None, max_length=100, title="标题", description="浏览器标题栏和导航中显示的页面名称")
    description: PlainText | None = Field(default=None, max_length=300, title="简介", description="写进页面的 description，供搜索引擎摘要")
    hide: list[Hide] = Field(default_factory=list, max_length=6, title="隐藏", description="navigation、toc、footer、path、tags、feedback")
    search: SearchOptions | None = Field(default=None, title="搜索设置")
    tags: list[WuXing] = Field(default_factory=list, max_length=5, title="五型", description="页面所属的“五型”")


@dataclass(frozen=True)
class HandPage:
    """A hand-written page: where it is, its checked front matter and its text."""

    uri: str            # docs path, "guide.md"
    where: str          # the file as editors name it, "content/guide.md"
    meta: PageMeta
    body: str
    body_line: int      # the file's line where the text starts

    def problem_at(self, index: int, message: str) -> Problem:
        """A problem at ``self.body[index]``, on its own line of the file."""
        before = self.body[:index]
        return Problem(self.where, self.body_line + before.count("\n"), len(before.rpartition("\n")[2]) + 1, "", message)


def read(content_dir: Path, root: Path, collector: Collector, links: set[Path], reserved: set[str]) -> list[HandPage]:
    """Every hand-written page under ``content_dir``, checked; other files are named as problems."""
    if not content_dir.is_dir() or content_dir in links:
        return []
    pages = []
    for top, folders, files in os.walk(content_dir, followlinks=False):
        here = Path(top)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and here / f not in links
                            and (here / f).relative_to(content_dir).as_posix() != addresses.NEWS_ITEMS)
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or path in links:
                continue  # MkDocs leaves dot files out of the site
            page = _read_one(path, path.relative_to(content_dir).as_posix(), display_path(path, root), collector, reserved)
            if page is not None:
                pages.append(page)
    return pages


def _read_one(path: Path, uri: str, where: str, collector: Collector, reserved: set[str]) -> HandPage | None:
    if path.suffix != ".md":
        collector.add(Problem(where, 1, 1, "", (
            f"content/ 里只能放 Markdown 页面（.md），“{path.name}”不会发布：图片请放到 data/media/ 下，"
            "在页面里写 ![说明](media/文件夹/文件名.jpg)；样式、脚本和网页模板属于主题，"
            "由管理员在网站的 theme/ 文件夹（mkdocs.yml 的 theme.custom_dir）中维护。请删除或移走这个文件。")))
        return None
    if not all(_NAME.fullmatch(part) for part in PurePosixPath(uri).with_suffix("").parts):
        collector.add(Problem(where, 1, 1, "", (
            f"页面的文件名或文件夹名“{uri}”不能用作网址：只能用小写英文字母、数字和连字符，例如 content/about.md、"
            "content/history/2023.md，请改名。")))
        return None
    device = next((part for part in PurePosixPath(uri).parts if windows_device(part)), None)
    if device:
        collector.add(Problem(where, 1, 1, "", f"“{device}”是 Windows 的设备名，放到 Windows（IIS）服务器上时这个页面无法打开：请改名。"))
        return None
    top = PurePosixPath(uri).parts[0]
    if top.removesuffix(".md").lower() in reserved:
        collector.add(Problem(where, 1, 1, "", (
            f"“{top.removesuffix('.md')}”是网站自己的栏目或文件夹，手写页面不能放在这里，否则会顶替或混入由数据生成的页面："
            "请把页面移到别的文件夹或改名，例如 content/about.md。")))
        return None
    text = read_text(path, where, MAX_PAGE_BYTES, "请把页面拆成几个。", collector)
    if text is None:
        return None
    meta, body, line = PageMeta(), text, 1
    parts = split(text)
    if parts is not None:
        try:
            source = parse_yaml(parts.yaml, where)
        except DataErrors as exc:
            collector.extend(exc.problems)
            return None
        found, problems = validate(PageMeta, source)
        collector.extend(problems)
        if found is None:
            return None
        meta, body, line = found, parts.body, parts.body_line
    page = HandPage(uri, where, meta, body, line)
    issue = markdown_issue(body, page=True)
    if issue:
        collector.add(page.problem_at(issue[1], issue[0]))
        return None
    return page
