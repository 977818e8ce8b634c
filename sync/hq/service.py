"""Headquarters: every HQ operation over its storage, called by the web app and the admin CLI.

Each method is one transaction: it commits before it returns, so an answer
sent to a device only ever describes what is durably stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fieldapp.events import Event
from fieldapp.models.reference import ReferenceData
from sync.errors import HqStorageError, InvalidInput, NotFound
from sync.hq import attachments, enrollment, ingest, log, receipts, reference, schema
from sync.hq.db import Storage, make_engine, resolve_db_url
from sync.hq.enrollment import Device, EnrollCode
from sync.hq.migrations import migrate
from sync.protocol import (
    DEVICE_RECORD_TYPE,
    PROTOCOL_VERSION,
    REFERENCE_RECORD_TYPE,
    AnnotationKind,
    AttachmentStatus,
    AttachmentStored,
    EnrollRequest,
    EnrollResponse,
    Health,
    HqKind,
    PullResponse,
    PushResponse,
    ReceiptVerdict,
    WireEvent,
)

Clock = Callable[[], dt.datetime]
HQ_AUTHOR = "hq"
MAX_ANNOTATION_CHARS = 4000


def utc_now() -> dt.datetime:
    """The current time in UTC (HQ stamps everything in UTC)."""
    return dt.datetime.now(dt.UTC)


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

    def revoke(self, device: str, reason: str = "", author: str = HQ_AUTHOR) -> Device:
        """Revoke a device (by id, code or name) and tell every device by an HQ event."""
        now = self.clock()
        with self.storage.write() as conn:
            held = enrollment.find_device(conn, device)
            revoked = enrollment.mark_revoked(conn, held, reason.strip(), now)
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
                },
                base=None,
                now=now,
            )
        return revoked

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

    def authenticate(self, authorization: str | None) -> Device:
        """The device an ``Authorization`` header belongs to (refusing revoked ones)."""
        with self.storage.read() as conn:
            return enrollment.authenticate(conn, authorization)

    def push(self, device: Device, events: list[WireEvent]) -> PushResponse:
        """Take a batch of the device's events; the answer describes what is committed."""
        with self.storage.write() as conn:
            return ingest.push(conn, device, events, self.clock())

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
        return AttachmentStored(sha256=sha256, size=len(data), stored=stored)

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
