"""`make site` when things go wrong around it: the build killed, the disk full or read-only,
and the built site/ as a web server running as another user reads it.

The runs use a copy of the project over the small fixture data, as test_make_site does.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, mkdocs_build, project_config
from mkdocs.exceptions import PluginError
from test_make_site import copy_project, leftovers, make, snapshot

from generator.errors import environment_fault
from generator.site.plugin import ShowcasePlugin

NOT_DATA = "这不是数据的问题，不用修改数据。"
STOPPED = "构建已中断：原来的 site/ 保持不变。"
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


def built(project: Path, **popen) -> Path:
    """``project`` after a `make site` that succeeded."""
    run = make(project, **popen)
    output = run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    return project


# --- the Chinese explanation of a fault of the machine -------------------------------------

def test_a_full_disk_names_the_folder_written_to_and_says_it_is_not_the_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    full = OSError(errno.ENOSPC, "No space left on device")  # as write() raises it: no file name
    assert environment_fault(full, ["site"]) == (
        "site/：磁盘空间已满（ENOSPC），网站没能构建完。请在 site/ 所在的磁盘上腾出空间"
        "（删除不用的文件，如旧的备份、日志），然后重新构建。这不是数据的问题，不用修改数据。")


def test_a_copy_onto_a_full_disk_names_the_copy_not_its_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # shutil's sendfile copy puts the source first and the file it writes second.
    copy = OSError(errno.ENOSPC, "No space left on device", "/usr/share/theme/a.js", None, "site/assets/a.js")
    assert environment_fault(copy).startswith("site/assets/a.js：磁盘空间已满（ENOSPC），网站没能构建完。"
                                              "请在 site/assets/ 所在的磁盘上腾出空间")


@pytest.mark.parametrize(("code", "expected"), [
    (errno.EDQUOT, "site/a.html：磁盘配额已用完（EDQUOT），网站没能构建完。请删除 site/ 所在磁盘上不用的文件，"
                   "或请管理员提高当前用户的磁盘配额，然后重新构建。"),
    (errno.EROFS, "site/a.html：磁盘是只读的（EROFS），网站没能构建完。请把项目放到可以写入的磁盘上，"
                  "或请管理员把 site/ 所在的磁盘改为可写，然后重新构建。"),
    (errno.EACCES, "site/a.html：没有读写权限（EACCES），网站没能构建完。请用有权限的用户运行，"
                   "或请管理员给当前用户 site/ 的读写权限，然后重新构建。"),
], ids=["quota", "read-only", "permission"])
def test_quota_read_only_and_permission_faults_say_what_to_do(tmp_path, monkeypatch, code, expected):
    monkeypatch.chdir(tmp_path)
    assert environment_fault(OSError(code, "whatever the system says", "site/a.html")) == expected + NOT_DATA


def test_a_fault_is_found_behind_the_error_raised_from_it_and_nothing_else_is_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "site/x.html")
        except OSError as full:
            raise RuntimeError("a template failed") from full
    except RuntimeError as wrapped:
        assert environment_fault(wrapped).startswith("site/x.html：磁盘空间已满（ENOSPC）")
    assert environment_fault(ValueError("a bug")) is None
    assert environment_fault(FileNotFoundError(errno.ENOENT, "No such file", "a.yml")) is None
    assert environment_fault(OSError(errno.EIO, "I/O error", "a"), other=True).startswith(
        "a：读写文件出错（EIO），网站没能构建完。请检查 ")


class _Preview:
    resets = 0

    def reset(self) -> None:
        self.resets += 1


def test_the_plugin_turns_a_full_disk_into_one_clean_line_and_still_resets_the_preview(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plugin = ShowcasePlugin()
    plugin.preview = _Preview()  # type: ignore[assignment]
    plugin.site_dir = str(tmp_path / "site")
    with pytest.raises(PluginError) as raised:
        plugin.on_build_error(error=OSError(errno.ENOSPC, "No space left on device"))
    assert str(raised.value).startswith("site/：磁盘空间已满（ENOSPC），网站没能构建完。")
    assert raised.value.__suppress_context__, "no English traceback of the OSError above the line"
    assert plugin.on_build_error(error=KeyError("a bug")) is None, "other errors keep their traceback"
    assert plugin.preview.resets == 2


# --- a real full or read-only disk: a small tmpfs -------------------------------------------

@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 32 MB tmpfs mounted on a folder of its own, unmounted afterwards."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m,mode=0755", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def mkdir(folder: Path) -> Path:
    folder.mkdir()
    return folder


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` but for ``leave`` bytes."""
    free = os.statvfs(disk)
    with (disk / "filler").open("wb") as filler:
        filler.truncate(0)
        remaining = free.f_bavail * free.f_frsize - leave
        while remaining > 0:  # written, not sparse: tmpfs counts the pages written
            remaining -= filler.write(b"\0" * min(remaining, 1 << 20))


