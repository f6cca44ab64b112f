"""Compiled theme templates and the theme's file list, kept between the builds of one preview
(``make serve``)."""

from __future__ import annotations

from collections.abc import Callable

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between the builds of one preview; keyed by
    the template's source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


class ThemeFiles:
    """The theme's files as the last build listed them, with what the listing depended on.

    MkDocs lists every file of the theme's folders at each build to copy the static ones;
    Material's folder holds some 14,000 (its icons), half a second to walk and filter."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.found: list[str] = []

    def listed(self, key: tuple, work: Callable[[], list[str]]) -> list[str]:
        if key != self.key:
            self.key, self.found = key, work()
        return list(self.found)


def keep_compiled(theme, cache: jinja2.BytecodeCache, files: ThemeFiles, stamps: Callable[[], object]) -> None:
    """Every template environment ``theme`` (MkDocs' Theme) makes from now on keeps its compiled
    templates in ``cache``: MkDocs makes one for each build and plugins make their own. Its list
    of the theme's files is kept in ``files`` while ``stamps()`` (the state of the folders an
    editor may change: the site's custom_dir and the package's theme), the theme's folders and
    its static templates stay the same; the installed Material does not change under a preview."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = cache
        listing = env.list_templates

        def list_templates(extensions=None, filter_func=None) -> list[str]:
            key = (stamps(), tuple(theme.dirs), tuple(sorted(theme.static_templates)), extensions,
                   getattr(filter_func, "__qualname__", None), getattr(filter_func, "__module__", None))
            return files.listed(key, lambda: listing(extensions, filter_func))
        env.list_templates = list_templates
        return env
    theme.get_env = get_env
