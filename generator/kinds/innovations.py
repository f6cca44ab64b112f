"""The innovation list (机关党委党建创新榜)."""

from __future__ import annotations

import re

from pydantic import ConfigDict, Field

from ..model.catalog import Kind, Portal
from ..model.fields import Entry, Integer, MarkdownText, PlainText, ShortText, UnitRef, Year


class Innovation(Entry):
    """One project on the innovation list."""

    model_config = ConfigDict(title="党建创新榜项目")

    title: ShortText = Field(title="项目名称", examples=["党建数据一图通"])
    unit: UnitRef = Field(title="申报单位", description="data/units.yml 中单位的标识", examples=["shuju"])
    year: Year = Field(title="上榜年份")
    award: ShortText = Field(title="奖项等级", description="例如 一等奖、优秀案例", examples=["一等奖"])
    rank: Integer | None = Field(default=None, ge=1, le=9999, title="榜单名次（可选）", examples=[1])
    summary: PlainText = Field(title="一句话简介", examples=["把支部工作数据汇到一张图上，随时查看进度。"])
    work: MarkdownText = Field(title="主要做法", examples=["- 梳理支部工作事项，逐项明确责任人和完成时限。"])

    @property
    def heading(self) -> str:
        return self.title

    @property
    def sort_key(self) -> tuple:
        """Newest year first; within a year by award level (一等奖 before 二等奖), then by rank."""
        return (-self.year, award_level(self.award), self.rank or RANKLESS)


# Awards the list gives by level, highest first; any other award (优秀案例, 入围项目...) after them.
LEVEL = re.compile(r"^([特一二三四五六七八九十])等奖$")
LEVELS = "特一二三四五六七八九十"
RANKLESS = 10_000  # after every rank an entry can give (le=9999)


def award_level(award: str) -> int:
    """0 for 特等奖, 1 for 一等奖 ... 10 for 十等奖; 11 for any other award (优秀奖 and the like)."""
    found = LEVEL.match(award.strip())
    return LEVELS.index(found.group(1)) if found else len(LEVELS)


KIND = Kind("innovations", "党建创新榜", Innovation,
            intro="机关党委党建创新榜的上榜项目，按上榜年份排列。",
            name="innovation", card="cards/innovation.md.j2", page="innovation.md.j2", order=4, timeline=3,
            portal=Portal(counter="个", figure="个创新榜项目", tile="机关党委党建创新榜", text="个上榜项目。"))
