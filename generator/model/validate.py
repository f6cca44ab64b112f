"""Check a parsed file against its model and explain every mismatch in Chinese."""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem, shown
from ..source.loader import Source, field_name
from .fields import ID_PATTERN, POINT_PATTERN, TextError, unique_lists

M = TypeVar("M", bound=BaseModel)

_TYPES = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
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
_PATTERNS = {
    ID_PATTERN: "只能用小写英文字母、数字和连字符（-），例如 jiguan-first。",
    POINT_PATTERN: "请写成“年份-序号”，例如 2023-10。",
}
_TEXT_TYPES = {"string_type"}
_MAPPING_TYPES = {"dict_type", "model_type", "model_attributes_type"}


def validate(model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """The model built from ``source``, or None; and every problem found in the file.

    The loader's own findings (a duplicate key, an alias...) come first; the model's are
    added except where the loader already explained the value.
    """
    problems = list(source.problems)
    try:
        entry = model.model_validate(source.data)
    except ValidationError as exc:
        seen: set[tuple] = set()
        for err in exc.errors(include_url=False):
            loc = _clean_loc(err["loc"], source.data)
            if loc in seen or source.is_flagged(loc):
                continue
            seen.add(loc)
            problems.append(_explain(dict(err, loc=loc), model, source))
        return None, problems
    problems += repeated_values(entry, source)
    return (None if problems else entry), problems


def repeated_values(model: BaseModel, source: Source) -> list[Problem]:
    """A value written twice in a list that takes each once (五型, points, units, related terms),
    at its second place, naming the line of the first."""
    problems = []
    for loc, values in unique_lists(model):
        shown = [getattr(v, "value", v) for v in values]
        if len(set(shown)) == len(shown):
            continue  # the usual case, decided without looking up where anything was written
        for place, value, line in source.repeats((loc + (i,), v) for i, v in enumerate(shown)):
            problems.append(source.problem(place, f"“{value}”重复：第 {line} 行已经写过，每项只写一次，请删去这一项。"))
    return problems


def _explain(err: dict[str, Any], model: type[BaseModel], source: Source) -> Problem:
    loc = err["loc"]
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        line, column = source.locate(loc[:-1], key=True)
        return Problem(source.path, line, column, field_name(loc),
                       f"缺少必填字段“{loc[-1]}”{_title(model, loc)}：请补上。")
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = (f"是不是想写“{close[0]}”{_title(model, loc[:-1] + (close[0],))}？" if close
                else f"可用的字段有：{', '.join(known)}。")
        return source.problem(loc, f"未知字段“{loc[-1]}”：{hint}", key=True)
    if kind.startswith("date") and isinstance(value, str) and re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", value):
        return source.problem(loc, f"日期{shown(value)}不存在：请写成 YYYY-MM-DD 格式的真实日期。")
    # An empty value ("branch:" with nothing after it) is pointed at by its key.
    at_key = value is None and loc in source.keys
    if value is None and kind in _TYPES:
        return source.problem(loc, _empty(model, loc), key=True)
    if kind in ("enum", "literal_error"):
        return source.problem(loc, _choice(value, ctx.get("expected", "")), key=at_key)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return source.problem(loc, f"{shown(value)}超出范围：{_range(ctx)}")
    if kind == "string_pattern_mismatch":
        return source.problem(loc, f"{shown(value)}格式不对：{_PATTERNS.get(str(ctx.get('pattern'))) or _described(model, loc)}")
    if kind == "string_too_short":
        return source.problem(loc, _empty(model, loc), key=at_key)
    if kind == "string_too_long":
        return source.problem(loc, f"太长了（{len(str(value))} 个字），最多 {ctx.get('max_length')} 个字：请精简。")
    if kind == "too_short":
        return source.problem(loc, f"至少要有 {ctx.get('min_length')} 项，现在有 {ctx.get('actual_length')} 项：请补上。")
    if kind == "too_long":
        return source.problem(loc, f"最多 {ctx.get('max_length')} 项，现在有 {ctx.get('actual_length')} 项：请删减。")
    if kind == "value_error" and isinstance(ctx.get("error"), TextError) and isinstance(value, str):
        return source.problem_in(loc, value, ctx["error"].at, str(ctx["error"]))
    if kind in ("value_error", "assertion_error"):
        return source.problem(loc, str(ctx.get("error", err["msg"])), key=at_key)
    if kind in _TYPES:
        return source.problem(loc, f"{_TYPES[kind]}，现在是{shown(value)}。" + _type_hint(kind, value))
    return source.problem(loc, f"取值不符合要求（{kind}）：请对照模板检查这个字段。")


def _empty(model: type[BaseModel], loc: tuple) -> str:
    name = (_field_title(model, loc) or "").removesuffix("（可选）")
    return f"不能为空：请填写“{name}”。" if name else "不能为空：请填写内容。"


def _type_hint(kind: str, value: Any) -> str:
    if kind in _TEXT_TYPES and isinstance(value, bool):
        return "YAML 把 true、false 读成真假值：如果是文字，请给它加上引号。"
    if kind == "int_type" and isinstance(value, str):
        return "整数只写十进制阿拉伯数字，不加引号，例如 2023。"
    if kind == "bool_type" and isinstance(value, str):
        return "请写 true 或 false，不加引号。"
    if kind in _TEXT_TYPES and isinstance(value, (int, float, date)):
        return "YAML 把它读成了数字或日期：如果是文字，请给它加上引号。"
    if kind in _MAPPING_TYPES and isinstance(value, str) and "：" in value:
        return "冒号是全角“：”：字段名后面要用半角冒号加空格“: ”（切换到英文输入法再输入）。"
    if kind in _MAPPING_TYPES and isinstance(value, str):
        return "请按模板写成“字段: 值”的形式（注意冒号后面的空格）。"
    if kind == "list_type" and isinstance(value, str):
        return "只有一项时也要写成列表：另起一行，写“- ”再写内容。"
    return ""


def _choice(value: Any, expected: str) -> str:
    options = re.findall(r"'([^']*)'", expected) or [expected]
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.3)
    hint = f"是不是想写“{close[0]}”？" if close else ""
    return f"{shown(value)}不是可选的值：只能是 {'、'.join(options)} 之一。{hint}"


