"""`make site`: build into a folder of this run's own, then put it in place of site/.

- A failed build leaves site/ as it was: the new site replaces it only after a strict build.
- Two runs at once take turns (a lock on the project folder): each builds in full and swaps
  in turn, so site/ is always one complete build. Without the lock both would write into
  and rename the same folders, and could leave no site/ at all.
- Ctrl-C, a closed terminal or a cancelled CI job (SIGINT, SIGHUP, SIGTERM) stops the build
  and removes its folder; the swap itself (two renames) cannot be cut in half.
- A run killed outright (SIGKILL) leaves its folder behind: the next run removes it.

Usage: python tools/build_site.py [--builder mkdocs|properdocs]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; concurrent runs are then the user's to avoid
    fcntl = None

SITE = "site"
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


def build(root: Path, builder: str) -> int:
    """Build into a fresh folder and swap it in; the exit status of the build."""
    work = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX + "-", dir=root))
    old = work.with_name(OLD_PREFIX + work.name[len(BUILD_PREFIX):])
    try:
        command = [sys.executable, "-m", builder, "build", "--strict",
                   "--config-file", "mkdocs.yml", "--site-dir", str(work)]
        status = run_quietly(command, root)
        if status == 0:
            swap(work, root / SITE, old)
        return status
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def run_quietly(command: list[str], root: Path) -> int:
    """Run the builder, passing on its warnings and errors but not its INFO lines.

    Not `--quiet`: that drops warnings before `--strict` counts them, so a build with warnings
    would pass. The INFO lines (cleaning, building to a folder, built in N seconds) are in
    English and need nothing from an editor; an INFO message's indented lines go with it.
    """
    # Its own session: Ctrl-C reaches this script only, which stops the builder quietly
    # (it would print a Python traceback) and then cleans up.
    with subprocess.Popen(command, cwd=root, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          errors="replace", start_new_session=True) as child:
        try:
            info = False
            for line in child.stderr:
                if not line[:1].isspace():
                    info = line.startswith("INFO")
                if not info:
                    sys.stderr.write(line)
            return child.wait()
        except BaseException:
            child.kill()
            raise


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建网站到 site/（严格模式；失败或中断时保留原来的 site/）")
    parser.add_argument("--builder", default="mkdocs", choices=["mkdocs", "properdocs"])
    args = parser.parse_args(argv)
    root = Path.cwd()
    for number in STOPS:
        signal.signal(number, _stop)
    started = time.monotonic()
    try:
        with project_lock(root):
            remove_leftovers(root)
            say("正在构建网站……")
            status = build(root, args.builder)
    except (Stopped, KeyboardInterrupt):
        say("构建已中断：原来的 site/ 保持不变。")
        return 130
    if status != 0:
        say("构建失败：原来的 site/ 保持不变。请按上面列出的问题修改后再运行 make site。")
        return status
    say(f"网站已构建到 site/（用时 {time.monotonic() - started:.0f} 秒）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
