"""Resumable attachment uploads at HQ: a file arrives in chunks, kept as they come, checked whole.

A device sends a large file in ``PATCH`` chunks, each saying where it starts
(``Upload-Offset``) and how large the whole file is (``Upload-Length``). HQ
keeps each chunk as a row of ``attachment_upload_chunks`` and the bytes held
in ``attachment_uploads``, committed before it answers, so a connection cut
at 90% costs only the chunk that was in flight. A chunk that does not start
where HQ's bytes end is refused (409 with the right offset); a partial started
with another size is replaced only by a chunk at offset 0. When the last byte
arrives the whole is hashed: the right hash makes it an attachment like any
other (:func:`sync.hq.attachments.store`), a wrong one throws the partial
away. Either way the partial goes, in the same transaction.

A partial belongs to one device and one hash, and the device's rows are locked
while a chunk is added (PostgreSQL ``FOR UPDATE``; SQLite has one writer), so
two HQ processes never interleave one upload. When a device starts a new
partial, partials untouched for :data:`KEEP_PARTIAL` and the device's own
beyond :data:`MAX_PARTIALS_PER_DEVICE` are discarded; :func:`discard_stale`
is also there for an administrator.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, delete, select, update
from sqlalchemy.exc import IntegrityError

from sync.errors import Conflict
from sync.hq import attachments, schema
from sync.protocol import AttachmentUpload

KEEP_PARTIAL = dt.timedelta(days=14)
"""A partial upload nobody added to for this long is discarded."""
MAX_PARTIALS_PER_DEVICE = 8
"""Partial uploads one device may have at once; starting one more discards its oldest."""
_STALE_BATCH = 100


class OffsetMismatch(Conflict):
    """A chunk that does not start where HQ's bytes of the file end; ``offset`` is where."""

    code = "upload_offset_mismatch"

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Appended:
    """What a chunk did: the upload's state now, and the hash of a whole that did not match."""

    state: AttachmentUpload
    mismatch: str | None = None


@dataclass(frozen=True)
class _Partial:
    size: int
    received: int


def _key(sha256: str, device_id: str) -> ColumnElement[bool]:
    up = schema.attachment_uploads
    return and_(up.c.sha256 == sha256, up.c.device_id == device_id)


def _chunk_key(sha256: str, device_id: str) -> ColumnElement[bool]:
    ch = schema.attachment_upload_chunks
    return and_(ch.c.sha256 == sha256, ch.c.device_id == device_id)


def _partial(conn: Connection, sha256: str, device_id: str, *, lock: bool) -> _Partial | None:
    up = schema.attachment_uploads
    query = select(up.c.size, up.c.received).where(_key(sha256, device_id))
    row = conn.execute(query.with_for_update() if lock else query).first()
    return None if row is None else _Partial(int(row[0]), int(row[1]))


def discard(conn: Connection, sha256: str, device_id: str) -> None:
    """Forget a device's partial upload of a file (its row first: that is what is locked)."""
    conn.execute(delete(schema.attachment_uploads).where(_key(sha256, device_id)))
    conn.execute(delete(schema.attachment_upload_chunks).where(_chunk_key(sha256, device_id)))


def state(conn: Connection, sha256: str, device_id: str) -> AttachmentUpload:
    """How much of a file HQ holds for this device: all of it, a partial, or nothing."""
    held = attachments.size_of(conn, sha256)
    if held is not None:
        return AttachmentUpload(sha256=sha256, offset=held, size=held, complete=True)
    partial = _partial(conn, sha256, device_id, lock=False)
    if partial is None:
        return AttachmentUpload(sha256=sha256, offset=0, size=None, complete=False)
    return AttachmentUpload(
        sha256=sha256, offset=partial.received, size=partial.size, complete=False
    )