def _range(ctx: dict) -> str:
    if "ge" in ctx:
        return f"应不小于 {ctx['ge']}。"
    if "le" in ctx:
        return f"应不大于 {ctx['le']}。"
    if "gt" in ctx:
        return f"应大于 {ctx['gt']}。"
    return f"应小于 {ctx.get('lt')}。"


def _clean_loc(loc: tuple, data: Any) -> tuple:
    """Drop the parts pydantic adds for union members ("str", "list[...]"): keep the data path."""
    out: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            out.append(part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int):
            out.append(part)
            current = current[part] if part < len(current) else None
    return tuple(out)


def _described(model: type[BaseModel], loc: tuple) -> str:
    """The field's own description, which says how it is written, or a pointer to the template."""
    fields = getattr(_model_at(model, loc[:-1]), "model_fields", {})
    description = getattr(fields.get(loc[-1]), "description", None)
    return f"{description}。" if description else "请对照模板的例子填写。"


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at ``loc`` (walking nested models and lists)."""
    return sorted(getattr(_model_at(model, loc), "model_fields", {}))


def _title(model: type[BaseModel], loc: tuple) -> str:
    """The Chinese title of the field at ``loc``, in brackets, to name it as the guide does."""
    title = (_field_title(model, loc) or "").removesuffix("（可选）")
    return f"（{title}）" if title else ""


def _field_title(model: type[BaseModel], loc: tuple) -> str | None:
    if not loc or isinstance(loc[-1], int):
        return None
    fields = getattr(_model_at(model, loc[:-1]), "model_fields", {})
    return getattr(fields.get(loc[-1]), "title", None)


def _model_at(model: type[BaseModel], loc: tuple) -> Any:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
