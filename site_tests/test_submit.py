"""提交审核: one entry's files become one commit on a review branch, pushed to a real (bare)
repository; the editor's working tree and index stay as they were; every failure is told in
Chinese."""

from __future__ import annotations

import datetime
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from generator.edit import hosts
from generator.edit import submit as submit_module
from generator.edit.submit import SubmitError, editor_name, submit

# The day the submits below happen: fixed, so that a run that passes midnight names the same branch.
DAY = datetime.date(2024, 5, 9)
TODAY = "20240509"
BRANCH = f"bianji/brand-hongqi-{TODAY}"
BRAND = "name: 红旗品牌\nbranch: alpha-first\n"
# Records every push option the remote receives, one a line (git sets GIT_PUSH_OPTION_<n>).
HOOK = """#!/bin/sh
i=0
while [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do
  eval "echo \\"\\$GIT_PUSH_OPTION_$i\\"" >> "$GIT_DIR/options.txt"
  i=$((i + 1))
done
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=管理员", "-c", "user.email=admin@example.org", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    """Neither this machine's git config nor its user's take part; the date is DAY."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setattr(submit_module, "today", lambda: DAY)


@pytest.fixture
def repo(tmp_path) -> tuple[Path, Path]:
    """An editor's clone with a remote: a bare repository on this computer."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    work = tmp_path / "work"
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    (work / "data" / "brands").mkdir(parents=True)
    (work / "content").mkdir()
    (work / "data" / "brands" / "old.yml").write_text(BRAND, encoding="utf-8")
    (work / "content" / "index.md").write_text("# 首页\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "起点")
    git(work, "remote", "add", "origin", str(remote))
    git(work, "push", "-q", "origin", "main")
    return work, remote


def new_entry(work: Path) -> list[Path]:
    """A new brand with a picture, and other edits in progress that must stay out of the commit."""
    (work / "data" / "brands" / "hongqi.yml").write_text(BRAND, encoding="utf-8")
    (work / "data" / "media" / "brands").mkdir(parents=True)
    (work / "data" / "media" / "brands" / "hongqi-1.jpg").write_bytes(b"\xff\xd8 not really a photo")
    (work / "content" / "index.md").write_text("# 首页（还在改）\n", encoding="utf-8")
    (work / "data" / "brands" / "other.yml").write_text("name: 别的\n", encoding="utf-8")
    (work / "data" / "brands" / "old.yml").write_text(BRAND + "# staged\n", encoding="utf-8")
    git(work, "add", "data/brands/old.yml")
    return [Path("data/brands/hongqi.yml"), work / "data" / "media" / "brands" / "hongqi-1.jpg"]


def state(work: Path) -> tuple[str, str, str]:
    return git(work, "status", "--porcelain"), git(work, "diff", "--cached"), git(work, "symbolic-ref", "HEAD")


def test_a_submit_pushes_one_commit_with_exactly_the_entry_and_its_picture(repo):
    work, remote = repo
    paths = new_entry(work)
    before = state(work)
    result = submit(work, paths, "张三", "支部品牌", "hongqi", "红旗品牌")
    assert (result.branch, result.pushed, result.files) == (BRANCH, True, ["data/brands/hongqi.yml", "data/media/brands/hongqi-1.jpg"])
    assert state(work) == before  # working tree, index and checked-out branch as they were
    assert git(remote, "rev-list", f"main..{BRANCH}") == result.commit
    assert git(remote, "diff", "--name-status", "main", BRANCH).splitlines() == [
        "A\tdata/brands/hongqi.yml", "A\tdata/media/brands/hongqi-1.jpg"]
    assert git(remote, "show", "-s", "--format=%an|%cn|%s", BRANCH) == "张三|张三|新增支部品牌：红旗品牌（hongqi）"
    assert "由 张三 在编辑页面提交审核。" in git(remote, "show", "-s", "--format=%b", BRANCH)
    assert git(remote, "show", f"{BRANCH}:data/brands/hongqi.yml") == BRAND.strip()
    assert result.command == ["git", "push", "origin", f"refs/heads/{BRANCH}:refs/heads/{BRANCH}"]
    assert result.url is None  # a folder on this computer has no web page
    assert result.message.startswith(f"已推送分支 {BRANCH} 上的提交 {result.commit[:7]}（2 个文件：")


def test_a_second_submit_adds_a_commit_to_the_same_branch_and_the_name_is_remembered(repo):
    work, remote = repo
    paths = new_entry(work)
    first = submit(work, paths, "张三", "支部品牌", "hongqi", "红旗品牌")
    assert editor_name(work) == "张三"
    assert git(work, "config", "--local", "showcase.editor") == "张三"  # .git/config
    (work / "data" / "brands" / "hongqi.yml").write_text(BRAND + "year: 2023\n", encoding="utf-8")
    second = submit(work, paths[:1], "", "支部品牌", "hongqi", "红旗品牌")
    assert second.branch == first.branch and second.pushed
    assert git(remote, "rev-list", f"main..{BRANCH}").splitlines() == [second.commit, first.commit]
    assert git(remote, "diff", "--name-only", first.commit, second.commit) == "data/brands/hongqi.yml"
    assert git(remote, "show", "-s", "--format=%an %s", BRANCH) == "张三 新增支部品牌：红旗品牌（hongqi）"


def test_a_submit_after_the_branch_was_merged_starts_a_new_branch(repo):
    work, remote = repo
    paths = new_entry(work)
    first = submit(work, paths, "张三", "支部品牌", "hongqi", "红旗品牌")
    git(remote, "update-ref", "refs/heads/main", first.commit)  # the reviewer merged it
    (work / "data" / "brands" / "hongqi.yml").write_text(BRAND + "year: 2024\n", encoding="utf-8")
    again = submit(work, paths[:1], "张三", "支部品牌", "hongqi", "红旗品牌")
    assert again.branch == f"{BRANCH}-2"
    assert git(remote, "rev-list", f"main..{again.branch}") == again.commit
    assert git(remote, "show", "-s", "--format=%s", again.branch) == "修改支部品牌：红旗品牌（hongqi）"


def test_without_a_remote_the_branch_is_kept_here_and_the_editor_is_told(repo):
    work, _ = repo
    git(work, "remote", "remove", "origin")
    result = submit(work, new_entry(work), "张三", "支部品牌", "hongqi", "红旗品牌")
    assert not result.pushed and result.url is None
    assert git(work, "rev-list", f"main..{BRANCH}") == result.commit
    assert "这个仓库没有设置远程仓库，无法推送：请管理员设置远程仓库（git remote add origin 地址）" in result.message


def test_a_branch_changed_on_the_host_is_not_overwritten(repo, tmp_path):
    work, remote = repo
    paths = new_entry(work)
    first = submit(work, paths, "张三", "支部品牌", "hongqi", "红旗品牌")
    other = tmp_path / "reviewer"
    git(tmp_path, "clone", "-q", "-b", BRANCH, str(remote), str(other))
    (other / "data" / "brands" / "hongqi.yml").write_text(BRAND + "year: 2022\n", encoding="utf-8")
    git(other, "commit", "-q", "-am", "审核人的修改")
    git(other, "push", "-q", "origin", BRANCH)
    (work / "data" / "brands" / "hongqi.yml").write_text(BRAND + "year: 2021\n", encoding="utf-8")
    result = submit(work, paths[:1], "张三", "支部品牌", "hongqi", "红旗品牌")
    assert not result.pushed
    assert "但没能推送到服务器：服务器上的审核分支已有本机没有的提交（可能是审核人直接改过）。" in result.message
    assert git(remote, "rev-list", "--count", f"main..{BRANCH}") == "2"
    assert git(work, "rev-list", f"main..{BRANCH}").splitlines()[1] == first.commit


def test_no_network_is_told_in_chinese_and_the_commit_is_kept(repo):
    work, _ = repo
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    git(work, "remote", "set-url", "origin", f"http://127.0.0.1:{port}/site.git")
    result = submit(work, new_entry(work), "张三", "支部品牌", "hongqi", "红旗品牌")
    assert not result.pushed
    assert "连不上服务器（没有网络，或服务器暂时不可用）。请检查网络，稍后再点“提交审核”" in result.message
    assert git(work, "rev-list", "--count", f"main..{BRANCH}") == "1"


def test_without_git_the_editor_is_told_in_chinese(repo, monkeypatch, tmp_path):
    work, _ = repo
    paths = new_entry(work)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(SubmitError, match="这台电脑上没有安装 git，无法提交审核"):
        submit(work, paths, "张三", "支部品牌", "hongqi", "红旗品牌")


@pytest.mark.parametrize(("paths", "editor", "message"), [
    ([], "张三", "没有要提交的文件：请先保存条目"),
    (["data/brands/old.yml"], "张三", "这一项与主分支上的完全相同，没有需要提交的修改"),
    (["mkdocs.yml"], "张三", "mkdocs.yml 不能提交：只能提交 data/ 和 content/ 下的文件。"),
    (["../outside.yml"], "张三", "不在这个项目的文件夹里，不能提交"),
    (["data/brands/missing.yml"], "张三", "data/brands/missing.yml 不存在：请先在编辑页面保存这一项"),
    (["data/brands/old.yml"], "", "请先填写您的姓名"),
    (["data/brands/old.yml"], "张<三>", "不能用：请填写 50 个字以内的姓名"),
])
def test_what_cannot_be_submitted_is_told_and_nothing_is_made(repo, paths, editor, message):
    work, remote = repo
    with pytest.raises(SubmitError, match=message):
        submit(work, [Path(p) for p in paths], editor, "支部品牌", "old", "旧品牌")
    assert git(work, "branch", "--list", "bianji/*") == ""


def test_outside_a_repository_the_editor_is_told(tmp_path):
    with pytest.raises(SubmitError, match="不是 git 仓库，无法提交审核"):
        submit(tmp_path, [Path("data/brands/a.yml")], "张三", "支部品牌", "a", "甲")


def recording(remote: Path, advertise: bool = True) -> Path:
    """The bare remote accepts push options (as GitLab and Gitea do) and writes down each."""
    if advertise:
        git(remote, "config", "receive.advertisePushOptions", "true")
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(HOOK, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    return remote / "options.txt"


def test_on_gitlab_the_push_opens_the_merge_request(repo):
    work, remote = repo
    options = recording(remote)
    git(work, "config", "showcase.host", "gitlab")
    result = submit(work, new_entry(work), "张三", "支部品牌", "hongqi", "红旗品牌")
    description = "张三 在编辑页面提交：data/brands/hongqi.yml、data/media/brands/hongqi-1.jpg"
    assert result.command == [
        "git", "push", "-o", "merge_request.create", "-o", "merge_request.target=main",
        "-o", "merge_request.title=新增支部品牌：红旗品牌", "-o", f"merge_request.description={description}",
        "origin", f"refs/heads/{BRANCH}:refs/heads/{BRANCH}"]
    assert result.pushed and result.opened
    assert options.read_text(encoding="utf-8").splitlines() == [
        "merge_request.create", "merge_request.target=main", "merge_request.title=新增支部品牌：红旗品牌",
        f"merge_request.description={description}"]
    assert git(remote, "rev-list", f"main..{BRANCH}") == result.commit
    assert result.message.startswith("已提交审核：分支")


def test_on_gitea_the_push_to_refs_for_main_opens_the_pull_request(repo):
    work, remote = repo
    options = recording(remote)
    git(work, "config", "showcase.host", "forgejo")
    result = submit(work, new_entry(work), "张三", "支部品牌", "hongqi", "红旗品牌")
    topic = f"refs/for/main/bianji-brand-hongqi-{TODAY}"
    assert result.command[-1] == f"refs/heads/{BRANCH}:{topic}"
    assert result.command[:6] == ["git", "push", "-o", "title=新增支部品牌：红旗品牌", "-o",
                                  "description=张三 在编辑页面提交：data/brands/hongqi.yml、data/media/brands/hongqi-1.jpg"]
    assert result.pushed
    assert options.read_text(encoding="utf-8").splitlines()[0] == "title=新增支部品牌：红旗品牌"
    assert git(remote, "rev-parse", topic) == result.commit


def test_a_host_that_refuses_push_options_is_told_how_to_fall_back(repo):
    work, remote = repo
    recording(remote, advertise=False)
    git(work, "config", "showcase.host", "gitlab")
    result = submit(work, new_entry(work), "张三", "支部品牌", "hongqi", "红旗品牌")
    assert not result.pushed
    assert "服务器不接受推送选项（打开合并请求用）。请管理员用 git config showcase.host plain 改为只推送分支" in result.message


@pytest.mark.parametrize(("url", "host", "web"), [
    ("git@github.com:dangjian/site.git", "github", "https://github.com/dangjian/site"),
    ("https://user:secret-token@github.com/dangjian/site.git", "github", "https://github.com/dangjian/site"),
    ("ssh://git@gitlab.example.org:2222/jiguan/site.git", "gitlab", "https://gitlab.example.org/jiguan/site"),
    ("https://codeberg.org/jiguan/site", "gitea", "https://codeberg.org/jiguan/site"),
    ("https://git.example.org/jiguan/site.git", "plain", "https://git.example.org/jiguan/site"),
    ("/srv/git/site.git", "plain", None),
    ("file:///srv/git/site.git", "plain", None),
    (r"C:\git\site.git", "plain", None),
])
def test_the_host_and_its_web_address_come_from_the_remote_url(url, host, web):
    assert hosts.host_of(url) == host
    assert hosts.web_address(url) == web


def test_a_setting_names_a_self_hosted_gitlab():
    assert hosts.host_of("https://git.example.org/jiguan/site.git", "GitLab") == "gitlab"
    assert hosts.host_of("https://github.com/a/b.git", "plain") == "plain"


def test_on_github_the_editor_gets_the_compare_address():
    url = hosts.request_url("github", "git@github.com:dangjian/site.git", "bianji/brand-hongqi-20261206", "main")
    assert url == "https://github.com/dangjian/site/compare/main...bianji/brand-hongqi-20261206?expand=1"


def test_push_options_are_one_line_and_bounded():
    push = hosts.push_command("gitlab", "origin", "b", "main", "标题\n第二行", "说" * 300)
    assert "merge_request.title=标题 第二行" in push.command
    description = next(o for o in push.command if o.startswith("merge_request.description="))
    assert len(description.split("=", 1)[1]) == hosts.OPTION_LIMIT
