"""The public receipt check: a genuine receipt is confirmed, a forged hash is not."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fieldapp.events import Kind

PDF = b"%PDF-1.7 a receipt"
NUMBER = "US-SYS-ABCDE-R000001"


@pytest.fixture
def receipt(client: TestClient, device: Any, finalized: Any) -> dict[str, str]:
    """A receipt issued on the device (as the receipts service logs it) and pushed to HQ."""
    store = device.store
    head = store.conn.execute(
        "SELECT head_hash FROM records WHERE id = ?", (finalized.seizure_id,)
    ).fetchone()[0]
    with store.transaction() as db:
        store.append(
            db,
            record_id=finalized.seizure_id,
            record_type="seizure",
            kind=Kind.RECEIPT_ISSUED,
            author="off-0001",
            payload={
                "receipt_number": NUMBER,
                "copy_number": 0,
                "record_hash": head,
                "pdf_sha256": hashlib.sha256(PDF).hexdigest(),
                "page_size": "letter",
                "issued_at": "2024-05-01T10:25:00-07:00",
            },
            base=head,
        )
    events = [e.to_dict() for e in device.own_events()]
    answer = client.post("/api/v1/push", json={"events": events}, headers=device.auth)
    assert answer.json()["quarantined"] == []
    return {"record_hash": head, "record_id": finalized.seizure_id}


JSON = {"Accept": "application/json"}


def test_a_genuine_receipt_is_confirmed_as_json_and_html(
    client: TestClient, receipt: dict[str, str]
) -> None:
    url = f"/verify/{NUMBER}?hash={receipt['record_hash']}"
    verdict = client.get(url, headers=JSON).json()
    assert verdict["status"] == "valid" and verdict["valid"] is True
    assert verdict["matched"] == "record_hash"
    assert verdict["record_id"] == receipt["record_id"]
    assert verdict["copy_number"] == 0
    assert "genuine" in verdict["message"] and "auténtico" in verdict["message_es"]
    page = client.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Genuine receipt" in page.text and NUMBER in page.text


def test_the_qr_codes_short_form_and_record_id_work(
    client: TestClient, receipt: dict[str, str]
) -> None:
    url = f"/verify/{NUMBER}?record={receipt['record_id']}&h={receipt['record_hash'].upper()}"
    assert client.get(url, headers=JSON).json()["status"] == "valid"
    wrong_record = f"/verify/{NUMBER}?record=someone-else&h={receipt['record_hash']}"
    assert client.get(wrong_record, headers=JSON).json()["status"] == "mismatch"


def test_the_pdfs_own_hash_is_accepted(client: TestClient, receipt: dict[str, str]) -> None:
    url = f"/verify/{NUMBER}?hash={hashlib.sha256(PDF).hexdigest()}"
    verdict = client.get(url, headers=JSON).json()
    assert (verdict["status"], verdict["matched"]) == ("valid", "pdf_sha256")


def test_a_forged_hash_does_not_match(client: TestClient, receipt: dict[str, str]) -> None:
    genuine = receipt["record_hash"]
    forged = ("1" if genuine[0] == "0" else "0") + genuine[1:]
    url = f"/verify/{NUMBER}?hash={forged}"
    verdict = client.get(url, headers=JSON).json()
    assert verdict["status"] == "mismatch" and verdict["valid"] is False
    assert "altered" in verdict["message"]
    assert verdict["record_id"] is None
    page = client.get(url)
    assert page.status_code == 200 and "Does not match" in page.text


def test_an_unknown_number_says_it_may_not_be_synced_yet(
    client: TestClient, receipt: dict[str, str]
) -> None:
    verdict = client.get(
        f"/verify/US-SYS-XXXXX-R000009?hash={receipt['record_hash']}", headers=JSON
    )
    assert verdict.json()["status"] == "unknown"
    assert "synchronised" in verdict.json()["message"]


def test_a_missing_or_malformed_hash_is_422_in_both_forms(client: TestClient) -> None:
    for url in (f"/verify/{NUMBER}", f"/verify/{NUMBER}?hash=abc", f"/verify/{NUMBER}?hash="):
        as_json = client.get(url, headers=JSON)
        assert as_json.status_code == 422 and as_json.json()["code"] == "invalid"
        page = client.get(url)
        assert page.status_code == 422 and "Cannot check" in page.text


def test_the_page_escapes_what_it_is_given(client: TestClient) -> None:
    page = client.get("/verify/<script>alert(1)<script>?hash=" + "a" * 64)
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(1)" in page.text
