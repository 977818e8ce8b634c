"""Kill -9 at random moments: whatever finalize returned is on disk, once, and the log verifies.

A worker process (``crash_worker.py``) finalizes records in a loop and prints
each record id only after ``finalize`` returned. The test kills it with SIGKILL
at seeded random moments -- while finalizing, while autosaving, while adding an
addendum, and sometimes while it is still opening or creating the database --
and starts a new one on the same folder, at least 50 times. Workers are started
a little ahead (they import the core, then wait for a line on stdin before
touching the database), so the import time does not dominate the run.
"""

from __future__ import annotations

import collections
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import pytest

from fieldapp.services import queries as q
from fieldapp.store.store import Store

WORKER = Path(__file__).with_name("crash_worker.py")
KILLS = 50
WARM = 2  # workers importing in advance
SEED = 20240501


class Worker:
    def __init__(self, data_dir: Path, seed: int, log_dir: Path) -> None:
        self.stderr_path = log_dir / f"worker-{seed}.err"
        self._stderr: IO[bytes] = self.stderr_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(data_dir), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()

    def wait_ready(self, timeout: float = 30.0) -> None:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        line = self.proc.stdout.readline()
        if line != b"READY\n" or time.monotonic() > deadline:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"worker did not start: {line!r}\n{self.errors()}")

    def kill(self) -> list[str]:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        assert self.proc.stdout is not None
        out = self.proc.stdout.read().decode("utf-8", "replace")
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.stdout.close()
        self._stderr.close()
        if self.proc.returncode != -signal.SIGKILL:
            raise AssertionError(
                f"worker ended by itself ({self.proc.returncode}) before the kill:\n{self.errors()}"
            )
        # Only whole lines count: a line cut by the kill was never fully reported.
        return [line for line in out.split("\n")[:-1] if line]

    def errors(self) -> str:
        return self.stderr_path.read_text(errors="replace")


def _snapshot(store: Store) -> dict[str, Any]:
    conn = store.conn
    cols = [d[0] for d in conn.execute("SELECT * FROM records LIMIT 0").description]
    records = {}
    for row in conn.execute("SELECT * FROM records"):
        values = dict(zip(cols, row, strict=True))
        values.pop("rowid")
        records[values["id"]] = values
    return {
        "records": records,
        "items": sorted(conn.execute("SELECT * FROM items").fetchall()),
        "heads": sorted(conn.execute("SELECT * FROM record_heads").fetchall()),
        "fts": dict(
            conn.execute(
                "SELECT r.id, f.body FROM records_fts f JOIN records r ON r.rowid = f.rowid"
            ).fetchall()
        ),
    }


@pytest.mark.slow
def test_kill_minus_nine_loses_nothing_that_was_reported(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    logs = tmp_path / "logs"
    logs.mkdir()
    rng = random.Random(SEED)
    reported: list[str] = []
    addenda: list[str] = []
    started = time.monotonic()

    pool = collections.deque(Worker(data_dir, n, logs) for n in range(WARM))
    next_seed = WARM
    early_kills = 0
    for kill in range(KILLS):
        worker = pool.popleft()
        pool.append(Worker(data_dir, next_seed, logs))
        next_seed += 1
        worker.go()
        if kill % 8 == 0:
            # Now and then, while the store is still being opened (the very first
            # time: while the schema and the device identity are being created).
            time.sleep(rng.uniform(0.0, 0.03))
            early_kills += 1
        else:
            worker.wait_ready()
            time.sleep(rng.uniform(0.0, 0.25))
        for line in worker.kill():
            kind, _, ident = line.partition(" ")
            if kind == "F":
                reported.append(ident)
            elif kind == "A":
                addenda.append(ident)
            else:
                assert kind == "READY", line
    for worker in pool:
        worker.proc.kill()
        worker.proc.wait()
        for stream in (worker.proc.stdin, worker.proc.stdout):
            if stream is not None:
                stream.close()
        worker._stderr.close()
    elapsed = time.monotonic() - started

    assert len(reported) >= 50, f"only {len(reported)} records were finalized in {elapsed:.1f}s"
    assert len(reported) == len(set(reported)), "a record was reported twice"

    with Store.in_dir(data_dir) as store:
        conn = store.conn
        held = {r[0] for r in conn.execute("SELECT id FROM records")}
        missing = [r for r in reported if r not in held]
        assert missing == [], f"{len(missing)} reported records were lost"
        event_ids = {r[0] for r in conn.execute("SELECT id FROM events")}
        assert [a for a in addenda if a not in event_ids] == []
        # Every record was created exactly once, however often its finalize was retried.
        doubled = conn.execute(
            "SELECT record_id, count(*) FROM events WHERE kind = 'finalized' "
            "GROUP BY record_id HAVING count(*) > 1"
        ).fetchall()
        assert doubled == []
        # Finalize is all or nothing: no record still has a draft, and every seizure
        # made with an encounter is there with it (and the other way round).
        drafts = {r[0] for r in conn.execute("SELECT id FROM drafts")}
        assert drafts & held == set()
        for record_id in held:
            view = q.get_record(conn, record_id)
            if view.record_type == "encounter":
                children = {c.id for c in view.children}
                assert set(view.current["actions"]["seizure_ids"]) == children
            else:
                assert view.current["encounter_id"] in held
        # Reference numbers stayed unique through the crashes.
        refs = [r[0] for r in conn.execute("SELECT reference FROM records")]
        assert len(refs) == len(set(refs))

        report = store.verify()
        assert report.ok, report.summary()
        assert report.events == len(event_ids)
        before = _snapshot(store)
        store.rebuild()
        assert _snapshot(store) == before
        stats = {
            "kills": KILLS,
            "early_kills": early_kills,
            "reported": len(reported),
            "records": len(held),
            "events": report.events,
            "seconds": round(elapsed, 1),
        }
    print(json.dumps(stats))
