"""Tests for the encounter model's business rules, one rule at a time and all together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from fieldapp.models import REFUSED, Encounter
from fieldapp.models.common import format_loc
from tests.unit.models.model_examples import (
    END,
    find_error,
    minimal_encounter_data,
    validation_errors,
    vehicle_data,
)

Data = dict[str, Any]
Loc = tuple[str | int, ...]

REFERRAL = {"referred_to": "DIF Tijuana", "referred_at": END, "reference": "DIF-77"}
DETENTION = {
    "person_ref": "P1",
    "detention_type": "in_flagrante",
    "authority_handed_to": "Ministerio Público Federal",
    "rights_read_at": END,
    "transfer_route": "Garita a FGR Tijuana",
}
CONTACT = {
    "consent_given": True,
    "contact_name": "Rosa",
    "relationship": "hermana",
    "notified_at": END,
}


def _flag(kind: str, **extra: Any) -> Data:
    return {"person_ref": "P1", "kind": kind, "details": "observed", **extra}


def _second_person(data: Data, ref: str = "P2") -> None:
    data["people"].append({**data["people"][0], "person_ref": ref, "role": "passenger"})


def _set(**changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data.update(changes)

    return change


def _actions(**changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["actions"] = {"searches": [], "use_of_force": [], "restraints": [], **changes}

    return change


def _search(target: str, with_consent: bool = True, basis: str = "consent") -> Data:
    return {"target": target, "with_consent": with_consent, "basis": basis, "result": "nothing"}


def _force(ref: str = "P1", reason: str = "resisted") -> Data:
    return {
        "person_ref": ref,
        "force_type": "physical_control",
        "reason": reason,
        "injury_caused": False,
    }


def _duplicate_person(data: Data) -> None:
    _second_person(data, "P1")


BROKEN: list[tuple[str, Callable[[Data], None], str, Loc]] = [
    ("no people", _set(people=[]), "people_required", ("people",)),
    ("duplicate ref", _duplicate_person, "person_ref_duplicate", ("people", 1, "person_ref")),
    (
        "flag for nobody",
        _set(protection_flags=[{**_flag("disability"), "person_ref": "P9"}]),
        "person_ref_unknown",
        ("protection_flags", 0, "person_ref"),
    ),
    (
        "detention of nobody",
        _set(result="arrest_detention", detentions=[{**DETENTION, "person_ref": "P9"}]),
        "person_ref_unknown",
        ("detentions", 0, "person_ref"),
    ),
    (
        "force on nobody",
        _actions(use_of_force=[_force("P9")]),
        "person_ref_unknown",
        ("actions", "use_of_force", 0, "person_ref"),
    ),
    (
        "restraint on nobody",
        _actions(restraints=[{"person_ref": "P9", "kind": "handcuffs", "reason": "flight risk"}]),
        "person_ref_unknown",
        ("actions", "restraints", 0, "person_ref"),
    ),
    (
        "search of nobody",
        _actions(searches=[_search("P9")]),
        "person_ref_unknown",
        ("actions", "searches", 0, "target"),
    ),
    (
        "two primaries",
        _set(
            partner_agencies=[
                {"agency": "gn", "primary": True},
                {"agency": "inm", "primary": True},
            ]
        ),
        "primary_partner_duplicate",
        ("partner_agencies", 1, "primary"),
    ),
    (
        "ends before start",
        _set(ended_at="2024-05-01T09:59:59-07:00"),
        "ended_before_started",
        ("ended_at",),
    ),
    ("no location", _set(location={"landmark": "  "}), "location_required", ("location",)),
    (
        "latitude only",
        _set(location={"latitude": "32.54"}),
        "coordinates_incomplete",
        ("location", "longitude"),
    ),
    ("vehicle stop, no vehicle", _set(stop_type="vehicle"), "vehicle_required", ("vehicle",)),
    (
        "vehicle search, no vehicle",
        _actions(searches=[_search("vehicle")]),
        "vehicle_required",
        ("actions", "searches", 0, "target"),
    ),
    (
        "unaccompanied minor, no referral",
        _set(protection_flags=[_flag("minor_unaccompanied")]),
        "referral_required",
        ("protection_flags", 0, "referral"),
    ),
    (
        "accompanied minor, no referral",
        _set(protection_flags=[_flag("minor_accompanied")]),
        "referral_required",
        ("protection_flags", 0, "referral"),
    ),
    (
        "asylum, no referral",
        _set(protection_flags=[_flag("fear_of_return_asylum")]),
        "referral_required",
        ("protection_flags", 0, "referral"),
    ),
    (
        "injury, care not stated",
        _set(protection_flags=[_flag("injury_illness")]),
        "medical_care_required",
        ("protection_flags", 0, "medical_care_given"),
    ),
    (
        "arrest without detention",
        _set(result="arrest_detention"),
        "detention_required",
        ("detentions",),
    ),
    (
        "detention without authority",
        _set(detentions=[{**DETENTION, "authority_handed_to": " "}]),
        "detention_authority_required",
        ("detentions", 0, "authority_handed_to"),
    ),
    (
        "contact without consent",
        _set(detentions=[{**DETENTION, "contact_notified": {**CONTACT, "consent_given": False}}]),
        "contact_without_consent",
        ("detentions", 0, "contact_notified", "consent_given"),
    ),
    ("handover without block", _set(result="handover"), "handover_required", ("handover",)),
    (
        "force without reason",
        _actions(use_of_force=[_force(reason="")]),
        "force_reason_required",
        ("actions", "use_of_force", 0, "reason"),
    ),
    (
        "search without consent or basis",
        _actions(searches=[_search("P1", with_consent=False, basis="")]),
        "search_basis_required",
        ("actions", "searches", 0, "basis"),
    ),
    (
        "receipt given, medium none",
        _set(receipt={"given": True, "medium": "none", "how_to_obtain_record": "x"}),
        "receipt_medium_mismatch",
        ("receipt", "medium"),
    ),
    (
        "receipt not given, medium paper",
        _set(receipt={"given": False, "medium": "paper", "how_to_obtain_record": "x"}),
        "receipt_medium_mismatch",
        ("receipt", "medium"),
    ),
    ("blank narrative", _set(narrative=" \n\t "), "narrative_required", ("narrative",)),
    ("blank reason", _set(reason=""), "text_required", ("reason",)),
    ("blank grounds", _set(grounds=" "), "text_required", ("grounds",)),
]


@pytest.mark.parametrize(
    ("change", "code", "loc"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_rule_reported_at_its_field(
    change: Callable[[Data], None], code: str, loc: Loc
) -> None:
    data = minimal_encounter_data()
    change(data)
    error = find_error(validation_errors(Encounter, data), code, loc)
    assert error["msg"].startswith(f"{format_loc(loc)}: ")
    assert len(error["msg"]) > len(format_loc(loc)) + 10


def _with_vehicle(data: Data) -> None:
    data.update(stop_type="vehicle", vehicle=vehicle_data())
    data["people"][0]["role"] = "driver"
    data["actions"] = {"searches": [_search("vehicle", False, "probable cause: odour")]}


def _with_flags(data: Data) -> None:
    _second_person(data)
    data["protection_flags"] = [
        _flag("minor_unaccompanied", referral=REFERRAL),
        _flag("minor_accompanied", referral=REFERRAL),
        _flag("fear_of_return_asylum", referral=REFERRAL),
        _flag("injury_illness", medical_care_given=False),
        {**_flag("trafficking_indicators"), "person_ref": "P2"},
    ]


def _with_detention(data: Data) -> None:
    data.update(
        result="arrest_detention",
        detentions=[{**DETENTION, "contact_notified": CONTACT}],
    )
    data["actions"] = {
        "use_of_force": [_force()],
        "restraints": [{"person_ref": "P1", "kind": "handcuffs", "reason": "flight risk"}],
        "seizure_ids": ["sz-1"],
    }


def _with_handover(data: Data) -> None:
    data.update(
        result="handover",
        handover={
            "agency": "inm",
            "handed_at": END,
            "received_by_name": "Agente López",
            "received_by_id": REFUSED.model_dump(),
        },
    )


VALID: list[tuple[str, Callable[[Data], None]]] = [
    ("minimal", lambda data: None),
    ("vehicle stop with vehicle", _with_vehicle),
    ("flags with referrals and care", _with_flags),
    ("arrest with detention and consented contact", _with_detention),
    ("handover with block", _with_handover),
    ("coordinates only", _set(location={"latitude": "32.5422123", "longitude": "-117.0291"})),
    ("end unknown", _set(ended_at={"empty": "no_information", "reason": "not_recorded"})),
    ("no receipt", _set(receipt={"given": False, "medium": "none", "how_to_obtain_record": "x"})),
    ("one primary partner", _set(partner_agencies=[{"agency": "gn", "primary": True}])),
]


@pytest.mark.parametrize("change", [c[1] for c in VALID], ids=[c[0] for c in VALID])
def test_valid_variants_pass(change: Callable[[Data], None]) -> None:
    data = minimal_encounter_data()
    change(data)
    encounter = Encounter.model_validate(data)
    assert list(encounter.rule_violations()) == []
    assert Encounter.model_validate_json(encounter.model_dump_json()) == encounter


def test_all_violations_reported_together() -> None:
    data = minimal_encounter_data()
    data.update(
        narrative="",
        result="arrest_detention",
        ended_at="2024-05-01T09:00:00-07:00",
        protection_flags=[{**_flag("minor_unaccompanied"), "person_ref": "P7"}],
    )
    errors = validation_errors(Encounter, data)
    found = {(e["type"], tuple(e["loc"])) for e in errors}
    assert found == {
        ("narrative_required", ("narrative",)),
        ("detention_required", ("detentions",)),
        ("ended_before_started", ("ended_at",)),
        ("person_ref_unknown", ("protection_flags", 0, "person_ref")),
        ("referral_required", ("protection_flags", 0, "referral")),
    }


def test_coordinates_out_of_range_are_structural() -> None:
    data = minimal_encounter_data()
    data["location"] = {"latitude": "91", "longitude": "0"}
    find_error(validation_errors(Encounter, data), "less_than_equal", ("location", "latitude"))


def test_nationality_pattern() -> None:
    data = minimal_encounter_data()
    data["people"][0]["nationality"] = "mexico"
    errors = validation_errors(Encounter, data)
    assert any(e["loc"][:3] == ("people", 0, "nationality") for e in errors)


def test_duration() -> None:
    encounter = Encounter.model_validate(minimal_encounter_data())
    assert encounter.duration == timedelta(minutes=20)
    data = minimal_encounter_data()
    data["ended_at"] = {"empty": "no_information"}
    assert Encounter.model_validate(data).duration is None


def test_name_refused_is_not_the_word_refused() -> None:
    encounter = Encounter.model_validate(minimal_encounter_data())
    assert encounter.people[0].name == REFUSED
    data = minimal_encounter_data()
    data["people"][0]["name"] = "refused"
    assert Encounter.model_validate(data).people[0].name == "refused"
