"""Types shared by every content kind: the base model, the 五型, ids and text fields."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .safety import MEDIA_PATTERN, markdown_problem, media_path_problem

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Model(BaseModel):
    """Base of every data model: unknown fields are mistakes, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Choice(str, enum.Enum):
    """A closed list of Chinese values; ``__schema_text__`` titles it in the JSON Schema."""

    __schema_text__: tuple[str, str] = ("", "")

    @property
    def slug(self) -> str:
        """The member's ASCII name, for CSS classes and anchors."""
        return self.name

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        schema = handler(core_schema)
        title, description = cls.__schema_text__
        handler.resolve_ref_schema(schema).update(title=title, description=description)
        return schema


class WuXing(Choice):
    """The five model-organ types (“五型”模范机关) an entry or a section advances."""

    __schema_text__ = ("五型", "“五型”模范机关：政治型、服务型、实干型、文明型、廉洁型")

    political = "政治型"
    service = "服务型"
    practical = "实干型"
    civilised = "文明型"
    clean = "廉洁型"


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), Field(
    title="标识", description="小写英文字母、数字和连字符，例如 jiguan-first")]

# A single line or paragraph shown as written: escaped, never read as markup.
PlainText = Annotated[str, StringConstraints(min_length=1), Field(description="纯文字，原样显示")]


def _refuse(check):
    """An AfterValidator raising the Chinese explanation ``check`` gives for a bad value."""
    def validator(value: str) -> str:
        problem = check(value)
        if problem:
            raise ValueError(problem)
        return value
    return AfterValidator(validator)


# Several paragraphs where editors may use Markdown (lists, bold, links), never scripts.
MarkdownText = Annotated[str, StringConstraints(min_length=1), _refuse(markdown_problem), Field(
    description="可使用 Markdown：段落、列表、加粗、链接；不能有脚本")]

Year = Annotated[int, Field(ge=2000, le=2100, title="年份", description="四位数年份，例如 2023", examples=[2023])]

# A work point cited by year and number: "2023-10" is point 10 of the 2023 plan.
POINT_PATTERN = r"^\d{4}-\d{1,2}$"
PointRef = Annotated[str, StringConstraints(pattern=POINT_PATTERN), Field(
    description="工作要点编号：年份-序号，例如 2023-10", examples=["2023-10"])]

# A file under data/media/, written relative to data/: "media/brands/hongqi.jpg".
# Whether the file exists is checked when linking (safety.media_target_problem).
MediaPath = Annotated[str, _refuse(media_path_problem), Field(
    description="data/ 下的图片路径，以 media/ 开头，例如 media/brands/hongqi.jpg",
    json_schema_extra={"pattern": MEDIA_PATTERN})]


class Entry(Model):
    """Fields every showcase entry shares: the 五型 it serves, the points it carries out."""

    sample: bool = Field(default=False, title="示例", description="true 表示虚构的示例条目：页面显示“示例”提示，生产构建可整体去掉")
    wuxing: list[WuXing] = Field(default_factory=list, title="五型", description="服务的“五型”机关类型，可多选", examples=[["服务型"]])
    points: list[PointRef] = Field(default_factory=list, title="落实的工作要点", description="如 2023-10，可多项", examples=[["2023-10"]])

    @property
    def heading(self) -> str:
        """The entry's name as a card and a page show it."""
        raise NotImplementedError

    @property
    def sort_key(self) -> tuple:
        """Newest first."""
        return (-self.year,)

    def branch_refs(self) -> list[tuple[tuple, str]]:
        """(field path, branch id) for every branch this entry names."""
        return []

    def unit_refs(self) -> list[tuple[tuple, str]]:
        """(field path, unit id) for every unit this entry names."""
        return []

    def media_refs(self) -> list[tuple[tuple, str]]:
        """(field path, media path) for every image this entry shows."""
        return []
