"""site/ as an admin deploys it: built by `make site`, copied with `cp -r` under /var/www/ (here
a folder like it), served by nginx whose worker is not root. No browser: plain HTTP.

A copy keeps the modes of site/; were site/ 0700, as tempfile.mkdtemp makes a folder, the
worker (nobody, www-data) could not enter it and every page would answer 403 Forbidden.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from test_make_site import copy_project, make

from browser import nginx
from browser.conftest import require
from browser.test_deploy import get

PAGES = ["", "brands/", "brands/qingfeng/", "404.html", "search/meta/0.bin", "search/p/0.bin",
         "assets/javascripts/search-engine.js", "media/brands/qingfeng.svg"]


@pytest.fixture
def www() -> Path:
    """A folder everyone may enter, as /var/www is: pytest's folders are 0700, and the worker
    must pass through every parent of the files it serves."""
    folder = Path(tempfile.mkdtemp(prefix="dangjian-www-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def worker_users(master: int) -> set[int]:
    """The real user ids of the nginx master's children (its workers)."""
    users = set()
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master):
            users.add(int(fields["Uid"].split()[0]))
    return users


def test_a_copy_of_site_answers_200_to_a_worker_that_is_not_root(tmp_path, www):
    require(nginx.available(), f"the deployment tests need Debian's nginx at {nginx.NGINX} (apt-get install nginx)")
    require(os.name == "posix" and os.geteuid() == 0,
            "nginx hands its worker to nobody only when started as root (run the tests as root, as CI does)")
    usual = lambda: os.umask(0o022)  # noqa: E731 - an admin's usual umask, whatever the test run's
    project = copy_project(tmp_path)
    run = make(project, preexec_fn=usual)
    output = run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    served_root = www / "www-0" / "dangjian"  # where nginx.Nginx looks for the first site
    served_root.parent.mkdir(mode=0o755)
    subprocess.run(["cp", "-r", str(project / "site"), str(served_root)], check=True, preexec_fn=usual)
    with nginx.Nginx(www, [served_root], user="nobody nogroup") as (served,):
        assert worker_users(served_master(www)) == {pwd.getpwnam("nobody").pw_uid}, "the worker is not root"
        answers = {path: get(served, path) for path in PAGES}
    wrong = {path: status for path, (status, _, _) in answers.items() if status != 200}
    assert not wrong, wrong
    assert answers[""][2] == (project / "site" / "index.html").read_bytes()


def served_master(folder: Path) -> int:
    return int((folder / "nginx.pid").read_text().strip())
