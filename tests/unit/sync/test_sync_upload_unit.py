"""Sending one file (sync.upload) against a scripted HQ: one PUT when small, chunks from HQ's
offset when large, a fresh start for a partial of another size, and the odd answers."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator

import httpx2
import pytest

from fieldapp.crypto import SigningKey
from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState
from sync import errors, upload
from sync.client import RetryPolicy, SyncClient

CHUNK = 10
DATA = bytes(range(47))  # five chunks, the last one short
SHA = hashlib.sha256(DATA).hexdigest()


class FakeHq:
    """Answers attachment requests like HQ does, holding a partial of ``held`` bytes."""

    def __init__(self, held: int = 0, size: int | None = None) -> None:
        self.held = held
        self.size = size if size is not None else (len(DATA) if held else None)
        self.requests: list[httpx2.Request] = []
        self.answer: Callable[[httpx2.Request], httpx2.Response | None] = lambda _r: None

    def _state(self, stored: bool = False) -> dict[str, object]:
        return {
            "sha256": SHA,
            "offset": self.held,
            "size": self.size,
            "complete": self.held == self.size == len(DATA),
            "stored": stored,
        }

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        scripted = self.answer(request)
        if scripted is not None:
            return scripted
        if request.method == "GET":
            return httpx2.Response(200, json=self._state())
        if request.method == "PUT":
            self.held = self.size = len(request.content)
            return httpx2.Response(201, json={"sha256": SHA, "size": self.held, "stored": True})
        start = int(request.headers["Upload-Offset"])
        length = int(request.headers["Upload-Length"])
        if start == 0 and self.size != length:
            self.held, self.size = 0, length
        if start != self.held:
            body = {"detail": "wrong offset", "code": "upload_offset_mismatch", "errors": []}
            return httpx2.Response(409, json=body, headers={"Upload-Offset": str(self.held)})
        self.held += len(request.content)
        done = self.held == length
        return httpx2.Response(201 if done else 200, json=self._state(stored=done))

    def sent(self, method: str = "PATCH") -> list[tuple[int | None, int]]:
        """(Upload-Offset, body size) of each request of ``method``."""
        out = []
        for r in self.requests:
            if r.method == method:
                offset = r.headers.get("Upload-Offset")
                out.append((None if offset is None else int(offset), len(r.content)))
        return out


@pytest.fixture
def client_with(tmp_store: Store) -> Iterator[Callable[[FakeHq], SyncClient]]:
    """An enrolled client whose requests ``FakeHq`` answers; it never sleeps."""
    SyncState(tmp_store).save_enrollment(
        hq_url="https://hq.example.org",
        device_name="lane 4",
        token="t0ken",
        hq_public_key=SigningKey.generate().public_hex(),
    )
    made: list[SyncClient] = []

    def make(hq: FakeHq) -> SyncClient:
        client = SyncClient(
            tmp_store,
            transport=httpx2.MockTransport(hq),
            sleep=lambda _s: None,
            rng=random.Random(1),
            retry=RetryPolicy(attempts=3),
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def _send(client: SyncClient, data: bytes = DATA) -> None:
    upload.send(client._request, client._parse, SHA, data, chunk=CHUNK)


def test_a_file_that_fits_one_chunk_is_one_put(client_with: Callable[[FakeHq], SyncClient]) -> None:
    hq = FakeHq()
    _send(client_with(hq), DATA[:CHUNK])
    assert [(r.method, r.content) for r in hq.requests] == [("PUT", DATA[:CHUNK])]


def test_a_large_file_goes_from_hqs_offset_in_chunks(
    client_with: Callable[[FakeHq], SyncClient],
) -> None:
    hq = FakeHq(held=20)
    _send(client_with(hq))
    assert hq.requests[0].url.path == f"/api/v1/attachments/{SHA}/upload"
    assert hq.sent() == [(20, 10), (30, 10), (40, 7)]
    assert all(r.headers["Upload-Length"] == "47" for r in hq.requests[1:])


def test_a_file_hq_holds_whole_is_not_sent(client_with: Callable[[FakeHq], SyncClient]) -> None:
    hq = FakeHq(held=len(DATA))
    _send(client_with(hq))
    assert [r.method for r in hq.requests] == ["GET"]


def test_a_partial_of_another_size_is_started_over(
    client_with: Callable[[FakeHq], SyncClient],
) -> None:
    hq = FakeHq(held=30, size=90)
    _send(client_with(hq))
    assert hq.sent() == [(0, 10), (10, 10), (20, 10), (30, 10), (40, 7)]


def test_a_409_makes_the_device_ask_hq_where_to_go_on(
    client_with: Callable[[FakeHq], SyncClient],
) -> None:
    hq = FakeHq()
    # HQ took a chunk behind the device's back (an answer lost after it kept it).
    jumped: list[bool] = []

    def jump(request: httpx2.Request) -> httpx2.Response | None:
        if request.method == "PATCH" and request.headers["Upload-Offset"] == "10" and not jumped:
            jumped.append(True)
            hq.held = 20
        return None

    hq.answer = jump
    _send(client_with(hq))
    assert hq.sent() == [(0, 10), (10, 10), (20, 10), (30, 10), (40, 7)]
    assert [r.method for r in hq.requests].count("GET") == 2


def test_endless_409s_end_in_the_refusal(client_with: Callable[[FakeHq], SyncClient]) -> None:
    hq = FakeHq()

    def always_409(request: httpx2.Request) -> httpx2.Response | None:
        if request.method != "PATCH":
            return None
        body = {"detail": "HQ moved on.", "code": "upload_offset_mismatch", "errors": []}
        return httpx2.Response(409, json=body)

    hq.answer = always_409
    with pytest.raises(errors.Conflict, match="HQ moved on"):
        _send(client_with(hq))
    assert len(hq.sent()) == 6


def test_an_answer_with_an_impossible_offset_is_a_bad_answer(
    client_with: Callable[[FakeHq], SyncClient],
) -> None:
    hq = FakeHq()

    def skips_ahead(request: httpx2.Request) -> httpx2.Response | None:
        if request.method != "PATCH":
            return None
        state = {"sha256": SHA, "offset": 33, "size": 47, "complete": False}
        return httpx2.Response(200, content=json.dumps(state))

    hq.answer = skips_ahead
    with pytest.raises(errors.BadAnswer, match="holds 33 bytes"):
        _send(client_with(hq))


def test_an_hq_without_resumable_uploads_gets_the_whole_file(
    client_with: Callable[[FakeHq], SyncClient],
) -> None:
    hq = FakeHq()

    def old_hq(request: httpx2.Request) -> httpx2.Response | None:
        if request.url.path.endswith("/upload"):
            body = {"detail": "There is nothing here.", "code": "http_404", "errors": []}
            return httpx2.Response(404, json=body)
        return None

    hq.answer = old_hq
    _send(client_with(hq))
    assert [(r.method, len(r.content)) for r in hq.requests] == [("GET", 0), ("PUT", 47)]
