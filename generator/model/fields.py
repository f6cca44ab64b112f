"""Types shared by every content kind: the base model, the 五型, ids and text fields."""

from __future__ import annotations

import datetime
import enum
import re
import typing
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic.fields import FieldInfo

from ..addresses import PointId
from ..errors import shown
from .rendered import markdown_problem
from .safety import MEDIA_PATTERN, VISIBLE_PATTERN, media_path_problem, plain_text_problem

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


# Limits on what an editor writes, each far above any real entry (the largest in data/ is
# quoted beside it) and low enough that one file cannot make a page, the search index or a
# build cost more than a few ordinary ones. The JSON Schema and the field guide show them.
ID_CHARS = 100          # an id: the longest in data/ has 33 characters
SHORT_CHARS = 100       # a name, a title, a label: 35
PLAIN_CHARS = 500       # a sentence or a short paragraph (a summary, a caption, a quote): 73
LONG_CHARS = 20_000     # a work plan's own text (its overall part, a point's text): 285
MARKDOWN_CHARS = 20_000  # a Markdown field (a story, a news item's text): 225
MARKDOWN_LINE = 2_000   # one line of it, i.e. one paragraph: 108
MARKDOWN_HEADINGS = 30  # its sub-headings, each a section that search lists: none yet
MEDIA_CHARS = 200       # a picture's path: 34
POINTS_CITED = 50       # work points one entry carries out: 3
# Lists marked so are checked for a value written twice (validate.repeated_values), and the
# JSON Schema says the same (uniqueItems).
UNIQUE: dict[str, Any] = {"uniqueItems": True}

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_CHARS), Field(
    title="标识", description="小写英文字母、数字和连字符，例如 jiguan-first")]

def _refuse(check):
    """An AfterValidator raising the Chinese explanation ``check`` gives for a bad value."""
    def validator(value: str) -> str:
        problem = check(value)
        if problem:
            raise ValueError(problem)
        return value
    return AfterValidator(validator)


