"""The Jinja2 environment that turns a finished catalog into Markdown pages."""

from __future__ import annotations

import html
import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import addresses

if TYPE_CHECKING:
    import jinja2

# Characters Python-Markdown would read as markup and honours a backslash before
# (``|`` because the tables extension is on).
_INLINE = re.compile(r"([\\`*_{}\[\]#|])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# A line that starts like a list item or a numbered item; ``=`` and ``:`` (a heading
# underline, a definition) have no backslash escape in Python-Markdown and become entities.
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)\.|([=:]))", re.MULTILINE)


def text(value: object) -> str:
    """Escape plain text so Markdown and HTML show it exactly as written, never as markup."""
    return _escaped(str(value))


@lru_cache(maxsize=65536)  # names and titles recur on page after page of a big site
def _escaped(value: str) -> str:
    out = value.translate(_ENTITIES)
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
    out = "\n".join((pad + line) if i and line else line for i, line in enumerate(value.split("\n")))
    return _trusted(out) if _is_trusted(value) else out


def _is_trusted(value: object) -> bool:
    return hasattr(value, "__html__")


def _trusted(value: str):
    """Mark finished Markdown, so the environment's finalize hook passes it through unescaped."""
    from markupsafe import Markup

    return Markup(value)


def _finalize(value: object):
    """Every ``{{ value }}`` is plain text unless it was marked: a new field cannot forget to escape."""
    if _is_trusted(value):
        return value
    return _trusted(text(value))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One shared environment; templates live in ``generator/templates``."""
    import jinja2  # here, not at the top: `generator check` renders nothing and skips it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        # Escape by default. The output is Markdown, so "escaping" is ``text`` (Markdown and HTML
        # shown as written), applied by ``finalize``; autoescape makes Jinja keep what a macro,
        # a filter or ``trusted`` returns as finished instead of escaping it twice.
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown's attribute lists ({#point-1}) would read as Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["text"] = lambda value: _trusted(text(value))
    env.filters["indent_block"] = indent_block
    env.filters["rel"] = lambda target, here: _trusted(relpath(target, here))
    env.filters["markdown"] = jinja2.pass_context(markdown_field)
    env.filters["trusted"] = lambda value: _trusted(str(value))
    env.filters["cn_date"] = cn_date
    env.globals["front_matter"] = front_matter
    env.globals["addresses"] = addresses  # every page's address and anchor: nothing in a template joins one
    env.globals["picture"] = jinja2.pass_context(picture)
    return env


def cn_date(day) -> str:
    """2023-05-12 as 2023年5月12日."""
    return f"{day.year}年{day.month}月{day.day}日"


def front_matter(title: str, tags: list[str] | None = None, **options: object):
    """The page's YAML front matter: its title as HTML-escaped text (Material writes the title
    into ``<title>`` and the header as HTML), its tags, and other options for MkDocs and the
    theme (``search: {exclude: true}``, ``hide: [toc]``), written as JSON, which YAML reads."""
    import json

    lines = ["---", "title: " + json.dumps(html.escape(str(title), quote=False), ensure_ascii=False)]
    if tags:
        lines += ["tags:"] + [f"  - {json.dumps(str(t), ensure_ascii=False)}" for t in tags]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in options.items()]
    return _trusted("\n".join(lines + ["---"]))


def picture(context, uri: str, size: str) -> str:
    """Where the ``size`` rendition (card, page, full) of the picture ``uri`` is published, under docs."""
    return context["build"].pictures.uri(uri, size)


def markdown_field(context, value: str):
    """An editor's Markdown field as the page gets it: links by id made relative, a picture shown
    in the page's size and a link to a picture opening its largest size."""
    from ..model import links

    here, build = context["here"], context["build"]
    resolver = build.catalog.resolver

    def resolve(link) -> str:
        if link.target.startswith("media/"):
            return relpath(build.pictures.uri(link.target, "page" if link.image else "original"), here)
        found = resolver.path(link.target) if links.scheme(link.target) not in links.SCHEMES else None
        if found is None:
            return link.target
        path, _, anchor = found.partition("#")
        return relpath(path, here) + (f"#{anchor}" if anchor else "")

    return _trusted(links.rewrite(value, resolve) if "](" in value or "]:" in value else value)


def render_template(name: str, **context: object) -> str:
    """Render one page template; the result always ends with exactly one newline."""
    return environment().get_template(name).render(**context).rstrip("\n") + "\n"


def render_page(name: str, build, **context: object) -> str:
    """Render a page template that reads the catalog (``catalog``) and the build's results (``build``)."""
    return render_template(name, build=build, catalog=build.catalog, **context)


def relpath(target: str, here: str) -> str:
    """Relative link from the page ``here`` to ``target``, both paths under the docs folder."""
    return _relpath(target, here.rpartition("/")[0])


@lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    # Worked out on the strings: os.path.relpath asks the OS for the current directory on
    # every call, and a big site makes tens of thousands of links.
    parts, base = target.split("/"), folder.split("/") if folder else []
    if any(p in (".", "..", "") for p in parts + base):
        return os.path.relpath(target, folder or ".").replace(os.sep, "/")
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def render_entry(build, record) -> str:
    """One entry's page, by its kind's page template."""
    return render_page(record.kind.page, build, here=record.url, record=record, entry=record.entry)
