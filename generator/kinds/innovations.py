"""The innovation list (机关党委党建创新榜)."""

from __future__ import annotations

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


KIND = Kind("innovations", "党建创新榜", Innovation,
            intro="机关党委党建创新榜的上榜项目，按上榜年份排列。",
            name="innovation", card="cards/innovation.md.j2", page="innovation.md.j2", order=4, timeline=3,
            portal=Portal(counter="个", figure="个创新榜项目", tile="机关党委党建创新榜", text="个上榜项目。"))
