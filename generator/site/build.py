"""`make site`: build into a folder of this run's own, then put it in place of site/.

- A failed build leaves site/ as it was: the new site replaces it only after a strict build.
- Two runs at once take turns (a lock on the project folder): each builds in full and swaps
  in turn, so site/ is always one complete build. Without the lock both would write into
  and rename the same folders, and could leave no site/ at all.
- Ctrl-C, a closed terminal or a cancelled CI job (SIGINT, SIGHUP, SIGTERM) stops the build
  and removes its folder; the swap itself (two renames) cannot be cut in half.
- The builder dies with this script, however it ends: it stays in this script's process
  group (so a kill of the group reaches it) and, on Linux, the kernel kills it when this
  script dies alone. It ignores Ctrl-C, which would make it print a Python traceback: this
  script stops it quietly instead.
- A run killed outright (SIGKILL) leaves its folder behind: the next run removes it.
- The new site/ is readable by everyone, as a folder made by mkdir is (0777 less the umask):
  a web server whose worker runs as another user (nginx: nobody, www-data) can serve it.
- A full disk, a quota, a read-only disk or a missing permission is told in Chinese, with
  what to do, and not as a traceback: it is no mistake of the data.

`--offline` (`make offline`): the same, into site-offline/ and site-offline.zip, the site as a
folder that works opened from the disk (generator/site/offline.py). It builds with a config of
its own beside mkdocs.yml, which inherits everything and adds `extra.offline: true`; that
file, like the build's folder, lives only while the build runs. The zip holds the folder
site-offline/ and replaces the old one after the folder did.

Usage: python -m generator.site.build [--builder mkdocs|properdocs] [--offline]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import NOT_THE_DATA, environment_fault

fcntl: Any
try:
    import fcntl
except ImportError:  # Windows: no flock; concurrent runs are then the user's to avoid
    fcntl = None

SITE = "site"
OFFLINE = "site-offline"
# What `make offline` adds to mkdocs.yml: MkDocs merges it into the file it inherits.
OVERLAY = "# 由 make offline 临时生成，构建完即删除；请改 mkdocs.yml。\nINHERIT: mkdocs.yml\nextra:\n  offline: true\n"
BUILD_PREFIX, OLD_PREFIX = ".site-build", ".site-old"  # also the names older Makefiles used
STOPS = (signal.SIGINT, signal.SIGTERM) + ((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())


class Stopped(Exception):
    """A stop signal arrived: unwind, removing this run's folders on the way."""


def _stop(signum, frame):
    for number in STOPS:  # a second Ctrl-C must not cut the clean-up short
        signal.signal(number, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def project_lock(root: Path):
    """Hold an exclusive lock on the project folder (no lock file to leave behind)."""
    if fcntl is None:
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("另一个 make site 正在构建，等它完成后再开始……")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_leftovers(root: Path) -> None:
    """Folders of runs that were killed outright; only called while holding the lock."""
    for path in root.iterdir():
        if path.name.startswith((BUILD_PREFIX, OLD_PREFIX)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(BUILD_PREFIX) and path.suffix in (".yml", ".zip"):  # --offline's
            path.unlink(missing_ok=True)


def swap(new: Path, site: Path, old: Path) -> None:
    """Put ``new`` in place of ``site``, moving the old site to ``old`` (to be removed)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS) if hasattr(signal, "pthread_sigmask") else None
    try:
        if site.exists():
            site.rename(old)
        new.rename(site)
    finally:
        if blocked is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def fresh_folder(root: Path) -> Path:
    """A new folder for this run, made as mkdir makes one: 0777 less the umask.

    Not tempfile.mkdtemp: its 0700 would become site/'s mode, and a web server whose worker
    is not the owner would answer 403 Forbidden for every page of a copy of it.
    """
    while True:
        work = root / f"{BUILD_PREFIX}-{secrets.token_hex(4)}"
        try:
            work.mkdir()
            return work
        except FileExistsError:
            continue


def build(root: Path, builder: str, offline: bool = False) -> tuple[int, bool]:
    """Build into a fresh folder and swap it in; the exit status of the build, and whether it
    stopped at a fault of the machine (a full disk) rather than at the data."""
    work = fresh_folder(root)
    old = work.with_name(OLD_PREFIX + work.name[len(BUILD_PREFIX):])
    config, archive = work.with_suffix(".yml"), work.with_suffix(".zip")
    try:
        if offline:
            config.write_text(OVERLAY, encoding="utf-8")
        command = [sys.executable, "-m", builder, "build", "--strict",
                   "--config-file", config.name if offline else "mkdocs.yml", "--site-dir", str(work)]
        status, fault = run_quietly(command, root)
        if status == 0 and offline:
            zip_folder(work, archive, OFFLINE)
            swap(work, root / OFFLINE, old)
            os.replace(archive, root / f"{OFFLINE}.zip")
        elif status == 0:
            swap(work, root / SITE, old)
        return status, fault
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
        config.unlink(missing_ok=True)
        archive.unlink(missing_ok=True)


def zip_folder(folder: Path, archive: Path, name: str) -> None:
    """``folder``'s files in ``archive``, under ``name/``, in a fixed order (UTF-8 names: the
    zip's flag for them is set, so Windows' own unzip shows Chinese names right)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, f"{name}/{path.relative_to(folder).as_posix()}")


