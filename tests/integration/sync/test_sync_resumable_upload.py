"""A device uploads a large photo in chunks to the real HQ app, and resumes where HQ stands
after a lost answer or a connection that stays down, instead of starting from zero."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
from sqlalchemy import select

from fieldapp.attachments import AttachmentStore
from fieldapp.store.store import Store
from sync.client import RetryPolicy, SyncClient
from sync.hq import schema
from sync.hq.service import Headquarters
from sync.protocol import ATTACHMENT_CHUNK_BYTES

CHUNK = ATTACHMENT_CHUNK_BYTES
PHOTO = b"\xff\xd8\xff\xe0" + random.Random(11).randbytes(4 * CHUNK + 1234)  # five chunks
SHA = hashlib.sha256(PHOTO).hexdigest()


@dataclass
class Sent:
    """One request the device made: method, path, Upload-Offset and body size."""

    method: str
    path: str
    offset: int | None
    size: int


class Recorder:
    """The rule of a ``Faulty`` transport: records each request, injects ``fault(sent)``."""

    def __init__(self, fault: Callable[[Sent, list[Sent]], str | None] | None = None) -> None:
        self.sent: list[Sent] = []
        self.fault = fault or (lambda _s, _all: None)

    def __call__(self, request: httpx2.Request, _n: int) -> str | None:
        offset = request.headers.get("Upload-Offset")
        sent = Sent(
            request.method,
            request.url.path,
            None if offset is None else int(offset),
            len(request.content),
        )
        self.sent.append(sent)
        return self.fault(sent, self.sent)

    def patches(self) -> list[Sent]:
        return [s for s in self.sent if s.method == "PATCH"]


@pytest.fixture
def big_photo(tmp_store: Store, make_finalized: Callable[..., Any], samples: Any) -> str:
    """A five-chunk photo in the device's store, named by a finalized seizure."""
    stored = AttachmentStore(tmp_store.path.parent).add_bytes(PHOTO, "bundles.jpg")
    assert stored.sha256 == SHA
    item = {**samples.drug_item("E1"), "photo_hashes": [SHA]}
    make_finalized(seizure=samples.seizure(items=[item]))
    return SHA


def _held(hq: Headquarters) -> bool:
    return hq.attachment_size(SHA) == len(PHOTO)


def _held_bytes(hq: Headquarters) -> bytes:
    att = schema.attachments
    with hq.storage.read() as conn:
        return bytes(conn.execute(select(att.c.data).where(att.c.sha256 == SHA)).scalar_one())


def test_a_large_photo_goes_in_chunks_and_arrives_whole(
    big_photo: str,
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    sync_helpers: Any,
) -> None:
    recorder = Recorder()
    client = make_client(transport=sync_helpers.Faulty(transport, recorder))
    seen: list[tuple[str, int, int]] = []
    report = client.sync(progress=lambda *step: seen.append(step))
    assert report.ok, report.sentence()
    assert report.attachments_sent == 1
    assert _held_bytes(hq) == PHOTO
    uploads = [(s.method, s.offset, s.size) for s in recorder.sent if SHA in s.path]
    starts = range(0, len(PHOTO), CHUNK)
    chunks = [("PATCH", start, min(CHUNK, len(PHOTO) - start)) for start in starts]
    assert uploads == [("GET", None, 0), *chunks]
    assert [s for s in seen if s[0] == "attachments"] == [
        ("attachments", 0, 1),
        ("attachments", 1, 1),
        ("attachments", 1, 1),
    ]


def test_a_chunk_whose_answer_was_lost_is_not_sent_twice_over(
    big_photo: str,
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    sync_helpers: Any,
) -> None:
    # HQ keeps the second chunk, then its answer is lost: the retry is refused (409),
    # the device asks HQ where it stands, and goes on from the third chunk.
    lost: list[Sent] = []

    def lose_second_answer_once(sent: Sent, _all: list[Sent]) -> str | None:
        if sent.method == "PATCH" and sent.offset == CHUNK and not lost:
            lost.append(sent)
            return "drop"
        return None

    recorder = Recorder(lose_second_answer_once)
    report = make_client(transport=sync_helpers.Faulty(transport, recorder)).sync()
    assert report.ok, report.sentence()
    assert _held_bytes(hq) == PHOTO
    patches = [s.offset for s in recorder.patches()]
    assert patches == [0, CHUNK, CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK]
    asked = [s for s in recorder.sent if s.path.endswith("/upload")]
    assert len(asked) == 2  # at the start, and after the 409


def test_an_upload_cut_off_resumes_from_hqs_offset_at_the_next_sync(
    big_photo: str,
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    sync_helpers: Any,
) -> None:
    # After two chunks the network goes: every try of the third fails, and the sync ends.
    def network_gone(sent: Sent, _all: list[Sent]) -> str | None:
        return "connect" if sent.method == "PATCH" and sent.offset == 2 * CHUNK else None

    first = Recorder(network_gone)
    client = make_client(
        transport=sync_helpers.Faulty(transport, first),
        retry=RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0),
    )
    report = client.sync()
    assert report.error is not None and "cannot be reached" in report.error
    assert not _held(hq)
    assert [s.offset for s in first.patches()] == [0, CHUNK, 2 * CHUNK, 2 * CHUNK, 2 * CHUNK]

    second = Recorder()
    again = make_client(transport=sync_helpers.Faulty(transport, second)).sync()
    assert again.ok, again.sentence()
    assert again.attachments_sent == 1
    resent = sum(s.size for s in second.patches())
    assert resent == len(PHOTO) - 2 * CHUNK < len(PHOTO)
    assert [s.offset for s in second.patches()] == [2 * CHUNK, 3 * CHUNK, 4 * CHUNK]
    assert _held_bytes(hq) == PHOTO
    assert make_client().sync().attachments_sent == 0
