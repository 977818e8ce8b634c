"""Reference data at HQ: each loaded version becomes a signed HQ event that devices pull.

All versions belong to one record (``reference``), each naming the previous
one as its ``base``, so the history of what devices were told stays in the
log. Versions only go up: a device keeps the highest it has seen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select

from fieldapp.events import Event
from fieldapp.models.reference import ReferenceData
from sync.errors import InvalidInput
from sync.hq import schema
from sync.hq.log import append_hq_event, record_head
from sync.protocol import HQ_ORIGIN, REFERENCE_RECORD_ID, REFERENCE_RECORD_TYPE, HqKind


def latest(conn: Connection) -> ReferenceData | None:
    """The newest reference data HQ published, or None before the first."""
    ev = schema.events
    row = conn.execute(
        select(ev.c.payload)
        .where(
            ev.c.origin == HQ_ORIGIN,
            ev.c.record_id == REFERENCE_RECORD_ID,
            ev.c.kind == HqKind.REFERENCE_PUBLISHED.value,
        )
        .order_by(ev.c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else ReferenceData.model_validate_json(row[0])


def publish(conn: Connection, data: ReferenceData, author: str, now: dt.datetime) -> Event:
    """Record a new version of the reference data as an HQ event."""
    current = latest(conn)
    if current is not None and data.version <= current.version:
        raise InvalidInput(
            f"This reference data is version {data.version}, but HQ already published version "
            f'{current.version}; raise "version" in the file to {current.version + 1} or more.'
        )
    head = record_head(conn, REFERENCE_RECORD_ID)
    return append_hq_event(
        conn,
        record_id=REFERENCE_RECORD_ID,
        record_type=REFERENCE_RECORD_TYPE,
        kind=HqKind.REFERENCE_PUBLISHED.value,
        author=author,
        payload=data.model_dump(mode="json"),
        base=None if head is None else head[0],
        now=now,
    )
