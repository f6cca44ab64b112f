"""The preview's watcher: system change events instead of polling, and reads are not changes."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.site import watching


def wanted(server: LiveReloadServer, seconds: float) -> bool:
    """Whether the server asks for a rebuild within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.01)
    return False


def test_a_save_is_seen_at_once_and_a_read_is_not_a_change(tmp_path: Path):
    (tmp_path / "data").mkdir()
    entry = tmp_path / "data" / "a.yml"
    entry.write_text("name: 甲\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "data"))
    server.watch(str(config))
    assert watching.use_system_events(server)
    assert isinstance(server.observer, watching.ChangesObserver)
    server.observer.start()  # as serve() does: a second start is harmless
    try:
        assert not wanted(server, 0.5)
        entry.read_text(encoding="utf-8")  # the build reads every file
        config.read_text(encoding="utf-8")
        assert not wanted(server, 0.5)
        entry.write_text("name: 乙\n", encoding="utf-8")
        assert wanted(server, 2)
        (tmp_path / "data" / "b.yml").write_text("name: 丙\n", encoding="utf-8")
        assert wanted(server, 2)
        config.write_text("site_name: y\n", encoding="utf-8")
        assert wanted(server, 2)
    finally:
        server.observer.stop()
        server.observer.join()
