"""Opening readers never drops this process's locks on its own database file.

POSIX drops every lock a process holds on a file when any of its handles on
that file closes. SQLite's shared lock on the database file is how another
process, closing its connection, learns it is not the last one; without it,
that process checkpoints and deletes the write-ahead log this process still
writes to, and those writes are lost. So while a profile's database is open,
nothing here may read the file through a handle of its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldapp.store.db import Database, is_plain, open_reader

_OTHER_PROCESS = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM t").fetchone()
conn.close()  # the last connection, as far as it can tell, checkpoints and removes the WAL
"""


def test_writes_after_readers_and_another_process_survive(tmp_path: Path) -> None:
    path = tmp_path / "field.db"
    db = Database(path, create=True)
    db.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER)")
    with db.transaction() as tx:
        tx.execute("INSERT INTO t VALUES (1)")

    # What the program does all day: readers come and go, the file is looked at.
    for _ in range(3):
        reader = open_reader(path)
        reader.execute("SELECT count(*) FROM t").fetchone()
        reader.close()
        assert is_plain(path)

    # Another process (a command-line sync) opens the profile and ends.
    subprocess.run([sys.executable, "-c", _OTHER_PROCESS, str(path)], check=True)
    assert Path(f"{path}-wal").exists(), "the other process removed the WAL in use here"

    with db.transaction() as tx:
        tx.execute("INSERT INTO t VALUES (2)")
    db.close()

    again = Database(path)
    try:
        assert [r[0] for r in again.execute("SELECT n FROM t ORDER BY n")] == [1, 2]
        assert again.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        again.close()
