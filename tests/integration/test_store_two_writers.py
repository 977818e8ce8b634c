"""Two processes writing one profile at once: both finish, nothing is lost, the log is intact.

Each worker (``profile_writer_worker.py``) opens the same, not yet created
profile at the same moment and finalizes records as fast as it can. Write
transactions begin with ``BEGIN IMMEDIATE``, so one waits for the other
instead of failing with "database is locked"; the profile has one device
identity, so both append to one chain, which must stay gapless and verify.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.errors import StoreError
from fieldapp.store import db as store_db
from fieldapp.store.store import Store

WORKER = Path(__file__).with_name("profile_writer_worker.py")
PER_WORKER = 12


def _start(data_dir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), str(PER_WORKER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "LOADED"
    return proc


def test_two_processes_finalizing_in_one_profile_both_succeed(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    workers = [_start(data_dir) for _ in range(3)]
    results: list[tuple[int, str, str]] = []
    try:
        for proc in workers:  # go, all together
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in workers:
            out, err = proc.communicate(timeout=180)
            results.append((proc.returncode, out, err))
    finally:
        for proc in workers:
            if proc.returncode is None:
                proc.kill()
                proc.communicate()
    made: list[str] = []
    for code, out, err in results:
        assert code == 0, err
        lines = out.splitlines()
        assert lines[-1] == "DONE", err
        made += [line.split()[1] for line in lines if line.startswith("F ")]

    assert len(made) == len(set(made)) == 3 * PER_WORKER * 2
    with Store.in_dir(data_dir) as store:
        held = {r[0] for r in store.conn.execute("SELECT id FROM records")}
        assert set(made) <= held
        report = store.verify()
        assert report.ok, report
        own = store.device.device_id
        seqs = [
            r[0]
            for r in store.conn.execute(
                "SELECT seq FROM events WHERE origin = ? ORDER BY seq", (own,)
            )
        ]
        assert seqs == list(range(1, len(seqs) + 1))
        identities = store.conn.execute(
            "SELECT count(*) FROM identity WHERE key = 'device_id'"
        ).fetchone()[0]
        assert identities == 1


def test_a_writer_waits_for_another_process_holding_the_write_lock(tmp_path: Path) -> None:
    """A transaction in another process delays a write; it does not make it fail."""
    data_dir = tmp_path / "profile"
    Store.in_dir(data_dir).close()
    script = (
        "import sqlite3, sys, time\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute(\"INSERT INTO counters (name, value) VALUES ('other', 1)\")\n"
        "print('HOLDING', flush=True)\n"
        "time.sleep(1.5)\n"
        "conn.execute('COMMIT')\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir / "fieldapp.db")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "HOLDING"
        with Store.in_dir(data_dir) as store, store.transaction() as db:
            assert store.next_counter(db, "mine") == 1
            # The other process's write is visible: this transaction began after it.
            other = db.execute("SELECT value FROM counters WHERE name = 'other'").fetchone()
            assert other is not None
    finally:
        holder.communicate(timeout=30)
    assert holder.returncode == 0


def test_a_lock_held_too_long_is_said_in_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "profile"
    Store.in_dir(data_dir).close()
    monkeypatch.setattr(store_db, "WRITE_BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(data_dir / "fieldapp.db", isolation_level=None)
    try:
        with Store.in_dir(data_dir) as store:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="busy: another copy of the program"):
                store.mark_synced(store.device.device_id, 1)
            other.execute("ROLLBACK")
            assert store.mark_synced(store.device.device_id, 1) == 0
    finally:
        other.close()
