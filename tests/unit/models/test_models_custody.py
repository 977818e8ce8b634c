"""Tests for custody transfers and property returns."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.models import (
    RULE_CODES,
    CustodyTransfer,
    PropertyReturn,
    SignatureMark,
    SignatureRole,
    signature_violations,
)
from fieldapp.models.common import format_loc
from tests.unit.models.model_examples import (
    find_error,
    minimal_custody_transfer_data,
    minimal_property_return_data,
    validation_errors,
)

Loc = tuple[str | int, ...]


def test_us_to_mexico_transfer_is_valid() -> None:
    transfer = CustodyTransfer.model_validate(minimal_custody_transfer_data())
    assert (transfer.released_by.country, transfer.received_by.country) == ("US", "MX")
    assert CustodyTransfer.model_validate_json(transfer.model_dump_json()) == transfer


@pytest.mark.parametrize(
    ("changes", "code", "loc"),
    [
        ({"exhibit_numbers": []}, "exhibit_numbers_required", ("exhibit_numbers",)),
        (
            {"exhibit_numbers": ["E1", "E2", "E1"]},
            "exhibit_number_duplicate",
            ("exhibit_numbers", 2),
        ),
        ({"seal_intact": False}, "seal_broken_reason_required", ("seal_broken_reason",)),
        (
            {"seal_intact": False, "seal_broken_reason": " "},
            "seal_broken_reason_required",
            ("seal_broken_reason",),
        ),
        ({"purpose": "other"}, "purpose_detail_required", ("purpose_detail",)),
        ({"route": ""}, "text_required", ("route",)),
        ({"condition": ""}, "text_required", ("condition",)),
    ],
)
def test_transfer_rules(changes: dict[str, Any], code: str, loc: Loc) -> None:
    data = {**minimal_custody_transfer_data(), **changes}
    error = find_error(validation_errors(CustodyTransfer, data), code, loc)
    assert error["msg"].startswith(f"{format_loc(loc)}: ")


def test_released_to_self() -> None:
    data = minimal_custody_transfer_data()
    data["received_by"] = {**data["released_by"]}
    find_error(
        validation_errors(CustodyTransfer, data), "released_to_self", ("received_by", "officer_id")
    )


def test_transfer_structure() -> None:
    data = minimal_custody_transfer_data()
    data["released_by"]["country"] = "USA"
    data["sequence"] = 0
    data["signatures"] = [{"role": "released_by", "sha256": "not-a-hash"}, {"role": "notary"}]
    errors = validation_errors(CustodyTransfer, data)
    locs = {tuple(e["loc"]) for e in errors}
    assert {
        ("released_by", "country"),
        ("sequence",),
        ("signatures", 0, "sha256"),
        ("signatures", 1, "role"),
    } <= locs


SIGNED = "ab" * 32


def test_transfer_signed_by_both_sides_is_valid() -> None:
    data = {
        **minimal_custody_transfer_data(),
        "signatures": [
            {"role": "released_by", "sha256": SIGNED},
            {"role": "received_by", "declined": True, "note": "Se negó; firma el testigo."},
        ],
    }
    transfer = CustodyTransfer.model_validate(data)
    assert [mark.role for mark in transfer.signatures] == [
        SignatureRole.RELEASED_BY,
        SignatureRole.RECEIVED_BY,
    ]
    assert transfer.signatures[1].declined
    assert CustodyTransfer.model_validate_json(transfer.model_dump_json()) == transfer


def test_signatures_default_to_none() -> None:
    assert CustodyTransfer.model_validate(minimal_custody_transfer_data()).signatures == []


@pytest.mark.parametrize(
    ("marks", "code", "loc"),
    [
        ([{"role": "released_by"}], "signature_required", ("signatures", 0, "sha256")),
        (
            [{"role": "received_by", "sha256": SIGNED, "declined": True, "note": "No."}],
            "signature_conflict",
            ("signatures", 0, "sha256"),
        ),
        (
            [{"role": "received_by", "declined": True}],
            "officer_note_required",
            ("signatures", 0, "note"),
        ),
        (
            [{"role": "received_by", "declined": True, "note": "   "}],
            "officer_note_required",
            ("signatures", 0, "note"),
        ),
        (
            [
                {"role": "released_by", "sha256": SIGNED},
                {"role": "released_by", "declined": True, "note": "Dos veces."},
            ],
            "signature_role_duplicate",
            ("signatures", 1, "role"),
        ),
    ],
)
def test_signature_rules(marks: list[dict[str, Any]], code: str, loc: Loc) -> None:
    data = {**minimal_custody_transfer_data(), "signatures": marks}
    error = find_error(validation_errors(CustodyTransfer, data), code, loc)
    assert error["msg"].startswith(f"{format_loc(loc)}: ")


def test_signature_rules_reported_with_the_transfers_other_rules() -> None:
    data = {
        **minimal_custody_transfer_data(),
        "route": "",
        "signatures": [{"role": "received_by", "declined": True}],
    }
    codes = {e["type"] for e in validation_errors(CustodyTransfer, data)}
    assert {"text_required", "officer_note_required"} <= codes


def test_signature_violations_of_marks_held_elsewhere() -> None:
    marks = [SignatureMark(role=SignatureRole.PERSON, declined=True)]
    found = list(signature_violations(marks, ("receipt", "signatures")))
    assert [(v.code, v.loc) for v in found] == [
        ("officer_note_required", ("receipt", "signatures", 0, "note"))
    ]


def test_broken_seal_with_reason_is_valid() -> None:
    data = {
        **minimal_custody_transfer_data(),
        "seal_intact": False,
        "seal_broken_reason": "Opened by the laboratory for analysis; resealed S-9.",
        "purpose": "other",
        "purpose_detail": "Re-weighing",
    }
    assert not CustodyTransfer.model_validate(data).seal_intact


def test_property_return_is_valid() -> None:
    returned = PropertyReturn.model_validate(minimal_property_return_data())
    assert PropertyReturn.model_validate_json(returned.model_dump_json()) == returned


@pytest.mark.parametrize(
    ("changes", "code", "loc"),
    [
        ({"outcome": "handed_to_next_agency"}, "receiving_agency_required", ("receiving_agency",)),
        ({"signature_hash": None}, "signature_required", ("signature_hash",)),
        (
            {"declined_to_sign": True, "officer_note": "Declined."},
            "signature_conflict",
            ("signature_hash",),
        ),
        (
            {"declined_to_sign": True, "signature_hash": None},
            "officer_note_required",
            ("officer_note",),
        ),
        ({"exhibit_numbers": []}, "exhibit_numbers_required", ("exhibit_numbers",)),
    ],
)
def test_return_rules(changes: dict[str, Any], code: str, loc: Loc) -> None:
    data = {**minimal_property_return_data(), **changes}
    error = find_error(validation_errors(PropertyReturn, data), code, loc)
    assert error["msg"].startswith(f"{format_loc(loc)}: ")


def test_declined_with_note_and_handed_on_is_valid() -> None:
    data = {
        **minimal_property_return_data(),
        "outcome": "handed_to_next_agency",
        "receiving_agency": "inm",
        "returned_to": {"empty": "no_information", "reason": "refused"},
        "signature_hash": None,
        "declined_to_sign": True,
        "officer_note": "Se negó a firmar; pertenencias entregadas al INM.",
    }
    assert PropertyReturn.model_validate(data).declined_to_sign


def test_new_signature_rule_code_is_listed() -> None:
    assert "signature_role_duplicate" in RULE_CODES
