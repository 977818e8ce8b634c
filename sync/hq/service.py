"""Headquarters: every HQ operation over its storage, called by the web app and the admin CLI.

Each method is one transaction: it commits before it returns, so an answer
sent to a device only ever describes what is durably stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fieldapp.events import Event
from fieldapp.models.reference import ReferenceData
from fieldapp.store.projections import order_events
from sync.errors import HqStorageError, InvalidInput, NotFound
from sync.hq import (
    attachments,
    enrollment,
    ingest,
    log,
    receipts,
    reference,
    schema,
    uploads,
    wipe,
)
from sync.hq.db import Storage, make_engine, resolve_db_url
from sync.hq.enrollment import Device, EnrollCode
from sync.hq.migrations import migrate
from sync.hq.wipe import WipeReportEntry
from sync.protocol import (
    DEVICE_RECORD_TYPE,
    PROTOCOL_VERSION,
    REFERENCE_RECORD_TYPE,
    AnnotationKind,
    AttachmentStatus,
    AttachmentStored,
    AttachmentUpload,
    EnrollRequest,
    EnrollResponse,
    Health,
    HqKind,
    PullResponse,
    PushResponse,
    ReceiptVerdict,
    Revocation,
    WipeReportReceived,
    WireEvent,
)

Clock = Callable[[], dt.datetime]
HQ_AUTHOR = "hq"
MAX_ANNOTATION_CHARS = 4000


def utc_now() -> dt.datetime:
    """The current time in UTC (HQ stamps everything in UTC)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class RecordConflict:
    """A record HQ holds with concurrent changes: its heads, in the devices' apply order."""

    record_id: str
    record_type: str
    heads: list[Event]

    @property
    def winner(self) -> Event:
        """The head applied last, so shown as current on every device until resolved."""
        return self.heads[-1]