class Mark:
    """Tags a field type so the catalog finds every such value by walking the model."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Mark({self.name})"


MARKDOWN = Mark("markdown")
MEDIA = Mark("media")
BRANCH = Mark("branch")
UNIT = Mark("unit")
POINT = Mark("point")

# References to data/units.yml: ids, found by the catalog walking the model (no model lists them).
BranchRef = Annotated[Id, BRANCH]
UnitRef = Annotated[Id, UNIT]

# Text shown as written: escaped, never read as markup. Three lengths, by what it holds: a name
# or a title; a sentence or a short paragraph; a plan's official text.
_VISIBLE = _refuse(plain_text_problem)
_AS_WRITTEN = Field(description="纯文字，原样显示", json_schema_extra={"pattern": VISIBLE_PATTERN})
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=SHORT_CHARS), _VISIBLE, _AS_WRITTEN]
PlainText = Annotated[str, StringConstraints(min_length=1, max_length=PLAIN_CHARS), _VISIBLE, _AS_WRITTEN]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=LONG_CHARS), _VISIBLE, _AS_WRITTEN]


class TextError(ValueError):
    """A mistake at one place of a text: ``at`` is its index, so that the message names its line."""

    def __init__(self, message: str, at: int):
        super().__init__(message)
        self.at = at


_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def _markdown_shape(value: str) -> str:
    """Each line (a paragraph, in Chinese writing) is bounded, and so are the sub-headings."""
    at = headings = 0
    fenced = False
    for line in value.split("\n"):
        if len(line) > MARKDOWN_LINE:
            raise TextError(f"这一行太长（{len(line)} 个字），每行最多 {MARKDOWN_LINE} 个字：请在句末分段，"
                            "段落之间空一行。", at)
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            headings += 1
            if headings > MARKDOWN_HEADINGS:
                raise TextError(f"小标题太多（已有 {headings} 个），每个字段最多 {MARKDOWN_HEADINGS} 个：请合并段落，"
                                "或把内容拆成几个条目。", at)
        at += len(line) + 1
    return value


# Several paragraphs where editors may use Markdown (lists, bold, links), never scripts. Its
# length is checked first, so no later check reads more than MARKDOWN_CHARS characters.
MarkdownText = Annotated[str, StringConstraints(min_length=1, max_length=MARKDOWN_CHARS), AfterValidator(_markdown_shape),
                         _refuse(markdown_problem), Field(
    description="可使用 Markdown：段落、列表、加粗、链接、插图；不能有 HTML 排版代码和脚本",
    json_schema_extra={"pattern": VISIBLE_PATTERN, "maxLineLength": MARKDOWN_LINE, "maxHeadings": MARKDOWN_HEADINGS}),
    MARKDOWN]

# Integers are plain decimal digits: strict, so "2023" in quotes is refused as the JSON Schema does.
Integer = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]

Year = Annotated[int, Strict(), Field(ge=2000, le=2100, title="年份", description="四位数年份，例如 2023", examples=[2023])]

def _date_or_text(value: Any) -> Any:
    if value is None or (isinstance(value, (datetime.date, str)) and not isinstance(value, datetime.datetime)):
        return value  # None: pydantic says the field is empty, as for any other type
    raise ValueError(f"应为日期，格式 YYYY-MM-DD，现在是{shown(value)}。")


# A date as YAML reads it (2023-06-28), or the same written in quotes; never a number.
Date = Annotated[datetime.date, BeforeValidator(_date_or_text)]

# A work point cited by year and number: "2023-10" is point 10 of the 2023 plan.
POINT_PATTERN = r"^\d{4}-\d{1,2}$"
PointRef = Annotated[str, StringConstraints(pattern=POINT_PATTERN), Field(
    description="工作要点编号：年份-序号，例如 2023-10", examples=["2023-10"]), POINT]

# A file under data/media/, written relative to data/: "media/brands/hongqi.jpg".
# Whether the file exists is checked when linking (safety.media_target_problem).
MediaPath = Annotated[str, StringConstraints(max_length=MEDIA_CHARS), _refuse(media_path_problem), Field(
    description="data/ 下的图片路径，以 media/ 开头，例如 media/brands/hongqi.jpg",
    json_schema_extra={"pattern": MEDIA_PATTERN}), MEDIA]


class Photo(Model):
    """A photo in an entry's gallery, with the caption shown under it."""

    model_config = ConfigDict(title="照片")

    file: MediaPath = Field(title="图片文件", examples=["media/brands/hongse-yizhan-1.jpg"])
    caption: PlainText = Field(title="说明", description="显示在图片下方，也是读屏软件读出的替代文字：写清图上是什么",
                               examples=["党员先锋岗的同志为群众讲解办事流程"])


Gallery = Annotated[list[Photo], Field(
    max_length=24, title="照片（可选）", description="每张照片写图片文件和一句说明；页面上排成图集，点开看大图")]


