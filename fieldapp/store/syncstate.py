"""What this device knows about its sync with HQ: enrollment, acknowledgements, cursor, problems.

The sync client (``sync.client``) talks HTTP; everything it learns is kept
here, in the profile's database, so that whatever is lost on the network or
by a crash, the next sync starts from the truth:

- an own event is marked synced only from HQ's answer (``acked_seq`` and the
  hash at it), and unmarked again if HQ later holds less (HQ restored from a
  backup), so it is sent again;
- HQ's events are ingested and the pull cursor moves in one transaction;
- events HQ refused are kept with HQ's reason until HQ takes them;
- once HQ revokes the device, whether HQ asked for a wipe, the wipe
  (:mod:`fieldapp.store.wipe`) and whether HQ received its report.

Reads that the desktop program makes off its UI thread are plain functions
over any connection (:func:`read_summary`, :func:`read_waiting_by_type`);
writes go through :class:`SyncState` on the store's single writer.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlite_utils

from fieldapp.errors import EventRejected, SyncMismatch
from fieldapp.events import Event, now, scalar_text
from fieldapp.store import eventlog, projections
from fieldapp.store import wipe as wiping
from fieldapp.store.db import sqlite_errors

if TYPE_CHECKING:
    from fieldapp.models.reference import ReferenceData
    from fieldapp.store.store import Store

# The values of sync.protocol (which the core may not import); a test keeps them equal.
HQ_ORIGIN = "hq"
REFERENCE_PUBLISHED = "reference_published"
DEVICE_REVOKED = "device_revoked"
REFERENCE_RECORD_ID = "reference"

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Enrollment:
    """The HQ this device is enrolled with, and the token its requests carry."""

    hq_url: str
    device_name: str
    token: str = field(repr=False)
    hq_public_key: str
    enrolled_at: str
    hq_ca_pem: str | None = field(default=None, repr=False)
    """The certificate authority (PEM) HQ's TLS certificate must come from; None: the
    system's trust store (or plain HTTP on loopback)."""


class QuarantineEntry(NamedTuple):
    """One of this device's events HQ refused, as HQ's answer names it."""

    event_id: str
    seq: int
    code: str
    reason: str


@dataclass(frozen=True)
class QuarantineRecord:
    """A refused event as kept here: HQ's code and sentence, first and last time refused."""

    event_id: str
    seq: int
    code: str
    reason: str
    first_seen_at: str
    last_seen_at: str


@dataclass(frozen=True)
class AckOutcome:
    """What an acknowledgement changed: events newly marked synced, and marks taken back."""

    marked: int
    unmarked: int


@dataclass(frozen=True)
class PullOutcome:
    """What applying a page of HQ's events changed."""

    ingested: int
    reference_version: int | None = None
    """The version of reference data now in use, when this page replaced it."""
    revoked: bool = False
    """True when the page revoked this device."""


@dataclass(frozen=True)
class SyncSummary:
    """Everything worth showing about sync, read in one go."""

    hq_url: str | None
    device_name: str | None
    enrolled_at: str | None
    waiting: int
    """This device's events HQ has not acknowledged."""
    acknowledged: int
    """This device's events HQ acknowledged."""
    quarantined: tuple[QuarantineRecord, ...]
    last_success_at: str | None
    last_failure_at: str | None
    last_failure: str | None
    """The sentence of the last failed sync, until a sync succeeds."""
    pull_cursor: int
    reference_version: int | None
    """The version of HQ's reference data in use (None: the bundled data)."""
    revoked_at: str | None
    revoked_reason: str | None
    wipe_requested: bool | None = None
    """Whether HQ asked this revoked device to wipe (None: not known yet)."""
    wipe: WipeRecord | None = None
    """The wipe this device made at HQ's request, if any."""

    @property
    def enrolled(self) -> bool:
        """True once the device has enrolled with an HQ."""
        return self.hq_url is not None

    @property
    def revoked(self) -> bool:
        """True once HQ has revoked this device."""
        return self.revoked_at is not None