def test_make_site_on_a_full_disk_says_so_in_chinese_and_keeps_the_old_site(small_disk):
    project = built(copy_project(mkdir(small_disk / "project")))
    before = snapshot(project / "site")
    fill(small_disk, leave=256 * 1024)  # the build folder can be made, the site does not fit
    run = make(project)
    output = run.communicate(timeout=300)[0]
    assert run.returncode != 0, output
    assert "磁盘空间已满（ENOSPC），网站没能构建完。" in output and NOT_DATA in output, output
    assert "Traceback" not in output and "请按上面列出的问题修改" not in output, output
    assert snapshot(project / "site") == before
    assert leftovers(project) == [], "the half-built folder is removed, which frees its space"


def test_mkdocs_build_onto_a_full_disk_says_so_in_chinese(small_disk, tmp_path):
    config = project_config(tmp_path, FIXTURES / "mini")
    fill(small_disk, leave=256 * 1024)
    result = mkdocs_build(config, small_disk / "site")
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "磁盘空间已满（ENOSPC），网站没能构建完。" in last, result.stderr
    assert "disk/site/" in last, "the message names the folder on the full disk"
    assert "Traceback" not in result.stderr, result.stderr


def test_make_site_on_a_read_only_disk_says_so_before_building(small_disk):
    project = built(copy_project(mkdir(small_disk / "project")))
    before = snapshot(project / "site")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        run = make(project)
        output = run.communicate(timeout=300)[0]
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert run.returncode != 0, output
    # The first thing written is this run's own folder: the script's step, not the builder's.
    assert "：磁盘是只读的（EROFS），网站没能构建完。" in output and NOT_DATA in output, output
    assert f"请管理员把 {project}/ 所在的磁盘改为可写" in output, output
    assert "Traceback" not in output, output
    assert snapshot(project / "site") == before


# --- the builder dies with make site ---------------------------------------------------------

def processes() -> dict[int, tuple[int, str, str]]:
    """``{pid: (parent pid, state, command line)}`` of every process now, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        found[int(entry.name)] = (int(fields[1]), fields[0], command)
    return found


def descendants(pid: int, table: dict[int, tuple[int, str, str]]) -> list[int]:
    children = [p for p, (parent, _, _) in table.items() if parent == pid]
    return children + [d for child in children for d in descendants(child, table)]


def started(run: subprocess.Popen) -> tuple[int, int]:
    """Once the builder runs: the pids of the wrapper (generator/site/build.py) and the builder."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        table = processes()
        below = descendants(run.pid, table)
        wrapper = [p for p in below if "-m generator.site.build" in table[p][2]]
        builder = [p for p in below if "-m mkdocs build" in table[p][2]]
        if wrapper and builder:
            return wrapper[0], builder[0]
        time.sleep(0.01)
    raise AssertionError(f"the builder never started: {run.communicate()[0]}")


