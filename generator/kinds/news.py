"""News and notices (动态与通知): one Markdown file per item, front matter checked like data.

An editor writes ``content/news/posts/<id>.md``: YAML front matter between two ``---`` lines,
then the text in Markdown. The front matter is read by the same reader and model checks as a
data file (so mistakes get the same Chinese ``file:line:col: field:`` messages), the text by
the same HTML and link rules as Markdown fields. The items become ``/news/<id>/``; listings
are ``/news/`` (20 a page), by category ``/news/category/<n>/`` and by year ``/news/<year>/``.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pydantic import ConfigDict, Field

from .. import addresses
from ..errors import Collector, DataErrors, Problem
from ..model.catalog import Kind, Reading, Record
from ..model.fields import ID_PATTERN, UNIQUE, Date, Entry, Flag, MarkdownText, MediaPath, PlainText, ShortText, UnitRef
from ..model.safety import reserved_id_problem
from ..model.unread import Salvaged
from ..model.validate import validate
from ..pages.paging import paginate
from ..pages.render import render_page
from ..source.frontmatter import read_text, split
from ..source.loader import Source, display_path, parse_yaml

FOLDER = addresses.NEWS_ITEMS   # under the docs folder (content/)
PER_PAGE = 20
MAX_BYTES = 256 * 1024


class NewsItem(Entry):
    """One news item or notice: its front matter, and its text (``body``) below it."""

    model_config = ConfigDict(title="动态与通知")

    title: ShortText = Field(title="标题", examples=["示例市政务服务局第一党支部开展主题党日活动"])
    date: Date = Field(title="日期", description="格式 YYYY-MM-DD", examples=["2023-05-12"])
    category: ShortText = Field(title="类别", description="mkdocs.yml 中 news_categories 所列之一，默认 工作动态 或 通知公告",
                                examples=["工作动态"])
    units: list[UnitRef] = Field(default_factory=list, max_length=50, json_schema_extra=UNIQUE, title="相关单位",
                                 description="data/units.yml 中单位的标识，可多项", examples=[["zhengwu"]])
    summary: PlainText | None = Field(default=None, title="摘要（可选）", description="列表中显示的一两句话",
                                      examples=["支部党员走进社区，开展志愿服务。"])
    cover: MediaPath | None = Field(default=None, title="题图（可选）", examples=["media/news/zhuti-dangri.jpg"])
    event: Flag = Field(default=False, title="列入大事记", description="true 表示这条动态列入大事记")
    body: MarkdownText = Field(title="正文", description="front matter 下面的 Markdown 正文")

    @property
    def heading(self) -> str:
        return self.title

    @property
    def picture(self) -> str | None:
        return self.cover

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def sort_key(self) -> tuple:
        return (-self.date.toordinal(),)

    @property
    def in_timeline(self) -> bool:
        return self.event





def read(kind: Kind, reading: Reading) -> list[Record]:
    """Every news item under content/news/posts/, checked; problems go to the reading's collector
    (nothing if content/ or the folder is a refused link). With the reading's cache (a
    preview's), items unchanged since it last read them are not read again."""
    folder, root, collector, categories = reading.content_dir / FOLDER, reading.root, reading.collector, reading.categories
    if reading.links & {reading.content_dir, folder}:
        return []
    records: list[Record] = []
    if not folder.is_dir():
        return records
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path in reading.links:
            continue
        if path.is_dir():
            collector.extend(_nested(path, root, reading.links))
            continue
        where = display_path(path, root)
        if path.suffix != ".md":
            collector.add(Problem(where, 1, 1, "", f"content/{FOLDER}/ 里只能放 .md 文件：请把“{path.name}”改成 .md 文件或移走。"))
            continue
        problem = id_problem(path.stem)
        if problem:
            collector.add(Problem(where, 1, 1, "", problem))
            continue
        if reading.cache is None:
            failed: list[Source] = []
            record = _read(path, where, collector, categories, failed)
        else:
            record, problems, failed = reading.cache.kept(("news", path, tuple(categories)), path,
                                                          partial(_read_apart, path, where, categories))
            collector.extend(problems)
        for source in failed:  # its references are checked all the same (model/unread.py)
            reading.unread.entry(kind.key, path.stem, where, source, Salvaged(NewsItem, source.data))
        if record is not None and (reading.samples or not record.entry.sample):
            records.append(record)
    return sorted(records, key=lambda r: (r.entry.sort_key, r.id))