@dataclass(frozen=True)
class WipeRecord:
    """The remote wipe this device made (from its ``device_wiped`` event)."""

    event_id: str
    wiped_at: str
    records_wiped: int
    records_kept: int
    kept_record_ids: tuple[str, ...]
    files_removed: int
    reported_at: str | None
    """When HQ confirmed it received the report (None: not yet)."""

    @property
    def reported(self) -> bool:
        """True once HQ has the report."""
        return self.reported_at is not None


def read_wipe(conn: sqlite3.Connection) -> WipeRecord | None:
    """The wipe this device made, or None (any connection)."""
    row = conn.execute(
        "SELECT e.id, e.payload, s.wipe_reported_at FROM sync_status s "
        "JOIN events e ON e.id = s.wipe_event_id WHERE s.id = 1"
    ).fetchone()
    if row is None:
        return None
    payload = json.loads(row[1])
    return WipeRecord(
        event_id=str(row[0]),
        wiped_at=str(payload.get("wiped_at", "")),
        records_wiped=int(payload.get("records_wiped", 0)),
        records_kept=int(payload.get("records_kept", 0)),
        kept_record_ids=tuple(payload.get("kept_record_ids", [])),
        files_removed=int(payload.get("files_removed", 0)),
        reported_at=row[2],
    )


@dataclass(frozen=True)
class WaitingByType:
    """What waits for HQ, by record type."""

    events: dict[str, int]
    """Record type -> this device's events of that type HQ has not acknowledged."""
    never_synced: dict[str, int]
    """Record type -> records none of whose events HQ has acknowledged."""


_WIRE_HEAD = (
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
)


def _wire_text(get: Callable[[str], Any], payload_text: str) -> bytes:
    """The wire JSON of an event whose fields ``get`` returns by name.

    The fields of :meth:`Event.to_dict`, in its order, compact, with the
    payload spliced in as its canonical text. Made by hand rather than by
    ``json.dumps``: every field is text, a whole number or null, written by
    the same encoder ``json.dumps`` uses, so the bytes are the same.
    """
    parts = [f'"{name}":{scalar_text(get(name))}' for name in _WIRE_HEAD]
    parts.append(f'"payload":{payload_text}')
    parts.append(f'"hash":{scalar_text(get("hash"))}')
    parts.append(f'"signature":{scalar_text(get("signature"))}')
    received = get("received_at")
    if received is not None:
        parts.append(f'"received_at":{scalar_text(received)}')
    return ("{" + ",".join(parts) + "}").encode("utf-8")


def wire_json(event: Event) -> bytes:
    """An event as it is sent to HQ (compact UTF-8 JSON); also what batch sizes count.

    The fields of :meth:`Event.to_dict`, in its order, with the payload as its
    canonical text (already at hand for stored events, so it is not written
    again). Kept on the event, so it is made once.
    """
    made: bytes | None = getattr(event, "_wire_json", None)
    if made is not None:
        return made
    made = _wire_text(lambda name: getattr(event, name), event.payload_text())
    object.__setattr__(event, "_wire_json", made)  # frozen, as with_payload_text does
    return made


@dataclass(frozen=True)
class PendingEvent:
    """One of this device's events waiting for HQ, in the form it is sent."""

    seq: int
    id: str
    wire: bytes
    """Exactly :func:`wire_json` of the stored event."""