def run_quietly(command: list[str], root: Path) -> tuple[int, bool]:
    """Run the builder, passing on its warnings and errors but not its INFO lines; its exit
    status, and whether it told of a fault of the machine (``errors.NOT_THE_DATA``).

    Not `--quiet`: that drops warnings before `--strict` counts them, so a build with warnings
    would pass. The INFO lines (cleaning, building to a folder, built in N seconds) are in
    English and need nothing from an editor; an INFO message's indented lines go with it. A
    notice of the showcase plugin (Chinese, e.g. that no PDF was made and why) is shown.
    """
    # In this script's process group, not a session of its own: a kill of the group (a
    # cancelled job, kill -9 of make's group) must reach the builder too.
    with subprocess.Popen(command, cwd=root, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          errors="replace", preexec_fn=tied_to_this_process()) as child:
        try:
            info = fault = False
            assert child.stderr is not None  # stderr=PIPE
            for line in child.stderr:
                if not line[:1].isspace():  # the plugin's notices to editors are Chinese: those pass
                    info = line.startswith("INFO") and not CHINESE.search(line)
                if not info:
                    sys.stderr.write(line)
                    fault = fault or NOT_THE_DATA in line
            return child.wait(), fault
        except BaseException:
            child.kill()
            raise


CHINESE = re.compile(r"[\u4e00-\u9fff]")
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def tied_to_this_process() -> Callable[[], None] | None:
    """What the builder runs before it starts (None where there is no fork): it ignores
    Ctrl-C, and on Linux asks the kernel for SIGKILL when this script dies.

    A signal ignored at start-up stays ignored in Python, so the terminal's Ctrl-C gives the
    builder no KeyboardInterrupt traceback; this script gets it, and kills the builder.
    """
    if os.name != "posix":
        return None
    prctl = _prctl()
    parent = os.getpid()

    def prepare() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # this script died before the request was made: end now
                os._exit(1)

    return prepare


def _prctl():
    """Linux's prctl(2), loaded before the fork (a child should do little before exec), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建网站到 site/（严格模式；失败或中断时保留原来的 site/）")
    parser.add_argument("--builder", default="mkdocs", choices=["mkdocs", "properdocs"])
    parser.add_argument("--offline", action="store_true", help="构建离线版到 site-offline/ 和 site-offline.zip")
    args = parser.parse_args(argv)
    root = Path.cwd()
    target = f"{OFFLINE}/ 和 {OFFLINE}.zip" if args.offline else f"{SITE}/"
    again = "make offline" if args.offline else "make site"
    for number in STOPS:
        signal.signal(number, _stop)
    started = time.monotonic()
    try:
        with project_lock(root):
            remove_leftovers(root)
            say("正在构建离线版网站……" if args.offline else "正在构建网站……")
            status, fault = build(root, args.builder, args.offline)
    except (Stopped, KeyboardInterrupt):
        say(f"构建已中断：原来的 {target} 保持不变。")
        return 130
    except OSError as error:  # this script's own steps: making its folder, the zip, the swap
        say(environment_fault(error, [root], other=True) or str(error))
        say(f"构建失败：原来的 {target} 保持不变。")
        return 1
    if status != 0:
        say(f"构建失败：原来的 {target} 保持不变。" + ("" if fault else f"请按上面列出的问题修改后再运行 {again}。"))
        return status
    say(f"网站已构建到 {target}（用时 {time.monotonic() - started:.0f} 秒）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
