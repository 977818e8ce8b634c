"""Roles enforced by the services: what an officer, a supervisor and an auditor may do.

Every refusal is a :class:`PermissionDenied` with a sentence, and leaves the log
exactly as it was; the UI hiding a button is never what stops an action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fieldapp.attachments import AttachmentStore
from fieldapp.errors import PermissionDenied
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.services import queries as q
from fieldapp.services.permissions import RULES, Action, allowed
from fieldapp.services.receipts import Receipts

#: A supervisor of Mexico's ANAM: US-SYS (where the samples happen) is run by CBP-OFO.
ANAM_SUPERVISOR = Actor("off-0102", Role.SUPERVISOR)
#: Another CBP-OFO field officer's colleague from the Border Patrol.
OTHER_OFFICER = Actor("off-0003", Role.OFFICER)


def _events(services: FieldServices) -> int:
    return int(services.store.conn.execute("SELECT count(*) FROM events").fetchone()[0])


def _drafts(services: FieldServices) -> int:
    return int(services.store.conn.execute("SELECT count(*) FROM drafts").fetchone()[0])


def test_the_table_names_every_action_and_auditors_only_read_and_export() -> None:
    assert set(RULES) == set(Action)
    auditor = Actor("off-0005", Role.AUDITOR)
    assert {a for a in Action if allowed(auditor, a)} == {Action.READ, Action.EXPORT}
    officer = Actor("off-0001", Role.OFFICER)
    assert not allowed(officer, Action.APPROVE)
    assert not allowed(officer, Action.RESOLVE_CONFLICT)
    supervisor = Actor("off-0002", Role.SUPERVISOR)
    assert all(allowed(supervisor, a) for a in Action)


# -- the auditor ----------------------------------------------------------------------------


def _auditor_writes(
    services: FieldServices, finalized: Any, samples: Any, actor: Actor, tmp_path: Any
) -> dict[str, Callable[[Actor], object]]:
    """Every write service, as a call taking the actor (prepared by an officer)."""
    draft = services.drafts.create(actor, "encounter", samples.encounter())
    receipts = Receipts(services.store, AttachmentStore(tmp_path))
    transfer = samples.transfer(finalized.seizure_id, ["E1"])
    return {
        "create a draft": lambda who: services.drafts.create(who, "encounter", {}),
        "save a draft": lambda who: services.drafts.save(draft.id, {}, actor=who),
        "discard a draft": lambda who: services.drafts.discard(draft.id, actor=who),
        "finalize": lambda who: services.finalizer.finalize(draft.id, who),
        "add an addendum": lambda who: services.amendments.add_addendum(
            finalized.encounter_id, who, reason="R", text="T"
        ),
        "approve": lambda who: services.amendments.approve(
            finalized.seizure_id, who, level="supervisor"
        ),
        "resolve a conflict": lambda who: services.amendments.resolve_conflict(
            finalized.encounter_id, who, winner_event_id="x", note="n"
        ),
        "transfer custody": lambda who: services.custody.transfer(transfer, who),
        "return property": lambda who: services.custody.return_property(
            samples.property_return(finalized.seizure_id, ["E1"]), who
        ),
        "issue a receipt": lambda who: receipts.issue(finalized.seizure_id, who),
    }


def test_an_auditor_is_refused_every_write_and_nothing_changes(
    services: FieldServices,
    finalized: Any,
    samples: Any,
    actor: Actor,
    auditor: Actor,
    tmp_path: Any,
) -> None:
    writes = _auditor_writes(services, finalized, samples, actor, tmp_path)
    events, drafts = _events(services), _drafts(services)
    for what, write in writes.items():
        with pytest.raises(PermissionDenied) as refused:
            write(auditor)
        assert refused.value.message.endswith("."), what
        assert "auditor" in refused.value.message.lower() or "supervisor" in refused.value.message
    assert (_events(services), _drafts(services)) == (events, drafts)


def test_an_auditor_reads_searches_and_exports(
    services: FieldServices, finalized: Any, samples: Any, auditor: Actor, tmp_path: Any
) -> None:
    from fieldapp.export import export_logged

    view = services.access.open_record(finalized.encounter_id, auditor)
    assert view.current["vehicle"]["plate"] == samples.PLATE
    assert [r.id for r in q.search(services.store.conn, samples.PLATE)] == [finalized.encounter_id]
    target = tmp_path / "records.jsonl"
    assert export_logged(services.store, auditor, "records", "jsonl", target) == 2
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2


# -- officers and their own records -----------------------------------------------------------


def test_an_officer_amends_their_own_record_not_another_officers(
    services: FieldServices, finalized: Any, actor: Actor
) -> None:
    own = services.amendments.add_addendum(
        finalized.encounter_id, actor, reason="Late detail", text="Second phone number."
    )
    assert own.author == actor.officer_id
    before = _events(services)
    with pytest.raises(PermissionDenied) as refused:
        services.amendments.add_addendum(
            finalized.encounter_id, OTHER_OFFICER, reason="Mine now", text="No."
        )
    message = refused.value.message
    assert "off-0003" in message and "off-0001" in message and "supervisor" in message
    assert _events(services) == before


def test_a_record_also_belongs_to_the_officer_who_finalized_it(
    services: FieldServices, samples: Any
) -> None:
    # A seizure naming another seizing officer: both it names and who finalized it own it.
    writer = Actor("off-0004", Role.OFFICER)
    draft = services.drafts.create(writer, "encounter", samples.encounter())
    services.drafts.create(writer, "seizure", samples.seizure(), parent_id=draft.id)
    done = services.finalizer.finalize(draft.id, writer)
    seizure_id = done.record_ids[1]
    for who in (writer, Actor(samples.OFFICER_ID, Role.OFFICER)):
        services.amendments.add_addendum(seizure_id, who, reason="Detail", text="Bag colour.")
    with pytest.raises(PermissionDenied):
        services.amendments.add_addendum(seizure_id, OTHER_OFFICER, reason="R", text="T")


def test_drafts_are_their_officers_only(services: FieldServices, actor: Actor) -> None:
    draft = services.drafts.create(actor, "encounter", {"reason": "mine"})
    for write in (
        lambda: services.drafts.save(draft.id, {"reason": "theirs"}, actor=OTHER_OFFICER),
        lambda: services.drafts.discard(draft.id, actor=OTHER_OFFICER),
        lambda: services.finalizer.finalize(draft.id, OTHER_OFFICER),
        lambda: services.finalizer.finalize(draft.id, Actor("off-0002", Role.SUPERVISOR)),
    ):
        with pytest.raises(PermissionDenied, match="belongs to off-0001"):
            write()
    kept = services.drafts.get(draft.id)
    assert kept.data["reason"] == "mine" and kept.revision == 1


def test_officers_record_custody_and_receipts_for_any_seizure(
    services: FieldServices, finalized: Any, samples: Any, tmp_path: Any
) -> None:
    # Whoever holds the items hands them over, whoever wrote the seizure.
    event = services.custody.transfer(
        samples.transfer(
            finalized.seizure_id,
            ["E1"],
            released_by={
                "officer_id": "off-0003",
                "name": "B. Officer",
                "agency": "usbp",
                "id_number": "B-1",
                "country": "US",
            },
        ),
        OTHER_OFFICER,
    )
    assert event.author == "off-0003"
    issued = Receipts(services.store, AttachmentStore(tmp_path)).issue(
        finalized.seizure_id, OTHER_OFFICER
    )
    assert issued.event.author == "off-0003"


# -- supervisors ------------------------------------------------------------------------------


def test_a_supervisor_amends_records_of_their_agencys_checkpoints_only(
    services: FieldServices, finalized: Any, supervisor: Actor
) -> None:
    event = services.amendments.add_addendum(
        finalized.encounter_id, supervisor, reason="Review", text="Checked with the officer."
    )
    assert event.author == supervisor.officer_id
    before = _events(services)
    with pytest.raises(PermissionDenied) as refused:
        services.amendments.add_addendum(
            finalized.encounter_id, ANAM_SUPERVISOR, reason="Review", text="Not ours."
        )
    assert "US-SYS" in refused.value.message and "ANAM" in refused.value.message
    assert _events(services) == before


def test_only_a_supervisor_of_the_checkpoint_resolves_a_conflict(
    services: FieldServices,
    other_store: Any,
    finalized: Any,
    samples: Any,
    actor: Actor,
    supervisor: Actor,
) -> None:
    record = finalized.encounter_id
    samples.share_events(services.store, other_store)
    theirs = FieldServices(other_store).amendments.add_addendum(
        record, supervisor, reason="Colour", corrections=[{"path": "vehicle.colour", "value": "a"}]
    )
    services.amendments.add_addendum(
        record, actor, reason="Colour", corrections=[{"path": "vehicle.colour", "value": "b"}]
    )
    samples.share_events(other_store, services.store)
    assert q.get_record(services.store.conn, record).needs_review
    for who, words in ((actor, "Only a supervisor"), (ANAM_SUPERVISOR, "not run by ANAM")):
        with pytest.raises(PermissionDenied, match=words):
            services.amendments.resolve_conflict(
                record, who, winner_event_id=theirs.id, note="This one."
            )
    services.amendments.resolve_conflict(
        record, supervisor, winner_event_id=theirs.id, note="Checked the photos."
    )
    assert not q.get_record(services.store.conn, record).needs_review