def _device_id(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM identity WHERE key = 'device_id'").fetchone()
    return "" if row is None else str(row[0])


def read_enrollment(conn: sqlite3.Connection) -> Enrollment | None:
    """The enrollment record, or None when the device is not enrolled (any connection)."""
    row = conn.execute(
        "SELECT hq_url, device_name, token, hq_public_key, enrolled_at, hq_ca_pem "
        "FROM sync_enrollment"
    ).fetchone()
    if row is None:
        return None
    return Enrollment(
        hq_url=row[0],
        device_name=row[1],
        token=row[2],
        hq_public_key=row[3],
        enrolled_at=row[4],
        hq_ca_pem=row[5],
    )


def read_quarantine(conn: sqlite3.Connection) -> tuple[QuarantineRecord, ...]:
    """Every event HQ still refuses, in seq order (any connection)."""
    rows = conn.execute(
        "SELECT event_id, seq, code, reason, first_seen_at, last_seen_at FROM sync_quarantine "
        "ORDER BY seq"
    ).fetchall()
    return tuple(QuarantineRecord(*r) for r in rows)


def read_summary(conn: sqlite3.Connection) -> SyncSummary:
    """Enrollment, counts, last success and failure, cursor (indexed reads, any connection)."""
    device_id = _device_id(conn)
    enrollment = read_enrollment(conn)
    status = conn.execute(
        "SELECT pull_cursor, reference_version, last_success_at, last_failure_at, last_failure, "
        "revoked_at, revoked_reason, wipe_requested FROM sync_status WHERE id = 1"
    ).fetchone()
    head = conn.execute("SELECT head_seq FROM origins WHERE origin = ?", (device_id,)).fetchone()
    waiting = int(
        conn.execute(
            "SELECT count(*) FROM events WHERE origin = ? AND synced_at IS NULL", (device_id,)
        ).fetchone()[0]
    )
    total = 0 if head is None else int(head[0])
    return SyncSummary(
        hq_url=None if enrollment is None else enrollment.hq_url,
        device_name=None if enrollment is None else enrollment.device_name,
        enrolled_at=None if enrollment is None else enrollment.enrolled_at,
        waiting=waiting,
        acknowledged=total - waiting,
        quarantined=read_quarantine(conn),
        last_success_at=status[2],
        last_failure_at=status[3],
        last_failure=status[4],
        pull_cursor=int(status[0]),
        reference_version=status[1],
        revoked_at=status[5],
        revoked_reason=status[6],
        wipe_requested=None if status[7] is None else bool(status[7]),
        wipe=read_wipe(conn),
    )


def read_waiting_by_type(conn: sqlite3.Connection) -> WaitingByType:
    """Events waiting for HQ and records HQ has never received, by record type (any connection)."""
    events = dict(
        conn.execute(
            "SELECT record_type, count(*) FROM events WHERE synced_at IS NULL GROUP BY record_type"
        ).fetchall()
    )
    never = dict(
        conn.execute(
            "SELECT record_type, count(*) FROM records "
            "WHERE pending_sync > 0 AND pending_sync = event_count GROUP BY record_type"
        ).fetchall()
    )
    return WaitingByType(events=events, never_synced=never)


@dataclass(frozen=True)
class RevokedOrigin:
    """Another device HQ revoked: its events signed after ``revoked_at`` are not to be trusted."""

    origin: str
    label: str
    revoked_at: str
    """When HQ revoked it (ISO 8601, HQ's time)."""
    known_key: bool
    """True when this device holds the origin's public key (it has held its events)."""

    def signed_after(self, recorded_at: str) -> bool:
        """True when an event recorded at ``recorded_at`` comes after the revocation.

        A time that cannot be compared (unreadable, or without an offset) counts
        as after: the revoked key may have written anything.
        """
        try:
            revoked = dt.datetime.fromisoformat(self.revoked_at)
            recorded = dt.datetime.fromisoformat(recorded_at)
            return recorded >= revoked
        except (TypeError, ValueError):
            return True


def read_revoked_origins(conn: sqlite3.Connection) -> dict[str, RevokedOrigin]:
    """Other origins HQ revoked, by origin id (any connection).

    This device's own revocation is in :class:`SyncSummary` (``revoked_at``):
    it is recorded there, not on the origin, so the device keeps its own log.
    """
    rows = conn.execute(
        "SELECT origin, label, revoked_at, public_key FROM origins "
        "WHERE revoked_at IS NOT NULL ORDER BY origin"
    ).fetchall()
    return {r[0]: RevokedOrigin(r[0], r[1], r[2], bool(r[3])) for r in rows}


def _revoked_at(event: Event) -> str:
    """When a ``device_revoked`` event says the device was revoked (else when HQ recorded it)."""
    at = event.payload.get("revoked_at")
    return at if isinstance(at, str) and at else event.recorded_at


def _revoke_origin(db: sqlite_utils.Database, origin: str, at: str, label: str) -> None:
    """Mark another device's origin revoked from ``at``; the first revocation is kept.

    A device this one has never heard of gets an origin row without a key, so
    the revocation holds if that device's key and events ever arrive:
    :func:`eventlog.ingest` refuses events of a revoked origin.
    """
    db.execute(
        "INSERT INTO origins (origin, public_key, label, revoked_at) VALUES (?, '', ?, ?) "
        "ON CONFLICT (origin) DO UPDATE SET revoked_at = excluded.revoked_at "
        "WHERE origins.revoked_at IS NULL",
        (origin, label, at),
    )


_REFRESH_CHUNK = 500


def _refresh_pending(db: sqlite_utils.Database, record_ids: Iterable[str]) -> None:
    ids = list(record_ids)
    for at in range(0, len(ids), _REFRESH_CHUNK):
        chunk = ids[at : at + _REFRESH_CHUNK]
        db.execute(
            "UPDATE records SET pending_sync = (SELECT count(*) FROM events "
            "WHERE events.record_id = records.id AND synced_at IS NULL) "
            f"WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )


class SyncState:
    """Sync bookkeeping of one profile, written through its store's single writer."""

    def __init__(self, store: Store, clock: Clock = now) -> None:
        self.store = store
        self.clock = clock

    @property
    def device_id(self) -> str:
        """This device's id (the origin of its own events)."""
        return self.store.device.device_id

    def _stamp(self) -> str:
        return self.clock().isoformat()

    def _read(self) -> sqlite3.Connection:
        return self.store.conn

    # -- enrollment ----------------------------------------------------------------------

    def enrollment(self) -> Enrollment | None:
        """The enrollment record, or None when not enrolled."""
        with sqlite_errors(self.store.path):
            return read_enrollment(self._read())

    def save_enrollment(
        self,
        *,
        hq_url: str,
        device_name: str,
        token: str,
        hq_public_key: str,
        reference: ReferenceData | None = None,
        hq_ca_pem: str | None = None,
    ) -> Enrollment:
        """Record an enrollment: HQ's key as origin ``hq``, the token, HQ's reference data,
        and the certificate authority (PEM) later syncs trust HQ's certificate from.

        All in one transaction. Enrolling again with the same HQ (same key)
        replaces the token and address; another HQ is refused, because this
        device's log already trusts the first one's key.
        """
        enrolled = Enrollment(
            hq_url=hq_url,
            device_name=device_name,
            token=token,
            hq_public_key=hq_public_key,
            enrolled_at=self._stamp(),
            hq_ca_pem=hq_ca_pem,
        )
        with self.store.transaction() as db:
            held = db.execute(
                "SELECT public_key FROM origins WHERE origin = ?", (HQ_ORIGIN,)
            ).fetchone()
            if held is not None and held[0] != hq_public_key:
                raise SyncMismatch(
                    f"This device already trusts another HQ (another key) and keeps its events; "
                    f"the HQ at {hq_url} is not that one. Enroll a new profile with it instead."
                )
            eventlog.register_origin(db, HQ_ORIGIN, hq_public_key, "HQ")
            db.execute(
                "INSERT INTO sync_enrollment (id, hq_url, device_name, token, hq_public_key, "
                "enrolled_at, hq_ca_pem) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                "SET hq_url = excluded.hq_url, device_name = excluded.device_name, "
                "token = excluded.token, hq_public_key = excluded.hq_public_key, "
                "enrolled_at = excluded.enrolled_at, hq_ca_pem = excluded.hq_ca_pem",
                (hq_url, device_name, token, hq_public_key, enrolled.enrolled_at, hq_ca_pem),
            )
            if reference is not None:
                self._use_reference(db, reference)
        return enrolled

    def _use_reference(self, db: sqlite_utils.Database, reference: ReferenceData) -> bool:
        """Put HQ's reference data in use unless a newer version from HQ already is."""
        held = db.execute("SELECT reference_version FROM sync_status WHERE id = 1").fetchone()[0]
        if held is not None and reference.version <= held:
            return False
        self.store.set_reference(reference.version, reference.model_dump(mode="json"))
        db.execute(
            "UPDATE sync_status SET reference_version = ? WHERE id = 1", (reference.version,)
        )
        return True

    # -- pushing -------------------------------------------------------------------------

    def pending_events(self, limit: int, max_bytes: int, after_seq: int = 0) -> list[PendingEvent]:
        """This device's events HQ has not acknowledged, in seq order, after ``after_seq``.

        At most ``limit`` events whose wire sizes (plus a separator each) add
        up to at most ``max_bytes``; the first event is returned even when it
        alone is larger, so the caller can say which one it is. The wire form
        is made straight from the stored row: the payload is not parsed.
        """
        if limit < 1:
            return []
        cur = self._read().cursor()
        cur.row_factory = sqlite3.Row
        with sqlite_errors(self.store.path):
            rows = cur.execute(
                "SELECT * FROM events WHERE origin = ? AND synced_at IS NULL AND seq > ? "
                "ORDER BY seq LIMIT ?",
                (self.device_id, after_seq, limit),
            ).fetchall()
        batch: list[PendingEvent] = []
        size = 0
        for row in rows:
            wire = _wire_text(row.__getitem__, row["payload"])
            size += len(wire) + 1
            if batch and size > max_bytes:
                break
            batch.append(PendingEvent(seq=row["seq"], id=row["id"], wire=wire))
        return batch

    def acked_seq(self) -> int:
        """The highest seq such that every own event up to it is marked synced."""
        with sqlite_errors(self.store.path):
            row = (
                self._read()
                .execute(
                    "SELECT min(seq) FROM events WHERE origin = ? AND synced_at IS NULL",
                    (self.device_id,),
                )
                .fetchone()
            )
            if row[0] is not None:
                return int(row[0]) - 1
            head = (
                self._read()
                .execute("SELECT head_seq FROM origins WHERE origin = ?", (self.device_id,))
                .fetchone()
            )
        return 0 if head is None else int(head[0])

    def mark_acked(self, acked_seq: int, acked_hash: str | None) -> AckOutcome:
        """Take HQ's acknowledgement: own events up to ``acked_seq`` are synced, later ones not.

        The hash HQ holds at ``acked_seq`` must be this device's; otherwise
        nothing is marked and :class:`SyncMismatch` says so. Events marked
        earlier above ``acked_seq`` are unmarked (HQ no longer holds them, e.g.
        restored from a backup) so that they are sent again.
        """
        own = self.device_id
        stamp = self._stamp()
        with self.store.transaction() as db:
            if acked_seq > 0:
                row = db.execute(
                    "SELECT hash FROM events WHERE origin = ? AND seq = ?", (own, acked_seq)
                ).fetchone()
                if row is None:
                    raise SyncMismatch(
                        f"HQ says it holds this device's events up to #{acked_seq}, but this "
                        "device has not recorded that many: HQ may be mixing this device up "
                        "with another one. Nothing was marked as synced; tell HQ."
                    )
                if row[0] != acked_hash:
                    raise SyncMismatch(
                        f"HQ holds a different event #{acked_seq} of this device than this "
                        "device does: one of the two logs was altered. Nothing was marked as "
                        "synced; tell HQ."
                    )
            to_mark = [
                r[0]
                for r in db.execute(
                    "SELECT DISTINCT record_id FROM events WHERE origin = ? AND seq <= ? "
                    "AND synced_at IS NULL",
                    (own, acked_seq),
                ).fetchall()
            ]
            marked = db.execute(
                "UPDATE events SET synced_at = ? WHERE origin = ? AND seq <= ? "
                "AND synced_at IS NULL",
                (stamp, own, acked_seq),
            ).rowcount
            to_unmark: list[str] = []
            unmarked = 0
            # Two index-only counts say whether any event above the ack is marked (rare:
            # HQ restored from a backup), which spares reading every later event's row.
            above = db.execute(
                "SELECT count(*) FROM events WHERE origin = ? AND seq > ?", (own, acked_seq)
            ).fetchone()[0]
            waiting_above = db.execute(
                "SELECT count(*) FROM events WHERE origin = ? AND seq > ? AND synced_at IS NULL",
                (own, acked_seq),
            ).fetchone()[0]
            if above != waiting_above:
                to_unmark = [
                    r[0]
                    for r in db.execute(
                        "SELECT DISTINCT record_id FROM events WHERE origin = ? AND seq > ? "
                        "AND synced_at IS NOT NULL",
                        (own, acked_seq),
                    ).fetchall()
                ]
                unmarked = db.execute(
                    "UPDATE events SET synced_at = NULL WHERE origin = ? AND seq > ? "
                    "AND synced_at IS NOT NULL",
                    (own, acked_seq),
                ).rowcount
            _refresh_pending(db, sorted(set(to_mark) | set(to_unmark)))
            db.execute("DELETE FROM sync_quarantine WHERE seq <= ?", (acked_seq,))
        return AckOutcome(marked=int(marked), unmarked=int(unmarked))

    def record_quarantine(self, entries: Iterable[QuarantineEntry]) -> None:
        """Keep events HQ refused, with HQ's code and reason (the latest refusal wins)."""
        stamp = self._stamp()
        with self.store.transaction() as db:
            for entry in entries:
                db.execute(
                    "INSERT INTO sync_quarantine (event_id, seq, code, reason, first_seen_at, "
                    "last_seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE "
                    "SET seq = excluded.seq, code = excluded.code, reason = excluded.reason, "
                    "last_seen_at = excluded.last_seen_at",
                    (entry.event_id, entry.seq, entry.code, entry.reason, stamp, stamp),
                )

    def quarantined(self) -> tuple[QuarantineRecord, ...]:
        """Every event HQ still refuses, in seq order."""
        with sqlite_errors(self.store.path):
            return read_quarantine(self._read())

    # -- pulling -------------------------------------------------------------------------

    def pull_cursor(self) -> int:
        """HQ's seq of the last HQ event applied here (0 before the first pull)."""
        with sqlite_errors(self.store.path):
            row = self._read().execute("SELECT pull_cursor FROM sync_status WHERE id = 1")
            return int(row.fetchone()[0])

    def apply_pulled(self, events: Sequence[Event], next_cursor: int) -> PullOutcome:
        """Ingest a page of HQ's events and move the cursor, in one transaction.

        New reference data replaces the one in use; a revocation of this
        device is recorded, and one of another device marks that device's
        origin revoked (:func:`read_revoked_origins`). If any event is refused
        (:class:`EventRejected`), nothing of the page is kept and the cursor stays.
        """
        ingested = 0
        reference_version: int | None = None
        revoked = False
        with self.store.transaction() as db:
            for event in events:
                if eventlog.ingest(db, event):
                    projections.project(db, event.record_id)
                    ingested += 1
                if event.origin != HQ_ORIGIN:
                    continue
                if event.kind == REFERENCE_PUBLISHED and event.record_id == REFERENCE_RECORD_ID:
                    data = self._reference_of(event)
                    if self._use_reference(db, data):
                        reference_version = data.version
                elif event.kind == DEVICE_REVOKED and event.record_id == self.device_id:
                    reason = event.payload.get("reason")
                    self._revoke(db, reason if isinstance(reason, str) else "", _revoked_at(event))
                    revoked = True
                elif event.kind == DEVICE_REVOKED and event.record_id != HQ_ORIGIN:
                    name = event.payload.get("name")
                    _revoke_origin(
                        db,
                        event.record_id,
                        _revoked_at(event),
                        name if isinstance(name, str) else "",
                    )
            db.execute("UPDATE sync_status SET pull_cursor = ? WHERE id = 1", (next_cursor,))
        return PullOutcome(ingested=ingested, reference_version=reference_version, revoked=revoked)

    @staticmethod
    def _reference_of(event: Event) -> ReferenceData:
        from pydantic import ValidationError

        from fieldapp.models.reference import ReferenceData

        try:
            return ReferenceData.model_validate(event.payload)
        except ValidationError as exc:
            raise EventRejected(
                f"HQ's reference data in event {event.id} cannot be read by this version of "
                f"the program ({exc.error_count()} problems); the program may need updating."
            ) from exc

    # -- outcomes ------------------------------------------------------------------------

    def record_success(self) -> None:
        """A sync ran to the end: remember when, and forget the last failure."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE sync_status SET last_success_at = ?, last_failure_at = NULL, "
                "last_failure = NULL WHERE id = 1",
                (self._stamp(),),
            )

    def record_failure(self, sentence: str) -> None:
        """A sync failed: remember the sentence saying why, and when."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE sync_status SET last_failure_at = ?, last_failure = ? WHERE id = 1",
                (self._stamp(), sentence),
            )

    def record_revoked(self, reason: str, at: str | None = None) -> None:
        """HQ revoked this device (said in an answer or a pulled event); kept once."""
        with self.store.transaction() as db:
            self._revoke(db, reason, at or self._stamp())

    @staticmethod
    def _revoke(db: sqlite_utils.Database, reason: str, at: str) -> None:
        db.execute(
            "UPDATE sync_status SET revoked_at = ?, revoked_reason = ? "
            "WHERE id = 1 AND revoked_at IS NULL",
            (at, reason),
        )

    # -- revocation and remote wipe ---------------------------------------------------

    def record_revocation(self, revoked_at: str | None, reason: str | None, wipe: bool) -> None:
        """What HQ says of this device's revocation: when, why, and whether to wipe.

        HQ's own time and reason replace what an earlier refusal let the
        device guess.
        """
        with self.store.transaction() as db:
            db.execute(
                "UPDATE sync_status SET revoked_at = coalesce(?, revoked_at, ?), "
                "revoked_reason = ?, wipe_requested = ? WHERE id = 1",
                (revoked_at, self._stamp(), reason or "", int(wipe)),
            )

    def wipe(self) -> wiping.WipeOutcome | None:
        """Remove the records HQ holds (HQ asked); None when not asked or already done.

        See :mod:`fieldapp.store.wipe`. Files are removed after the commit.
        """
        from fieldapp.attachments import AttachmentStore

        summary = self.summary()
        if not summary.revoked or not summary.wipe_requested or summary.wipe is not None:
            return None
        files = AttachmentStore(self.store.path.parent, self.store.key)
        return wiping.wipe(
            self.store,
            files,
            revoked_at=summary.revoked_at or "",
            reason=summary.revoked_reason or "",
            clock=self.clock,
        )

    def finish_wipe(self) -> int:
        """Remove any file a wipe named that is still here (after a crash); how many."""
        from fieldapp.attachments import AttachmentStore

        files = AttachmentStore(self.store.path.parent, self.store.key)
        return wiping.remove_wiped_files(self.store, files)

    def pending_wipe_report(self) -> Event | None:
        """The ``device_wiped`` event HQ has not confirmed receiving, or None."""
        with sqlite_errors(self.store.path):
            cur = self._read().cursor()
            cur.row_factory = sqlite3.Row
            row = cur.execute(
                "SELECT e.* FROM sync_status s JOIN events e ON e.id = s.wipe_event_id "
                "WHERE s.id = 1 AND s.wipe_reported_at IS NULL"
            ).fetchone()
        return None if row is None else Event.from_row(row)

    def mark_wipe_reported(self, at: str) -> None:
        """HQ confirmed it holds the wipe report (its time)."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE sync_status SET wipe_reported_at = coalesce(wipe_reported_at, ?) "
                "WHERE id = 1",
                (at,),
            )

    def confirm_files(self, up_to_seq: int) -> None:
        """HQ holds every file this device's events up to ``up_to_seq`` name."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE sync_status SET files_confirmed_seq = max(files_confirmed_seq, ?) "
                "WHERE id = 1",
                (up_to_seq,),
            )

    def summary(self) -> SyncSummary:
        """Enrollment, counts, last success and failure, cursor."""
        with sqlite_errors(self.store.path):
            return read_summary(self._read())


__all__ = [
    "DEVICE_REVOKED",
    "HQ_ORIGIN",
    "REFERENCE_PUBLISHED",
    "REFERENCE_RECORD_ID",
    "AckOutcome",
    "Enrollment",
    "PendingEvent",
    "PullOutcome",
    "QuarantineEntry",
    "QuarantineRecord",
    "RevokedOrigin",
    "SyncState",
    "SyncSummary",
    "WaitingByType",
    "WipeRecord",
    "read_enrollment",
    "read_quarantine",
    "read_revoked_origins",
    "read_summary",
    "read_waiting_by_type",
    "read_wipe",
    "wire_json",
]
