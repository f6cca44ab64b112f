"""git as the submit runs it: without a terminal, in English (its messages are matched and
told again in Chinese), never waiting for a password."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class SubmitError(Exception):
    """Nothing was committed: why, in Chinese, with what to do."""


class GitFailed(Exception):
    """A git command ended with an error; ``output`` is what it printed."""

    def __init__(self, output: str):
        super().__init__(output)
        self.output = output


NO_GIT = "这台电脑上没有安装 git，无法提交审核：请管理员安装 git（Debian/Ubuntu：apt install git；Windows：Git for Windows），再点“提交审核”。"
NOT_A_REPOSITORY = "项目文件夹 {root} 不是 git 仓库，无法提交审核：请管理员用 git clone 取得项目，再在那个文件夹里运行 make edit。"


class Git:
    """git commands in the repository that holds ``root``."""

    def __init__(self, root: Path):
        self.root = root
        self.top = root

    def check(self) -> None:
        """That git runs and ``root`` is in a repository: SubmitError in Chinese otherwise."""
        try:
            self.top = Path(self.run("rev-parse", "--show-toplevel"))
        except GitFailed:
            raise SubmitError(NOT_A_REPOSITORY.format(root=self.root)) from None

    def run(self, *args: str, env: dict | None = None, stdin: str | None = None, timeout: float = 30,
            network: bool = False, both: bool = False) -> str:
        """What the command printed (stdout, stripped; both streams if ``both``); GitFailed if it failed."""
        full = dict(os.environ, LC_ALL="C", LANGUAGE="C", GIT_TERMINAL_PROMPT="0", **(env or {}))
        try:
            done = subprocess.run(["git", *args], cwd=self.top, env=full, input=stdin, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=timeout,
                                  stdin=None if stdin is not None else subprocess.DEVNULL,
                                  # no terminal: ssh cannot ask for a password and wait for ever
                                  start_new_session=network)
        except FileNotFoundError:
            raise SubmitError(NO_GIT) from None
        except subprocess.TimeoutExpired:
            raise GitFailed(f"timed out after {timeout:.0f} seconds") from None
        if done.returncode != 0:
            raise GitFailed((done.stdout + done.stderr).strip())
        return (done.stdout + done.stderr).strip() if both else done.stdout.strip()

    def ok(self, *args: str, **options) -> bool:
        """Whether the command succeeds."""
        try:
            self.run(*args, **options)
        except GitFailed:
            return False
        return True

    def config(self, key: str) -> str:
        """A git config value, "" when unset."""
        try:
            return self.run("config", "--get", key)
        except GitFailed:
            return ""


# What git or the host said, and what the editor is told (the branch stays on this computer).
_PROBLEMS = [
    (("non-fast-forward", "fetch first", "[rejected]"),
     "服务器上的审核分支已有本机没有的提交（可能是审核人直接改过）。请联系审核人，或请管理员把服务器上的修改取到本机后再提交。"),
    (("does not support push options", "push options"),
     "服务器不接受推送选项（打开合并请求用）。请管理员用 git config showcase.host plain 改为只推送分支，再点“提交审核”。"),
    (("authentication failed", "permission denied", "could not read username", "terminal prompts disabled",
      "returned error: 403", "returned error: 401", "access denied", "not authorized"),
     "服务器拒绝了这台电脑的登录（没有推送权限或密码、密钥不对）。请管理员为这台电脑配置推送权限，再点“提交审核”。"),
    (("could not resolve host", "connection refused", "network is unreachable", "timed out", "connection timed out",
      "no route to host", "unable to access", "could not read from remote repository", "connection reset"),
     "连不上服务器（没有网络，或服务器暂时不可用）。请检查网络，稍后再点“提交审核”：已保存的提交会一并推送。"),
    (("pre-receive hook declined", "protected branch", "remote rejected"),
     "服务器拒绝了这次推送（分支受保护或服务器的检查未通过）。请把下面的命令和这段说明交给管理员。"),
]


def push_problem(output: str, remote: str) -> str:
    """Why a push to ``remote`` failed, in Chinese, with what to do; git's own words follow for admins."""
    lower = output.lower()
    said = next((text for marks, text in _PROBLEMS if any(mark in lower for mark in marks)),
                f"推送到远程仓库 {remote} 时出错。请把下面的命令和这段说明交给管理员。")
    last = [line for line in output.splitlines() if line.strip()][-3:]
    return said + (f"（git 的原话：{' '.join(last)}）" if last else "")
