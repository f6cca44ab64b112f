"""Compiled theme templates kept between the builds of one preview (``make serve``)."""

from __future__ import annotations

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


def keep_compiled(theme, cache: jinja2.BytecodeCache) -> None:
    """Every template environment ``theme`` (MkDocs' Theme) makes from now on keeps its compiled
    templates in ``cache``: MkDocs makes one for each build and plugins make their own."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = cache
        return env
    theme.get_env = get_env
