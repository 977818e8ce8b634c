"""Access events travel to HQ like any event and never look like a conflict there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from fieldapp.events import Kind
from fieldapp.export import export_logged
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.services import queries as q
from fieldapp.services.access import EXPORT_SUBJECT
from sync.hq import log
from sync.hq.service import Headquarters


def test_reads_and_exports_are_pushed_and_make_no_conflict(
    client: TestClient,
    hq: Headquarters,
    device: Any,
    services: FieldServices,
    actor: Actor,
    finalized: Any,
    other_store: Any,
    samples: Any,
    hq_helpers: Any,
    tmp_path: Path,
) -> None:
    auditor = Actor("off-0005", Role.AUDITOR)
    for who in (actor, auditor):
        services.access.open_record(finalized.encounter_id, who)
    export_logged(services.store, auditor, "records", "csv", tmp_path / "out.csv")
    samples.share_events(services.store, other_store)
    FieldServices(other_store).access.open_record(finalized.encounter_id, actor)
    other = hq_helpers.enroll(client, hq, other_store, "lane 5")
    for enrolled in (device, other):
        events = [e.to_dict() for e in enrolled.own_events()]
        answer = client.post("/api/v1/push", json={"events": events}, headers=enrolled.auth)
        assert answer.status_code == 200 and not answer.json()["quarantined"], answer.text
    lines = [
        q.access_log_id(finalized.encounter_id, services.store.device.device_id),
        q.access_log_id(finalized.encounter_id, other_store.device.device_id),
        q.access_log_id(EXPORT_SUBJECT, services.store.device.device_id),
    ]
    with hq.storage.read() as conn:
        accessed = [e for line in lines for e in log.record_events(conn, line)]
    assert {e.kind for e in accessed} == {Kind.ACCESSED}
    assert sorted(e.author for e in accessed) == ["off-0001", "off-0001", "off-0005", "off-0005"]
    assert {e.payload["action"] for e in accessed} == {"viewed", "exported"}
    assert hq.conflicts() == []
