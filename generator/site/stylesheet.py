"""One stylesheet of ours per page: the theme's showcase.css with the board's and the 长辈版's
rules after it.

The sources stay three readable files in the theme (``assets/stylesheets/``): showcase.css (the
whole look), board.css (the 落实看板's and the year comparison's tables, every rule under their
own classes) and elder.css (the 长辈版, every rule under ``html.elder``, last so that it wins
over the others). The site publishes them as the one file mkdocs.yml's ``extra_css`` names,
``assets/stylesheets/showcase.css``: a browser waits for each stylesheet in the head before it
paints anything, so three files cost three waits on the first visit and one file costs one
(bench/lighthouse.py). Each part is read where the site takes it: an admin's theme folder
(``theme.custom_dir``) first, then the package's. paper.css (print only, never waited for)
stays a file of its own; the PDFs read board.css and paper.css from the theme as before.
"""

from __future__ import annotations

from collections.abc import Callable

SHEET = "assets/stylesheets/showcase.css"
"""The published stylesheet, and its first part."""
PARTS = ("assets/stylesheets/board.css", "assets/stylesheets/elder.css")
"""Appended to it in this order; not published on their own."""


def joined(read: Callable[[str], str]) -> str:
    """The published stylesheet: ``read(name)`` of the sheet and each part, each introduced by
    a comment naming its source, so that a reader of the built file finds the file to edit."""
    return "\n".join(f"/* ===== {name} ===== */\n{read(name).rstrip()}\n" for name in (SHEET, *PARTS))
