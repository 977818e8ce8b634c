"""Removing from a revoked device the records HQ already holds, and proving it was done.

When HQ revokes a device (stolen, lost, retired), the device locks on its next
contact with HQ (:func:`fieldapp.store.eventlog.refuse_if_revoked`) and, if HQ
asks, wipes: it removes what HQ has, never what HQ lacks.

A record goes only with its whole *family* (an encounter, its seizures, their
custody hand-overs and property returns), and a family goes only when, for
every member:

* HQ has acknowledged every event of it (HQ's own events came from HQ);
* HQ has confirmed it holds the files it names: its own events are at or
  below the seq up to which HQ said no file was missing
  (``sync_status.files_confirmed_seq``), or it names no file;
* no draft hangs from it (an addendum or hand-over being written).

Everything else stays, encrypted, for HQ to recover from the laptop.

What "removed" means: the record's projection rows and search entries are
deleted, and its events keep only their skeleton (id, origin, seq, links,
kind, author, times, hash, signature) with the payload replaced by ``{}`` and
``wiped_at`` set. So the chain still verifies link by link and signature by
signature, while names, plates, items and notes are gone. The wipe itself is
the device's own signed ``device_wiped`` event naming every record it removed
(:func:`fieldapp.store.verify.verify_log` accepts an emptied event only for a
record such an event names, so nobody can empty events quietly) and the files
removed; it is reported to HQ (``sync``). It runs with ``secure_delete`` on,
then the search index is merged and the write-ahead log truncated, so removed
text does not linger in free pages. Files are overwritten before unlinking
(on an SSD only the encryption at rest makes them unrecoverable).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

from fieldapp.attachment_refs import attachment_refs, may_name_files
from fieldapp.events import Event, Kind, now
from fieldapp.store import projections

if TYPE_CHECKING:
    import datetime as dt

    from fieldapp.attachments import AttachmentStore
    from fieldapp.store.store import Store

__all__ = [
    "DEVICE_RECORD_TYPE",
    "WIPE_AUTHOR",
    "WipeOutcome",
    "WipePlan",
    "plan_wipe",
    "remove_wiped_files",
    "wipe",
    "wiped_record_ids",
]

#: The record type of events about the device itself (HQ's revocation, this device's wipe).
DEVICE_RECORD_TYPE = "device"
#: The author of the wipe event: the program did it at HQ's request, not an officer.
WIPE_AUTHOR = "system"
_CHUNK = 500
# Words a payload's text contains when it names a file (LIKE patterns for SQL).
_FILE_PATTERNS = "payload LIKE '%photo_hashes%' OR payload LIKE '%signature%'"


@dataclass(frozen=True)
class WipePlan:
    """What a wipe would remove and keep, by record id, and which files it would remove."""

    wiped: tuple[str, ...]
    kept: tuple[str, ...]
    files: tuple[str, ...]


@dataclass(frozen=True)
class WipeOutcome:
    """What a wipe did."""

    event: Event
    """The signed ``device_wiped`` event, to report to HQ."""
    records_wiped: int
    records_kept: int
    events_redacted: int
    files_removed: int


class _Families:
    """Union-find over record ids: a record and everything linked to it."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _file_refs(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        if may_name_files(text):
            with contextlib.suppress(ValueError):
                found |= attachment_refs(json.loads(text))
    return found


def plan_wipe(conn: sqlite3.Connection, device_id: str) -> WipePlan:
    """Which records HQ holds wholly (with their files) and may go, which stay, which files go."""
    families = _Families()
    records = [str(r[0]) for r in conn.execute("SELECT id FROM records ORDER BY rowid")]
    for record_id, parent_id in conn.execute(
        "SELECT id, parent_id FROM records WHERE parent_id IS NOT NULL"
    ):
        families.join(str(record_id), str(parent_id))
    for transfer_id, seizure_id in conn.execute(
        "SELECT DISTINCT transfer_id, seizure_id FROM custody_links"
    ):
        families.join(str(transfer_id), str(seizure_id))
    confirmed = int(
        conn.execute("SELECT files_confirmed_seq FROM sync_status WHERE id = 1").fetchone()[0]
    )
    unsynced: dict[str, int] = {}
    last_own: dict[str, int] = {}
    for record_id, waiting, own_seq in conn.execute(
        "SELECT record_id, sum(synced_at IS NULL), max(CASE WHEN origin = ? THEN seq END) "
        "FROM events WHERE wiped_at IS NULL GROUP BY record_id",
        (device_id,),
    ):
        unsynced[record_id] = int(waiting)
        if own_seq is not None:
            last_own[record_id] = int(own_seq)
    refs: dict[str, set[str]] = {}
    for record_id, payload in conn.execute(
        f"SELECT record_id, payload FROM events WHERE wiped_at IS NULL AND ({_FILE_PATTERNS})"
    ):
        refs.setdefault(record_id, set()).update(_file_refs([payload]))
    drafted: set[str] = set()
    draft_texts: list[str] = []
    for parent_id, data in conn.execute("SELECT parent_id, data FROM drafts"):
        if parent_id:
            drafted.add(str(parent_id))
        draft_texts.append(str(data))

    def may_go(record_id: str) -> bool:
        if unsynced.get(record_id, 0) or record_id in drafted:
            return False
        names_files = bool(refs.get(record_id))
        return not names_files or last_own.get(record_id, 0) <= confirmed

    blocked = {families.find(r) for r in records if not may_go(r)}
    wiped = tuple(r for r in records if families.find(r) not in blocked)
    gone = set(wiped)
    kept = tuple(r for r in records if r not in gone)
    still_named = _file_refs(draft_texts)
    for record_id, names in refs.items():
        if record_id not in gone:
            still_named |= names
    files = sorted(set().union(*(refs.get(r, set()) for r in wiped)) - still_named)
    return WipePlan(wiped=wiped, kept=kept, files=tuple(files))