class Headquarters:
    """HQ's operations; one instance per process, shared by all requests."""

    def __init__(self, storage: Storage, clock: Clock = utc_now) -> None:
        self.storage = storage
        self.clock = clock

    @classmethod
    def open(cls, url: str | None = None, clock: Clock = utc_now) -> Headquarters:
        """Open (creating or upgrading) HQ's database at ``url``; see :func:`resolve_db_url`."""
        storage = Storage(make_engine(resolve_db_url(url)))
        try:
            migrate(storage, clock)
            with storage.write() as conn:
                log.ensure_identity(conn, clock())
        except BaseException:
            storage.dispose()
            raise
        return cls(storage, clock)

    def close(self) -> None:
        """Release the database connections."""
        self.storage.dispose()

    def __enter__(self) -> Headquarters:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- administration -------------------------------------------------------------------

    def public_key(self) -> str:
        """HQ's Ed25519 public key (hex), which devices register as origin ``hq``."""
        with self.storage.read() as conn:
            return log.public_key(conn)

    def make_enroll_code(
        self, device_name: str, valid_for: dt.timedelta = dt.timedelta(hours=24)
    ) -> EnrollCode:
        """A one-time code for enrolling a device called ``device_name``."""
        with self.storage.write() as conn:
            return enrollment.make_code(conn, device_name, self.clock(), valid_for)

    def devices(self) -> list[Device]:
        """Every device ever enrolled."""
        with self.storage.read() as conn:
            return enrollment.list_devices(conn)

    def revoke(
        self, device: str, reason: str = "", author: str = HQ_AUTHOR, wipe: bool = True
    ) -> Device:
        """Revoke a device (by id, code or name) and tell every device by an HQ event.

        ``wipe``: the device is asked, at its next contact, to remove the records
        HQ holds (see :mod:`sync.hq.wipe`); otherwise it is only locked. A device
        already revoked with its records kept is asked for the wipe now (a
        laptop first thought lost turns out stolen); its revocation stays as it was.
        """
        now = self.clock()
        with self.storage.write() as conn:
            held = enrollment.find_device(conn, device)
            if held.revoked_at is not None and wipe and not held.wipe:
                return enrollment.request_wipe(conn, held)
            revoked = enrollment.mark_revoked(conn, held, reason.strip(), now, wipe=wipe)
            log.append_hq_event(
                conn,
                record_id=revoked.device_id,
                record_type=DEVICE_RECORD_TYPE,
                kind=HqKind.DEVICE_REVOKED.value,
                author=author,
                payload={
                    "device_id": revoked.device_id,
                    "name": revoked.name,
                    "reason": reason.strip(),
                    "revoked_at": revoked.revoked_at,
                    "wipe": wipe,
                },
                base=None,
                now=now,
            )
        return revoked

    def wipe_reports(self, device: str | None = None) -> list[WipeReportEntry]:
        """The wipe reports revoked devices sent, oldest first (of one device: id, code or
        name)."""
        with self.storage.read() as conn:
            device_id = None if device is None else enrollment.find_device(conn, device).device_id
            return wipe.reports(conn, device_id)

    def publish_reference(self, data: ReferenceData, author: str = HQ_AUTHOR) -> Event:
        """Publish a new version of the reference data to every device."""
        with self.storage.write() as conn:
            return reference.publish(conn, data, author, self.clock())

    def latest_reference(self) -> ReferenceData | None:
        """The reference data devices get now."""
        with self.storage.read() as conn:
            return reference.latest(conn)

    def annotate(
        self, record_id: str, kind: AnnotationKind, text: str, author: str = HQ_AUTHOR
    ) -> Event:
        """Add an HQ-signed annotation (case number, vault receipt, review) to a record."""
        body = text.strip()
        if not body:
            raise InvalidInput("An annotation needs some text.")
        if len(body) > MAX_ANNOTATION_CHARS:
            raise InvalidInput(f"An annotation is at most {MAX_ANNOTATION_CHARS} characters.")
        with self.storage.write() as conn:
            head = log.record_head(conn, record_id)
            if head is None or head[1] in (REFERENCE_RECORD_TYPE, DEVICE_RECORD_TYPE):
                raise NotFound(
                    f"HQ holds no record {record_id}; a record can be annotated once a device "
                    "has synchronised it."
                )
            return log.append_hq_event(
                conn,
                record_id=record_id,
                record_type=head[1],
                kind=HqKind.ANNOTATED.value,
                author=author,
                payload={"annotation": kind.value, "text": body},
                base=head[0],
                now=self.clock(),
            )

    def conflicts(self) -> list[RecordConflict]:
        """Records whose events have more than one head (by the devices' own rule), by id."""
        found = []
        with self.storage.read() as conn:
            for record_id in log.fork_candidates(conn):
                ordered, heads = order_events(log.record_events(conn, record_id))
                if len(heads) > 1:
                    held = set(heads)
                    tips = [e for e in ordered if e.hash in held]
                    found.append(RecordConflict(record_id, tips[0].record_type, tips))
        return found

    def resolve_conflict(
        self, record_id: str, winner_event_id: str, note: str = "", author: str = HQ_AUTHOR
    ) -> Event:
        """Settle a record's concurrent changes with an HQ-signed ``conflict_resolved`` event.

        The payload is the one a device's supervisor writes
        (:meth:`fieldapp.services.amend.Amendments.resolve_conflict`), so
        devices apply it the same way: the winner's change is what shows.
        """
        body = note.strip()
        if len(body) > MAX_ANNOTATION_CHARS:
            raise InvalidInput(f"A resolution note is at most {MAX_ANNOTATION_CHARS} characters.")
        now = self.clock()
        with self.storage.write() as conn:
            log.lock_hq_chain(conn)  # two resolutions of the same heads: one waits, then refuses
            events = [
                e
                for e in log.record_events(conn, record_id)
                if e.record_type not in (REFERENCE_RECORD_TYPE, DEVICE_RECORD_TYPE)
            ]
            if not events:
                raise NotFound(f"HQ holds no record {record_id}.")
            ordered, heads = order_events(events)
            if len(heads) < 2:
                raise InvalidInput(
                    f"Record {record_id} has no conflicting changes to resolve: each of its "
                    "changes follows the one before.",
                    code="no_conflict",
                )
            held = set(heads)
            tips = {e.id: e for e in ordered if e.hash in held}
            winner = tips.get(winner_event_id.strip())
            if winner is None:
                raise InvalidInput(
                    f"Event {winner_event_id} is not one of record {record_id}'s concurrent "
                    f"changes; choose one of {', '.join(tips)}.",
                    code="not_a_head",
                )
            return log.append_hq_event(
                conn,
                record_id=record_id,
                record_type=winner.record_type,
                kind=HqKind.CONFLICT_RESOLVED.value,
                author=author,
                payload={
                    "resolves": sorted(heads),
                    "winner_event_id": winner.id,
                    "note": body,
                    "resolved_at": now.isoformat(),
                },
                base=winner.hash,
                now=now,
            )

    def alarms(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest tampering alarms, newest first."""
        a = schema.alarms
        with self.storage.read() as conn:
            rows = conn.execute(select(a).order_by(a.c.pos.desc()).limit(limit)).mappings()
            return [dict(r) for r in rows]

    def quarantined(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest quarantined events (without their bodies), newest first."""
        q = schema.quarantine
        columns = [c for c in q.c if c.name != "body"]
        with self.storage.read() as conn:
            rows = conn.execute(select(*columns).order_by(q.c.pos.desc()).limit(limit)).mappings()
            return [dict(r) for r in rows]

    def backup(self, target: Path) -> int:
        """Copy a SQLite HQ database, consistently, while HQ runs; returns the bytes written."""
        source = self.storage.sqlite_path()
        if source is None:
            raise HqStorageError(
                "fieldapp-hq backup copies a SQLite file; back up PostgreSQL with pg_dump."
            )
        if target.exists():
            raise InvalidInput(f"{target} already exists; choose a new file for the backup.")
        partial = target.with_name(f".{target.name}.partial")
        try:
            with (
                contextlib.closing(sqlite3.connect(source)) as src,
                contextlib.closing(sqlite3.connect(partial)) as dst,
            ):
                src.backup(dst)
            partial.replace(target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise HqStorageError(f"The backup to {target} failed: {exc}.") from exc
        return target.stat().st_size

    # -- the device API ---------------------------------------------------------------------

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        """Exchange a one-time code for a device token, HQ's key and the reference data."""
        with self.storage.write() as conn:
            device, token = enrollment.enroll(conn, request, self.clock())
            hq_key = log.public_key(conn)
            data = reference.latest(conn)
        return EnrollResponse(
            device_id=device.device_id,
            device_name=device.name,
            token=token,
            hq_public_key=hq_key,
            reference=data,
        )

    def authenticate(self, authorization: str | None, *, allow_revoked: bool = False) -> Device:
        """The device an ``Authorization`` header belongs to (refusing revoked ones unless
        ``allow_revoked``: only the revocation requests take those)."""
        with self.storage.read() as conn:
            return enrollment.authenticate(conn, authorization, allow_revoked=allow_revoked)

    def revocation(self, device: Device) -> Revocation:
        """Whether HQ revoked ``device`` and asks it to remove the records HQ holds."""
        return wipe.revocation(device)

    def receive_wipe_report(self, device: Device, event: WireEvent) -> WipeReportReceived:
        """Check and keep a revoked device's signed ``device_wiped`` event (never in HQ's log)."""
        with self.storage.write() as conn:
            return wipe.receive(conn, device, event, self.clock())

    def push(
        self, device: Device, events: list[WireEvent], *, plain_json: bool = False
    ) -> PushResponse:
        """Take a batch of the device's events; the answer describes what is committed.

        ``plain_json``: the events were parsed from JSON holding no float, NaN
        or Infinity (see :func:`sync.hq.http.parse_plain_json`).
        """
        with self.storage.write() as conn:
            return ingest.push(conn, device, events, self.clock(), plain_json=plain_json)

    def pull(self, after: int, limit: int) -> PullResponse:
        """HQ's own events after the cursor ``after``."""
        with self.storage.read() as conn:
            head = log.hq_head_seq(conn)
            found = log.hq_events_after(conn, after, limit + 1)
        page = found[:limit]
        return PullResponse(
            events=[WireEvent.from_event(e) for e in page],
            next_cursor=page[-1].seq if page else after,
            has_more=len(found) > limit,
            hq_head_seq=head,
        )

    def attachment_size(self, sha256: str) -> int | None:
        """The size of a held attachment, or None."""
        with self.storage.read() as conn:
            return attachments.size_of(conn, sha256)

    def store_attachment(self, device: Device, sha256: str, data: bytes) -> AttachmentStored:
        """Keep an uploaded file whose hash was checked by the caller."""
        with self.storage.write() as conn:
            stored = attachments.store(conn, sha256, data, device.device_id, self.clock())
            uploads.discard(conn, sha256, device.device_id)  # a partial of it is moot now
        return AttachmentStored(sha256=sha256, size=len(data), stored=stored)

    def upload_state(self, device: Device, sha256: str) -> AttachmentUpload:
        """How much of a file HQ holds for this device (see :mod:`sync.hq.uploads`)."""
        with self.storage.read() as conn:
            return uploads.state(conn, sha256, device.device_id)

    def append_attachment_chunk(
        self, device: Device, sha256: str, start: int, size: int, data: bytes
    ) -> AttachmentUpload:
        """Keep a chunk of a file, and the whole once complete and its hash checked.

        Raises :class:`~sync.hq.uploads.OffsetMismatch` (409) for a chunk at the
        wrong offset, and ``hash_mismatch`` (422) after discarding a whole that
        does not hash to ``sha256`` (committed first, so the device starts over).
        """
        with self.storage.write() as conn:
            appended = uploads.append(
                conn, sha256, device.device_id, start, size, data, self.clock()
            )
        if appended.mismatch is not None:
            raise InvalidInput(
                f"The {size} bytes uploaded hash to {appended.mismatch}, not {sha256}: the file "
                "was damaged on the way or is another file. HQ discarded them; upload the file "
                "again from the start.",
                code="hash_mismatch",
            )
        return appended.state

    def discard_stale_uploads(self, older_than: dt.timedelta = uploads.KEEP_PARTIAL) -> int:
        """Discard partial uploads untouched for ``older_than``; how many went."""
        with self.storage.write() as conn:
            return uploads.discard_stale(conn, self.clock(), older_than, limit=2**31)

    def attachment_status(self, device: Device) -> AttachmentStatus:
        """Which attachments named by the device's events HQ holds."""
        with self.storage.read() as conn:
            return attachments.status(conn, device.device_id)

    def verify_receipt(
        self, receipt_number: str, digest: str, record_id: str | None = None
    ) -> ReceiptVerdict:
        """Whether a receipt number and hash match a receipt issued by a device."""
        with self.storage.read() as conn:
            return receipts.verify(conn, receipt_number, digest, record_id)

    def health(self) -> Health:
        """A check that the database answers (raises the database error if not)."""
        with self.storage.read() as conn:
            key = log.public_key(conn)
        return Health(
            status="ok",
            protocol_version=PROTOCOL_VERSION,
            server_time=self.clock().isoformat(),
            hq_public_key=key,
        )