def _nested(folder: Path, root: Path, links: set[Path]) -> list[Problem]:
    """Each file in a folder under content/news/posts/: neither checked nor published, so an error."""
    problems = []
    for top, dirs, files in os.walk(folder):  # links are not followed (and were refused)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in files if not n.startswith(".")):
            path = Path(top) / name
            if path not in links:
                problems.append(Problem(display_path(path, root), 1, 1, "", (
                    f"动态只能直接放在 content/{FOLDER}/ 里，子文件夹 {display_path(folder, root)}/ 里的文件既不检查也不发布："
                    f"请把它移到 content/{FOLDER}/{name}（文件名就是标识，重名时请改名）。")))
    return problems


def id_problem(ident: str) -> str | None:
    if not re.fullmatch(ID_PATTERN, ident):
        return f"文件名“{ident}.md”不能作标识：只能用小写英文字母、数字和连字符，例如 2023-zhuti-dangri.md，请改名。"
    if ident.isdigit():  # any year, 999 as much as 2023: news/<year>/ lists that year's items
        return f"“{ident}”全是数字，是按年份列出动态的页面用的名字：请在后面加上说明，例如 {ident}-zhuti-dangri.md。"
    from . import RESERVED  # the registry's: complete once it has imported every kind, this one too

    problem = reserved_id_problem(ident, "动态", RESERVED)
    return problem.replace("请换一个", "请把文件改名") if problem else None


def _read_apart(path: Path, where: str, categories: list[str]) -> tuple[Record | None, list[Problem], list[Source]]:
    """An item, its problems and its source if it failed, kept apart so that a preview can keep them between builds."""
    found = Collector()
    failed: list[Source] = []
    return _read(path, where, found, categories, failed), found.problems, failed


def _read(path: Path, where: str, collector: Collector, categories: list[str], failed: list[Source] | None = None) -> Record | None:
    """The item at ``path``, or None with its problems; ``failed`` gets its source if it was read but failed its model."""
    text = read_text(path, where, MAX_BYTES, "动态正文请精简，图片放进 data/media/。", collector)
    if text is None:
        return None
    parts = split(text)
    if parts is None:
        collector.add(Problem(where, 1, 1, "", "文件开头缺少以“---”括起来的基本信息（标题、日期、类别）：第一行写 ---，"
                              "下面逐行写 title: 标题、date: 日期、category: 类别，再写一行 ---，然后写正文。"
                              "可以用 python -m generator new news 标识 生成模板。"))
        return None
    try:
        source = parse_yaml(parts.yaml, where)
    except DataErrors as exc:
        collector.extend(exc.problems)
        return None
    if "body" in source.data:
        collector.add(source.problem(("body",), "body 不是可用字段：正文写在第二个“---”下面，不写在基本信息里。", key=True))
        return None
    source.data["body"] = parts.body
    source.values[("body",)] = (parts.body_line, 1)
    source.blocks[("body",)] = parts.body_line
    entry, problems = validate(NewsItem, source)
    collector.extend(problems)
    if entry is None:
        if failed is not None:
            failed.append(source)
        return None
    if entry.category not in categories:
        collector.add(source.problem(("category",), f"未知的类别“{entry.category}”：只能是 {'、'.join(categories)} 之一"
                                     "（类别在 mkdocs.yml 中 showcase 插件的 news_categories 里设置）。"))
        if failed is not None:
            failed.append(source)
        return None
    return Record(KIND, path.stem, source, entry)


