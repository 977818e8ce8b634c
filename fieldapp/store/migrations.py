"""Registered schema migrations, applied in order and recorded in ``PRAGMA user_version``.

Each migration runs in its own transaction together with the version bump, so
a crash mid-migration leaves the previous version intact. Add new migrations
at the end; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Migration:
    """One step of the schema, from ``version - 1`` to ``version``."""

    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: list[Migration] = []


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    # Not executescript(): it commits first, which would break the migration's
    # transaction. The schema has no semicolons inside statements.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def migration(version: int, name: str) -> Callable[[Callable[[sqlite_utils.Database], None]], None]:
    """Register a migration function under its version number."""

    def register(fn: Callable[[sqlite_utils.Database], None]) -> None:
        if MIGRATIONS and MIGRATIONS[-1].version != version - 1:
            raise RuntimeError(f"migration {version} registered out of order")
        MIGRATIONS.append(Migration(version, name, fn))

    return register


@migration(1, "event log, drafts, projections, search index")
def _initial(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE identity (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE origins (
            origin TEXT PRIMARY KEY,
            public_key TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            head_seq INTEGER NOT NULL DEFAULT 0,
            head_hash TEXT,
            revoked_at TEXT
        );
        -- The append-only log. pos is the local arrival order only; the chain
        -- order is (origin, seq).
        CREATE TABLE events (
            pos INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            seq INTEGER NOT NULL,
            prev_hash TEXT,
            record_id TEXT NOT NULL,
            record_type TEXT NOT NULL,
            kind TEXT NOT NULL,
            base TEXT,
            author TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            received_at TEXT,
            payload TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            signature TEXT NOT NULL,
            synced_at TEXT,
            UNIQUE (origin, seq)
        );
        CREATE INDEX events_record ON events (record_id, pos);
        CREATE INDEX events_unsynced ON events (origin, seq) WHERE synced_at IS NULL;

        CREATE TABLE drafts (
            id TEXT PRIMARY KEY,
            record_type TEXT NOT NULL,
            parent_id TEXT,
            officer_id TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            revision INTEGER NOT NULL
        );
        CREATE INDEX drafts_parent ON drafts (parent_id);

        CREATE TABLE reference (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,
            data TEXT NOT NULL,
            loaded_at TEXT NOT NULL
        );
        CREATE TABLE counters (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );

        -- Projections: derived from events in the same transaction, and
        -- recreated from the log by rebuild.
        CREATE TABLE records (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            record_type TEXT NOT NULL,
            parent_id TEXT,
            reference TEXT NOT NULL DEFAULT '',
            occurred_at TEXT NOT NULL,
            checkpoint TEXT NOT NULL DEFAULT '',
            officer_id TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT '',
            has_seizure INTEGER NOT NULL DEFAULT 0,
            summary TEXT NOT NULL DEFAULT '',
            event_count INTEGER NOT NULL,
            addenda_count INTEGER NOT NULL DEFAULT 0,
            needs_review INTEGER NOT NULL DEFAULT 0,
            pending_sync INTEGER NOT NULL DEFAULT 0,
            head_hash TEXT NOT NULL,
            original TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX records_type_time ON records (record_type, occurred_at);
        CREATE INDEX records_time ON records (occurred_at);
        CREATE INDEX records_checkpoint ON records (checkpoint, occurred_at);
        CREATE INDEX records_parent ON records (parent_id);
        CREATE INDEX records_review ON records (needs_review) WHERE needs_review = 1;
        CREATE INDEX records_pending ON records (pending_sync) WHERE pending_sync > 0;

        CREATE TABLE items (
            seizure_id TEXT NOT NULL,
            exhibit_number TEXT NOT NULL,
            category TEXT NOT NULL,
            category_code TEXT,
            description TEXT NOT NULL,
            quantity_amount TEXT,
            quantity_unit TEXT,
            gross_weight_amount TEXT,
            gross_weight_unit TEXT,
            PRIMARY KEY (seizure_id, exhibit_number)
        );
        CREATE INDEX items_category ON items (category);

        CREATE TABLE custody_links (
            transfer_id TEXT NOT NULL,
            seizure_id TEXT NOT NULL,
            exhibit_number TEXT NOT NULL,
            transferred_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            PRIMARY KEY (transfer_id, exhibit_number)
        );
        CREATE INDEX custody_item ON custody_links (seizure_id, exhibit_number, transferred_at);

        CREATE TABLE record_heads (
            record_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            PRIMARY KEY (record_id, event_id)
        );

        -- Prefix indexes make search-as-you-type fast from the second letter.
        CREATE VIRTUAL TABLE records_fts USING fts5(
            body, tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
        );
        """,
    )


