"""HQ's schema: created once, upgraded in order, never applied to a newer or foreign database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from sync.errors import HqStorageError
from sync.hq import schema
from sync.hq.db import Storage, make_engine
from sync.hq.migrations import LATEST, MIGRATIONS, current_version, migrate
from sync.hq.service import Headquarters


def _storage(path: Path) -> Storage:
    return Storage(make_engine(f"sqlite:///{path}"))


def test_a_new_database_gets_every_table_of_the_schema(tmp_path: Path) -> None:
    storage = _storage(tmp_path / "hq.db")
    try:
        assert migrate(storage) == 0
        with storage.read() as conn:
            assert current_version(conn) == LATEST
            tables = set(inspect(conn).get_table_names())
            assert tables == {t.name for t in schema.metadata.sorted_tables}
            for table in schema.metadata.sorted_tables:
                columns = {c["name"] for c in inspect(conn).get_columns(table.name)}
                assert columns == {c.name for c in table.columns}, table.name
        assert migrate(storage) == LATEST
    finally:
        storage.dispose()
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    with Headquarters.open(str(tmp_path / "hq.db")) as hq, hq.storage.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "hq.db"
    Headquarters.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'from the future', 'x')")
    before = path.read_bytes()
    with pytest.raises(HqStorageError, match="newer version of fieldapp-hq"):
        Headquarters.open(str(path))
    assert path.read_bytes() == before


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (x)")
    with pytest.raises(HqStorageError, match="not an HQ database"):
        Headquarters.open(str(path))


def test_hq_keeps_its_key_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "hq.db"
    with Headquarters.open(str(path)) as first:
        key = first.public_key()
    with Headquarters.open(str(path)) as second:
        assert second.public_key() == key


def test_an_unusable_location_is_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HqStorageError, match="cannot be created"):
        Headquarters.open(str(blocker / "hq.db"))
    with pytest.raises(HqStorageError, match="cannot use the database"):
        Headquarters.open("nonsense://")
    with pytest.raises(HqStorageError, match="not a database URL"):
        Headquarters.open("://")
