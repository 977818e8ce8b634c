"""Enrollment: a one-time code becomes a device token; wrong, used, expired codes are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldapp.store.store import Store
from sync.hq import schema
from sync.hq.service import Headquarters
from sync.protocol import EnrollResponse


def _assert_refused(answer: Any, status: int, code: str, *words: str) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["code"] == code
    assert body["detail"].endswith("."), body["detail"]
    for word in words:
        assert word in body["detail"], body["detail"]


def test_a_good_code_gives_token_hq_key_and_reference(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any, reference: Any
) -> None:
    hq.publish_reference(reference)
    code = hq.make_enroll_code("SYS lane 4").code
    answer = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, code))
    assert answer.status_code == 200, answer.text
    body = EnrollResponse.model_validate_json(answer.content)
    assert body.device_id == tmp_store.device.device_id
    assert body.device_name == "SYS lane 4"
    assert body.hq_origin == "hq"
    assert body.hq_public_key == hq.public_key()
    assert body.reference == reference
    assert len(body.token) >= 40
    with hq.storage.read() as conn:
        row = conn.execute(select(schema.devices)).mappings().one()
        codes = conn.execute(select(schema.enroll_codes)).mappings().one()
    # Only hashes are kept: neither the token nor the code is in the database.
    assert body.token not in str(dict(row))
    assert code.replace("-", "") not in str(dict(codes))
    assert codes["used_by"] == tmp_store.device.device_id


def test_reference_is_null_before_hq_published_any(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    enrolled = hq_helpers.enroll(client, hq, tmp_store)
    assert enrolled.answer["reference"] is None


def test_codes_are_read_forgivingly(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    typed = " " + code.replace("-", " ").lower().replace("0", "o") + " "
    answer = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, typed))
    assert answer.status_code == 200, answer.text


def test_a_wrong_code_is_refused(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    hq.make_enroll_code("lane 4")
    answer = client.post(
        "/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, "AAAA-BBBB-CCCC-DDDD")
    )
    _assert_refused(answer, 403, "enroll_code_unknown", "does not know this enrollment code")


def test_a_used_code_is_refused_for_another_device(
    client: TestClient, hq: Headquarters, tmp_store: Store, other_store: Store, hq_helpers: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    first = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, code))
    assert first.status_code == 200
    again = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(other_store, code))
    _assert_refused(again, 403, "enroll_code_used", "already used")
    assert [d.device_id for d in hq.devices()] == [tmp_store.device.device_id]


def test_the_same_device_may_retry_a_lost_answer_and_only_the_new_token_works(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    request = hq_helpers.enroll_request(tmp_store, code)
    lost = client.post("/api/v1/enroll", json=request).json()["token"]
    retried = client.post("/api/v1/enroll", json=request)
    assert retried.status_code == 200, retried.text
    token = retried.json()["token"]
    assert token != lost
    pull = "/api/v1/pull"
    assert client.get(pull, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    stale = client.get(pull, headers={"Authorization": f"Bearer {lost}"})
    _assert_refused(stale, 401, "unauthorized", "does not recognise")


def test_an_expired_code_is_refused(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any, clock: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    clock.advance(hours=24, seconds=1)
    answer = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, code))
    _assert_refused(answer, 403, "enroll_code_expired", "expired")
    assert hq.devices() == []


def test_a_code_is_good_until_it_expires(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any, clock: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    clock.advance(hours=23, minutes=59)
    answer = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, code))
    assert answer.status_code == 200, answer.text


def test_a_device_id_keeps_its_key(
    client: TestClient, hq: Headquarters, tmp_store: Store, other_store: Store, hq_helpers: Any
) -> None:
    hq_helpers.enroll(client, hq, tmp_store)
    code = hq.make_enroll_code("impostor").code
    forged = hq_helpers.enroll_request(tmp_store, code)
    forged["public_key"] = other_store.device.public_hex
    answer = client.post("/api/v1/enroll", json=forged)
    _assert_refused(answer, 409, "device_key_conflict", "different key")


def test_re_enrolling_with_the_same_key_and_a_new_code_works(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    first = hq_helpers.enroll(client, hq, tmp_store, "old name")
    second = hq_helpers.enroll(client, hq, tmp_store, "new name")
    assert second.token != first.token
    assert [d.name for d in hq.devices()] == ["new name"]


def test_a_device_code_that_does_not_belong_to_the_id_is_refused(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    request = hq_helpers.enroll_request(tmp_store, code)
    request["device_code"] = "AAAAA" if request["device_code"] != "AAAAA" else "BBBBB"
    answer = client.post("/api/v1/enroll", json=request)
    _assert_refused(answer, 422, "invalid", "does not belong")


def test_malformed_enrollment_bodies_are_422_with_the_field(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any
) -> None:
    code = hq.make_enroll_code("lane 4").code
    request = hq_helpers.enroll_request(tmp_store, code)
    for field, value in (
        ("device_id", "hq"),
        ("public_key", "xyz"),
        ("device_code", "lower"),
        ("code", ""),
    ):
        answer = client.post("/api/v1/enroll", json={**request, field: value})
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"][0].startswith(field), answer.json()
    answer = client.post("/api/v1/enroll", json={**request, "extra": 1})
    assert answer.status_code == 422


def test_a_revoked_device_is_refused_everywhere_with_the_reason(
    client: TestClient, hq: Headquarters, tmp_store: Store, hq_helpers: Any, tmp_path: Path
) -> None:
    device = hq_helpers.enroll(client, hq, tmp_store)
    hq.revoke(device.device_id, "laptop reported stolen")
    for answer in (
        client.get("/api/v1/pull", headers=device.auth),
        client.post("/api/v1/push", json={"events": []}, headers=device.auth),
        client.get("/api/v1/attachments", headers=device.auth),
        client.put("/api/v1/attachments/" + "0" * 64, content=b"x", headers=device.auth),
    ):
        _assert_refused(answer, 403, "device_revoked", "revoked", "laptop reported stolen")
    code = hq.make_enroll_code("again").code
    answer = client.post("/api/v1/enroll", json=hq_helpers.enroll_request(tmp_store, code))
    _assert_refused(answer, 403, "device_revoked", "revoked")


def test_requests_without_or_with_an_unknown_token_are_401(client: TestClient, device: Any) -> None:
    missing = client.get("/api/v1/pull")
    _assert_refused(missing, 401, "unauthorized", "no device token")
    for header in ("Bearer nope", "Basic " + device.token, device.token):
        answer = client.get("/api/v1/pull", headers={"Authorization": header})
        assert answer.status_code == 401, header
