"""Approvals of detentions and transfers: given by a supervisor, never on their own record."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.errors import PermissionDenied, RecordInvalid
from fieldapp.events import Kind
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.services import queries as q

APPROVED_AT = "2024-05-01T11:00:00-07:00"


def _approval(officer_id: str, level: str = "supervisor") -> dict[str, Any]:
    return {"level": level, "officer_id": officer_id, "approved_at": APPROVED_AT}


def _finalize_with(
    services: FieldServices, actor: Actor, samples: Any, *approvals: dict[str, Any], **changes: Any
) -> str:
    draft = services.drafts.create(actor, "encounter", samples.encounter(**changes))
    seizure = samples.seizure(approvals=list(approvals), **changes)
    services.drafts.create(actor, "seizure", seizure, parent_id=draft.id)
    return services.finalizer.finalize(draft.id, actor).record_ids[1]


def _events(services: FieldServices) -> int:
    return int(services.store.conn.execute("SELECT count(*) FROM events").fetchone()[0])


# -- approvals recorded at finalization -------------------------------------------------------


def test_a_supervisors_approval_is_finalized_with_the_seizure(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    seizure_id = _finalize_with(
        services,
        actor,
        samples,
        _approval(samples.SUPERVISOR_ID),
        _approval("off-0102", "second_line_supervisor"),
    )
    approvals = q.get_record(services.store.conn, seizure_id).current["approvals"]
    assert [a["officer_id"] for a in approvals] == [samples.SUPERVISOR_ID, "off-0102"]


@pytest.mark.parametrize(
    ("approver", "code"),
    [
        ("off-0003", "approver_not_supervisor"),  # an officer
        ("off-0005", "approver_not_supervisor"),  # an auditor
        ("off-9999", "unknown_officer"),
    ],
)
def test_only_a_supervisor_may_be_named_as_approver(
    services: FieldServices, actor: Actor, samples: Any, approver: str, code: str
) -> None:
    before = _events(services)
    with pytest.raises(RecordInvalid) as refused:
        _finalize_with(services, actor, samples, _approval(approver))
    found = {(p.path, p.code) for p in refused.value.problems}
    assert (("seizures", 0, "approvals", 0, "officer_id"), code) in found
    assert _events(services) == before


def test_a_supervisor_cannot_approve_their_own_seizure_at_finalization(
    services: FieldServices, supervisor: Actor, samples: Any
) -> None:
    with pytest.raises(RecordInvalid) as refused:
        _finalize_with(
            services,
            supervisor,
            samples,
            _approval(supervisor.officer_id),
            officer_id=supervisor.officer_id,
        )
    codes = {p.code for p in refused.value.problems}
    assert "approver_is_own_officer" in codes


def test_check_reports_approval_problems_without_writing(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    draft = services.drafts.create(
        actor, "seizure", samples.seizure(approvals=[_approval("off-0003")])
    )
    problems = services.finalizer.check(draft.id, actor)
    assert (("approvals", 0, "officer_id"), "approver_not_supervisor") in {
        (p.path, p.code) for p in problems
    }


# -- approvals given later, by the supervisor themself ------------------------------------------


def test_a_supervisor_approves_an_officers_seizure(
    services: FieldServices, finalized: Any, supervisor: Actor
) -> None:
    event = services.amendments.approve(
        finalized.seizure_id, supervisor, level="second_line_supervisor", note="To FGR."
    )
    assert event.kind == Kind.ADDENDUM and event.author == supervisor.officer_id
    view = q.get_record(services.store.conn, finalized.seizure_id)
    [approval] = view.current["approvals"]
    assert approval["officer_id"] == supervisor.officer_id
    assert approval["level"] == "second_line_supervisor" and approval["note"] == "To FGR."
    assert view.original["approvals"] == []
    assert not view.needs_review
    with pytest.raises(RecordInvalid, match="already"):
        services.amendments.approve(
            finalized.seizure_id, supervisor, level="second_line_supervisor"
        )


def test_officers_and_auditors_do_not_approve(
    services: FieldServices, finalized: Any, actor: Actor, auditor: Actor
) -> None:
    before = _events(services)
    for who in (actor, auditor):
        with pytest.raises(PermissionDenied, match="Only a supervisor can approve"):
            services.amendments.approve(finalized.seizure_id, who, level="supervisor")
    assert _events(services) == before


def test_a_supervisor_does_not_approve_their_own_record(
    services: FieldServices, supervisor: Actor, samples: Any
) -> None:
    seizure_id = _finalize_with(services, supervisor, samples, officer_id=supervisor.officer_id)
    with pytest.raises(PermissionDenied, match="their own record"):
        services.amendments.approve(seizure_id, supervisor, level="supervisor")


def test_an_approval_cannot_be_slipped_in_by_an_addendum(
    services: FieldServices, finalized: Any, actor: Actor, supervisor: Actor, samples: Any
) -> None:
    forged = [{"path": "approvals", "value": [_approval(samples.SUPERVISOR_ID)]}]
    before = _events(services)
    # The officer who wrote the seizure may amend it, but not approve it for someone.
    with pytest.raises(PermissionDenied, match="Only a supervisor can approve"):
        services.amendments.add_addendum(
            finalized.seizure_id, actor, reason="Approved by phone", corrections=forged
        )
    # Nor may one supervisor record another's approval.
    other = [{"path": "approvals", "value": [_approval("off-0102")]}]
    with pytest.raises(PermissionDenied, match="only their own approval"):
        services.amendments.add_addendum(
            finalized.seizure_id, supervisor, reason="For a colleague", corrections=other
        )
    assert _events(services) == before
    # A supervisor's own approval, by addendum, is accepted.
    services.amendments.add_addendum(
        finalized.seizure_id, supervisor, reason="Approved", corrections=forged
    )
    view = q.get_record(services.store.conn, finalized.seizure_id)
    assert view.current["approvals"][0]["officer_id"] == samples.SUPERVISOR_ID


def test_an_approval_is_withdrawn_only_by_its_supervisor(
    services: FieldServices, actor: Actor, samples: Any, supervisor: Actor
) -> None:
    seizure_id = _finalize_with(services, actor, samples, _approval(supervisor.officer_id))
    withdraw = [{"path": "approvals", "value": []}]
    before = _events(services)
    for who in (actor, Actor("off-0102", Role.SUPERVISOR)):
        with pytest.raises(PermissionDenied):
            services.amendments.add_addendum(
                seizure_id, who, reason="Withdrawn", corrections=withdraw
            )
    assert _events(services) == before
    services.amendments.add_addendum(
        seizure_id, supervisor, reason="Withdrawn", corrections=withdraw
    )
    assert q.get_record(services.store.conn, seizure_id).current["approvals"] == []
