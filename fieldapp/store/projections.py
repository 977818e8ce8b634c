"""Projections: the current state of each record, derived from its events.

A record's state is always recomputed from *all* of its events in one
deterministic order, never patched incrementally, so the incremental state
after each append and the state after :func:`rebuild` are the same by
construction, on every machine that holds the same events.

Concurrency: an event's parents are its ``base`` (and, for a resolution, the
heads it resolves). Events that nobody names as a parent are the record's
heads; more than one head means concurrent changes, kept side by side, and the
record needs review until a ``conflict_resolved`` event joins the heads. The
apply order is a topological order broken by (recorded time, origin, seq), so
the last concurrent change applied -- the "winner" -- is the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlite_utils

from fieldapp.events import Event, Kind

if TYPE_CHECKING:
    from fieldapp.models.addendum import Correction

# Kinds whose payload *is* the record (the first event of a record).
CREATING_KINDS = frozenset({Kind.FINALIZED, Kind.CUSTODY_TRANSFERRED, Kind.PROPERTY_RETURNED})

_HEXISH = re.compile(r"^[0-9a-f-]{32,}$")
_SKIP_KEYS = ("id", "photo_hashes", "sha256", "empty")


@dataclass
class RecordState:
    """A record as its events make it now."""

    record_id: str
    record_type: str
    original: dict[str, Any] | None = None
    original_text: str = ""
    data: dict[str, Any] | None = None
    ordered: list[Event] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    addenda_count: int = 0
    failed_corrections: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        """True while concurrent changes (or an inapplicable one) await a resolution."""
        return len(self.heads) > 1 or bool(self.failed_corrections)

    @property
    def winner(self) -> str | None:
        """Id of the change shown as current among concurrent ones (the last applied)."""
        if len(self.heads) <= 1:
            return None
        head_set = set(self.heads)
        for event in reversed(self.ordered):
            if event.hash in head_set:
                return event.id
        return None


def _parents(event: Event) -> set[str]:
    parents = {event.base} if event.base else set()
    if event.kind == Kind.CONFLICT_RESOLVED:
        parents.update(str(h) for h in event.payload.get("resolves", []))
    return parents


def _tiebreak(event: Event) -> tuple[dt.datetime, str, int]:
    return (event.recorded_at_utc(), event.origin, event.seq)


def order_events(events: Iterable[Event]) -> tuple[list[Event], list[str]]:
    """The deterministic apply order of a record's events, and the hashes of its heads."""
    by_hash = {e.hash: e for e in events}
    children: dict[str, list[Event]] = {h: [] for h in by_hash}
    waiting: dict[str, int] = {}
    referenced: set[str] = set()
    for event in by_hash.values():
        known = {p for p in _parents(event) if p in by_hash and p != event.hash}
        referenced |= known
        waiting[event.hash] = len(known)
        for parent in known:
            children[parent].append(event)
    ready = [(_tiebreak(e), e.hash) for e in by_hash.values() if waiting[e.hash] == 0]
    heapq.heapify(ready)
    ordered: list[Event] = []
    while ready:
        _, digest = heapq.heappop(ready)
        event = by_hash[digest]
        ordered.append(event)
        for child in children[digest]:
            waiting[child.hash] -= 1
            if waiting[child.hash] == 0:
                heapq.heappush(ready, (_tiebreak(child), child.hash))
    if len(ordered) != len(by_hash):  # a cycle: only possible with forged bases
        placed = {e.hash for e in ordered}
        ordered.extend(sorted((e for e in by_hash.values() if e.hash not in placed), key=_tiebreak))
    heads = [e.hash for e in ordered if e.hash not in referenced]
    return ordered, heads


def compute_state(record_id: str, events: Iterable[Event]) -> RecordState:
    """Fold a record's events into its current state (pure; no database)."""
    ordered, heads = order_events(events)
    state = RecordState(record_id=record_id, record_type="", ordered=ordered, heads=heads)
    corrections_of: dict[str, list[Correction]] = {}
    for event in ordered:
        if event.kind in CREATING_KINDS and state.original is None:
            state.record_type = event.record_type
            state.original = event.payload
            state.original_text = event.payload_text()
            # Shared, not copied: apply_corrections returns a new dict, and
            # nothing else writes to it.
            state.data = event.payload
        elif event.kind == Kind.ADDENDUM:
            state.addenda_count += 1
            raw = event.payload.get("corrections") or []
            # Imported on first use: opening a store needs no record models.
            from fieldapp.models.addendum import Correction

            corrections_of[event.id] = [Correction.model_validate(c) for c in raw]
            _apply(state, event.id, corrections_of[event.id])
        elif event.kind == Kind.CONFLICT_RESOLVED:
            # The supervisor's chosen change is re-applied last, so it is what shows.
            chosen = event.payload.get("winner_event_id")
            state.failed_corrections.clear()
            if isinstance(chosen, str) and chosen in corrections_of:
                _apply(state, chosen, corrections_of[chosen])
        if not state.record_type:
            state.record_type = event.record_type
    return state