def gone(pid: int, seconds: float = 5) -> bool:
    """Whether ``pid`` has ended (a zombie nobody reaped has ended too) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        entry = processes().get(pid)
        if entry is None or entry[1] in "ZX":
            return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def reaped(builder: int):
    """Kill the builder after the block whatever happened: a survivor would wait for ever."""
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(builder, signal.SIGKILL)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return built(copy_project(tmp_path_factory.mktemp("faults")))


@pytest.fixture
def stuck(project) -> Path:
    """The project with a page the builder waits on for ever: a named pipe nobody writes to.

    The small site builds in a second; a builder that cannot finish by itself shows that it
    was the kill, not the end of its work, that ended it.
    """
    page = project / "content" / "stuck.md"
    os.mkfifo(page)
    yield project
    page.unlink(missing_ok=True)


@linux_only
@pytest.mark.parametrize("whom", ["group", "wrapper"], ids=["kill -9 of the group", "kill -9 of the script alone"])
def test_a_run_killed_outright_takes_its_builder_with_it(stuck, whom):
    run = make(stuck, start_new_session=True)  # make, the script and the builder: one group
    wrapper, builder = started(run)
    with reaped(builder):
        if whom == "group":
            os.killpg(run.pid, signal.SIGKILL)
        else:
            os.kill(wrapper, signal.SIGKILL)
        assert gone(builder), "the builder outlived the run and goes on writing into its folder"
    run.communicate(timeout=60)
    (stuck / "content" / "stuck.md").unlink()  # the next run can finish
    # The next run removes the killed run's folder, and nothing writes into it any more.
    again = make(stuck)
    output = again.communicate(timeout=300)[0]
    assert again.returncode == 0, output
    assert leftovers(stuck) == [], output


@linux_only
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "terminate", "hang-up"])
def test_a_stopped_run_stops_its_builder_quietly(stuck, stop):
    before = snapshot(stuck / "site")
    run = make(stuck, start_new_session=True)
    _, builder = started(run)
    with reaped(builder):
        os.killpg(run.pid, stop)  # as a terminal, a closed terminal or a cancelled job sends it
        assert gone(builder)
    output = run.communicate(timeout=60)[0]
    assert STOPPED in output.splitlines(), output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert leftovers(stuck) == [], output
    assert snapshot(stuck / "site") == before


# --- site/ is readable by everyone -----------------------------------------------------------

def with_a_photo(project: Path) -> Path:
    """The project with a brand whose cover is a JPEG: its sizes are copied from .cache/media/."""
    from PIL import Image

    data = project / "data"
    Image.new("RGB", (1600, 900), (180, 40, 40)).save(data / "media" / "brands" / "photo.jpg", quality=90)
    brand = (data / "brands" / "qingfeng.yml").read_text(encoding="utf-8")
    brand = brand.replace("name: 清风<品牌> & 标记", "name: 红色印记").replace("alpha-first", "alpha-second")
    (data / "brands" / "photo.yml").write_text(brand.replace("qingfeng.svg", "photo.jpg"), encoding="utf-8")
    return project


def modes(folder: Path) -> dict[str, str]:
    """``{path: octal mode}`` of ``folder`` itself ("." ) and of everything under it."""
    paths = [folder, *sorted(folder.rglob("*"))]
    return {p.relative_to(folder).as_posix(): oct(stat.S_IMODE(p.lstat().st_mode)) for p in paths}


def build_with_umask(project: Path, umask: int) -> None:
    built(project, preexec_fn=lambda: os.umask(umask))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_every_folder_and_file_of_site_is_readable_by_everyone(tmp_path):
    project = with_a_photo(copy_project(tmp_path))
    build_with_umask(project, 0o022)
    # Pictures come from the cache: a cache only its owner may read must not make them so.
    cache = project / ".cache" / "media"
    assert any(cache.glob("*.jpg")), "the photo's sizes are in the cache"
    for path in cache.iterdir():
        path.chmod(0o600)
    cache.chmod(0o700)
    build_with_umask(project, 0o022)
    found = modes(project / "site")
    copied = [path for path in found if path.startswith("media/brands/photo") and path.endswith("~card.jpg")]
    assert copied and "search/p/0.bin" in found and "index.html" in found, sorted(found)
    wrong = {path: mode for path, mode in found.items()
             if mode != ("0o755" if (project / "site" / path).is_dir() else "0o644")}
    assert not wrong, wrong


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_site_follows_a_stricter_umask(tmp_path):
    project = copy_project(tmp_path)
    build_with_umask(project, 0o027)  # an admin who wants no access for others gets none
    found = modes(project / "site")
    assert found["."] == "0o750" and found["brands"] == "0o750" and found["index.html"] == "0o640", found

