"""Read side: lists, filters, full-text search, one record with its addenda and history.

Every function takes a connection, so the UI can run them on a reader
connection off its own thread while the writer keeps writing.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from fieldapp.errors import KnownError, NotFound
from fieldapp.events import Event, Kind
from fieldapp.store.projections import compute_state, utc_key

SORTABLE = (
    "occurred_at",
    "reference",
    "checkpoint",
    "category",
    "result",
    "officer_id",
    "record_type",
    "summary",
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class RecordFilter:
    """What a list shows; every field narrows it, None means any."""

    record_types: tuple[str, ...] | None = ("encounter", "seizure")
    since: str | None = None
    until: str | None = None
    checkpoint: str | None = None
    category: str | None = None
    result: str | None = None
    has_seizure: bool | None = None
    unsynced_only: bool = False
    needs_review: bool = False
    text: str = ""


@dataclass(frozen=True)
class RecordRow:
    """One line of a records list."""

    rowid: int
    id: str
    record_type: str
    reference: str
    occurred_at: str
    checkpoint: str
    officer_id: str
    category: str
    result: str
    has_seizure: bool
    summary: str
    addenda_count: int
    needs_review: bool
    pending_sync: int


_ROW_COLUMNS = (
    "rowid, id, record_type, reference, occurred_at, checkpoint, officer_id, category, "
    "result, has_seizure, summary, addenda_count, needs_review, pending_sync"
)


def _row(r: Any) -> RecordRow:
    return RecordRow(
        rowid=r[0],
        id=r[1],
        record_type=r[2],
        reference=r[3],
        occurred_at=r[4],
        checkpoint=r[5],
        officer_id=r[6],
        category=r[7],
        result=r[8],
        has_seizure=bool(r[9]),
        summary=r[10],
        addenda_count=r[11],
        needs_review=bool(r[12]),
        pending_sync=r[13],
    )


def fts_query(text: str) -> str | None:
    """An FTS5 query from what was typed: every word must match, the last as a prefix.

    A last word of a single letter is left out until a second one is typed.

    Words are quoted, so punctuation or FTS syntax typed by an officer can
    never make the query fail.
    """
    words = _WORD.findall(text)
    if words and len(words[-1]) < 2:
        # One letter as a prefix matches half the index and has no prefix
        # index behind it; wait for the second letter.
        words = words[:-1]
    if not words:
        return None
    parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " AND ".join(parts)


def _where(flt: RecordFilter, with_text: bool = True, prefix: str = "") -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.record_types:
        clauses.append(f"{prefix}record_type IN ({', '.join('?' for _ in flt.record_types)})")
        params += list(flt.record_types)
    if flt.since:
        clauses.append(f"{prefix}occurred_at >= ?")
        params.append(utc_key(flt.since) or flt.since)
    if flt.until:
        clauses.append(f"{prefix}occurred_at < ?")
        params.append(utc_key(flt.until) or flt.until)
    for column, value in (
        ("checkpoint", flt.checkpoint),
        ("category", flt.category),
        ("result", flt.result),
    ):
        if value:
            clauses.append(f"{prefix}{column} = ?")
            params.append(value)
    if flt.has_seizure is not None:
        clauses.append(f"{prefix}has_seizure = ?")
        params.append(int(flt.has_seizure))
    if flt.unsynced_only:
        clauses.append(f"{prefix}pending_sync > 0")
    if flt.needs_review:
        clauses.append(f"{prefix}needs_review = 1")
    match = fts_query(flt.text) if with_text else None
    if match:
        clauses.append("rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)")
        params.append(match)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _order(sort: str, descending: bool) -> str:
    if sort not in SORTABLE:
        raise KnownError(f"Records cannot be sorted by {sort!r}.")
    direction = "DESC" if descending else "ASC"
    return f" ORDER BY {sort} {direction}, rowid {direction}"


#: Search as you type lists at most this many matches, newest first, then
#: sorted: two letters can match half of 100,000 records, and nobody reads
#: 50,000 rows; typing one more letter narrows it.
TEXT_MATCH_LIMIT = 1000


def list_ids(
    conn: sqlite3.Connection,
    flt: RecordFilter,
    sort: str = "occurred_at",
    descending: bool = True,
    text_limit: int | None = TEXT_MATCH_LIMIT,
) -> list[int]:
    """Row ids of every matching record in order: what a table model keeps in memory.

    With search text, only the newest ``text_limit`` matches are listed (then
    sorted as asked); see :func:`is_capped`.
    """
    match = fts_query(flt.text)
    order = _order(sort, descending)
    if match is None or text_limit is None:
        where, params = _where(flt)
        sql = "SELECT rowid FROM records" + where + order
        return [r[0] for r in conn.execute(sql, params)]
    where, params = _where(flt, with_text=False, prefix="r.")
    # FTS5 walks its matches newest first and stops at the limit; only those
    # few are then sorted by the chosen column.
    filters = where.removeprefix(" WHERE ")
    inner = (
        "SELECT f.rowid FROM records_fts f CROSS JOIN records r ON r.rowid = f.rowid "
        "WHERE records_fts MATCH ?"
        + (" AND " + filters if filters else "")
        + " ORDER BY f.rowid DESC LIMIT ?"
    )
    sql = f"SELECT rowid FROM records WHERE rowid IN ({inner})" + order
    return [r[0] for r in conn.execute(sql, [match, *params, text_limit])]


def is_capped(flt: RecordFilter, count: int, text_limit: int = TEXT_MATCH_LIMIT) -> bool:
    """Whether a list of ``count`` ids for ``flt`` may have left older matches out."""
    return fts_query(flt.text) is not None and count >= text_limit


def rows_for(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, RecordRow]:
    """The list rows of some row ids (a table model's cache fill)."""
    out: dict[int, RecordRow] = {}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        sql = f"SELECT {_ROW_COLUMNS} FROM records WHERE rowid IN ({', '.join('?' for _ in chunk)})"
        for r in conn.execute(sql, chunk):
            out[r[0]] = _row(r)
    return out


def list_records(
    conn: sqlite3.Connection,
    flt: RecordFilter | None = None,
    sort: str = "occurred_at",
    descending: bool = True,
    limit: int = 100,
    offset: int = 0,
) -> list[RecordRow]:
    """One page of matching records."""
    where, params = _where(flt or RecordFilter())
    sql = f"SELECT {_ROW_COLUMNS} FROM records" + where + _order(sort, descending)
    sql += " LIMIT ? OFFSET ?"
    return [_row(r) for r in conn.execute(sql, [*params, limit, offset])]


def count_records(conn: sqlite3.Connection, flt: RecordFilter | None = None) -> int:
    """How many records match."""
    where, params = _where(flt or RecordFilter())
    return int(conn.execute("SELECT count(*) FROM records" + where, params).fetchone()[0])


def search(
    conn: sqlite3.Connection,
    text: str,
    limit: int = 50,
    record_types: tuple[str, ...] | None = None,
) -> list[RecordRow]:
    """Newest records matching what was typed (names, plates, items, narrative)."""
    match = fts_query(text)
    if match is None:
        return []
    sql = (
        f"SELECT {', '.join('r.' + c.strip() for c in _ROW_COLUMNS.split(','))} "
        "FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH ?"
    )
    params: list[Any] = [match]
    if record_types:
        sql += f" AND r.record_type IN ({', '.join('?' for _ in record_types)})"
        params += list(record_types)
    # Newest first: at a checkpoint the record wanted is almost always a
    # recent one, and FTS5 walks its doclists backwards by rowid without
    # scoring every match (ranking all matches of a two-letter prefix is slow).
    sql += " ORDER BY f.rowid DESC LIMIT ?"
    return [_row(r) for r in conn.execute(sql, [*params, limit])]


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a record, as shown in its history."""

    event_id: str
    kind: str
    author: str
    recorded_at: str
    received_at: str | None
    origin: str
    seq: int
    hash: str
    synced: bool
    payload: dict[str, Any]


@dataclass(frozen=True)
class RecordView:
    """A record as finalized, as it stands now, its addenda in order and its history."""

    id: str
    record_type: str
    original: dict[str, Any]
    current: dict[str, Any]
    addenda: list[HistoryEntry]
    history: list[HistoryEntry]
    needs_review: bool
    winner_event_id: str | None
    children: list[RecordRow] = field(default_factory=list)


def history(conn: sqlite3.Connection, record_id: str) -> list[HistoryEntry]:
    """Every event of a record in the order it is applied (time, author, hash, sync state)."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    rows = list(cur.execute("SELECT * FROM events WHERE record_id = ? ORDER BY pos", (record_id,)))
    synced = {r["id"]: r["synced_at"] is not None for r in rows}
    state = compute_state(record_id, (Event.from_row(r) for r in rows))
    return [
        HistoryEntry(
            event_id=e.id,
            kind=e.kind,
            author=e.author,
            recorded_at=e.recorded_at,
            received_at=e.received_at,
            origin=e.origin,
            seq=e.seq,
            hash=e.hash,
            synced=synced[e.id],
            payload=e.payload,
        )
        for e in state.ordered
    ]


def get_record(conn: sqlite3.Connection, record_id: str) -> RecordView:
    """One record with everything an officer or supervisor needs to read it."""
    row = conn.execute(
        "SELECT record_type, original, data, needs_review FROM records WHERE id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"There is no finalized record {record_id}.")
    entries = history(conn, record_id)
    heads = [
        r[0]
        for r in conn.execute("SELECT event_id FROM record_heads WHERE record_id = ?", (record_id,))
    ]
    winner = None
    if heads:
        winner = next((e.event_id for e in reversed(entries) if e.event_id in heads), None)
    children = [
        _row(r)
        for r in conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM records WHERE parent_id = ? ORDER BY occurred_at, rowid",
            (record_id,),
        )
    ]
    return RecordView(
        id=record_id,
        record_type=row[0],
        original=json.loads(row[1]),
        current=json.loads(row[2]),
        addenda=[e for e in entries if e.kind == Kind.ADDENDUM],
        history=entries,
        needs_review=bool(row[3]),
        winner_event_id=winner,
        children=children,
    )


def needs_review(conn: sqlite3.Connection) -> list[RecordRow]:
    """Records with concurrent changes awaiting a supervisor's resolution."""
    return list_records(conn, RecordFilter(record_types=None, needs_review=True), limit=10_000)


def concurrent_changes(conn: sqlite3.Connection, record_id: str) -> list[HistoryEntry]:
    """The concurrent changes of a record awaiting review, in apply order (empty if none)."""
    heads = {
        r[0]
        for r in conn.execute("SELECT event_id FROM record_heads WHERE record_id = ?", (record_id,))
    }
    if not heads:
        return []
    return [e for e in history(conn, record_id) if e.event_id in heads]


@dataclass(frozen=True)
class ChainLink:
    """One hand-over (or return) in an item's chain of custody."""

    record_id: str
    record_type: str
    occurred_at: str
    data: dict[str, Any]


def custody_chains(conn: sqlite3.Connection, seizure_id: str) -> dict[str, list[ChainLink]]:
    """Every hand-over and return of each item of a seizure, oldest first, by exhibit number."""
    chains: dict[str, list[ChainLink]] = {}
    rows = conn.execute(
        "SELECT c.exhibit_number, r.id, r.record_type, c.transferred_at, r.data "
        "FROM custody_links c JOIN records r ON r.id = c.transfer_id "
        "WHERE c.seizure_id = ? ORDER BY c.exhibit_number, c.transferred_at, r.rowid",
        (seizure_id,),
    )
    for exhibit, rid, record_type, moment, data in rows:
        chains.setdefault(exhibit, []).append(
            ChainLink(
                record_id=rid, record_type=record_type, occurred_at=moment, data=json.loads(data)
            )
        )
    return chains


def next_custody_sequence(
    conn: sqlite3.Connection, seizure_id: str, transfer_id: str | None = None
) -> int:
    """The sequence number for a hand-over of a seizure's items.

    One more than the highest so far for the seizure; for a retry of a
    hand-over already stored under ``transfer_id``, the number it was given.
    """
    if transfer_id is not None:
        held = conn.execute(
            "SELECT json_extract(data, '$.sequence') FROM records "
            "WHERE id = ? AND record_type = 'custody_transfer'",
            (transfer_id,),
        ).fetchone()
        if held is not None and held[0] is not None:
            return int(held[0])
    row = conn.execute(
        "SELECT max(json_extract(data, '$.sequence')) FROM records "
        "WHERE parent_id = ? AND record_type = 'custody_transfer'",
        (seizure_id,),
    ).fetchone()
    return int(row[0] or 0) + 1


#: The record type of access events: reads of whole records and exports. An
#: access log is never listed, searched or shown as a record (it has no
#: projection row) and never changes the record it names.
ACCESS_LOG_TYPE = "access_log"


def access_log_id(subject: str, device_id: str) -> str:
    """The record id of one device's access events about ``subject`` (a record id or "export").

    One line per device and subject: only this device appends to it, each event
    naming the one before as its base, so it never forks, here or at HQ.
    """
    return f"access:{subject}:{device_id}"


@dataclass(frozen=True)
class AccessEntry:
    """One logged read of a record (or one export): who, in which role, when, on which device."""

    event_id: str
    officer_id: str
    role: str
    action: str
    accessed_at: str
    origin: str
    payload: dict[str, Any]


def record_access(conn: sqlite3.Connection, subject: str, limit: int = 200) -> list[AccessEntry]:
    """Who read a record (or, with ``"export"``, who exported), newest first, every device."""
    prefix = access_log_id(subject, "")
    # A range on the events' (record_id, pos) index: every device's line for the subject.
    rows = conn.execute(
        "SELECT id, author, recorded_at, origin, payload FROM events "
        "WHERE record_id >= ? AND record_id < ? AND kind = ?",
        (prefix, prefix[:-1] + ";", Kind.ACCESSED),
    ).fetchall()
    rows.sort(key=lambda r: utc_key(r[2]), reverse=True)
    out = []
    for event_id, author, recorded_at, origin, payload in rows[:limit]:
        body = json.loads(payload)
        out.append(
            AccessEntry(
                event_id=event_id,
                officer_id=author,
                role=str(body.get("role", "")),
                action=str(body.get("action", "")),
                accessed_at=recorded_at,
                origin=origin,
                payload=body,
            )
        )
    return out
