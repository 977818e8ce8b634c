"""Background work for the UI: one writer thread, a small pool of readers, network threads.

The UI thread never waits on the database or the network. Writes go to
:class:`Writer`, a single thread that owns the profile (one SQLite writer, in
order); reads that may take longer than a frame go to :class:`Readers`,
threads each with their own read-only connection; requests to HQ go to
:class:`Network`, whose threads hold no database connection (they hand their
database work to the writer). Results come back to the UI thread by a queued
signal and are handed to the ``on_done`` / ``on_error`` callbacks there.
Workers get plain values and return plain values: never widgets.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from fieldapp.profile import Profile
from fieldapp.store.db import open_reader

T = TypeVar("T")
log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Runner(QObject):
    """Runs callables on an executor and delivers their outcome on the UI thread."""

    _finished = Signal(object)
    #: Emitted (on the UI thread) when a task fails and has no on_error: the
    #: main window shows these as a sentence in the status bar.
    unhandled = Signal(object)
    #: Number of tasks submitted and not yet delivered.
    busy_changed = Signal(int)

    def __init__(self, executor: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._pending = 0
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def closed(self) -> bool:
        """True once :meth:`shutdown` ran: nothing more can be submitted."""
        return self._closed

    @property
    def pending(self) -> int:
        """Tasks submitted whose results have not been delivered yet."""
        return self._pending

    def _submit(self, fn: Callable[[], Any], on_done: Done | None, on_error: Failed | None) -> None:
        self._pending += 1
        self.busy_changed.emit(self._pending)
        future = self._executor.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))

    @Slot(object)
    def _deliver(self, item: tuple[Future[Any], Done | None, Failed | None]) -> None:
        future, on_done, on_error = item
        self._pending -= 1
        self.busy_changed.emit(self._pending)
        error = future.exception()
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)
                self.unhandled.emit(error)
            return
        if on_done is not None:
            on_done(future.result())

    def shutdown(self) -> None:
        """Finish what was submitted, then stop the threads."""
        self._closed = True
        self._executor.shutdown(wait=True)


class Writer(_Runner):
    """The profile's single writer: operations run one at a time, in submission order."""

    def __init__(self, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(ThreadPoolExecutor(1, thread_name_prefix="writer"), parent)
        self.profile = profile

    def submit(
        self,
        fn: Callable[[Profile], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None:
        """Run ``fn(profile)`` on the writer thread; callbacks run on the UI thread."""
        self._submit(lambda: fn(self.profile), on_done, on_error)

    def call(self, fn: Callable[[Profile], T]) -> T:
        """Run ``fn`` on the writer thread and wait for it (start-up and shutdown only)."""
        return self._executor.submit(fn, self.profile).result()


class Readers(_Runner):
    """Reads off the UI thread, each worker thread with its own read-only connection."""

    def __init__(self, db_path: Path, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(ThreadPoolExecutor(workers, thread_name_prefix="reader"), parent)
        self.db_path = db_path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_reader(self.db_path)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def submit(
        self,
        fn: Callable[[sqlite3.Connection], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None:
        """Run ``fn(connection)`` on a reader thread; callbacks run on the UI thread."""
        self._submit(lambda: fn(self._conn()), on_done, on_error)

    def shutdown(self) -> None:
        """Stop the threads and close their connections."""
        super().shutdown()
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()


class _DaemonThreads(Executor):
    """Runs each task on a new daemon thread: a request stuck in a timeout never delays exit."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._closed = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        if self._closed:
            raise RuntimeError("cannot start network work after shutdown")
        future: Future[T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

        threading.Thread(target=run, name=self._name, daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._closed = True


class Network(_Runner):
    """Requests to HQ, each on its own thread; shutting down does not wait for them.

    A task here never touches the profile's database itself: it hands that to
    the writer (see ``ui.sync_run``), so when the program ends mid-request
    nothing is half written, and HQ's answer that never arrived is asked for
    again next time.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_DaemonThreads("network"), parent)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None:
        """Run ``fn()`` on a network thread; callbacks run on the UI thread (not after shutdown)."""
        self._submit(fn, on_done, on_error)

    @Slot(object)
    def _deliver(self, item: tuple[Future[Any], Done | None, Failed | None]) -> None:
        if self.closed:
            return
        super()._deliver(item)

    def shutdown(self) -> None:
        """Stop delivering results; threads still in a request end on their own."""
        self._closed = True
        super().shutdown()
