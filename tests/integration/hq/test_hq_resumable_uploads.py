"""Resumable attachment uploads at HQ: chunks kept as they come, offsets checked, the whole
hashed before it is kept, stale partials discarded; on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sync.hq import migrations, schema, uploads
from sync.hq.db import Storage, make_engine, resolve_db_url
from sync.hq.migrations import LATEST, current_version, migrate
from sync.hq.service import Headquarters
from sync.protocol import MAX_ATTACHMENT_BYTES

CHUNK = 1000
BIG = b"\xff\xd8\xff\xe0" + random.Random(3).randbytes(3 * CHUNK + 417)
SHA = hashlib.sha256(BIG).hexdigest()
URL = f"/api/v1/attachments/{SHA}"


def _patch(
    client: TestClient,
    device: Any,
    start: int,
    data: bytes = BIG,
    *,
    size: int | None = None,
    digest: str = SHA,
    length: int = CHUNK,
) -> Any:
    return client.patch(
        f"/api/v1/attachments/{digest}",
        content=data[start : start + length],
        headers={
            **device.auth,
            "Upload-Offset": str(start),
            "Upload-Length": str(len(data) if size is None else size),
            "Content-Type": "application/offset+octet-stream",
        },
    )


def _state(client: TestClient, device: Any, digest: str = SHA) -> dict[str, Any]:
    answer = client.get(f"/api/v1/attachments/{digest}/upload", headers=device.auth)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Upload-Offset"] == str(answer.json()["offset"])
    body: dict[str, Any] = answer.json()
    return body


def _held_bytes(hq: Headquarters, digest: str = SHA) -> bytes | None:
    att = schema.attachments
    with hq.storage.read() as conn:
        value = conn.execute(select(att.c.data).where(att.c.sha256 == digest)).scalar()
    return None if value is None else bytes(value)


def _partial_rows(hq: Headquarters) -> tuple[int, int]:
    """How many partial uploads and chunks HQ keeps."""
    with hq.storage.read() as conn:
        ups = conn.execute(select(func.count()).select_from(schema.attachment_uploads)).scalar()
        chunks = conn.execute(
            select(func.count()).select_from(schema.attachment_upload_chunks)
        ).scalar()
    return int(ups or 0), int(chunks or 0)


def test_hq_says_how_much_of_a_file_it_holds(client: TestClient, device: Any) -> None:
    assert _state(client, device) == {
        "sha256": SHA,
        "offset": 0,
        "size": None,
        "complete": False,
        "stored": False,
    }
    assert _patch(client, device, 0).status_code == 200
    assert _state(client, device) == {
        "sha256": SHA,
        "offset": CHUNK,
        "size": len(BIG),
        "complete": False,
        "stored": False,
    }


def test_chunks_are_appended_and_the_checked_whole_becomes_the_attachment(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    starts = list(range(0, len(BIG), CHUNK))
    for start in starts[:-1]:
        answer = _patch(client, device, start)
        assert answer.status_code == 200, answer.text
        assert answer.json()["complete"] is False
        assert answer.headers["Upload-Offset"] == str(start + CHUNK) == str(answer.json()["offset"])
        assert client.head(URL, headers=device.auth).status_code == 404  # not yet available
        assert _held_bytes(hq) is None
    last = _patch(client, device, starts[-1])
    assert last.status_code == 201, last.text
    assert last.json() == {
        "sha256": SHA,
        "offset": len(BIG),
        "size": len(BIG),
        "complete": True,
        "stored": True,
    }
    assert last.headers["Upload-Offset"] == str(len(BIG))
    assert _held_bytes(hq) == BIG
    assert hq.attachment_size(SHA) == len(BIG)
    assert client.head(URL, headers=device.auth).headers["X-Attachment-Size"] == str(len(BIG))
    assert _partial_rows(hq) == (0, 0)


def test_a_small_file_goes_in_one_request(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    small = b"\x89PNG\r\n\x1a\n a signature"
    digest = hashlib.sha256(small).hexdigest()
    answer = _patch(client, device, 0, small, digest=digest, length=len(small))
    assert answer.status_code == 201 and answer.json()["stored"] is True
    assert _held_bytes(hq, digest) == small
    assert _partial_rows(hq) == (0, 0)


def test_a_chunk_at_the_wrong_offset_is_409_with_the_right_one(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    assert _patch(client, device, 0).status_code == 200
    for start in (0, 2 * CHUNK, CHUNK - 1):
        answer = _patch(client, device, start)
        assert answer.status_code == 409, answer.text
        assert answer.headers["Upload-Offset"] == str(CHUNK)
        body = answer.json()
        assert body["code"] == "upload_offset_mismatch"
        assert f"send the rest from byte {CHUNK}" in body["detail"]
    assert _state(client, device)["offset"] == CHUNK
    assert _partial_rows(hq) == (1, 1)
    # Nothing held yet: the first chunk must start at 0.
    other = hashlib.sha256(b"another file").hexdigest()
    answer = _patch(client, device, 5, BIG, digest=other)
    assert answer.status_code == 409 and answer.headers["Upload-Offset"] == "0"


def test_a_whole_that_does_not_match_its_hash_is_discarded_and_refused(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    damaged = BIG[:-1] + bytes([BIG[-1] ^ 1])
    for start in range(0, len(damaged) - CHUNK, CHUNK):
        assert _patch(client, device, start, damaged).status_code == 200
    answer = _patch(client, device, 3 * CHUNK, damaged)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["code"] == "hash_mismatch"
    assert hashlib.sha256(damaged).hexdigest() in body["detail"]
    assert "from the start" in body["detail"]
    assert _state(client, device) == {
        "sha256": SHA,
        "offset": 0,
        "size": None,
        "complete": False,
        "stored": False,
    }
    assert _partial_rows(hq) == (0, 0)
    assert _held_bytes(hq) is None
    assert client.head(URL, headers=device.auth).status_code == 404


def test_a_file_over_the_limit_is_413_before_its_bytes_are_read(
    client: TestClient, device: Any, hq: Headquarters, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = _patch(client, device, 0, size=MAX_ATTACHMENT_BYTES + 1)
    assert answer.status_code == 413, answer.text
    body = answer.json()
    assert body["code"] == "attachment_too_large"
    assert f"up to {MAX_ATTACHMENT_BYTES // 2**20} MB" in body["detail"]
    assert _partial_rows(hq) == (0, 0)
    monkeypatch.setattr("sync.hq.app.MAX_ATTACHMENT_BYTES", 1024)
    whole = client.put(URL, content=BIG, headers=device.auth)
    assert whole.status_code == 413 and whole.json()["code"] == "attachment_too_large"
    assert "HQ accepts attachments up to" in whole.json()["detail"]
    monkeypatch.setattr("sync.hq.app.MAX_ATTACHMENT_CHUNK_BYTES", CHUNK)
    assert _patch(client, device, 0, BIG, size=1000, length=CHUNK + 1).status_code == 413


def test_chunks_that_do_not_fit_the_file_are_422(client: TestClient, device: Any) -> None:
    past = _patch(client, device, 0, BIG, size=CHUNK - 1)
    assert past.status_code == 422 and past.json()["code"] == "chunk_past_end"
    beyond = _patch(client, device, len(BIG) + 1)
    assert beyond.status_code == 422
    missing = client.patch(URL, content=BIG[:CHUNK], headers=device.auth)
    assert missing.status_code == 422
    assert "Upload-Offset" in missing.json()["detail"]
    bad = client.patch(
        "/api/v1/attachments/" + "A" * 64,
        content=b"x",
        headers={**device.auth, "Upload-Offset": "0", "Upload-Length": "1"},
    )
    assert bad.status_code == 422
    assert client.get("/api/v1/attachments/abc/upload", headers=device.auth).status_code == 422


def test_uploading_a_file_hq_holds_again_changes_nothing(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    assert client.put(URL, content=BIG, headers=device.auth).status_code == 201
    again = _patch(client, device, 0)
    assert again.status_code == 200, again.text
    assert again.json() == {
        "sha256": SHA,
        "offset": len(BIG),
        "size": len(BIG),
        "complete": True,
        "stored": False,
    }
    assert _state(client, device)["complete"] is True
    assert _partial_rows(hq) == (0, 0)
    # Chunked, then whole again: the same one file.
    for start in range(0, len(BIG), CHUNK):
        assert _patch(client, device, start).status_code == 200
    assert client.put(URL, content=BIG, headers=device.auth).status_code == 200
    assert _held_bytes(hq) == BIG


def test_a_partial_started_with_another_size_is_replaced_only_from_byte_0(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    assert _patch(client, device, 0, size=len(BIG) + 5).status_code == 200
    assert _state(client, device)["size"] == len(BIG) + 5
    wrong = _patch(client, device, CHUNK)
    assert wrong.status_code == 409 and wrong.headers["Upload-Offset"] == "0"
    assert "send it again from byte 0" in wrong.json()["detail"]
    for start in range(0, len(BIG), CHUNK):
        assert _patch(client, device, start).status_code in (200, 201)
    assert _held_bytes(hq) == BIG


def test_a_partial_belongs_to_the_device_that_sent_it(
    client: TestClient, device: Any, hq: Headquarters, other_store: Any, hq_helpers: Any
) -> None:
    other = hq_helpers.enroll(client, hq, other_store, "lane 5")
    assert _patch(client, device, 0).status_code == 200
    assert _state(client, other)["offset"] == 0
    for start in range(0, len(BIG), CHUNK):
        assert _patch(client, other, start).status_code in (200, 201)
    # The first device's partial is moot: HQ says it holds the file, and drops the partial.
    assert _state(client, device)["complete"] is True
    assert _patch(client, device, CHUNK).json()["complete"] is True
    assert _partial_rows(hq) == (0, 0)


def test_stale_partials_are_discarded_when_a_new_upload_starts(
    client: TestClient, device: Any, hq: Headquarters, clock: Any
) -> None:
    assert _patch(client, device, 0).status_code == 200
    clock.advance(days=uploads.KEEP_PARTIAL.days - 1)
    assert _patch(client, device, CHUNK).status_code == 200  # touched: fresh again
    clock.advance(days=uploads.KEEP_PARTIAL.days - 1)
    assert hq.discard_stale_uploads() == 0
    clock.advance(days=2)
    other = b"another photo" * 300
    other_sha = hashlib.sha256(other).hexdigest()
    assert _patch(client, device, 0, other, digest=other_sha).status_code == 200
    assert _state(client, device)["offset"] == 0  # the stale one went
    assert _partial_rows(hq) == (1, 1)
    clock.advance(days=uploads.KEEP_PARTIAL.days + 1)
    assert hq.discard_stale_uploads() == 1
    assert _partial_rows(hq) == (0, 0)


def test_a_device_keeps_a_bounded_number_of_partials(
    client: TestClient, device: Any, hq: Headquarters, clock: Any
) -> None:
    files = [bytes([n]) * 2 * CHUNK for n in range(uploads.MAX_PARTIALS_PER_DEVICE + 1)]
    for data in files:
        digest = hashlib.sha256(data).hexdigest()
        assert _patch(client, device, 0, data, digest=digest).status_code == 200
        clock.advance(minutes=1)
    assert _partial_rows(hq)[0] == uploads.MAX_PARTIALS_PER_DEVICE
    oldest, newest = (hashlib.sha256(files[i]).hexdigest() for i in (0, -1))
    assert _state(client, device, oldest)["offset"] == 0
    assert _state(client, device, newest)["offset"] == CHUNK


def test_a_version_1_database_gains_the_partial_upload_tables(
    hq_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = Storage(make_engine(resolve_db_url(hq_url)))
    try:
        monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        monkeypatch.setattr(migrations, "LATEST", 1)
        migrate(storage)
        with storage.read() as conn:
            assert current_version(conn) == 1
            assert not conn.dialect.has_table(conn, "attachment_uploads")
        monkeypatch.undo()
        assert migrate(storage) == 1
        with storage.read() as conn:
            assert current_version(conn) == LATEST
            assert conn.dialect.has_table(conn, "attachment_uploads")
            assert conn.dialect.has_table(conn, "attachment_upload_chunks")
    finally:
        storage.dispose()


def test_the_upload_paths_need_a_device_that_is_not_revoked(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    assert client.get(f"{URL}/upload").status_code == 401
    assert _patch(client, SimpleNamespace(auth={}), 0).status_code == 401
    hq.revoke(device.device_id, "laptop reported stolen")
    for answer in (client.get(f"{URL}/upload", headers=device.auth), _patch(client, device, 0)):
        assert answer.status_code == 403 and answer.json()["code"] == "device_revoked"
    assert _partial_rows(hq) == (0, 0)


def test_the_upload_paths_are_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert "patch" in document["paths"]["/api/v1/attachments/{sha256}"]
    assert "get" in document["paths"]["/api/v1/attachments/{sha256}/upload"]
    assert "AttachmentUpload" in document["components"]["schemas"]


def test_the_same_chunk_sent_twice_at_once_is_taken_once(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    """A retry racing its original (the client gave up waiting; HQ was still at it)."""
    held = hq.authenticate(f"Bearer {device.token}")
    for start in range(0, len(BIG), CHUNK):
        piece = BIG[start : start + CHUNK]
        gate = threading.Barrier(2)

        def send(piece: bytes = piece, start: int = start, gate: Any = gate) -> Any:
            gate.wait(timeout=10)
            try:
                return hq.append_attachment_chunk(held, SHA, start, len(BIG), piece)
            except uploads.OffsetMismatch as exc:
                return exc

        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(lambda _n: send(), range(2)))
        if start + len(piece) == len(BIG):
            # The last chunk: once it completed the file, the other finds the file held.
            assert sorted(o.stored for o in outcomes) == [False, True], outcomes
            assert all(o.complete for o in outcomes)
            continue
        refused = [o for o in outcomes if isinstance(o, uploads.OffsetMismatch)]
        assert len(refused) == 1, outcomes
        assert refused[0].offset == start + len(piece)
    assert _held_bytes(hq) == BIG
    assert _partial_rows(hq) == (0, 0)
