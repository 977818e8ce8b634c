"""Attachments at HQ: photo and signature files, stored once by SHA-256, and what is missing.

An upload is checked against the hash it is sent under, so a file can be
neither swapped nor damaged on the way without HQ noticing; uploading the same
file again changes nothing. HQ learns which files to expect from the events it
takes: every hash a record names as a photo or a signature.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError

from fieldapp.attachment_refs import attachment_refs, may_name_files
from sync.hq import schema
from sync.protocol import AttachmentStatus

MISSING_SHOWN = 1000


def expected_rows(
    device_id: str, event_id: str, payload: Any, payload_text: str | None = None
) -> list[dict[str, str]]:
    """The ``expected_attachments`` rows of an event just taken: the files it names.

    ``payload_text``, the payload's canonical JSON when at hand, lets most
    payloads (those naming no file) skip the walk.
    """
    if payload_text is not None and not may_name_files(payload_text):
        return []
    return [
        {"sha256": digest, "event_id": event_id, "device_id": device_id}
        for digest in sorted(attachment_refs(payload))
    ]


def expect(conn: Connection, device_id: str, event_id: str, payload: Any) -> None:
    """Record the attachments an event just taken names."""
    rows = expected_rows(device_id, event_id, payload)
    if rows:
        conn.execute(schema.expected_attachments.insert(), rows)


def size_of(conn: Connection, sha256: str) -> int | None:
    """The size of a held attachment, or None when HQ does not have it."""
    value = conn.execute(
        select(schema.attachments.c.size).where(schema.attachments.c.sha256 == sha256)
    ).scalar()
    return None if value is None else int(value)


def store(conn: Connection, sha256: str, data: bytes, device_id: str, now: dt.datetime) -> bool:
    """Keep a checked file; False when HQ already had it (nothing changes then)."""
    if size_of(conn, sha256) is not None:
        return False
    try:
        with conn.begin_nested():
            conn.execute(
                schema.attachments.insert().values(
                    sha256=sha256,
                    size=len(data),
                    data=data,
                    device_id=device_id,
                    received_at=now.isoformat(),
                )
            )
    except IntegrityError:
        return False  # the same file arrived by another request meanwhile
    return True


def status(conn: Connection, device_id: str) -> AttachmentStatus:
    """How many of the files this device's events name HQ holds, and which are missing."""
    exp, att = schema.expected_attachments, schema.attachments
    wanted = select(exp.c.sha256).where(exp.c.device_id == device_id).distinct().subquery()
    expected = int(conn.execute(select(func.count()).select_from(wanted)).scalar_one())
    present = int(
        conn.execute(
            select(func.count()).select_from(wanted.join(att, att.c.sha256 == wanted.c.sha256))
        ).scalar_one()
    )
    missing = [
        str(r[0])
        for r in conn.execute(
            select(wanted.c.sha256)
            .outerjoin(att, att.c.sha256 == wanted.c.sha256)
            .where(att.c.sha256.is_(None))
            .order_by(wanted.c.sha256)
            .limit(MISSING_SHOWN)
        )
    ]
    return AttachmentStatus(expected=expected, present=present, missing=missing)