def _apply(state: RecordState, event_id: str, corrections: list[Correction]) -> None:
    if state.data is None or not corrections:
        return
    from fieldapp.models.addendum import apply_corrections

    try:
        state.data = apply_corrections(state.data, corrections)
    except ValueError:
        # A concurrent correction may point at something another change
        # removed; it is kept in the history and the record goes to review.
        state.failed_corrections.append(event_id)


def utc_key(value: Any) -> str:
    """A fixed-width UTC text for sorting and range filters (``...Z``)."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        return ""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value.get("empty") == "no_information":
        return str(value.get("reason", "unknown"))
    return ""


def search_words(value: Any) -> list[str]:
    """Every searchable string in a record: names, plates, descriptions, narrative."""
    words: list[str] = []
    stack = [value]
    skip_keys = _SKIP_KEYS
    hexish = _HEXISH.match
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str:
            if item and not hexish(item):
                words.append(item)
        elif kind is dict:
            # Sorted: the same record must give the same text whether its
            # payload came from a model or was read back from the log.
            for key, child in sorted(item.items(), reverse=True):
                if key in skip_keys or key.endswith(("_id", "_hash", "_at")):
                    continue
                stack.append(child)
        elif kind is list:
            stack.extend(reversed(item))
    return words


@dataclass(frozen=True)
class Columns:
    """The list columns of one record."""

    parent_id: str | None
    reference: str
    occurred_at: str
    checkpoint: str
    officer_id: str
    category: str
    result: str
    summary: str


def _person_names(data: dict[str, Any]) -> list[str]:
    names = []
    for person in data.get("people") or []:
        name = person.get("name")
        names.append(name if isinstance(name, str) else "(" + (_text(name) or "unknown") + ")")
    return names


def columns_for(record_type: str, data: dict[str, Any]) -> Columns:
    """Pick the list columns out of a record's current data."""
    if record_type == "encounter":
        vehicle = data.get("vehicle") or {}
        plate = _text(vehicle.get("plate")) if isinstance(vehicle, dict) else ""
        summary = " · ".join(x for x in [plate, ", ".join(_person_names(data))] if x)
        return Columns(
            parent_id=None,
            reference=str(data.get("reference_number", "")),
            occurred_at=utc_key(data.get("started_at")),
            checkpoint=str(data.get("checkpoint", "")),
            officer_id=str(data.get("officer_id", "")),
            category=str(data.get("stop_type", "")),
            result=str(data.get("result", "")),
            summary=summary,
        )
    if record_type == "seizure":
        items = data.get("items") or []
        kinds = sorted({str(i.get("category", "")) for i in items})
        parent = data.get("encounter_id")
        return Columns(
            parent_id=parent if isinstance(parent, str) else None,
            reference=str(data.get("seizure_number", "")),
            occurred_at=utc_key(data.get("seized_at")),
            checkpoint=str(data.get("checkpoint", "")),
            officer_id=str(data.get("officer_id", "")),
            category=",".join(kinds),
            result=str(data.get("reason", "")),
            summary=f"{len(items)} item(s): " + ", ".join(kinds),
        )
    if record_type in ("custody_transfer", "property_return"):
        moment = data.get("transferred_at") or data.get("returned_at")
        return Columns(
            parent_id=str(data.get("seizure_id", "")) or None,
            reference="",
            occurred_at=utc_key(moment),
            checkpoint="",
            officer_id=str((data.get("released_by") or {}).get("officer_id") or ""),
            category=str(data.get("purpose") or data.get("outcome") or ""),
            result="",
            summary=", ".join(str(x) for x in data.get("exhibit_numbers") or []),
        )
    return Columns(None, "", "", "", "", "", "", "")