def _chunks(ids: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    for at in range(0, len(ids), _CHUNK):
        yield ids[at : at + _CHUNK]


def wipe(
    store: Store,
    files: AttachmentStore,
    *,
    revoked_at: str,
    reason: str = "",
    clock: Callable[[], dt.datetime] = now,
) -> WipeOutcome:
    """Remove the records HQ holds, log the wipe as a signed event, then remove their files.

    One transaction: either every planned record is gone and the event says
    so, or nothing changed. Files go after the commit (a crash in between
    leaves them for :func:`remove_wiped_files`, which the event names).
    """
    device_id = store.device.device_id
    conn = store.conn
    secure = int(conn.execute("PRAGMA secure_delete").fetchone()[0])
    conn.execute("PRAGMA secure_delete = ON")
    try:
        with store.transaction() as db:
            plan = plan_wipe(db.conn, device_id)
            stamp = clock().isoformat()
            redacted = 0
            for chunk in _chunks(plan.wiped):
                marks = ", ".join("?" * len(chunk))
                cur = db.execute(
                    f"UPDATE events SET payload = '{{}}', wiped_at = ? "
                    f"WHERE record_id IN ({marks}) AND wiped_at IS NULL",
                    (stamp, *chunk),
                )
                redacted += int(cur.rowcount)
            projections.forget(db, plan.wiped)
            if plan.wiped:
                # Merge the search index's segments so removed words leave its pages.
                db.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
            event = store.append(
                db,
                record_id=device_id,
                record_type=DEVICE_RECORD_TYPE,
                kind=Kind.DEVICE_WIPED,
                author=WIPE_AUTHOR,
                payload={
                    "revoked_at": revoked_at,
                    "reason": reason,
                    "wiped_at": stamp,
                    "records_wiped": len(plan.wiped),
                    "wiped_record_ids": list(plan.wiped),
                    "records_kept": len(plan.kept),
                    "kept_record_ids": list(plan.kept),
                    "events_redacted": redacted,
                    "files_removed": len(plan.files),
                    "removed_files": list(plan.files),
                },
            )
            db.execute("UPDATE sync_status SET wipe_event_id = ? WHERE id = 1", (event.id,))
    finally:
        conn.execute(f"PRAGMA secure_delete = {secure}")
    remove_wiped_files(store, files)
    return WipeOutcome(
        event=event,
        records_wiped=len(plan.wiped),
        records_kept=len(plan.kept),
        events_redacted=redacted,
        files_removed=len(plan.files),
    )


def remove_wiped_files(store: Store, files: AttachmentStore) -> int:
    """Remove the files the wipe events name that are still here; how many were removed.

    Safe to repeat. Afterwards the write-ahead log is folded into the database
    and truncated (when no reader holds it), so no old page keeps removed text.
    """
    removed = 0
    for row in store.conn.execute(
        "SELECT payload FROM events WHERE kind = ? AND origin = ? AND wiped_at IS NULL",
        (Kind.DEVICE_WIPED, store.device.device_id),
    ).fetchall():
        for digest in json.loads(row[0]).get("removed_files", []):
            if isinstance(digest, str) and files.remove(digest):
                removed += 1
    with contextlib.suppress(sqlite3.Error):
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return removed


def wiped_record_ids(conn: sqlite3.Connection | sqlite_utils.Database) -> set[str]:
    """Every record id a ``device_wiped`` event of this log names as removed."""
    found: set[str] = set()
    for (payload,) in conn.execute(
        "SELECT payload FROM events WHERE kind = ? AND wiped_at IS NULL", (Kind.DEVICE_WIPED,)
    ).fetchall():
        with contextlib.suppress(ValueError, AttributeError):
            ids = json.loads(payload).get("wiped_record_ids", [])
            found.update(i for i in ids if isinstance(i, str))
    return found
