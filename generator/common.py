"""Types shared by every content kind: the base model, the 五型, ids and text fields."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Model(BaseModel):
    """Base of every data model: unknown fields are mistakes, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class WuXing(str, enum.Enum):
    """The five model-organ types (“五型”模范机关) an entry or a section advances."""

    political = "政治型"
    service = "服务型"
    practical = "实干型"
    civilised = "文明型"
    clean = "廉洁型"

    @property
    def slug(self) -> str:
        return self.name


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), Field(
    title="标识", description="小写英文字母、数字和连字符，例如 jiguan-first")]

# A single line or paragraph shown as written: escaped, never read as markup.
PlainText = Annotated[str, StringConstraints(min_length=1), Field(description="纯文字，原样显示")]

# Several paragraphs where editors may use Markdown (lists, bold, links).
MarkdownText = Annotated[str, StringConstraints(min_length=1), Field(description="可使用 Markdown：段落、列表、加粗、链接")]

Year = Annotated[int, Field(ge=2000, le=2100, title="年份", description="四位数年份，例如 2023")]