def marked(model: BaseModel, mark: Mark, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(field path, value) of every value whose declared type carries ``mark``, nested models included."""
    for name, tagged in _fields_to_walk(type(model), mark):
        value = getattr(model, name)
        if value is not None:
            yield from _walk(value, mark, loc + (name,), tagged)


def unique_lists(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, list]]:
    """(field path, list) of every list declared UNIQUE (each value once), nested models included."""
    for name, unique in _lists_to_walk(type(model)):
        value = getattr(model, name)
        if unique and isinstance(value, list):
            yield loc + (name,), value
        elif isinstance(value, BaseModel):
            yield from unique_lists(value, loc + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from unique_lists(item, loc + (name, index))


@lru_cache(maxsize=256)
def _lists_to_walk(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` that are UNIQUE lists or may hold a model, worked out once per class."""
    out = []
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra
        unique = isinstance(extra, dict) and bool(extra.get("uniqueItems"))
        if unique or _may_hold_model(info.annotation):
            out.append((name, unique))
    return tuple(out)


def carries(info: FieldInfo, mark: Mark) -> bool:
    """Whether a field's declared type carries ``mark`` (``list[PointRef]`` and ``X | None`` too)."""
    return mark in info.metadata or _carries(info.annotation, mark)


@lru_cache(maxsize=256)
def _fields_to_walk(cls: type[BaseModel], mark: Mark) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` that carry ``mark`` or may hold a model: worked out once per class,
    since thousands of entries are walked on every build."""
    out = []
    for name, info in cls.model_fields.items():
        tagged = carries(info, mark)
        if tagged or _may_hold_model(info.annotation):
            out.append((name, tagged))
    return tuple(out)


def record_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field's declared type holds: the type itself, the item of a list of them, or
    the model of ``X | None``; None for a type that holds no model."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = record_model(arg)
        if found is not None:
            return found
    return None


def _may_hold_model(annotation: Any) -> bool:
    return record_model(annotation) is not None


def _walk(value: Any, mark: Mark, loc: tuple, tagged: bool) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, BaseModel):
        yield from marked(value, mark, loc)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, mark, loc + (i,), tagged)
    elif tagged and isinstance(value, str):
        yield loc, value


def _carries(annotation: Any, mark: Mark) -> bool:
    if typing.get_origin(annotation) is Annotated:
        return mark in typing.get_args(annotation)[1:] or _carries(typing.get_args(annotation)[0], mark)
    return any(_carries(arg, mark) for arg in typing.get_args(annotation))


class Entry(Model):
    """Fields every showcase entry shares: the 五型 it serves, the points it carries out."""

    if TYPE_CHECKING:  # every kind has a year: a field of its own, or its date's
        @property
        def year(self) -> int: ...

    sample: Flag = Field(default=False, title="示例", description="true 表示虚构的示例条目：页面显示“示例”提示，生产构建可整体去掉")
    wuxing: list[WuXing] = Field(default_factory=list, max_length=len(WuXing), json_schema_extra=UNIQUE, title="五型",
                                 description="服务的“五型”机关类型，可多选", examples=[["服务型"]])
    points: list[PointRef] = Field(default_factory=list, max_length=POINTS_CITED, json_schema_extra=UNIQUE,
                                   title="落实的工作要点", description="如 2023-10，可多项", examples=[["2023-10"]])

    @property
    def heading(self) -> str:
        """The entry's name as a card and a page show it."""
        raise NotImplementedError

    @property
    def picture(self) -> str | None:
        """The picture its card shows, if it has one."""
        return None

    @property
    def sort_key(self) -> tuple:
        """Newest first."""
        return (-self.year,)

    @property
    def day(self) -> datetime.date | None:
        """The day it happened, for kinds that have one (a ``date`` field)."""
        value = getattr(self, "date", None)
        return value if isinstance(value, datetime.date) else None

    @property
    def month(self) -> int | None:
        """The month it happened, where known: its day's, or a kind's own when it knows only a month."""
        return self.day.month if self.day else None

    @property
    def in_timeline(self) -> bool:
        """Whether the 大事记 lists it, when its kind is listed there at all."""
        return True

    def branch_refs(self) -> list[tuple[tuple, str]]:
        """(field path, branch id) for every branch this entry names (its ``BranchRef`` fields)."""
        return list(marked(self, BRANCH))

    def unit_refs(self) -> list[tuple[tuple, str]]:
        """(field path, unit id) for every unit this entry names (its ``UnitRef`` fields)."""
        return list(marked(self, UNIT))

    def point_refs(self) -> list[tuple[tuple, str]]:
        """(field path, "2023-10") for every work point this entry cites (its ``PointRef`` fields)."""
        return list(marked(self, POINT))

    def cited_points(self) -> list[PointId]:
        """The work points it cites, each once, in the order written (its references parsed)."""
        return list(dict.fromkeys(found for _, ref in self.point_refs() if (found := PointId.parse(ref))))

    def media_refs(self) -> list[tuple[tuple, str]]:
        """(field path, media path) for every picture field of this entry (pictures in text aside)."""
        return list(marked(self, MEDIA))

    def markdown_fields(self) -> list[tuple[tuple, str]]:
        """(field path, text) of every Markdown field of this entry."""
        return list(marked(self, MARKDOWN))
