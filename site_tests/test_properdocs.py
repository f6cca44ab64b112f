"""ProperDocs, the maintained fork of MkDocs 1.6, as a host: the same mkdocs.yml, the same site.

MkDocs 1.x has had no release since 2024 and MkDocs 2 drops the plugin API; ProperDocs continues
1.6 under its former maintainers. The README says when and how to switch (`make site
BUILDER=properdocs`); this test keeps the switch a non-event.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def snapshot(site) -> dict[str, bytes]:
    """Every file, with the generator's name and version taken out of the pages."""
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    """Both from the project's own mkdocs.yml, where built_site comes from (dates of last
    commits included)."""
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, DISABLE_MKDOCS_2_WARNING="true"))
    assert built.returncode == 0, built.stderr
    assert b"ProperDocs" in (site / "index.html").read_bytes(), "built by ProperDocs indeed"
    mkdocs, properdocs = snapshot(built_site), snapshot(site)
    assert sorted(properdocs) == sorted(mkdocs)
    differ = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not differ, differ
