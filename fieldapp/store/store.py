"""The store: the profile's database, its device identity, the log and its projections.

This is the single writer. Every append projects the record in the same
transaction, so what the lists show and what the log holds never disagree.
Application services use it; nothing outside the core writes SQL.

Opened with a key, the database is encrypted (SQLCipher) and the store keeps
the profile's keyring, so reference data that removes an officer also removes
their wrapped copy of the key.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from fieldapp.events import Event, now
from fieldapp.store import eventlog, projections
from fieldapp.store.db import Database, open_reader, sqlite_errors
from fieldapp.store.identity import DeviceIdentity, load_or_create
from fieldapp.store.verify import VerifyReport, verify_log

if TYPE_CHECKING:
    from fieldapp.keys import KeyRing

DB_FILENAME = "fieldapp.db"


class Store:
    """One profile's local store, opened for writing."""

    def __init__(
        self, path: Path | str, *, key: bytes | None = None, keyring: KeyRing | None = None
    ) -> None:
        self.database = Database(path, key=key)
        #: The wrapped copies of the key (None for a plain database).
        self.keyring = keyring
        self._reference: dict[str, Any] | None = None
        # (version, loaded_at) of the cached reference data: what says it is still current.
        self._reference_stamp: tuple[Any, Any] | None = None
        try:
            self.device: DeviceIdentity = load_or_create(self.database)
        except BaseException:
            self.database.close()
            raise

    @classmethod
    def in_dir(
        cls, data_dir: Path | str, *, key: bytes | None = None, keyring: KeyRing | None = None
    ) -> Store:
        """Open (or create) the store of the profile in ``data_dir``."""
        return cls(Path(data_dir) / DB_FILENAME, key=key, keyring=keyring)

    @property
    def key(self) -> bytes | None:
        """The database key, or None when the database is not encrypted."""
        return self.database.key

    @property
    def path(self) -> Path:
        """The database file."""
        return self.database.path

    def transaction(self) -> contextlib.AbstractContextManager[sqlite_utils.Database]:
        """An atomic, durable unit of work (savepoint when nested)."""
        return self.database.transaction()

    def append(
        self,
        db: sqlite_utils.Database,
        *,
        record_id: str,
        record_type: str,
        kind: str,
        author: str,
        payload: Any,
        base: str | None = None,
    ) -> Event:
        """Append a local event and project its record; call inside :meth:`transaction`.

        ``payload`` is a record model or a JSON-ready dict.
        """
        event = eventlog.append(
            db,
            self.device,
            record_id=record_id,
            record_type=record_type,
            kind=kind,
            author=author,
            payload=payload,
            base=base,
        )
        first = event.kind in projections.CREATING_KINDS and event.base is None
        if first:
            # A record is created by its first event: nothing else to read back.
            held = db.execute(
                "SELECT count(*) FROM events WHERE record_id = ?", (record_id,)
            ).fetchone()[0]
            first = held == 1
        projections.project(db, record_id, new_record=event if first else None)
        return event

    def ingest(self, events: Iterable[Event]) -> int:
        """Store checked events of other origins, each durably; returns how many were new."""
        added = 0
        for event in events:
            with self.transaction() as db:
                if eventlog.ingest(db, event):
                    projections.project(db, event.record_id)
                    added += 1
        return added

    def register_origin(self, origin: str, public_key: str, label: str = "") -> None:
        """Make another origin's key known (HQ, or another device)."""
        with self.transaction() as db:
            eventlog.register_origin(db, origin, public_key, label)

    def next_counter(self, db: sqlite_utils.Database, name: str) -> int:
        """The next value of a per-device, gapless counter; inside a transaction."""
        row = db.execute(
            "INSERT INTO counters (name, value) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            (name,),
        ).fetchone()
        return int(row[0])

    def mark_synced(self, origin: str, up_to_seq: int) -> int:
        """Mark this origin's events up to ``up_to_seq`` as acknowledged by HQ."""
        stamp = now().isoformat()
        with self.transaction() as db:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT DISTINCT record_id FROM events WHERE origin = ? AND seq <= ? "
                    "AND synced_at IS NULL",
                    (origin, up_to_seq),
                ).fetchall()
            ]
            cur = db.execute(
                "UPDATE events SET synced_at = ? WHERE origin = ? AND seq <= ? "
                "AND synced_at IS NULL",
                (stamp, origin, up_to_seq),
            )
            for record_id in ids:
                db.execute(
                    "UPDATE records SET pending_sync = (SELECT count(*) FROM events "
                    "WHERE record_id = ? AND synced_at IS NULL) WHERE id = ?",
                    (record_id, record_id),
                )
            return int(cur.rowcount)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Recreate every projection and the search index from the log."""
        with self.transaction() as db:
            return projections.rebuild(db, progress)

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyReport:
        """Walk the whole log on a reader connection (the writer stays free)."""
        with contextlib.closing(self.reader()) as conn, sqlite_errors(self.path):
            return verify_log(conn, progress)

    def reader(self) -> sqlite3.Connection:
        """A new read-only connection for queries off the writer's thread."""
        return open_reader(self.path, self.key)

    @property
    def conn(self) -> sqlite3.Connection:
        """The writer connection, for reads made on the writer's own thread."""
        return self.database.conn

    def set_reference(self, version: int, data: dict[str, Any]) -> None:
        """Replace the cached reference data (from the bundled files or HQ)."""
        self._reference = None
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reference (id, version, data, loaded_at) VALUES (1, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                "data = excluded.data, loaded_at = excluded.loaded_at",
                (version, json.dumps(data, ensure_ascii=False), now().isoformat()),
            )
        if self.keyring is not None:
            self.keyring.prune(list(data.get("officers", [])))

    def reference_data(self) -> dict[str, Any] | None:
        """The cached reference data as JSON, or None for a profile not yet seeded.

        Parsed once and kept while it is current: the same dict comes back until
        the stored data is replaced (by this process or another one, such as a
        sync run from the command line). Callers must not modify it.
        """
        with sqlite_errors(self.path):
            row = self.conn.execute(
                "SELECT version, loaded_at FROM reference WHERE id = 1"
            ).fetchone()
            if row is None:
                self._reference = self._reference_stamp = None
                return None
            if self._reference is None or tuple(row) != self._reference_stamp:
                version, loaded_at, data = self.conn.execute(
                    "SELECT version, loaded_at, data FROM reference WHERE id = 1"
                ).fetchone()
                self._reference = dict(json.loads(data))
                self._reference_stamp = (version, loaded_at)
        return self._reference

    def events(self) -> Iterator[Event]:
        """Every event in arrival order."""
        return eventlog.all_events(self.conn)

    def close(self) -> None:
        """Close the database."""
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
