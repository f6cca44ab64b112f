"""The preview notices a saved file from the system's own change events instead of polling.

MkDocs' server polls every watched folder twice a second: at 5,000 entries one look at
data/ takes a quarter of a second of Python, so the poller kept a third of the interpreter
busy, slowing every rebuild it ran beside, and saw a save only up to half a second late. The
system's events (inotify, FSEvents, ReadDirectoryChangesW, as watchdog's Observer chooses)
cost nothing while nothing changes and arrive within milliseconds.

Only changes count: with system events a read is an event too (the build opens every file
it reads), and MkDocs rebuilds on any event of a file, so the reads of one build would start
the next. Where the system has no such events, or refuses more watches, polling stays.
"""

from __future__ import annotations

import logging
from typing import Any

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger(__name__)

CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
           events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's class
    """The platform's observer, told of changes only; started once, whoever starts it again."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=CHANGES)

    def start(self) -> None:
        if not self.is_alive():
            super().start()


def use_system_events(server: Any) -> bool:
    """Move the server's watches from its polling observer to system events; False (polling
    kept) where that is not possible. Call before the server starts serving."""
    watched = getattr(server, "_watched_paths", None)  # MkDocs' LiveReloadServer: path -> count
    native = ChangesObserver()
    if not isinstance(watched, dict) or not isinstance(server.observer, PollingObserver) \
            or isinstance(native, PollingObserver):  # no system events here: polling it is
        return False
    paths = dict(watched)
    try:
        for path in paths:
            native.schedule(events.FileSystemEventHandler(), path, recursive=True)  # a trial: made on start
        native.start()
    except OSError as exc:  # e.g. the system's limit of watches reached
        log.debug("system file events unavailable, polling: %s", exc)
        native.stop()
        return False
    native.unschedule_all()
    polling = server.observer
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = native
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    polling.unschedule_all()
    return True
