"""Attachments: uploaded by hash, checked, kept once; HQ says which files a device still owes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

PHOTO = b"\xff\xd8\xff\xe0" + b"a photo of bundles" * 100
SIGNATURE = b"\x89PNG\r\n\x1a\n" + b"a signature" * 50


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_an_upload_is_stored_once(client: TestClient, device: Any) -> None:
    url = f"/api/v1/attachments/{_sha(PHOTO)}"
    assert client.head(url, headers=device.auth).status_code == 404
    first = client.put(url, content=PHOTO, headers=device.auth)
    assert first.status_code == 201, first.text
    assert first.json() == {"sha256": _sha(PHOTO), "size": len(PHOTO), "stored": True}
    again = client.put(url, content=PHOTO, headers=device.auth)
    assert again.status_code == 200
    assert again.json()["stored"] is False
    held = client.head(url, headers=device.auth)
    assert held.status_code == 200
    assert held.headers["X-Attachment-Size"] == str(len(PHOTO))


def test_bytes_that_do_not_match_their_hash_are_refused(client: TestClient, device: Any) -> None:
    url = f"/api/v1/attachments/{_sha(PHOTO)}"
    damaged = client.put(url, content=PHOTO[:-1], headers=device.auth)
    assert damaged.status_code == 422
    assert damaged.json()["code"] == "hash_mismatch"
    assert "Nothing was stored" in damaged.json()["detail"]
    assert client.head(url, headers=device.auth).status_code == 404


@pytest.mark.parametrize("name", ["abc", "A" * 64, "g" * 64, "0" * 63])
def test_a_path_that_is_not_a_sha256_is_422(client: TestClient, device: Any, name: str) -> None:
    assert (
        client.put(f"/api/v1/attachments/{name}", content=b"x", headers=device.auth).status_code
        == 422
    )
    assert client.head(f"/api/v1/attachments/{name}", headers=device.auth).status_code == 422


def test_an_upload_over_the_limit_is_413(
    client: TestClient, device: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sync.hq.app.MAX_ATTACHMENT_BYTES", 1024)
    data = b"x" * 1025
    answer = client.put(f"/api/v1/attachments/{_sha(data)}", content=data, headers=device.auth)
    assert answer.status_code == 413
    gz = client.put(
        f"/api/v1/attachments/{_sha(PHOTO)}",
        content=PHOTO,
        headers={**device.auth, "Content-Encoding": "gzip"},
    )
    assert gz.status_code == 415


def test_status_counts_the_files_the_devices_events_name(
    client: TestClient, device: Any, make_finalized: Callable[..., Any], samples: Any
) -> None:
    item = {**samples.drug_item("E1"), "photo_hashes": [_sha(PHOTO), _sha(SIGNATURE)]}
    make_finalized(seizure=samples.seizure(items=[item, samples.currency_item("E2")]))
    before = client.get("/api/v1/attachments", headers=device.auth).json()
    assert before == {"expected": 0, "present": 0, "missing": []}
    events = [e.to_dict() for e in device.own_events()]
    client.post("/api/v1/push", json={"events": events}, headers=device.auth)
    pushed = client.get("/api/v1/attachments", headers=device.auth).json()
    assert pushed["expected"] == 2 and pushed["present"] == 0
    assert sorted(pushed["missing"]) == sorted([_sha(PHOTO), _sha(SIGNATURE)])
    client.put(f"/api/v1/attachments/{_sha(PHOTO)}", content=PHOTO, headers=device.auth)
    after = client.get("/api/v1/attachments", headers=device.auth).json()
    assert after == {"expected": 2, "present": 1, "missing": [_sha(SIGNATURE)]}