def _load_rows(db: sqlite_utils.Database, record_id: str) -> list[sqlite3.Row]:
    cur = db.conn.cursor()
    cur.row_factory = sqlite3.Row
    # A wiped event's content is gone (fieldapp.store.wipe); it projects nothing.
    return list(
        cur.execute(
            "SELECT * FROM events WHERE record_id = ? AND wiped_at IS NULL ORDER BY pos",
            (record_id,),
        )
    )


def project(
    db: sqlite_utils.Database, record_id: str, new_record: Event | None = None
) -> RecordState:
    """Recompute one record's projection rows from its events; call inside a transaction.

    ``new_record`` is the first and only event of a record just appended here
    (not yet synced): it is used as it is instead of being read back.
    """
    if new_record is not None:
        state = compute_state(record_id, [new_record])
        _write(db, state, pending=1)
        return state
    rows = _load_rows(db, record_id)
    state = compute_state(record_id, (Event.from_row(r) for r in rows))
    pending = sum(1 for r in rows if r["synced_at"] is None)
    _write(db, state, pending)
    return state


def _write(db: sqlite_utils.Database, state: RecordState, pending: int) -> None:
    existing = db.execute(
        "SELECT rowid, parent_id FROM records WHERE id = ?", (state.record_id,)
    ).fetchone()
    if state.data is None or state.original is None:
        if existing is not None:
            _delete(db, state.record_id, existing[0])
        return
    cols = columns_for(state.record_type, state.data)
    has_seizure = 0
    if state.record_type == "encounter":
        has_seizure = int(
            db.execute(
                "SELECT EXISTS (SELECT 1 FROM records WHERE parent_id = ? "
                "AND record_type = 'seizure')",
                (state.record_id,),
            ).fetchone()[0]
        )
    head = state.ordered[-1].hash if state.ordered else ""
    values = (
        state.record_type,
        cols.parent_id,
        cols.reference,
        cols.occurred_at,
        cols.checkpoint,
        cols.officer_id,
        cols.category,
        cols.result,
        has_seizure,
        cols.summary,
        len(state.ordered),
        state.addenda_count,
        int(state.needs_review),
        pending,
        head,
        state.original_text,
        state.original_text
        if state.data is state.original
        else json.dumps(state.data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    )
    if existing is None:
        cur = db.execute(
            "INSERT INTO records (record_type, parent_id, reference, occurred_at, checkpoint, "
            "officer_id, category, result, has_seizure, summary, event_count, addenda_count, "
            "needs_review, pending_sync, head_hash, original, data, id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, state.record_id),
        )
        rowid = int(cur.lastrowid or 0)
    else:
        rowid = int(existing[0])
        db.execute(
            "UPDATE records SET record_type = ?, parent_id = ?, reference = ?, occurred_at = ?, "
            "checkpoint = ?, officer_id = ?, category = ?, result = ?, has_seizure = ?, "
            "summary = ?, event_count = ?, addenda_count = ?, needs_review = ?, "
            "pending_sync = ?, head_hash = ?, original = ?, data = ? WHERE rowid = ?",
            (*values, rowid),
        )
        db.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
    body = " ".join(search_words(state.data))
    addenda = " ".join(
        str(e.payload.get("text", "")) + " " + str(e.payload.get("reason", ""))
        for e in state.ordered
        if e.kind == Kind.ADDENDUM
    )
    db.execute(
        "INSERT INTO records_fts (rowid, body) VALUES (?, ?)", (rowid, f"{body} {addenda}".strip())
    )
    _write_heads(db, state)
    _write_details(db, state)
    if state.record_type == "seizure":
        # A correction may move a seizure to another encounter: both change.
        parents = {cols.parent_id, existing[1] if existing is not None else None} - {None}
        for parent in parents:
            _refresh_has_seizure(db, parent)


def _refresh_has_seizure(db: sqlite_utils.Database, encounter_id: str | None) -> None:
    db.execute(
        "UPDATE records SET has_seizure = EXISTS (SELECT 1 FROM records s WHERE s.parent_id = ? "
        "AND s.record_type = 'seizure') WHERE id = ? AND record_type = 'encounter'",
        (encounter_id, encounter_id),
    )


def _write_heads(db: sqlite_utils.Database, state: RecordState) -> None:
    db.execute("DELETE FROM record_heads WHERE record_id = ?", (state.record_id,))
    if len(state.heads) > 1:
        by_hash = {e.hash: e.id for e in state.ordered}
        for digest in state.heads:
            db.execute(
                "INSERT INTO record_heads (record_id, event_id) VALUES (?, ?)",
                (state.record_id, by_hash[digest]),
            )


def _amount(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, dict) and "amount" in value:
        return str(value["amount"]), str(value.get("unit", ""))
    return None, None


def _write_details(db: sqlite_utils.Database, state: RecordState) -> None:
    data = state.data or {}
    if state.record_type == "seizure":
        db.execute("DELETE FROM items WHERE seizure_id = ?", (state.record_id,))
        for item in data.get("items") or []:
            qty, qty_unit = _amount(item.get("quantity"))
            gross, gross_unit = _amount(item.get("gross_weight"))
            db.execute(
                "INSERT OR REPLACE INTO items (seizure_id, exhibit_number, category, "
                "category_code, description, quantity_amount, quantity_unit, "
                "gross_weight_amount, gross_weight_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    state.record_id,
                    str(item.get("exhibit_number", "")),
                    str(item.get("category", "")),
                    item.get("category_code"),
                    str(item.get("description", "")),
                    qty,
                    qty_unit,
                    gross,
                    gross_unit,
                ),
            )
    elif state.record_type in ("custody_transfer", "property_return"):
        db.execute("DELETE FROM custody_links WHERE transfer_id = ?", (state.record_id,))
        cols = columns_for(state.record_type, data)
        for exhibit in data.get("exhibit_numbers") or []:
            db.execute(
                "INSERT OR REPLACE INTO custody_links (transfer_id, seizure_id, exhibit_number, "
                "transferred_at, kind, summary) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    state.record_id,
                    cols.parent_id or "",
                    str(exhibit),
                    cols.occurred_at,
                    state.record_type,
                    cols.category,
                ),
            )