@migration(2, "officer sign-in failures and shifts")
def _sign_in_and_shifts(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- Failed sign-ins per officer on this device, for the lockout.
        CREATE TABLE login_failures (
            officer_id TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            locked_until TEXT
        );
        CREATE TABLE shifts (
            id TEXT PRIMARY KEY,
            officer_id TEXT NOT NULL,
            checkpoint TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            closed_at TEXT
        );
        CREATE INDEX shifts_officer ON shifts (officer_id, opened_at);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


@migration(3, "sync with HQ: enrollment, sync status, quarantined events")
def _sync_state(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- The one HQ this device is enrolled with (no row: not enrolled).
        CREATE TABLE sync_enrollment (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            hq_url TEXT NOT NULL,
            device_name TEXT NOT NULL,
            token TEXT NOT NULL,
            hq_public_key TEXT NOT NULL,
            enrolled_at TEXT NOT NULL
        );
        -- How far sync got; one row, there from the start.
        CREATE TABLE sync_status (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pull_cursor INTEGER NOT NULL DEFAULT 0,
            reference_version INTEGER,
            last_success_at TEXT,
            last_failure_at TEXT,
            last_failure TEXT,
            revoked_at TEXT,
            revoked_reason TEXT
        );
        INSERT INTO sync_status (id) VALUES (1);
        -- This device's events HQ refused, with HQ's reason.
        CREATE TABLE sync_quarantine (
            event_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL
        );
        """,
    )


@migration(4, "sync enrollment: HQ's pinned certificate authority")
def _pinned_ca(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- The PEM certificate of the authority HQ's TLS certificate must come from
        -- (NULL: the system's trust store, or plain HTTP on loopback).
        ALTER TABLE sync_enrollment ADD COLUMN hq_ca_pem TEXT
        """,
    )


@migration(5, "remote revocation: wiped events, confirmed files, the wipe and its report")
def _remote_wipe(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        -- When HQ revoked this device and the event's record was wiped: its payload
        -- is gone ('null'); id, chain links, hash and signature stay.
        ALTER TABLE events ADD COLUMN wiped_at TEXT;
        -- Every file this device's events up to this seq name is held by HQ
        -- (HQ said none was missing after they were acknowledged).
        ALTER TABLE sync_status ADD COLUMN files_confirmed_seq INTEGER NOT NULL DEFAULT 0;
        -- Whether HQ asked this revoked device to wipe (NULL: not asked yet).
        ALTER TABLE sync_status ADD COLUMN wipe_requested INTEGER;
        -- The device_wiped event, and when HQ confirmed it received the report.
        ALTER TABLE sync_status ADD COLUMN wipe_event_id TEXT;
        ALTER TABLE sync_status ADD COLUMN wipe_reported_at TEXT
        """,
    )


LATEST = 5


def apply(db: sqlite_utils.Database) -> list[int]:
    """Bring the schema up to :data:`LATEST`; return the versions applied."""
    applied = []
    current = db.execute("PRAGMA user_version").fetchone()[0]
    for step in MIGRATIONS:
        if step.version <= current:
            continue
        with db.atomic():
            step.apply(db)
            db.execute(f"PRAGMA user_version = {step.version}")
        applied.append(step.version)
    return applied


if MIGRATIONS[-1].version != LATEST:  # pragma: no cover - guards a forgotten bump
    raise RuntimeError("migrations.LATEST does not match the last registered migration")