def append(
    conn: Connection,
    sha256: str,
    device_id: str,
    start: int,
    size: int,
    data: bytes,
    now: dt.datetime,
) -> Appended:
    """Add a chunk (``start + len(data) <= size``, checked by the caller) to a device's upload.

    Raises :class:`OffsetMismatch` for a chunk that does not start where HQ's
    bytes end. A chunk that completes the file has the whole checked; when
    the hash is wrong the partial is discarded and ``mismatch`` names the hash
    the bytes had (the caller commits, then refuses).
    """
    # The partial first: waiting for its lock, a request may see the file completed by
    # the one that held it (PostgreSQL reads what was committed before each statement).
    partial = _partial(conn, sha256, device_id, lock=True)
    held = attachments.size_of(conn, sha256)
    if held is not None:  # already whole (from this device or another): nothing to add
        discard(conn, sha256, device_id)
        return Appended(AttachmentUpload(sha256=sha256, offset=held, size=held, complete=True))
    if partial is not None and partial.size != size:
        if start != 0:
            raise OffsetMismatch(
                f"HQ holds {partial.received} bytes of this file as a {partial.size}-byte file, "
                f"not a {size}-byte one: send it again from byte 0.",
                0,
            )
        discard(conn, sha256, device_id)  # started again with another size
        partial = None
    received = 0 if partial is None else partial.received
    if start != received:
        raise OffsetMismatch(
            f"This chunk starts at byte {start}, but HQ holds {received} bytes of the file: "
            f"send the rest from byte {received}.",
            received,
        )
    end = start + len(data)
    if end >= size:
        return _complete(conn, sha256, device_id, data, size, now)
    stamp = now.isoformat()
    if partial is not None:
        if data:
            conn.execute(
                schema.attachment_upload_chunks.insert().values(
                    sha256=sha256, device_id=device_id, start=start, data=data
                )
            )
        conn.execute(
            update(schema.attachment_uploads)
            .where(_key(sha256, device_id))
            .values(received=end, updated_at=stamp)
        )
    else:
        _make_room(conn, device_id, now)
        try:
            with conn.begin_nested():
                conn.execute(
                    schema.attachment_uploads.insert().values(
                        sha256=sha256,
                        device_id=device_id,
                        size=size,
                        received=end,
                        started_at=stamp,
                        updated_at=stamp,
                    )
                )
                if data:
                    conn.execute(
                        schema.attachment_upload_chunks.insert().values(
                            sha256=sha256, device_id=device_id, start=0, data=data
                        )
                    )
        except IntegrityError:  # the same device started it in another request meanwhile
            raced = _partial(conn, sha256, device_id, lock=False)
            offset = 0 if raced is None else raced.received
            raise OffsetMismatch(
                f"HQ was already taking this file from this device: send the rest from byte "
                f"{offset}.",
                offset,
            ) from None
    return Appended(AttachmentUpload(sha256=sha256, offset=end, size=size, complete=False))


def _complete(
    conn: Connection, sha256: str, device_id: str, last: bytes, size: int, now: dt.datetime
) -> Appended:
    ch = schema.attachment_upload_chunks
    rows = conn.execute(
        select(ch.c.data).where(_chunk_key(sha256, device_id)).order_by(ch.c.start)
    ).all()
    whole = b"".join(bytes(r[0]) for r in rows) + last
    discard(conn, sha256, device_id)
    actual = hashlib.sha256(whole).hexdigest()
    if actual != sha256 or len(whole) != size:
        nothing = AttachmentUpload(sha256=sha256, offset=0, size=None, complete=False)
        return Appended(nothing, mismatch=actual)
    stored = attachments.store(conn, sha256, whole, device_id, now)
    done = AttachmentUpload(sha256=sha256, offset=size, size=size, complete=True, stored=stored)
    return Appended(done)


def _make_room(conn: Connection, device_id: str, now: dt.datetime) -> None:
    """Before a device starts a partial: drop stale ones, and its own beyond the limit."""
    discard_stale(conn, now)
    up = schema.attachment_uploads
    extra = conn.execute(
        select(up.c.sha256)
        .where(up.c.device_id == device_id)
        .order_by(up.c.updated_at.desc(), up.c.sha256)
        .offset(MAX_PARTIALS_PER_DEVICE - 1)
    ).all()
    for row in extra:
        discard(conn, str(row[0]), device_id)


def discard_stale(
    conn: Connection, now: dt.datetime, keep: dt.timedelta = KEEP_PARTIAL, limit: int = _STALE_BATCH
) -> int:
    """Discard up to ``limit`` partial uploads untouched for ``keep``; how many went.

    Rows another request is adding to are skipped (PostgreSQL ``SKIP LOCKED``),
    and such a request has just made them fresh anyway.
    """
    up = schema.attachment_uploads
    stale = conn.execute(
        select(up.c.sha256, up.c.device_id)
        .where(up.c.updated_at < (now - keep).isoformat())
        .order_by(up.c.sha256, up.c.device_id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for sha256, device_id in stale:
        discard(conn, str(sha256), str(device_id))
    return len(stale)
