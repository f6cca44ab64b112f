"""News and notices (动态与通知): one Markdown file per item, front matter checked like data.

An editor writes ``content/news/posts/<id>.md`` (read by ``model/posts.py``): YAML front matter,
then the text in Markdown. Here: the item's model, which file names can be ids, and which
categories an item may have. The items become ``/news/<id>/``; their listings (``pages/news.py``)
are ``/news/`` (20 a page), by category and by year; the feed is ``pages/feed.py``.
"""

from __future__ import annotations

import re

from pydantic import ConfigDict, Field

from .. import addresses
from ..errors import Problem
from ..model import posts
from ..model.catalog import Kind, Reading, Record
from ..model.fields import ID_PATTERN, UNIQUE, Date, Entry, Flag, MarkdownText, MediaPath, PlainText, ShortText, UnitRef
from ..model.safety import reserved_id_problem
from ..pages import news as news_pages
from ..source.loader import Source


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


def id_problem(ident: str) -> str | None:
    if not re.fullmatch(ID_PATTERN, ident):
        return f"文件名“{ident}.md”不能作标识：只能用小写英文字母、数字和连字符，例如 2023-zhuti-dangri.md，请改名。"
    if ident.isdigit():  # any year, 999 as much as 2023: news/<year>/ lists that year's items
        return f"“{ident}”全是数字，是按年份列出动态的页面用的名字：请在后面加上说明，例如 {ident}-zhuti-dangri.md。"
    from . import RESERVED  # the registry's: complete once it has imported every kind, this one too

    problem = reserved_id_problem(ident, "动态", RESERVED)
    return problem.replace("请换一个", "请把文件改名") if problem else None


def category_problem(entry: NewsItem, source: Source, categories: list[str]) -> Problem | None:
    """Why an item's category is not one mkdocs.yml allows, or None."""
    if entry.category in categories:
        return None
    return source.problem(("category",), f"未知的类别“{entry.category}”：只能是 {'、'.join(categories)} 之一"
                          "（类别在 mkdocs.yml 中 showcase 插件的 news_categories 里设置）。")


def read(kind: Kind, reading: Reading) -> list[Record]:
    """Every item under content/news/posts/, checked (the kind's ``read``)."""
    return posts.read(kind, reading, category_problem)


KIND = Kind("news", "动态与通知", NewsItem, intro="机关党委和各党支部的工作动态、通知公告，按日期排列。",
            name="news", order=5, files=f"content/{addresses.NEWS_ITEMS}/*.md", body="body", showcase=False, timeline=2,
            read=read, listing=news_pages.render_listing, item=news_pages.render_item, id_problem=id_problem)
