"""One sync of a profile at a time: in one process (two threads) and across processes.

A second sync waits for the first up to ``lock_wait`` seconds; when the first
is still running it ends without sending anything, its report saying a sync
of this profile is already running (not remembered as a failed sync). A
process that dies holding the lock does not keep the profile locked.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest

from fieldapp.events import Kind
from fieldapp.store.store import Store
from sync.client import SyncClient
from sync.lock import SYNC_LOCK_FILENAME, SyncAlreadyRunning, SyncLock
from sync.report import SyncReport

ROOT = Path(__file__).resolve().parents[3]
RUNNING = "already running"


class Gate(httpx2.BaseTransport):
    """Passes requests to HQ, holding the first health check until :meth:`open`."""

    def __init__(self, inner: httpx2.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[str] = []
        self.held = threading.Event()
        self._open = threading.Event()

    def open(self) -> None:
        self._open.set()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request.url.path)
        if request.url.path.endswith("/health") and not self._open.is_set():
            self.held.set()
            assert self._open.wait(20)
        return self.inner.handle_request(request)


def _add_event(store: Store) -> None:
    with store.transaction() as db:
        store.append(
            db,
            record_id="note-1",
            record_type="note",
            kind=Kind.ANNOTATED,
            author="off-0001",
            payload={"text": "something to send"},
        )


def _in_thread(
    client: SyncClient, name: str, out: list[SyncReport], steps: list[str]
) -> threading.Thread:
    """Sync in a thread; ``steps`` gets ``name`` at each progress report (made under the lock)."""
    thread = threading.Thread(
        target=lambda: out.append(client.sync(lambda *_: steps.append(name))), name=name
    )
    thread.start()
    return thread


def test_a_second_sync_in_the_same_process_waits_or_says_one_is_running(
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    tmp_store: Store,
    transport: httpx2.BaseTransport,
) -> None:
    gate = Gate(transport)
    first = make_client(transport=gate)
    _add_event(tmp_store)
    reports: list[SyncReport] = []
    steps: list[str] = []
    running = _in_thread(first, "first", reports, steps)
    try:
        assert gate.held.wait(10)
        # Nobody waits long: the second one gives up and says why, sending nothing.
        started = time.monotonic()
        refused = make_client(transport=gate, lock_wait=0.3).sync()
        assert time.monotonic() - started >= 0.3
        assert refused.error is not None and RUNNING in refused.error
        assert refused.waiting == 1 and not refused.ok
        assert gate.requests == ["/api/v1/health"]
        assert enrolled.state.summary().last_failure is None

        # One that is ready to wait runs after the first, never beside it.
        patient = make_client(transport=gate, lock_wait=30)
        waited = _in_thread(patient, "second", reports, steps)
        time.sleep(0.3)
        assert set(steps) == {"first"} and len(gate.requests) == 1
    finally:
        gate.open()
        running.join(20)
    waited.join(20)
    assert [r.error for r in reports] == [None, None]
    # Every step of the first sync came before any step of the second.
    assert steps == sorted(steps) and steps[0] == "first" and steps[-1] == "second"
    assert reports[0].pushed == 1 and reports[1].pushed == 0
    assert enrolled.state.summary().waiting == 0


def _hold_in_another_process(data_dir: Path) -> subprocess.Popen[str]:
    script = (
        "import sys\n"
        "from sync.lock import SyncLock\n"
        "lock = SyncLock(sys.argv[1], wait=0)\n"
        "lock.acquire()\n"
        "print('HELD', flush=True)\n"
        "sys.stdin.readline()\n"
        "lock.release()\n"
        "print('RELEASED', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "HELD"
    return proc


def _say(proc: subprocess.Popen[str]) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def test_a_sync_in_another_process_keeps_this_one_out_until_it_ends(
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    tmp_store: Store,
    transport: httpx2.BaseTransport,
) -> None:
    _add_event(tmp_store)
    gate = Gate(transport)
    gate.open()
    other = _hold_in_another_process(tmp_store.path.parent)
    try:
        refused = make_client(transport=gate, lock_wait=0.1).sync()
        assert refused.error is not None and RUNNING in refused.error
        assert gate.requests == []
        assert _say(other) == "RELEASED"
        done = make_client(transport=gate, lock_wait=0.1).sync()
        assert done.error is None and done.pushed == 1
    finally:
        other.kill()
        other.communicate()


def test_a_process_that_dies_holding_the_lock_does_not_keep_the_profile_locked(
    enrolled: SyncClient, make_client: Callable[..., SyncClient], tmp_store: Store
) -> None:
    other = _hold_in_another_process(tmp_store.path.parent)
    other.kill()
    other.communicate()
    report = make_client(lock_wait=5).sync()
    assert report.error is None


def test_the_lock_is_one_file_in_the_profile_folder(tmp_path: Path) -> None:
    with SyncLock(tmp_path, wait=0) as held:
        assert held.held and (tmp_path / SYNC_LOCK_FILENAME).exists()
        with pytest.raises(SyncAlreadyRunning, match="already running"):
            SyncLock(tmp_path, wait=0).acquire()
    assert not held.held
    with SyncLock(tmp_path, wait=0):
        pass
