"""check's problems where a pull request shows them: on the changed lines of its diff.

GitHub and Gitea Actions read workflow commands from a step's output
(``::error file=…,line=…,col=…,title=…::message``); GitLab reads a Code Quality report, a
JSON list the job keeps as ``artifacts:reports:codequality``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from ..errors import Problem

TITLE = "数据检查"
CHECK_NAME = "generator-check"


def escape_data(text: str) -> str:
    """A command's message as the Actions toolkit escapes it (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value as the toolkit escapes it (``escapeProperty``): : and , too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: Iterable[Problem]) -> str:
    """One ``::error`` workflow command a problem: each message on its file's line in the diff."""
    lines = []
    for p in problems:
        title = f"{TITLE}：{p.field}" if p.field else TITLE
        props = ",".join(f"{key}={escape_property(str(value))}"
                         for key, value in (("file", p.path), ("line", p.line), ("col", p.column), ("title", title)))
        lines.append(f"::error {props}::{escape_data(str(p))}")
    return "\n".join(lines)


def gitlab(problems: Iterable[Problem]) -> str:
    """A GitLab Code Quality report of the problems (a JSON list; ``[]`` when there are none).

    The fingerprint leaves the line out, so a problem that only moved (a line added above it)
    stays the same problem between the target branch and the merge request; a problem said
    twice in one file is told apart by its count."""
    seen: Counter[tuple[str, str, str]] = Counter()
    report = []
    for p in problems:
        key = (p.path, p.field, p.message)
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8")).hexdigest()
        report.append({
            "description": f"{p.field}: {p.message}" if p.field else p.message,
            "check_name": CHECK_NAME,
            "fingerprint": fingerprint,
            "severity": "major",
            "location": {"path": p.path, "lines": {"begin": p.line}},
        })
    return json.dumps(report, ensure_ascii=False, indent=2)
