"""A new site repository: what ``python -m generator init DIR`` writes.

A site made this way holds only what its editors and admins change: ``data/``, ``content/``,
``mkdocs.yml``, the Makefile, CI examples, the editors' settings and the JSON Schemas. The
generator, its templates and its theme come from the installed package, pinned in the Makefile
to the version that wrote the site, so upgrading is a new version there and nothing else.

The building needs one year's work plan at least (``pipeline.load`` refuses a site without
one), and a new organ has not typed its plan in yet: the site starts with a plan of one
section and one point marked 待录入, sealed as it is, and one unit (机关党委 with one branch)
for its entries to name. ``--samples`` adds one entry of each kind, marked ``sample: true``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataErrors
from ..guide import schema
from ..model import seal
from ..model.validate import validate
from ..model.workplan import WorkPlan
from ..source import loader

FILES = Path(__file__).parent / "files"
SAMPLES = "samples"
PLAN = "data/workplans/plan.yml"
# Package data holds no dot files (setuptools' globs skip them): they are kept under plain names.
RENAMED = {"editorconfig": ".editorconfig", "gitignore": ".gitignore", "gitlab-ci.yml": ".gitlab-ci.yml",
           "github": ".github"}
_PLACEHOLDER = re.compile(r"\{\{(VERSION|YEAR|SAMPLES)\}\}")


def refusal(target: Path) -> str | None:
    """Why ``init`` cannot write into ``target`` (in Chinese), or None: it writes only into a new
    or empty folder, so that no file of anyone's is overwritten."""
    shown = target.as_posix()
    if target.is_symlink():
        return f"“{shown}”是符号链接（快捷方式）：请给一个真实的新文件夹的名字，例如 python -m generator init my-site。"
    if target.exists() and not target.is_dir():
        return f"“{shown}”已经存在，而且不是文件夹：请换一个新文件夹的名字，例如 python -m generator init my-site。"
    if target.is_dir() and any(target.iterdir()):
        return (f"“{shown}”不是空文件夹：init 只在新的或空的文件夹中建立网站，不会覆盖已有的文件。"
                "请换一个新文件夹的名字，或先把其中的文件移走。")
    return None


def files(version: str, year: int, samples: bool) -> dict[str, str]:
    """Every file of the new site but the plan's seal, by its path in the site, with its text."""
    values = {"VERSION": version, "YEAR": str(year), "SAMPLES": "true" if samples else "false"}
    out: dict[str, str] = {}
    for path in sorted(FILES.rglob("*")):
        parts = path.relative_to(FILES).parts
        if not path.is_file() or "__pycache__" in parts or (parts[0] == SAMPLES and not samples):
            continue
        parts = parts[1:] if parts[0] == SAMPLES else (RENAMED.get(parts[0], parts[0]), *parts[1:])
        text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], path.read_text(encoding="utf-8"))
        out["/".join(parts)] = text
    out[f"data/workplans/{year}.yml"] = out.pop(PLAN)
    for path, text in schema.expected_files(Path("schemas")).items():
        out[path.as_posix()] = text
    return out


def write(target: Path, version: str, year: int, samples: bool) -> list[str]:
    """Write the new site into ``target`` (new or empty); returns its files' paths, sorted."""
    written = files(version, year, samples)
    for name, text in written.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    plan_path = target / "data" / "workplans" / f"{year}.yml"
    seal_path = seal.seal_path(plan_path)
    seal_path.write_bytes(seal.seal(_plan(plan_path, target)).encode("utf-8"))
    return sorted([*written, seal_path.relative_to(target).as_posix()])


def _plan(path: Path, root: Path) -> WorkPlan:
    """The starting plan, read as check reads it: its seal is then the one check compares."""
    source = loader.read_yaml(path, root)
    plan, problems = validate(WorkPlan, source)
    if plan is None or problems:  # the shipped file is checked by the tests: a bug, not the user's
        raise DataErrors(problems)
    return plan
