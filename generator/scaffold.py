"""A new entry file, ready to fill: every field of the model, commented in Chinese.

Everything here is read off the model (titles, descriptions, examples, what is required), so
a field added to a model appears in the next template without touching this module.
"""

from __future__ import annotations

import enum
import typing
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

_INDENT = "  "


def template(model: type[BaseModel], *, title: str, path: str, schema: str) -> str:
    """The text of a new entry file at ``path`` (shown to the editor), linked to ``schema``."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {title}：{path}（文件名就是这一项的标识，只用小写英文字母、数字和连字符）。",
        "# 填写方法：“必填”的字段在冒号后面空一格填上内容；“选填”的字段删去行首的“# ”再填写，用不到的可以删掉。",
        "# 多段文字写成“字段: |-”，从下一行起每行缩进两个空格。填好后运行 python -m generator check 检查。",
    ]
    lines += _fields(model, depth=0)
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], depth: int, *, commented: bool = False) -> list[str]:
    """Comment and value lines of every field; blank lines between top-level fields."""
    out: list[str] = []
    for name, info in _ordered(model):
        if depth == 0:
            out.append("")
        out += _field(name, info, depth, commented)
    return out


def _ordered(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The model's own fields first, then those every entry shares (五型, work points, sample)."""
    inherited = {name for base in model.__bases__ for name in getattr(base, "model_fields", {})}
    fields = list(model.model_fields.items())
    return [f for f in fields if f[0] not in inherited] + [f for f in fields if f[0] in inherited]


def _field(name: str, info: FieldInfo, depth: int, commented: bool) -> list[str]:
    """An explanation line, then the field: empty when required, commented out when optional."""
    pad = _INDENT * depth
    nested = _item_model(info.annotation)
    off = commented or not info.is_required()
    mark = "# " if off else ""
    lines = [f"{pad}# {_explain(info, nested)}"]
    if nested is None:
        value = "" if not off else _example(info)
        return lines + [f"{pad}{mark}{name}:{value}"]
    # A list of small records (speakers, honours): one item to copy, with each field explained.
    lines.append(f"{pad}{mark}{name}:")
    for index, (sub_name, sub_info) in enumerate(_ordered(nested)):
        sub = _field(sub_name, sub_info, depth + 2, off)
        if index == 0:
            # "    name:" opens the item as "  - name:"; its explanation goes above the dash.
            explanation, value = sub
            sub = [pad + _INDENT + explanation.lstrip(),
                   f"{pad}{_INDENT}{mark}- {value.lstrip()[len(mark):]}"]
        lines += sub
    return lines


def _title(info: FieldInfo | None) -> str:
    return getattr(info, "title", None) or ""


def _explain(info: FieldInfo, nested: type[BaseModel] | None) -> str:
    need = "必填" if info.is_required() else "选填"
    title = _title(info).removesuffix("（可选）")
    if nested is not None:
        least = next((getattr(m, "min_length", None) for m in info.metadata if getattr(m, "min_length", None)), None)
        need += f"，至少 {least} 项" if least else ""
        text = f"{title}（{need}）：每项以“- ”开头，有几项就照样写几段。"
    else:
        text = f"{title}（{need}）。"
    description = info.description or _inner_description(info.annotation)
    if description and nested is None:
        text += description.rstrip("。") + "。"
    choices = _choices(info.annotation)
    if choices:
        text += f"可选：{'、'.join(choices)}。"
    if info.examples and nested is None and "例如" not in text:
        text += f"例如：{_plain(info.examples[0])}"
    return text


def _example(info: FieldInfo) -> str:
    if info.examples:
        return " " + _flow(info.examples[0])
    if info.default is not None and not callable(info.default_factory):
        return " " + _flow(info.default)
    return ""


def _flow(value: Any) -> str:
    """``value`` as YAML on one line: ``[服务型]``, ``false``, ``'2023-06-28'``."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
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
