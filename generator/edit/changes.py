"""What a pull request adds or changes, told as editors name things: “新增 支部品牌 hongqi”.

``python -m generator summary --base REF`` prints it (Markdown) for the CI job's summary, from
``git diff --name-status`` between the target branch and the request's head.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..kinds import KINDS

ACTIONS = {"A": "新增", "M": "修改", "T": "修改", "D": "删除", "R": "改名", "C": "复制"}
# What one data file is, for the files that hold no entry of a kind.
DATA_FILES = {"data/units.yml": "单位", "data/glossary.yml": "提法释义", "data/documents.yml": "引用文件"}
STATUS = {"success": "通过", "failure": "未通过", "failed": "未通过"}
SHOWN = 50  # lines listed before the rest are counted


@dataclass(frozen=True)
class Change:
    """One changed file: what was done (新增…), what it is (支部品牌, 页面…) and its name."""

    action: str
    what: str
    name: str
    path: str

    def __str__(self) -> str:
        return f"{self.action} {self.what} {self.name}" + (f"（{self.path}）" if self.path != self.name else "")


def describe(path: str) -> tuple[str, str]:
    """What a file of the repository is and its name there: (“支部品牌”, “hongqi”)."""
    for kind in KINDS:
        if fnmatch.fnmatchcase(path, kind.pattern) and "/" not in path[len(kind.pattern.rpartition("/")[0]) + 1:]:
            return kind.label, PurePosixPath(path).stem
    if path in DATA_FILES:
        return DATA_FILES[path], path
    plan = re.fullmatch(r"data/workplans/(\d{4})\.(yml|seal\.json)", path)
    if plan:
        return ("工作要点" if plan.group(2) == "yml" else "工作要点的封存"), f"{plan.group(1)} 年"
    if path.startswith("data/media/"):
        return "图片", path
    if path.startswith("content/") and path.endswith(".md"):
        return "页面", path
    if path.startswith(("data/", "content/")):
        return "数据文件", path
    return "其他文件", path


def changes(name_status: str) -> list[Change]:
    """The changes ``git diff --name-status -z`` printed, in its order."""
    fields = name_status.split("\0")
    found = []
    i = 0
    while i < len(fields) and fields[i]:
        code = fields[i][0]
        if code in "RC":
            old, new = fields[i + 1], fields[i + 2]
            what, name = describe(new)
            found.append(Change(ACTIONS[code], what, name if name != new else f"{old} → {new}", new))
            i += 3
        else:
            what, name = describe(fields[i + 1])
            found.append(Change(ACTIONS.get(code, "修改"), what, name, fields[i + 1]))
            i += 2
    return found


def diff(root: Path, base: str) -> str:
    """``git diff --name-status -z`` from where the head left ``base`` to the head."""
    done = subprocess.run(["git", "diff", "--name-status", "-z", "-M", f"{base}...HEAD", "--"], cwd=root,
                          capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        raise ValueError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git diff failed")
    return done.stdout


def summary(root: Path, base: str, status: str | None = None) -> str:
    """The job summary in Chinese (Markdown): whether check passed, then what the request changes."""
    lines = []
    if status:
        said = STATUS.get(status, "未完成（任务被取消或跳过）")
        lines += [f"### 检查、构建和测试：{said}", ""]
        if said == "未通过":
            lines += ["请按本页的说明（拉取请求的“文件”页中也标在出错的行旁）逐条修改，再提交一次。", ""]
    try:
        found = changes(diff(root, base))
    except (OSError, ValueError) as exc:
        return "\n".join([*lines, f"无法与 {base} 比较，列不出本次的改动（{exc}）。"])
    if not found:
        return "\n".join([*lines, f"与 {base} 相比没有改动。"])
    lines.append(f"与 {base} 相比，本次改动 {len(found)} 个文件：")
    lines += [f"- {change}" for change in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(f"- 另有 {len(found) - SHOWN} 个文件")
    return "\n".join(lines)
