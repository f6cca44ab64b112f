"""Check a parsed file against its model and explain every mismatch in Chinese."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .loader import Source, field_name

M = TypeVar("M", bound=BaseModel)

_TYPES = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项另起一行，以“- ”开头）",
    "dict_type": "应为“字段: 值”的键值对",
    "model_type": "应为“字段: 值”的键值对",
    "model_attributes_type": "应为“字段: 值”的键值对",
    "date_type": "应为日期，格式 YYYY-MM-DD",
    "date_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期，不带时间",
}


def validate(model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """The model built from ``source``, or None and every problem found in it."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        return None, [_explain(err, model, source) for err in exc.errors(include_url=False)]


def _explain(err: dict[str, Any], model: type[BaseModel], source: Source) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        line, column = source.locate(loc[:-1], key=True)
        return Problem(source.path, line, column, field_name(loc), f"缺少必填字段“{loc[-1]}”：请补上。")
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"是不是想写“{close[0]}”？" if close else f"可用的字段有：{', '.join(known)}。"
        return source.problem(loc, f"未知字段“{loc[-1]}”：{hint}", key=True)
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return source.problem(loc, f"“{value}”不是可选的值：只能是 {expected}。")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return source.problem(loc, f"“{value}”超出范围：{_range(model, loc, ctx)}")
    if kind == "string_pattern_mismatch":
        return source.problem(loc, f"“{value}”格式不对：只能用小写英文字母、数字和连字符（-），例如 jiguan-first。")
    if kind == "string_too_short":
        return source.problem(loc, "不能为空：请填写内容。")
    if kind in ("value_error", "assertion_error"):
        return source.problem(loc, str(ctx.get("error", err["msg"])))
    if kind in _TYPES:
        shown = "空值" if value is None else f"“{value}”"
        return source.problem(loc, f"{_TYPES[kind]}，现在是{shown}。")
    return source.problem(loc, f"取值不符合要求（{kind}）：请对照模板检查这个字段。")


def _range(model: type[BaseModel], loc: tuple, ctx: dict) -> str:
    if "ge" in ctx:
        return f"应不小于 {ctx['ge']}。"
    if "le" in ctx:
        return f"应不大于 {ctx['le']}。"
    if "gt" in ctx:
        return f"应大于 {ctx['gt']}。"
    return f"应小于 {ctx.get('lt')}。"


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at ``loc`` (walking nested models and lists)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
