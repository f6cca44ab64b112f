"""The Jinja2 environment that turns a finished catalog into Markdown pages."""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2

# Characters Python-Markdown would read as markup and honours a backslash before
# (``|`` because the tables extension is on).
_INLINE = re.compile(r"([\\`*_{}\[\]#|])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# A line that starts like a list item or a numbered item; ``=`` and ``:`` (a heading
# underline, a definition) have no backslash escape in Python-Markdown and become entities.
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)\.|([=:]))", re.MULTILINE)


def text(value: object) -> str:
    """Escape plain text so Markdown and HTML show it exactly as written, never as markup."""
    out = "".join(_ENTITIES.get(ch, ch) for ch in str(value))
    out = _INLINE.sub(r"\\\1", out)
    return _LINE_START.sub(_line_start, out)


def _line_start(m: re.Match) -> str:
    lead, sign, number, other = m.groups()
    if sign:
        return f"{lead}\\{sign}"
    if number:
        return f"{lead}{number}\\."
    return f"{lead}&#{ord(other)};"


def indent_block(value: str, width: int = 4) -> str:
    """Indent every line but the first, for content nested in an admonition or a list."""
    pad = " " * width
    return "\n".join((pad + line) if i and line else line for i, line in enumerate(value.split("\n")))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One shared environment; templates live in ``generator/templates``."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # the output is Markdown: escaping is explicit, per field, with ``text``
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown's attribute lists ({#point-1}) would read as Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["text"] = text
    env.filters["indent_block"] = indent_block
    return env


def render_template(name: str, **context: object) -> str:
    """Render one page template; the result always ends with exactly one newline."""
    return environment().get_template(name).render(**context).rstrip("\n") + "\n"
