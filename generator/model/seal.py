"""The seal of a year's plan: its verbatim text, fingerprinted, so no change to it goes unnoticed.

``data/workplans/2023.seal.json`` holds every verbatim part of the plan (title, overall
requirement, section titles, each point's title and text) with a SHA-256 fingerprint of the
whole. ``check`` compares the plan with it and names each part that differs, showing the
changed words. Correcting the official text on purpose is one command,
``python -m generator seal 2023``, whose rewritten seal file shows in the pull request.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from pathlib import Path

from ..errors import Problem
from ..source.loader import Loc, Source
from .workplan import WorkPlan

SUFFIX = ".seal.json"


def seal_path(plan_path: Path) -> Path:
    """``data/workplans/2023.yml`` -> ``data/workplans/2023.seal.json``."""
    return plan_path.with_name(plan_path.stem + SUFFIX)


def parts(plan: WorkPlan) -> list[tuple[str, str, Loc, str]]:
    """(key, label, place in the file, verbatim text) of every part of the plan, in reading order."""
    out: list[tuple[str, str, Loc, str]] = [
        ("title", "文件标题", ("title",), plan.title), ("overall", "总体要求", ("overall",), plan.overall)]
    for si, section in enumerate(plan.sections):
        out.append((f"section-{si + 1}", f"第{section.numeral}部分标题", ("sections", si, "title"),
                    f"{section.numeral}、{section.title}"))
        for pi, point in enumerate(section.points):
            loc = ("sections", si, "points", pi)
            out.append((f"point-{point.number}-title", f"第 {point.number} 条标题", loc + ("title",), point.title))
            out.append((f"point-{point.number}-text", f"第 {point.number} 条正文", loc + ("text",), point.text))
    return out


def fingerprint(texts: dict[str, str]) -> str:
    """SHA-256 of the parts, each as key, text and a separator no text contains."""
    digest = hashlib.sha256()
    for key, text in texts.items():
        digest.update(f"{key}\x00{text}\x00".encode())
    return "sha256:" + digest.hexdigest()


def seal(plan: WorkPlan) -> str:
    """The seal file's content for ``plan``: stable, one part per line, easy to read in a diff."""
    texts = {key: text for key, _, _, text in parts(plan)}
    lines = [f'  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}' for k, v in texts.items()]
    return ("{\n"
            f'  "year": {plan.year},\n'
            f'  "fingerprint": "{fingerprint(texts)}",\n'
            '  "parts": {\n  ' + ",\n  ".join(lines) + "\n  }\n}\n")


def check(plan: WorkPlan, source: Source, plan_path: Path, shown_seal: str) -> list[Problem]:
    """Every part of ``plan`` that differs from its seal, with the changed words."""
    fix = f"工作要点须逐字照录原文；如果确实要更正原文，请运行 python -m generator seal {plan.year}，并在提交说明中写明依据。"
    path = seal_path(plan_path)
    if not path.is_file() or path.is_symlink():
        return [Problem(source.path, 1, 1, "", f"{plan.year} 年工作要点还没有封存（缺少 {shown_seal}）：核对原文无误后，"
                                   f"请运行 python -m generator seal {plan.year}，把生成的文件一并提交。")]
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        sealed = dict(stored["parts"])
        intact = stored["fingerprint"] == fingerprint(sealed) and stored["year"] == plan.year
    except (ValueError, KeyError, TypeError, AttributeError):
        intact, sealed = False, {}
    if not intact:
        return [Problem(shown_seal, 1, 1, "", "封存文件被手工改动过或已损坏：请不要直接编辑它；"
                        f"从版本库恢复它，或在核对原文后运行 python -m generator seal {plan.year} 重新生成。")]
    problems = []
    current = parts(plan)
    for key, label, loc, text in current:
        if key not in sealed:
            problems.append(source.problem(loc, f"{label}是封存的原文里没有的内容。{fix}"))
        elif sealed[key] != text:
            problems.append(source.problem(loc, f"{label}与封存的原文不一致：{changed_words(sealed[key], text)}。{fix}"))
    keys = {key for key, *_ in current}
    for key in sealed:
        if key not in keys:
            problems.append(source.problem(("sections",), f"封存的原文中有“{_label(key)}”，现在缺少了：{_clip(sealed[key])}。{fix}"))
    return problems


def changed_words(old: str, new: str, context: int = 8) -> str:
    """Where ``new`` first differs from ``old``, both shown around the change."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    first, last = changes[0], (changes[-1] if len(changes) <= 3 else changes[0])
    i1, j1, i4, j4 = first[1], first[3], last[2], last[4]
    before = old[max(0, i1 - context):min(len(old), i4 + context)]
    after = new[max(0, j1 - context):min(len(new), j4 + context)]
    more = f"（共 {len(changes)} 处改动）" if len(changes) > 1 else ""
    lead_old, lead_new = ("…" if i1 > context else ""), ("…" if j1 > context else "")
    tail_old, tail_new = ("…" if i4 + context < len(old) else ""), ("…" if j4 + context < len(new) else "")
    return f"原文“{lead_old}{before}{tail_old}”，现在是“{lead_new}{after}{tail_new}”{more}"


def _label(key: str) -> str:
    kind, _, rest = key.partition("-")
    if kind == "point":
        number, _, what = rest.partition("-")
        return f"第 {number} 条" + ("标题" if what == "title" else "正文")
    if kind == "section":
        return f"第 {rest} 部分标题"
    return {"title": "文件标题", "overall": "总体要求"}.get(key, key)


def _clip(text: str, limit: int = 30) -> str:
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"
