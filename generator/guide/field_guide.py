"""The field reference of the editor's guide (``/guide/fields/``), read off the models.

The hand-written guide (content/guide.md) explains the workflow; what each field means lives
in the models, so this page is generated and can never fall behind them.
"""

from __future__ import annotations

from .. import addresses
from ..pages.render import render_template
from . import schema
from .scaffold import facts, plain, records


def render(catalog) -> dict[str, str]:
    """``guide/fields.md``: one section per kind of data file, one table row per field."""
    new_names = {kind.key: name for name, kind in schema.entry_kinds().items()}
    sections = []
    for _name, (model, pattern) in schema.targets().items():
        fields = facts(model)
        sections.append({
            "title": model.model_config["title"],
            "pattern": f"data/{pattern}",
            "new": new_names.get(pattern.split("/")[0]),
            "fields": fields,
            "records": records(fields),
        })
    here = addresses.field_guide()
    return {here: render_template("guide_fields.md.j2", here=here, sections=sections, facts=facts, plain=plain)}
