"""Sending one attachment file to HQ, resumably (for ``SyncClient.upload_attachments``).

A file that fits in one chunk (:data:`~sync.protocol.ATTACHMENT_CHUNK_BYTES`)
goes whole in one ``PUT``. A larger one goes in ``PATCH`` chunks: the device
first asks HQ how many bytes of it HQ already holds
(``GET /attachments/{sha256}/upload``), then sends the rest a chunk at a time,
each with its ``Upload-Offset`` and the file's ``Upload-Length``. HQ commits
each chunk before answering, so a connection cut at 90% costs one chunk: the
client's own retries (:meth:`~sync.client.SyncClient._request`) send that
chunk again, and the next sync asks HQ again where to go on from.

A chunk HQ refuses as being at the wrong offset (409: HQ kept it but its
answer was lost, so the retry arrives too late) makes the device ask HQ
again; a partial HQ holds with another size is started over from byte 0
(HQ then replaces it). An HQ older than resumable uploads (no ``/upload``
path: 404) gets the whole file in one ``PUT``.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

import httpx2
from pydantic import BaseModel

from sync import errors
from sync.protocol import (
    ATTACHMENT_CHUNK_BYTES,
    UPLOAD_LENGTH_HEADER,
    UPLOAD_OFFSET_HEADER,
    AttachmentStored,
    AttachmentUpload,
)

__all__ = ["Parser", "Requester", "send"]

M = TypeVar("M", bound=BaseModel)

UPLOAD = "attachment upload"
CHECK = "upload check"
# Refusals at the wrong offset in a row (without a chunk taken between) before giving up.
_MAX_REWINDS = 5


class Requester(Protocol):
    """The client's request function: retries network failures and 5xx, raises 4xx refusals."""

    def __call__(
        self,
        method: str,
        path: str,
        *,
        what: str,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx2.Response: ...


class Parser(Protocol):
    """The client's answer reader: the model, or :class:`~sync.errors.BadAnswer`."""

    def __call__(self, model: type[M], response: httpx2.Response, what: str) -> M: ...


def send(
    request: Requester,
    parse: Parser,
    digest: str,
    data: bytes,
    chunk: int = ATTACHMENT_CHUNK_BYTES,
) -> None:
    """Make HQ hold ``data`` (whose SHA-256 is ``digest``), sending only what HQ lacks."""
    if len(data) <= chunk:
        _put(request, parse, digest, data)
        return
    try:
        offset = _resume_from(request, parse, digest, len(data))
    except errors.NotFound:  # an HQ from before resumable uploads
        _put(request, parse, digest, data)
        return
    rewinds = 0
    while offset is not None:
        piece = data[offset : offset + chunk]
        try:
            response = request(
                "PATCH",
                f"/attachments/{digest}",
                what=UPLOAD,
                content=piece,
                headers={
                    UPLOAD_OFFSET_HEADER: str(offset),
                    UPLOAD_LENGTH_HEADER: str(len(data)),
                    "Content-Type": "application/offset+octet-stream",
                },
            )
        except errors.Conflict:
            rewinds += 1
            if rewinds > _MAX_REWINDS:
                raise
            offset = _resume_from(request, parse, digest, len(data))
            continue
        rewinds = 0
        state = parse(AttachmentUpload, response, UPLOAD)
        if state.complete:
            return
        end = offset + len(piece)
        if state.offset != end:
            raise errors.BadAnswer(
                f"HQ says it holds {state.offset} bytes of a file after a chunk ending at byte "
                f"{end}; the upload was stopped. Try again later."
            )
        offset = end


def _put(request: Requester, parse: Parser, digest: str, data: bytes) -> None:
    response = request(
        "PUT",
        f"/attachments/{digest}",
        what=UPLOAD,
        content=data,
        headers={"Content-Type": "application/octet-stream"},
    )
    parse(AttachmentStored, response, UPLOAD)


def _resume_from(request: Requester, parse: Parser, digest: str, size: int) -> int | None:
    """Where to go on from: the bytes HQ holds, 0 to start over, None when HQ has it all."""
    state = parse(
        AttachmentUpload, request("GET", f"/attachments/{digest}/upload", what=CHECK), CHECK
    )
    if state.complete:
        return None
    if state.size != size or not 0 <= state.offset < size:
        return 0  # nothing held, or a partial of another size (a chunk at 0 replaces it)
    return state.offset