def _delete(db: sqlite_utils.Database, record_id: str, rowid: int) -> None:
    parent = db.execute("SELECT parent_id FROM records WHERE rowid = ?", (rowid,)).fetchone()
    db.execute("DELETE FROM records WHERE rowid = ?", (rowid,))
    if parent is not None and parent[0]:
        _refresh_has_seizure(db, parent[0])
    db.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
    db.execute("DELETE FROM items WHERE seizure_id = ?", (record_id,))
    db.execute("DELETE FROM custody_links WHERE transfer_id = ?", (record_id,))
    db.execute("DELETE FROM record_heads WHERE record_id = ?", (record_id,))


def forget(db: sqlite_utils.Database, record_ids: Sequence[str]) -> int:
    """Remove records' projection rows and search entries (their events were wiped).

    In chunks, table by table; an encounter whose seizure went and which stays
    has its "has a seizure" mark refreshed. Returns how many records were removed.
    """
    removed = 0
    gone = set(record_ids)
    parents: set[str] = set()
    for at in range(0, len(record_ids), _FORGET_CHUNK):
        chunk = list(record_ids[at : at + _FORGET_CHUNK])
        marks = ", ".join("?" * len(chunk))
        parents.update(
            str(r[0])
            for r in db.execute(
                f"SELECT parent_id FROM records WHERE id IN ({marks}) AND parent_id IS NOT NULL",
                chunk,
            )
        )
        db.execute(
            f"DELETE FROM records_fts WHERE rowid IN (SELECT rowid FROM records "
            f"WHERE id IN ({marks}))",
            chunk,
        )
        db.execute(f"DELETE FROM items WHERE seizure_id IN ({marks})", chunk)
        db.execute(f"DELETE FROM custody_links WHERE transfer_id IN ({marks})", chunk)
        db.execute(f"DELETE FROM record_heads WHERE record_id IN ({marks})", chunk)
        removed += int(db.execute(f"DELETE FROM records WHERE id IN ({marks})", chunk).rowcount)
    for parent in sorted(parents - gone):
        _refresh_has_seizure(db, parent)
    return removed


_FORGET_CHUNK = 500


PROJECTION_TABLES = ("records", "items", "custody_links", "record_heads", "records_fts")


def rebuild(db: sqlite_utils.Database, progress: Callable[[int, int], None] | None = None) -> int:
    """Recreate every projection from the log; call inside a transaction. Returns records."""
    for table in PROJECTION_TABLES:
        db.execute(f"DELETE FROM {table}")
    ids = [
        r[0]
        for r in db.execute(
            "SELECT record_id FROM events WHERE wiped_at IS NULL GROUP BY record_id "
            "ORDER BY min(pos)"
        ).fetchall()
    ]
    for done, record_id in enumerate(ids, start=1):
        project(db, record_id)
        if progress is not None and (done % 1000 == 0 or done == len(ids)):
            progress(done, len(ids))
    return len(ids)
