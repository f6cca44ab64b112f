"""Where a submitted branch goes: the host behind a remote, the push that opens the request
there, and the address an editor opens otherwise.

The host is read from the repository's git config ``showcase.host`` (github, gitlab, gitea,
forgejo or plain) when an admin set it, else guessed from the remote's URL; a self-hosted
GitLab or Gitea under another name needs the setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

HOSTS = ("github", "gitlab", "gitea", "forgejo", "plain")
# Push options cannot hold a line break (git refuses them) and hosts cut long ones.
OPTION_LIMIT = 200


@dataclass(frozen=True)
class Push:
    """The push command (without ``git``'s own options) and what it does on the host."""

    command: list[str]
    opens_request: bool  # the host opens (or updates) the request as part of this push


def host_of(url: str, setting: str = "") -> str:
    """``setting`` if it names a host, else the host the remote's URL names; "plain" if none."""
    chosen = setting.strip().lower()
    if chosen in HOSTS:
        return "gitea" if chosen == "forgejo" else chosen
    name = _server(url).lower()
    for host, marks in (("github", ("github",)), ("gitlab", ("gitlab",)), ("gitea", ("gitea", "forgejo", "codeberg"))):
        if any(mark in name for mark in marks):
            return host
    return "plain"


def push_command(host: str, remote: str, branch: str, target: str, title: str, description: str) -> Push:
    """The push of ``branch`` to ``remote``; on GitLab and Gitea/Forgejo it opens the request too."""
    title, description = _option(title), _option(description)
    if host == "gitlab":
        # The branch is pushed as a branch; the options ask GitLab to open the merge request
        # (or leave the open one as it is, with the new commit added).
        return Push(["git", "push", "-o", "merge_request.create", "-o", f"merge_request.target={target}",
                     "-o", f"merge_request.title={title}", "-o", f"merge_request.description={description}",
                     remote, f"refs/heads/{branch}:refs/heads/{branch}"], True)
    if host == "gitea":
        # AGit flow: a push to refs/for/<target>/<topic> opens the pull request, and the next
        # push to the same topic adds to it; no branch is made on the host.
        topic = branch.replace("/", "-")
        return Push(["git", "push", "-o", f"title={title}", "-o", f"description={description}",
                     remote, f"refs/heads/{branch}:refs/for/{target}/{topic}"], True)
    return Push(["git", "push", remote, f"refs/heads/{branch}:refs/heads/{branch}"], False)


def request_url(host: str, remote_url: str, branch: str, target: str) -> str | None:
    """The web address where the request for ``branch`` is opened (or found), if the host has one."""
    web = web_address(remote_url)
    if web is None:
        return None
    ref = quote(branch, safe="/")
    if host == "github":
        return f"{web}/compare/{quote(target, safe='/')}...{ref}?expand=1"
    if host == "gitlab":
        return f"{web}/-/merge_requests/new?merge_request%5Bsource_branch%5D={quote(branch, safe='')}"
    if host == "gitea":
        return f"{web}/pulls"
    return None


def web_address(url: str) -> str | None:
    """https://host/owner/repo for a remote URL (https, ssh or scp-like), without the user name
    or password an https URL may carry; None for a path on this computer."""
    server, path = _server(url), _path(url)
    if not server or not path:
        return None
    return f"https://{server}/{path}"


def _server(url: str) -> str:
    """The host name of a remote URL, without user and port; "" for a local path."""
    if "://" in url:
        parts = urlsplit(url)
        return "" if parts.scheme == "file" else (parts.hostname or "")
    match = re.match(r"^(?:[^@/]+@)?([^:/]+):", url)  # scp-like: git@host:owner/repo.git
    return match.group(1) if match and len(match.group(1)) > 1 else ""  # C:\… is a drive


def _path(url: str) -> str:
    path = urlsplit(url).path if "://" in url else url.partition(":")[2]
    return path.strip("/").removesuffix(".git")


def _option(text: str) -> str:
    """Text as a push option can carry it: one line, at most OPTION_LIMIT characters."""
    line = " ".join(text.split())
    return line if len(line) <= OPTION_LIMIT else line[: OPTION_LIMIT - 1] + "…"


def remote_output_url(output: str) -> str | None:
    """The first web address a host printed back on a push ("remote: View merge request …")."""
    for line in output.splitlines():
        if line.startswith("remote:"):
            match = re.search(r"https?://\S+", line)
            if match:
                return match.group(0)
    return None
