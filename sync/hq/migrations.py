"""HQ's schema migrations: a small numbered registry recorded in ``schema_version``.

Each migration runs in its own transaction together with its row in
``schema_version``, so a crash leaves the previous version whole. While one
runs, other HQ processes wait (SQLite's write lock; on PostgreSQL an advisory
lock), then find it done. A database whose version is newer than this program
knows is refused before anything is written, and so is a database that has
tables but no HQ schema version (for instance a device's ``fieldapp.db``
given by mistake). See docs/decisions/010-hq-storage.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, MetaData, Table, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from sync.errors import HqStorageError
from sync.hq import schema
from sync.hq.db import Storage, opening_error

# An arbitrary constant naming HQ's migration lock on PostgreSQL.
_PG_LOCK_KEY = 7_311_046_001


@dataclass(frozen=True)
class Migration:
    """One step of the schema: its number, what it does, and the function doing it."""

    version: int
    name: str
    apply: Callable[[Connection], None]


# The tables migration 1 made; tables added since are made by their own migrations.
_V1_TABLES = (
    "hq_identity",
    "devices",
    "enroll_codes",
    "events",
    "receipts",
    "quarantine",
    "alarms",
    "attachments",
    "expected_attachments",
)


# Columns added to migration 1's tables since, by the migrations that add them.
_ADDED_COLUMNS = {"devices": ("wipe_requested",)}


def _shape_before(table: Table, added: tuple[str, ...]) -> Table:
    """``table`` without the columns ``added`` later (its tables have no table-level
    constraints or indexes to carry over)."""
    columns = [
        Column(
            c.name,
            c.type,
            primary_key=c.primary_key,
            nullable=c.nullable,
            unique=c.unique,
            autoincrement=c.autoincrement,
        )
        for c in table.columns
        if c.name not in added
    ]
    return Table(table.name, MetaData(), *columns)


def _v1_initial(conn: Connection) -> None:
    for name in _V1_TABLES:
        table = schema.metadata.tables[name]
        added = _ADDED_COLUMNS.get(name)
        (table if added is None else _shape_before(table, added)).create(conn, checkfirst=False)


def _v2_partial_uploads(conn: Connection) -> None:
    # Resumable attachment uploads: a partial file's state and its chunks.
    for table in (schema.attachment_uploads, schema.attachment_upload_chunks):
        table.create(conn, checkfirst=False)


def _v3_remote_wipe(conn: Connection) -> None:
    # Revocation with or without remote wipe, and the wipe reports of revoked devices.
    column = schema.devices.c.wipe_requested
    kind = column.type.compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {schema.devices.name} ADD COLUMN {column.name} {kind}"))
    schema.wipe_reports.create(conn, checkfirst=False)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial HQ tables", _v1_initial),
    Migration(2, "partial attachment uploads", _v2_partial_uploads),
    Migration(3, "remote wipe of revoked devices", _v3_remote_wipe),
)
LATEST = MIGRATIONS[-1].version


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def current_version(conn: Connection) -> int:
    """The newest migration applied (0 for a new database)."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    value = conn.execute(select(func.max(schema.schema_version.c.version))).scalar()
    return int(value or 0)


def _refuse_foreign(conn: Connection) -> None:
    present = set(inspect(conn).get_table_names())
    ours = {t.name for t in schema.metadata.sorted_tables}
    clash = sorted(present & ours)
    if clash:
        raise HqStorageError(
            "This database is not an HQ database: it already has tables "
            f"({', '.join(clash)}) but no HQ schema version. Give HQ a new file or URL."
        )


def migrate(storage: Storage, clock: Callable[[], dt.datetime] | None = None) -> int:
    """Bring the schema up to :data:`LATEST`; returns the version found before."""
    stamp = (clock or (lambda: dt.datetime.now(dt.UTC)))().isoformat()
    try:
        with storage.write() as conn:
            _lock(conn)
            found = current_version(conn)
            if found > LATEST:
                raise HqStorageError(
                    f"HQ's database is at schema version {found}, written by a newer version "
                    f"of fieldapp-hq (this one knows up to {LATEST}); update fieldapp-hq."
                )
            if found == 0:
                _refuse_foreign(conn)
                schema.schema_version.create(conn, checkfirst=True)
        for migration in MIGRATIONS:
            if migration.version <= found:
                continue
            with storage.write() as conn:
                _lock(conn)
                if current_version(conn) >= migration.version:
                    continue  # another HQ process applied it meanwhile
                migration.apply(conn)
                conn.execute(
                    schema.schema_version.insert().values(
                        version=migration.version, name=migration.name, applied_at=stamp
                    )
                )
    except DBAPIError as exc:
        raise opening_error(storage, exc) from exc
    return found
