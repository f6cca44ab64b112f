"""Branch brand cases (一支部一品牌)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from ..model.catalog import Kind, Portal
from ..model.fields import BranchRef, Entry, Flag, Gallery, MarkdownText, MediaPath, PlainText, ShortText, Year


class Brand(Entry):
    """One branch's brand: what it stands for, how it was built, what it achieved."""

    model_config = ConfigDict(title="支部品牌案例")

    name: ShortText = Field(title="品牌名称", examples=["红色服务驿站"])
    branch: BranchRef = Field(title="所属党支部", description="data/units.yml 中党支部的标识", examples=["zhengwu-first"])
    year: Year = Field(title="创建年份")
    summary: PlainText = Field(title="一句话简介", examples=["把党员服务岗设到群众家门口"])
    slogan: ShortText | None = Field(default=None, title="品牌口号（可选）", examples=["党员在窗口，服务零距离"])
    background: MarkdownText = Field(title="创建背景", examples=["支部党员大多在服务窗口一线工作，群众办事的难点就是支部工作的着力点。"])
    practices: MarkdownText = Field(title="主要做法", examples=["- **亮身份**：窗口党员佩戴党员徽章，设立党员先锋岗。"])
    results: MarkdownText = Field(title="工作成效", examples=["窗口一次性办结率明显提升，群众满意度持续上升。"])
    cover: MediaPath | None = Field(default=None, title="封面图片（可选）", description="卡片和页面顶部显示的图片",
                                    examples=["media/brands/hongse-yizhan.jpg"])
    photos: Gallery = Field(default_factory=list)
    featured: Flag = Field(default=False, title="首页推荐（可选）",
                           description="true 表示在首页“品牌展示”一栏推荐；都不推荐时首页显示最新的品牌")

    @property
    def heading(self) -> str:
        return self.name

    @property
    def picture(self) -> str | None:
        return self.cover


KIND = Kind("brands", "支部品牌", Brand,
            intro="各党支部在“一支部一品牌”创建活动中培育的党支部品牌，按创建年份排列。",
            name="brand", card="cards/brand.md.j2", page="brand.md.j2", order=1, timeline=4,
            portal=Portal(counter="个", tile="一支部一品牌", text="个党支部品牌的创建背景、做法和成效。", featured=True))
