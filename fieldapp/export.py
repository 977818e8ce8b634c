"""Exporting records or raw events as JSON lines or CSV, streamed and written atomically.

:func:`export_logged` is the door for people (the CLI, the UI): it checks the
officer may export and logs the export as a signed access event before any
data leaves. :func:`export_to` and :func:`write_export` only write.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from fieldapp.errors import KnownError
from fieldapp.services.access import AccessLog
from fieldapp.services.actor import Actor
from fieldapp.store.eventlog import all_events
from fieldapp.store.store import Store

RECORD_COLUMNS = (
    "id",
    "record_type",
    "parent_id",
    "reference",
    "occurred_at",
    "checkpoint",
    "officer_id",
    "category",
    "result",
    "has_seizure",
    "summary",
    "event_count",
    "addenda_count",
    "needs_review",
    "pending_sync",
    "head_hash",
)
EVENT_COLUMNS = (
    "id",
    "origin",
    "seq",
    "prev_hash",
    "record_id",
    "record_type",
    "kind",
    "base",
    "author",
    "recorded_at",
    "received_at",
    "payload",
    "hash",
    "signature",
    "wiped_at",
)


def _records(conn: sqlite3.Connection, full: bool) -> Iterator[dict[str, Any]]:
    cols = ", ".join(RECORD_COLUMNS) + (", original, data" if full else "")
    cur = conn.execute(f"SELECT {cols} FROM records ORDER BY rowid")
    for row in cur:
        out = dict(zip(RECORD_COLUMNS, row, strict=False))
        out["has_seizure"] = bool(out["has_seizure"])
        out["needs_review"] = bool(out["needs_review"])
        if full:
            out["original"] = json.loads(row[len(RECORD_COLUMNS)])
            out["current"] = json.loads(row[len(RECORD_COLUMNS) + 1])
        yield out


def _events(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    # An event emptied by HQ's remote wipe says so: its payload no longer matches its hash.
    wiped = dict(conn.execute("SELECT id, wiped_at FROM events WHERE wiped_at IS NOT NULL"))
    for event in all_events(conn):
        out = event.to_dict()
        if event.id in wiped:
            out["wiped_at"] = wiped[event.id]
        yield out


def _check_choice(what: str, fmt: str) -> None:
    if what not in ("records", "events"):
        raise KnownError(f"Cannot export {what!r}: choose records or events.")
    if fmt not in ("jsonl", "csv"):
        raise KnownError(f"Unknown export format {fmt!r}: choose jsonl or csv.")


def write_export(conn: sqlite3.Connection, what: str, fmt: str, out: IO[str]) -> int:
    """Write every record (or event) to ``out``; returns how many rows were written."""
    _check_choice(what, fmt)
    rows = _records(conn, full=fmt == "jsonl") if what == "records" else _events(conn)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
        return count
    columns = RECORD_COLUMNS if what == "records" else EVENT_COLUMNS
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        if what == "events":
            row = dict(row, payload=json.dumps(row["payload"], ensure_ascii=False, sort_keys=True))
        writer.writerow(row)
        count += 1
    return count


def export_to(conn: sqlite3.Connection, what: str, fmt: str, target: Path | None) -> int:
    """Export to a file (written whole or not at all) or, without a target, to stdout."""
    if target is None:
        return write_export(conn, what, fmt, sys.stdout)
    target = target.expanduser()
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", dir=target.parent or Path())
    except OSError as exc:
        raise KnownError(f"Cannot write the export next to {target}: {exc.strerror}.") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            count = write_export(conn, what, fmt, fh)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise KnownError(
            f"The export to {target} failed: {exc.strerror}; nothing was written."
        ) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def export_logged(store: Store, actor: Actor, what: str, fmt: str, target: Path | None) -> int:
    """Export as :func:`export_to` does, once the export is logged as ``actor``'s.

    Any role may export (auditors above all); the ``accessed`` event names who,
    what, the format, how many rows there were and the file name (or stdout).
    It is written before the export, so no export leaves the device unrecorded.
    """
    _check_choice(what, fmt)
    table = "records" if what == "records" else "events"
    with contextlib.closing(store.reader()) as conn:
        rows = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        destination = "stdout" if target is None else target.expanduser().name
        AccessLog(store).exported(actor, what=what, fmt=fmt, rows=rows, destination=destination)
        return export_to(conn, what, fmt, target)
