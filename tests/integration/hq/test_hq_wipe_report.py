"""Remote wipe at HQ: what a revoked device is told, its signed wipe report, the admin's view."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select

from fieldapp.crypto import SigningKey
from fieldapp.events import Event, Kind
from fieldapp.ids import uuid7
from sync.errors import InvalidInput
from sync.hq import migrations, schema
from sync.hq.cli import main
from sync.hq.db import Storage, make_engine, resolve_db_url
from sync.hq.migrations import LATEST, current_version, migrate
from sync.hq.service import Headquarters
from sync.hq.wipe import MAX_REPORTS_PER_DEVICE
from sync.protocol import DEVICE_RECORD_TYPE, HqKind

REVOCATION = "/api/v1/revocation"
REPORT = "/api/v1/revocation/wipe-report"


def _wiped_event(
    device: Any,
    *,
    wiped: list[Any] | None = None,
    kept: list[str] | None = None,
    key: SigningKey | None = None,
    without: tuple[str, ...] = (),
    **changes: Any,
) -> Event:
    """The device's ``device_wiped`` event (its payload ``without`` some keys), sealed by its
    key (or ``key``)."""
    wiped = wiped or []
    kept = kept or []
    event = Event(
        id=uuid7(),
        origin=device.device_id,
        seq=10_000,
        prev_hash=None,
        record_id=device.device_id,
        record_type=DEVICE_RECORD_TYPE,
        kind=Kind.DEVICE_WIPED,
        base=None,
        author="system",
        recorded_at="2025-03-01T13:00:00+00:00",
        payload={
            "revoked_at": "2025-03-01T12:00:00+00:00",
            "reason": "stolen",
            "wiped_at": "2025-03-01T13:00:00+00:00",
            "records_wiped": len(wiped),
            "wiped_record_ids": wiped,
            "records_kept": len(kept),
            "kept_record_ids": kept,
            "events_redacted": 7,
            "files_removed": 2,
        },
    )
    for name in without:
        del event.payload[name]
    return dataclasses.replace(event, **changes).sealed(key or device.store.device.key)


def _report(client: TestClient, device: Any, event: Event | dict[str, Any]) -> Any:
    body = event if isinstance(event, dict) else event.to_dict()
    return client.post(REPORT, json={"event": body}, headers=device.auth)


def _pushed_record_ids(client: TestClient, device: Any) -> list[str]:
    own = device.own_events()
    answer = client.post(
        "/api/v1/push", json={"events": [e.to_dict() for e in own]}, headers=device.auth
    )
    assert answer.status_code == 200 and answer.json()["quarantined"] == [], answer.text
    return sorted({e.record_id for e in own})


def _refused(answer: Any, status: int, code: str | None = None) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["detail"].strip().endswith(".") and body["code"]
    if code is not None:
        assert body["code"] == code, body


def test_an_active_device_is_told_it_is_not_revoked(client: TestClient, device: Any) -> None:
    answer = client.get(REVOCATION, headers=device.auth)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"revoked": False, "revoked_at": None, "reason": None, "wipe": False}


@pytest.mark.parametrize("wipe", [True, False])
def test_a_revoked_device_is_told_whether_to_wipe(
    client: TestClient, device: Any, hq: Headquarters, wipe: bool
) -> None:
    revoked = hq.revoke(device.device_id, " stolen ", wipe=wipe)
    assert revoked.wipe is wipe
    # Every other request is refused; the revocation question is still answered.
    pull = client.get("/api/v1/pull", headers=device.auth)
    _refused(pull, 403, "device_revoked")
    assert ("records HQ already holds" in pull.json()["detail"]) is wipe
    answer = client.get(REVOCATION, headers=device.auth)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "revoked": True,
        "revoked_at": revoked.revoked_at,
        "reason": "stolen",
        "wipe": wipe,
    }
    # The HQ event other devices pull says it too.
    with hq.storage.read() as conn:
        payload = conn.execute(
            select(schema.events.c.payload).where(
                schema.events.c.kind == HqKind.DEVICE_REVOKED.value
            )
        ).scalar_one()
    assert json.loads(payload)["wipe"] is wipe


def test_the_revocation_routes_need_a_known_token(client: TestClient) -> None:
    _refused(client.get(REVOCATION), 401, "unauthorized")
    bad = {"Authorization": "Bearer not-a-token"}
    _refused(client.get(REVOCATION, headers=bad), 401, "unauthorized")
    _refused(client.post(REPORT, json={"event": {}}, headers=bad), 401, "unauthorized")


def test_a_valid_wipe_report_is_stored_once_and_kept_out_of_the_log(
    client: TestClient,
    device: Any,
    hq: Headquarters,
    make_finalized: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_finalized()
    held = _pushed_record_ids(client, device)
    hq.revoke(device.device_id, "stolen")
    event = _wiped_event(device, wiped=held, kept=["rec-unsynced-1", "rec-unsynced-2"])
    with caplog.at_level(logging.WARNING, logger="sync.hq.wipe"):
        first = _report(client, device, event)
    assert first.status_code == 201, first.text
    assert first.json()["event_id"] == event.id and first.json()["duplicate"] is False
    assert not caplog.records  # every record it removed is held at HQ

    again = _report(client, device, event)
    assert again.status_code == 200, again.text
    assert again.json() == {**first.json(), "duplicate": True}

    [report] = hq.wipe_reports()
    assert report.event_id == event.id and report.device_id == device.device_id
    assert (report.records_wiped, report.records_kept, report.not_at_hq) == (len(held), 2, 0)
    assert report.kept_record_ids == ("rec-unsynced-1", "rec-unsynced-2")
    assert (report.events_redacted, report.files_removed) == (7, 2)
    assert report.wiped_at == "2025-03-01T13:00:00+00:00" and report.reason == "stolen"
    assert hq.wipe_reports(device.store.device.device_code) == [report]
    with hq.storage.read() as conn:
        in_log = conn.execute(
            select(schema.events.c.id).where(schema.events.c.id == event.id)
        ).first()
        stored = conn.execute(select(schema.wipe_reports.c.event)).scalar_one()
    assert in_log is None
    assert Event.from_dict(json.loads(stored)).hash_ok()

    # Same id, other content: refused as tampering, the first report stands.
    other = _wiped_event(device, wiped=held, id=event.id)
    _refused(_report(client, device, other), 409, "conflicting_report")
    assert hq.wipe_reports() == [report]


def test_removed_records_hq_never_received_are_counted_and_logged(
    client: TestClient,
    device: Any,
    hq: Headquarters,
    make_finalized: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_finalized()
    held = _pushed_record_ids(client, device)
    hq.revoke(device.device_id)
    # Enough ids for several IN (...) lookups; a repeat, a non-text id and an odd one too.
    missing = [f"never-synced-{n}" for n in range(2000)]
    wiped = [*held, *missing, held[0], 42, "nul\x00id"]
    event = _wiped_event(device, wiped=wiped, without=("records_wiped",))
    with caplog.at_level(logging.WARNING, logger="sync.hq.wipe"):
        answer = _report(client, device, event)
    assert answer.status_code == 201, answer.text
    [report] = hq.wipe_reports()
    assert report.not_at_hq == len(missing) + 2
    assert report.records_wiped == len(wiped)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert str(report.not_at_hq) in caplog.records[0].getMessage()


def test_a_lenient_reading_of_an_odd_payload(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    hq.revoke(device.device_id)
    event = _wiped_event(device, payload={"records_wiped": -3, "kept_record_ids": "x"})
    answer = _report(client, device, event)
    assert answer.status_code == 201, answer.text
    [report] = hq.wipe_reports()
    assert (report.records_wiped, report.records_kept, report.not_at_hq) == (0, 0, 0)
    assert report.kept_record_ids == () and report.wiped_at is None


def test_an_active_device_cannot_report_a_wipe(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    _refused(_report(client, device, _wiped_event(device)), 409, "not_revoked")
    assert hq.wipe_reports() == []


def test_forged_altered_or_foreign_reports_are_refused(
    client: TestClient, device: Any, hq: Headquarters, hq_helpers: Any, other_store: Any
) -> None:
    hq.revoke(device.device_id)
    forged = _wiped_event(device, key=SigningKey.generate())
    _refused(_report(client, device, forged), 422, "bad_signature")

    altered = _wiped_event(device).to_dict()
    altered["payload"]["records_kept"] = 5
    _refused(_report(client, device, altered), 422, "bad_hash")

    flipped = _wiped_event(device).to_dict()
    flipped["signature"] = flipped["signature"][::-1]
    _refused(_report(client, device, flipped), 422, "bad_signature")

    for changes in (
        {"kind": "record_created"},
        {"record_type": "seizure"},
        {"record_id": "someone-else"},
    ):
        _refused(_report(client, device, _wiped_event(device, **changes)), 422, "not_a_wipe_event")

    # Another enrolled device's own (validly signed) wipe event, sent with this token.
    other = hq_helpers.enroll(client, hq, other_store, name="lane 5")
    _refused(_report(client, device, _wiped_event(other)), 403, "foreign_origin")

    _refused(client.post(REPORT, content=b"{not json", headers=device.auth), 400)
    _refused(client.post(REPORT, json={"event": {"id": 1}}, headers=device.auth), 422)
    huge = b'{"event": "' + b"x" * (4 * 2**20) + b'"}'
    _refused(client.post(REPORT, content=huge, headers=device.auth), 413)
    assert hq.wipe_reports() == []


# --- the admin commands --------------------------------------------------------------------


@pytest.fixture
def run(hq_url: str, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``fieldapp-hq --db HQ_URL ARGS...``: (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--db", hq_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_cli_revoke_keep_records_devices_and_wipe_reports(
    run: Callable[..., Any],
    client: TestClient,
    device: Any,
    hq: Headquarters,
    hq_helpers: Any,
    other_store: Any,
    make_finalized: Callable[..., Any],
) -> None:
    other = hq_helpers.enroll(client, hq, other_store, name="lane 5")
    assert run("wipe-reports")[1].startswith("No revoked device has reported a wipe.")

    status, out, _ = run("revoke", "lane 5", "--keep-records")
    assert status == 0 and "is revoked" in out and "records stay on it" in out
    assert hq.revocation(hq.authenticate(f"Bearer {other.token}", allow_revoked=True)).wipe is False

    make_finalized()
    held = _pushed_record_ids(client, device)
    status, out, _ = run("revoke", "lane 4", "--reason", "stolen")
    assert status == 0 and "removes the records HQ already holds" in out
    listing = run("devices")[1]
    assert "records kept (no wipe asked)" in listing
    assert "wipe asked, not reported yet" in listing

    event = _wiped_event(device, wiped=[*held, "ghost"], kept=["rec-stuck"])
    assert _report(client, device, event).status_code == 201
    listing = run("devices")[1]
    assert "wipe reported 2025-03-01: " in listing
    assert f"{len(held) + 1} records removed, 1 kept (not received by HQ)" in listing

    status, out, _ = run("wipe-reports", "--device", "lane 4")
    assert status == 0
    assert event.id in out and device.device_id in out
    assert "kept on the device, not received by HQ: rec-stuck" in out
    assert "WARNING: 1 of the records it removed were never received" in out
    assert "recover that laptop" in out
    assert run("wipe-reports", "--device", "lane 5")[1].startswith("No revoked device")
    status, _, err = run("wipe-reports", "--device", "nobody")
    assert status == 1 and "no device" in err
    assert "Wipe reports: 1 (1 with records kept on the device, 1 removing" in run("info")[1]

    # Lane 5, revoked with its records kept, turns out stolen: revoking again asks the wipe.
    status, out, _ = run("revoke", "lane 5", "--reason", "stolen after all")
    assert status == 0 and "was already revoked on " in out and "now removes" in out
    assert "wipe asked, not reported yet" in run("devices")[1].split("lane 5", 1)[1]
    status, _, err = run("revoke", "lane 5")
    assert status == 1 and "already revoked" in err


# --- the schema ----------------------------------------------------------------------------


def test_a_version_2_database_gains_the_wipe_column_and_table(
    hq_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = Storage(make_engine(resolve_db_url(hq_url)))
    try:
        monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        monkeypatch.setattr(migrations, "LATEST", 2)
        migrate(storage)
        with storage.read() as conn:
            assert current_version(conn) == 2
            columns = {c["name"] for c in inspect(conn).get_columns("devices")}
            assert "wipe_requested" not in columns
            assert not conn.dialect.has_table(conn, "wipe_reports")
        monkeypatch.undo()
        assert migrate(storage) == 2
        with storage.read() as conn:
            assert current_version(conn) == LATEST
            columns = {c["name"] for c in inspect(conn).get_columns("devices")}
            assert "wipe_requested" in columns
            assert conn.dialect.has_table(conn, "wipe_reports")
    finally:
        storage.dispose()


def test_a_device_revoked_before_remote_wipe_is_not_asked_to_wipe(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    hq.revoke(device.device_id)
    with hq.storage.write() as conn:
        conn.execute(schema.devices.update().values(wipe_requested=None))
    assert client.get(REVOCATION, headers=device.auth).json()["wipe"] is False


def test_a_stream_of_new_reports_from_one_device_is_refused(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    hq.revoke(device.device_id, "stolen")
    for _ in range(MAX_REPORTS_PER_DEVICE):
        assert _report(client, device, _wiped_event(device)).status_code == 201
    _refused(_report(client, device, _wiped_event(device)), 409, "too_many_reports")
    assert len(hq.wipe_reports()) == MAX_REPORTS_PER_DEVICE


def test_revoking_again_asks_a_kept_device_for_the_wipe_once(
    client: TestClient, device: Any, hq: Headquarters
) -> None:
    hq.revoke(device.device_id, "lost", wipe=False)
    assert client.get(REVOCATION, headers=device.auth).json()["wipe"] is False

    again = hq.revoke(device.device_id, "stolen")

    assert again.wipe and again.revoked_reason == "lost"
    assert client.get(REVOCATION, headers=device.auth).json()["wipe"] is True
    with pytest.raises(InvalidInput, match="already revoked"):
        hq.revoke(device.device_id, "again")
    with pytest.raises(InvalidInput, match="already revoked"):
        hq.revoke(device.device_id, "keep", wipe=False)
