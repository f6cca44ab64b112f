"""What a model says about its fields, and a new entry file built from it, ready to fill.

Everything here is read off the model (titles, descriptions, examples, what is required), so
a field added to a model appears in the next template and in the guide's field reference
without touching this module.
"""

from __future__ import annotations

import enum
import typing
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

_INDENT = "  "


@dataclass(frozen=True)
class FieldFacts:
    """One field as an editor needs to know it."""

    name: str
    title: str
    required: bool
    description: str
    choices: list[str]
    example: Any                        # the first example, or None
    record: type[BaseModel] | None      # the item type of a list of records (speakers...)
    min_items: int | None
    default: Any
    limits: str = ""                    # "最多 100 字", "最多 5 项，不能重复": from the JSON Schema

    @property
    def need(self) -> str:
        return "必填" if self.required else "选填"

    def notes(self) -> str:
        """``说明。可选：…。`` (or, for a list of records, how to write its items)."""
        limits = f"{self.limits}，" if self.limits else ""
        if self.record is not None:
            least = f"至少 {self.min_items} 项，" if self.min_items else ""
            return f"{least}{limits}每项以“- ”开头，有几项就照样写几段。"
        text = self.description.rstrip("。") + "。" if self.description else ""
        text += f"{self.limits}。" if self.limits else ""
        if self.choices:
            text += f"可选：{'、'.join(self.choices)}。"
        return text

    def explain(self) -> str:
        """``标题（必填）。说明。可选：…。例如：…`` on one line."""
        if self.record is not None:
            return f"{self.title}（{self.need}）：{self.notes()}"
        text = f"{self.title}（{self.need}）。{self.notes()}"
        if self.example is not None and "例如" not in text:
            text += f"例如：{plain(self.example)}"
        return text


def records(fields: list[FieldFacts]) -> list[FieldFacts]:
    """Every list-of-records field among ``fields`` and inside their records, outermost first."""
    out = []
    for field in fields:
        if field.record is not None:
            out.append(field)
            out += records(facts(field.record))
    return out


def facts(model: type[BaseModel]) -> list[FieldFacts]:
    """Every field of ``model``, its own fields first, then those every entry shares."""
    inherited = {name for base in model.__bases__ for name in getattr(base, "model_fields", {})}
    names = [n for n in model.model_fields if n not in inherited] + [n for n in model.model_fields if n in inherited]
    shown = model.model_json_schema().get("properties", {})
    return [_facts(name, model.model_fields[name], limits_of(shown.get(name, {}))) for name in names]


# What the JSON Schema says of a field's size, as the guide and a new file's comments say it.
_LIMITS = {"maxLength": "最多 {} 字", "maxLineLength": "每行最多 {} 字", "maxHeadings": "小标题最多 {} 个",
           "maxItems": "最多 {} 项", "uniqueItems": "不能重复"}


def limits_of(schema: dict) -> str:
    """``最多 20000 字，每行最多 2000 字``: the limits in one field's JSON Schema (``X | None`` too)."""
    found = [schema, *(s for s in schema.get("anyOf", ()) if s.get("type") != "null")]
    return "，".join(text.format(part[key]) for part in found for key, text in _LIMITS.items() if part.get(key))


def _facts(name: str, info: FieldInfo, limits: str = "") -> FieldFacts:
    record = _item_model(info.annotation)
    min_items = next((m.min_length for m in info.metadata if getattr(m, "min_length", None)), None)
    return FieldFacts(
        name=name,
        title=(info.title or name).removesuffix("（可选）"),
        required=info.is_required(),
        description=info.description or _inner_description(info.annotation) or "",
        choices=_choices(info.annotation),
        example=info.examples[0] if info.examples else None,
        record=record,
        min_items=min_items if record is not None else None,
        default=None if info.is_required() or info.default_factory is not None else info.default,
        limits=limits,
    )


def template(model: type[BaseModel], *, title: str, path: str, schema: str) -> str:
    """The text of a new entry file at ``path`` (shown to the editor), linked to ``schema``."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {title}：{path}（文件名就是这一项的标识，只用小写英文字母、数字和连字符）。",
        "# 填写方法：“必填”的字段在冒号后面空一格填上内容；“选填”的字段删去行首的“# ”再填写，用不到的可以删掉。",
        "# 多段文字写成“字段: |-”，从下一行起每行缩进两个空格。填好后运行 python -m generator check 检查。",
    ]
    for field in facts(model):
        lines.append("")
        lines += _lines(field, depth=0, commented=False)
    return "\n".join(lines) + "\n"


def front_matter_template(model: type[BaseModel], *, title: str, path: str, filled: dict[str, Any],
                          body_field: str = "body") -> str:
    """A new Markdown file with front matter (a news item): fields between ``---`` lines, text below.

    ``filled`` gives values written in already (today's date, say).
    """
    lines = ["---",
             f"# {title}：{path}（文件名就是这一项的标识，只用小写英文字母、数字和连字符）。",
             "# “必填”的字段在冒号后面空一格填上内容；“选填”的字段删去行首的“# ”再填写，用不到的可以删掉。"]
    for field in facts(model):
        if field.name == body_field:
            continue
        lines.append("")
        written = _lines(field, depth=0, commented=False)
        if field.name in filled:
            written[-1] = f"{field.name}: {flow(filled[field.name])}"
        lines += written
    lines += ["---", "", "在这里写正文（Markdown）：空一行分段，“- ”开头写列表，**两个星号**加粗。"
              "填好后运行 python -m generator check 检查。", ""]
    return "\n".join(lines)


def _lines(field: FieldFacts, depth: int, commented: bool) -> list[str]:
    """An explanation line, then the field: empty when required, commented out when optional."""
    pad = _INDENT * depth
    off = commented or not field.required
    mark = "# " if off else ""
    lines = [f"{pad}# {field.explain()}"]
    if field.record is None:
        return lines + [f"{pad}{mark}{field.name}:" + (_sample_value(field) if off else "")]
    # A list of small records (speakers, honours): one item to copy, with each field explained.
    lines.append(f"{pad}{mark}{field.name}:")
    for index, sub in enumerate(facts(field.record)):
        sub_lines = _lines(sub, depth + 2, off)
        if index == 0:
            # "    name:" opens the item as "  - name:"; its explanation goes above the dash.
            explanation, value = sub_lines
            sub_lines = [pad + _INDENT + explanation.lstrip(),
                         f"{pad}{_INDENT}{mark}- {value.lstrip()[len(mark):]}"]
        lines += sub_lines
    return lines


def _sample_value(field: FieldFacts) -> str:
    value = field.example if field.example is not None else field.default
    return "" if value is None else " " + flow(value)


def flow(value: Any) -> str:
    """``value`` as YAML on one line: ``[服务型]``, ``false``, ``'2023-06-28'``."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def plain(value: Any) -> str:
    """An example as a reader sees it: list items joined with 、."""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _item_model(annotation: Any) -> type[BaseModel] | None:
    """The record type of a ``list[Record]`` field, if the field is one."""
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def _choices(annotation: Any) -> list[str]:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            return [str(m.value) for m in arg]
    return []


def _inner_description(annotation: Any) -> str | None:
    """The description an ``Annotated`` type carries, seen through ``X | None``."""
    for arg in typing.get_args(annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, FieldInfo) and meta.description:
                return meta.description
    return None