def render_listing(build) -> dict[str, str]:
    """``/news/`` and its category and year listings."""
    catalog = build.catalog
    records = catalog.records.get(KIND.key, [])
    categories = catalog.news_categories
    years = sorted({r.year for r in records}, reverse=True)
    filters = {"categories": [(c, addresses.news(category=i)) for i, c in enumerate(categories, 1)],
               "years": [(y, addresses.news(year=y)) for y in years]}
    pages: dict[str, str] = {}
    groups = [(addresses.news(), KIND.label, records)]
    groups += [(path, c, [r for r in records if r.entry.category == c]) for c, path in filters["categories"]]
    groups += [(path, f"{y} 年{KIND.label}", [r for r in records if r.year == y]) for y, path in filters["years"]]
    for first, title, members in groups:
        paged = paginate(members, first, per_page=PER_PAGE)
        for page in paged.pages:
            pages[page.path] = render_page("news_index.md.j2", build, here=page.path, title=title, page=page,
                                           pager=paged.pager(page), filters=filters, intro=KIND.intro)
    return pages


def render_item(build, record) -> dict[str, str]:
    """One item's page."""
    category = addresses.news(category=build.catalog.news_categories.index(record.entry.category) + 1)
    return {record.url: render_page("news.md.j2", build, here=record.url, record=record, entry=record.entry,
                                    category_page=category)}


ATOM = "http://www.w3.org/2005/Atom"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# What XML 1.0 cannot hold (outside its Char production). check refuses these in editors' text
# (model.safety); the feed drops any that reach it another way (the site's name in mkdocs.yml).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed(build, site_url: str, url: Callable[[str], str], site_name: str, limit: int = 50) -> str:
    """An Atom feed of the newest news items, with absolute links under ``site_url``; ``url`` gives
    the URL of a page (relative to the site) from its docs path, as MkDocs makes it.

    Written by an XML library, so every text and attribute is escaped as XML wants it.
    """
    from urllib.parse import urljoin

    base = site_url if site_url.endswith("/") else site_url + "/"
    records = build.catalog.records.get(KIND.key, [])[:limit]
    feed_url = urljoin(base, addresses.FEED)
    # Names without a namespace and the Atom one declared as the default: ElementTree would
    # otherwise give every element a prefix ("ns0:entry"), which some feed readers ignore.
    root = ET.Element("feed", {"xmlns": ATOM, _LANG: "zh-CN"})
    _add(root, "title", f"{site_name}：{KIND.label}")
    _add(root, "id", feed_url)
    _add(root, "link", rel="self", href=feed_url)
    _add(root, "link", rel="alternate", type="text/html", href=urljoin(base, url(addresses.news())))
    updated = max((build.updated_on(r) or r.entry.date for r in records), default=None)
    if updated:
        _add(root, "updated", f"{updated.isoformat()}T00:00:00Z")
    for record in records:
        link, entry = urljoin(base, url(record.url)), record.entry
        item = _add(root, "entry")
        _add(item, "title", entry.title)
        _add(item, "id", link)
        _add(item, "link", rel="alternate", type="text/html", href=link)
        _add(item, "updated", f"{(build.updated_on(record) or entry.date).isoformat()}T00:00:00Z")
        _add(item, "published", f"{entry.date.isoformat()}T00:00:00Z")
        _add(item, "category", term=entry.category)
        if entry.summary:
            _add(item, "summary", entry.summary)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element, its text and attributes cleared of what XML cannot hold."""
    element = ET.SubElement(parent, name, {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


KIND = Kind("news", "动态与通知", NewsItem, intro="机关党委和各党支部的工作动态、通知公告，按日期排列。",
            name="news", order=5, files=f"content/{FOLDER}/*.md", body="body", showcase=False, timeline=2,
            read=read, listing=render_listing, item=render_item, id_problem=id_problem)
