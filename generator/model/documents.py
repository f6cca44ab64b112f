"""Policy documents the plans cite in 《》: found in the plans' text at build time, one page."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field

from pydantic import ConfigDict, Field

from ..errors import Problem
from ..source.loader import Source
from .fields import Date, Id, Model, ShortText
from .workplan import PlanPlace, WorkPlan, places

# A title runs from 《 to the matching 》; titles may hold “” but never another 《.
TITLE = re.compile(r"《([^《》\n]+)》")


DOCUMENTS = 500  # documents described: data/ describes 2


class DocumentInfo(Model):
    """What an editor may add about a cited document; nothing here is required."""

    model_config = ConfigDict(title="引用文件")

    title: ShortText = Field(title="文件名称", description="与工作要点中《》内的文字一字不差，不带书名号")
    issuer: ShortText | None = Field(default=None, title="发文机关")
    date: Date | None = Field(default=None, title="发布日期", description="格式 YYYY-MM-DD，例如 2018-10-28")
    id: Id | None = Field(default=None, title="锚点", description="不填则自动生成")


class DocumentsFile(Model):
    """``data/documents.yml``: optional details of cited documents."""

    model_config = ConfigDict(title="引用文件补充信息")

    documents: list[DocumentInfo] = Field(max_length=DOCUMENTS, title="文件", description="每项补充一份被引用文件的信息，可为空列表")


@dataclass
class Document:
    """One cited document and the places citing it, in reading order."""

    title: str
    places: list[PlanPlace] = field(default_factory=list)
    info: DocumentInfo | None = None

    @property
    def id(self) -> str:
        if self.info and self.info.id:
            return self.info.id
        # Stable across builds and years: the same title always gets the same anchor.
        return "doc-" + hashlib.sha1(self.title.encode("utf-8")).hexdigest()[:8]


def cited(plans: dict[int, WorkPlan]) -> dict[str, list[PlanPlace]]:
    """Every title in 《》 in the plans, with the places citing it, in order of first citation."""
    found: dict[str, list[PlanPlace]] = {}
    for place in places(plans):
        for title in dict.fromkeys(TITLE.findall(place.words)):
            found.setdefault(title, []).append(place)
    return found


def check(extra: DocumentsFile, source: Source, plans: dict[int, WorkPlan], complete: bool = True) -> list[Problem]:
    """Every entry names a document the plans cite (when the ``plans`` are ``complete``), once;
    anchors are unique."""
    titles = list(cited(plans))
    problems = []
    for loc, title, line in source.repeats((("documents", i, "title"), d.title) for i, d in enumerate(extra.documents)):
        problems.append(source.problem(loc, f"文件“{title}”重复：第 {line} 行已有，请合并。"))
    for loc, anchor, line in source.repeats((("documents", i, "id"), d.id) for i, d in enumerate(extra.documents) if d.id):
        problems.append(source.problem(loc, f"锚点“{anchor}”重复：第 {line} 行已使用，请换一个。"))
    for i, info in enumerate(extra.documents if complete else []):
        loc = ("documents", i, "title")
        if info.title not in titles:
            close = difflib.get_close_matches(info.title, titles, n=1, cutoff=0.6)
            hint = f"是不是“{close[0]}”？" if close else "请从工作要点中复制《》内的文字。"
            problems.append(source.problem(loc, f"工作要点中没有引用《{info.title}》：{hint}"))
    return problems


def link(extra: DocumentsFile | None, plans: dict[int, WorkPlan]) -> list[Document]:
    """The cited documents in the order the newest plan citing them cites them."""
    infos = {info.title: info for info in (extra.documents if extra else [])}
    docs = [Document(title, found, infos.get(title)) for title, found in cited(plans).items()]
    # Read the newest plan first: a document takes the place of its first citation there.
    order: dict[str, int] = {}
    for place in sorted(places(plans), key=lambda p: -p.year):
        for title in TITLE.findall(place.words):
            order.setdefault(title, len(order))
    return sorted(docs, key=lambda d: order[d.title])
