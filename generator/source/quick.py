"""The quick way through an ordinary YAML file: its data straight from the parser's events.

``loader.read_yaml`` tries this first. It records no positions and explains nothing:
anything unusual sends the file to ``loader._Builder``, which records where each part was
written and explains every mistake. On a site of thousands of valid entries this halves
the time to read them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"


_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_TRUE_FALSE = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


def read_as_text(tag: str, value: str) -> bool:
    """Whether a plain value that YAML 1.1 reads as a number or a truth value stays text.

    Only plain decimal digits are integers and only true/false are truth values, as in
    YAML 1.2 and the JSON Schema editors' IDEs apply: "010" is not 8, "0x1F" not 31,
    "2_023" not 2023, and "yes", "on" or "no" are words.
    """
    if tag == _INT:
        return not _DECIMAL.match(value)
    if tag == _BOOL:
        return value not in _TRUE_FALSE
    return False


class _Unusual(Exception):
    """Something left to the careful reader, which explains it."""


def quick_load(text: str, parser: type, max_depth: int) -> Any:
    """What the careful reader gives for a file without mistakes, or None if it is unusual.

    Unusual: an alias, a merge, complex or repeated key, a tag, a value that cannot be
    read, nesting deeper than ``max_depth``, no document or a second one.
    """
    try:
        loader = parser(text)  # the pure-Python reader already checks the characters here
    except yaml.YAMLError:
        return None
    try:
        if not isinstance(loader.get_event(), yaml.StreamStartEvent) or not isinstance(loader.get_event(), yaml.DocumentStartEvent):
            return None
        data = _value(loader, loader.get_event(), 0, max_depth, _firsts(parser))
        if not isinstance(loader.get_event(), yaml.DocumentEndEvent) or not isinstance(loader.get_event(), yaml.StreamEndEvent):
            return None
        return data
    except (_Unusual, yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


@lru_cache(maxsize=4)
def _firsts(parser: Any) -> frozenset:
    """First characters of the plain values that may resolve to something other than text
    (numbers, booleans, null, dates...); "" is the empty value, which resolves to null."""
    return frozenset(parser.yaml_implicit_resolvers) | {""}


def _value(loader: Any, event: Any, depth: int, max_depth: int, firsts: frozenset) -> Any:
    kind = type(event)
    if kind is yaml.ScalarEvent:
        tag, value = event.tag, event.value
        if tag is None:
            if not event.implicit[0] or value[:1] not in firsts:
                return value  # quoted, or plain text no implicit type starts like: always text
            # The two commonest plain values that are not text, as the constructor reads them
            # (a leading 0 is octal in YAML 1.1, so left to it).
            if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
                return int(value)
            if value == "true" or value == "false":
                return value == "true"
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR or read_as_text(tag, value):
            return value
        value = loader.construct_object(yaml.ScalarNode(tag, value, style=event.style), deep=True)
        loader.constructed_objects.clear()
        return value
    if kind is yaml.AliasEvent or depth >= max_depth or event.tag not in (None, "!"):
        raise _Unusual
    if kind is yaml.MappingStartEvent:
        out: dict[str, Any] = {}
        while True:
            key = loader.get_event()
            if type(key) is yaml.MappingEndEvent:
                return out
            if (type(key) is not yaml.ScalarEvent or key.tag is not None or key.value in out
                    or (key.implicit[0] and key.value == "<<")):
                raise _Unusual
            out[key.value] = _value(loader, loader.get_event(), depth + 1, max_depth, firsts)
    if kind is yaml.SequenceStartEvent:
        items: list[Any] = []
        while True:
            item = loader.get_event()
            if type(item) is yaml.SequenceEndEvent:
                return items
            items.append(_value(loader, item, depth + 1, max_depth, firsts))
    raise _Unusual
