"""“提交审核”: one entry's files as one commit on a review branch, pushed, the request opened.

The editor's working tree, index and checked-out branch are never touched: the commit is made
in a temporary index (GIT_INDEX_FILE) from the branch's last commit (or the target branch's)
plus exactly the files named, so other edits in progress stay out of it. A second submit of
the same entry adds a commit to the same branch, which updates the same request.

The editor's name is remembered in the repository's own git config (``showcase.editor``, in
.git/config); admins may set ``showcase.remote`` (default origin), ``showcase.target``
(default main) and ``showcase.host`` (see hosts.py).
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..kinds import KINDS
from . import hosts
from .git import Git, GitFailed, SubmitError, push_problem

BRANCH_PREFIX = "bianji"
NAME_LIMIT = 50
FORBIDDEN_IN_NAME = set("<>\n\r\t\"\\")


@dataclass
class SubmitResult:
    """What was submitted and where it went. ``pushed`` False: the commit is kept on the
    branch on this computer, and ``message`` says why it did not leave and what to do."""

    branch: str
    commit: str
    pushed: bool
    url: str | None
    command: list[str]  # the push as an editor or admin could type it (a remote's name, never its URL)
    message: str
    files: list[str] = field(default_factory=list)
    opened: bool = False  # the host opened (or updated) the request in the push


def editor_name(root: Path) -> str | None:
    """The name an editor gave at an earlier submit, if any."""
    try:
        return Git(root).config("showcase.editor") or None
    except GitFailed:
        return None


def remember_editor(root: Path, name: str) -> None:
    """Keep the editor's name for the next submit (the repository's .git/config)."""
    Git(root).run("config", "--local", "showcase.editor", _checked_name(name))


def submit(root: Path, paths: list[Path], editor: str, kind_label: str, entry_id: str, title: str) -> SubmitResult:
    """Commit ``paths`` (the entry's file and its pictures) on the entry's review branch and push it.

    ``editor`` empty: the remembered name. Raises SubmitError when nothing could be committed.
    """
    git = Git(root)
    git.check()
    name = _checked_name(editor or editor_name(root) or "")
    files = _files(git.top, paths)
    git.run("config", "--local", "showcase.editor", name)
    remote = _remote(git)
    target = git.config("showcase.target") or "main"
    base = _base(git, remote, target)
    stem = f"{BRANCH_PREFIX}/{_kind_name(files, kind_label)}-{entry_id}-"
    branch, parent = _branch(git, stem, base)
    changed = "修改" if git.ok("cat-file", "-e", f"{base}:{files[0]}") else "新增"
    commit = _commit(git, parent, files, name, f"{changed}{kind_label}：{title}（{entry_id}）", base)
    if commit is None:  # the branch holds these files already: only the push is left (again)
        commit = parent
    git.run("update-ref", "-m", "提交审核", f"refs/heads/{branch}", commit, "" if parent == base else parent)
    description = f"{name} 在编辑页面提交：{'、'.join(files)}"
    return _push(git, remote, branch, target, commit, files, f"{changed}{kind_label}：{title}", description)


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SubmitError("请先填写您的姓名：提交记录会写上提交人，审核人据此知道是谁提交的。只需填写一次。")
    if len(name) > NAME_LIMIT or FORBIDDEN_IN_NAME & set(name):
        raise SubmitError(f"姓名“{name[:NAME_LIMIT]}”不能用：请填写 {NAME_LIMIT} 个字以内的姓名，不要包含 < > \" \\ 等符号。")
    return name


def _files(top: Path, paths: list[Path]) -> list[str]:
    """The paths as git names them (from the repository's top), each under data/ or content/."""
    if not paths:
        raise SubmitError("没有要提交的文件：请先保存条目，再点“提交审核”。")
    found: list[str] = []
    for path in paths:
        absolute = (path if path.is_absolute() else top / path).resolve()
        try:
            relative = absolute.relative_to(top.resolve()).as_posix()
        except ValueError:
            raise SubmitError(f"{path} 不在这个项目的文件夹里，不能提交：只能提交 data/ 和 content/ 下的文件。") from None
        if not relative.startswith(("data/", "content/")):
            raise SubmitError(f"{relative} 不能提交：只能提交 data/ 和 content/ 下的文件。")
        if relative not in found:
            found.append(relative)
    return found


def _kind_name(files: list[str], label: str) -> str:
    """The kind's short name for the branch ("brand"), from the entry's file or the label."""
    for kind in KINDS:
        if fnmatch.fnmatchcase(files[0], kind.pattern) or kind.label == label:
            return kind.name
    return "entry"


def _remote(git: Git) -> str | None:
    remotes = git.run("remote").split()
    chosen = git.config("showcase.remote") or "origin"
    return chosen if chosen in remotes else (remotes[0] if len(remotes) == 1 else None)


def _base(git: Git, remote: str | None, target: str) -> str:
    """The newest commit of the target branch: the host's when it answers, else this computer's."""
    if remote and git.ok("fetch", "--quiet", remote, f"+refs/heads/{target}:refs/remotes/{remote}/{target}",
                         timeout=60, network=True):
        return git.run("rev-parse", f"refs/remotes/{remote}/{target}")
    for ref in (f"refs/heads/{target}", f"refs/remotes/{remote}/{target}" if remote else ""):
        if ref and git.ok("rev-parse", "--verify", "--quiet", ref):
            return git.run("rev-parse", ref)
    raise SubmitError(f"找不到主分支“{target}”：请管理员确认仓库的主分支名称，"
                      f"不是 {target} 时用 git config showcase.target 分支名 设置。")


def today() -> datetime.date:
    """The day a new review branch is named after: this computer's date."""
    return datetime.date.today()


def _branch(git: Git, stem: str, base: str) -> tuple[str, str]:
    """The entry's open review branch and its last commit, or a new branch's name and ``base``.

    A branch already merged into the target is done with: a new one is made (-2, -3 … when
    the day's name is taken)."""
    listed = git.run("for-each-ref", "--sort=-committerdate", "--format=%(refname:short) %(objectname)",
                     f"refs/heads/{stem}*")
    for line in listed.splitlines():
        branch, tip = line.split()
        if not git.ok("merge-base", "--is-ancestor", tip, base):
            return branch, tip
    name = stem + today().strftime("%Y%m%d")
    taken = {line.split()[0] for line in listed.splitlines()}
    number = 1
    while (candidate := name if number == 1 else f"{name}-{number}") in taken:
        number += 1
    return candidate, base


def _commit(git: Git, parent: str, files: list[str], editor: str, subject: str, base: str) -> str | None:
    """A commit on ``parent`` holding ``files`` as they are in the working tree (deleted where
    gone); None when that changes nothing. Made in a temporary index."""
    with tempfile.TemporaryDirectory(prefix="showcase-submit-") as folder:
        env = {"GIT_INDEX_FILE": os.path.join(folder, "index")}
        git.run("read-tree", parent, env=env)
        for name in files:
            if (git.top / name).is_file():
                git.run("update-index", "--add", "--", name, env=env)
            elif git.ok("cat-file", "-e", f"{parent}:{name}"):
                git.run("update-index", "--force-remove", "--", name, env=env)
            else:
                raise SubmitError(f"{name} 不存在：请先在编辑页面保存这一项，再点“提交审核”。")
        tree = git.run("write-tree", env=env)
    if tree == git.run("rev-parse", f"{parent}^{{tree}}"):
        if parent == base:
            raise SubmitError("这一项与主分支上的完全相同，没有需要提交的修改：请先修改并保存，再点“提交审核”。")
        return None
    body = "\n".join([subject, "", f"由 {editor} 在编辑页面提交审核。", "", "文件：", *[f"- {f}" for f in files], ""])
    email = git.config("user.email")
    who = {"GIT_AUTHOR_NAME": editor, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": editor, "GIT_COMMITTER_EMAIL": email}
    return git.run("commit-tree", tree, "-p", parent, "-F", "-", env=who, stdin=body)


def _push(git: Git, remote: str | None, branch: str, target: str, commit: str, files: list[str],
          title: str, description: str) -> SubmitResult:
    short = commit[:7]
    what = f"分支 {branch} 上的提交 {short}（{len(files)} 个文件：{'、'.join(files)}）"
    if remote is None:
        command = hosts.push_command("plain", "origin", branch, target, title, description).command
        return SubmitResult(branch, commit, False, None, command,
                            f"已在本机保存为{what}。这个仓库没有设置远程仓库，无法推送：请管理员设置远程仓库"
                            f"（git remote add origin 地址），再点一次“提交审核”，或由管理员运行下面的命令。", files)
    remote_url = git.run("remote", "get-url", remote)
    host = hosts.host_of(remote_url, git.config("showcase.host"))
    push = hosts.push_command(host, remote, branch, target, title, description)
    try:
        output = git.run(*push.command[1:], timeout=120, network=True, both=True)
    except GitFailed as failed:
        return SubmitResult(branch, commit, False, None, push.command,
                            f"已在本机保存为{what}，但没能推送到服务器：{push_problem(failed.output, remote)}", files)
    url = hosts.remote_output_url(output) or hosts.request_url(host, remote_url, branch, target)
    if push.opens_request:
        message = f"已提交审核：{what}已推送，服务器已打开（或更新了）合并请求，审核人会在那里看到并留言。"
    elif url:
        message = f"已推送{what}。请打开下面的地址，点“创建拉取请求”（Create pull request）提交审核。"
    else:
        message = f"已推送{what}。请告诉审核人分支名 {branch}，由审核人在代码托管网站上打开合并请求。"
    message += "收到修改意见后，在编辑页面改好、保存，再点“提交审核”：修改会加到同一个分支和请求里。"
    return SubmitResult(branch, commit, True, url, push.command, message + (f"地址：{url}" if url else ""), files,
                        push.opens_request)


__all__ = ["SubmitError", "SubmitResult", "editor_name", "remember_editor", "submit"]
