"""Tests for the seizure model's business rules (quantities, two-person integrity, seals)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from fieldapp.models import CurrencyCount, Seizure
from fieldapp.models.common import format_loc
from tests.unit.models.model_examples import (
    currency_item_data,
    drug_item_data,
    find_error,
    firearm_item_data,
    minimal_seizure_data,
    other_item_data,
    validation_errors,
)

Data = dict[str, Any]
Loc = tuple[str | int, ...]


def _full() -> Data:
    """A valid seizure with drugs, currency, a firearm and a sealed, witnessed package."""
    data = minimal_seizure_data()
    data["witness_id"] = "off-2"
    data["items"] = [
        drug_item_data("E1"),
        currency_item_data("E2"),
        firearm_item_data("E3"),
        other_item_data("E4"),
    ]
    data["packages"] = [
        {
            "package_ref": "PK1",
            "kind": "bag",
            "count": 2,
            "seal_numbers": ["S-001", "S-002"],
            "sealed_by": "off-1",
            "witnessed_by": "off-2",
            "exhibit_numbers": ["E1", "E2"],
        }
    ]
    data["approvals"] = [
        {"level": "supervisor", "officer_id": "sup-1", "approved_at": "2024-05-01T12:00:00Z"}
    ]
    return data


def _item(index: int, **changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["items"][index].update(changes)

    return change


def _package(**changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["packages"][0].update(changes)

    return change


def _set(**changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data.update(changes)

    return change


def _count(**changes: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["items"][1]["currency_count"].update(changes)

    return change


def _duplicate_exhibit(data: Data) -> None:
    data["items"][3]["exhibit_number"] = "E1"


NA = {"empty": "not_applicable"}
NI = {"empty": "no_information"}

BROKEN: list[tuple[str, Callable[[Data], None], str, Loc]] = [
    ("no items", _set(items=[], packages=[]), "items_required", ("items",)),
    (
        "duplicate exhibit",
        _duplicate_exhibit,
        "exhibit_number_duplicate",
        ("items", 3, "exhibit_number"),
    ),
    ("blank quantity", _item(3, quantity=NI), "quantity_required", ("items", 3, "quantity")),
    (
        "drug without gross weight",
        _item(0, gross_weight=NI),
        "drug_gross_weight_required",
        ("items", 0, "gross_weight"),
    ),
    (
        "drug gross weight not applicable",
        _item(0, gross_weight=NA),
        "drug_gross_weight_required",
        ("items", 0, "gross_weight"),
    ),
    (
        "drug without field test",
        _item(0, field_test=NA),
        "drug_field_test_required",
        ("items", 0, "field_test"),
    ),
    (
        "field test without kit",
        _item(0, field_test={"result": "negative"}),
        "field_test_kit_required",
        ("items", 0, "field_test", "kit"),
    ),
    ("drugs without witness", _set(witness_id=NA), "witness_required", ("witness_id",)),
    (
        "witness is the seizing officer",
        _set(witness_id="off-1"),
        "witness_is_seizing_officer",
        ("witness_id",),
    ),
    (
        "currency without count",
        _item(1, currency_count=NA),
        "currency_count_required",
        ("items", 1, "currency_count"),
    ),
    (
        "currency count without lines",
        _count(lines=[]),
        "currency_count_required",
        ("items", 1, "currency_count"),
    ),
    (
        "currency count blank deferral",
        _item(1, currency_count=NA, count_deferred_reason="  "),
        "currency_count_required",
        ("items", 1, "currency_count"),
    ),
    (
        "count witnessed by its counter",
        _count(witnessed_by="off-1"),
        "count_witness_is_counter",
        ("items", 1, "currency_count", "witnessed_by"),
    ),
    (
        "firearm make not applicable",
        _item(2, make=NA),
        "firearm_detail_required",
        ("items", 2, "make"),
    ),
    (
        "firearm calibre not applicable",
        _item(2, calibre=NA),
        "firearm_detail_required",
        ("items", 2, "calibre"),
    ),
    (
        "package lists unknown exhibit",
        _package(exhibit_numbers=["E1", "E9"]),
        "package_exhibit_unknown",
        ("packages", 0, "exhibit_numbers", 1),
    ),
    (
        "drug seal not witnessed",
        _package(witnessed_by=NA),
        "seal_witness_required",
        ("packages", 0, "witnessed_by"),
    ),
    (
        "seal witnessed by the sealer",
        _package(witnessed_by="off-1"),
        "seal_witness_is_sealer",
        ("packages", 0, "witnessed_by"),
    ),
    ("blank found location", _set(found_location=" "), "text_required", ("found_location",)),
]


@pytest.mark.parametrize(
    ("change", "code", "loc"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_rule_reported_at_its_field(
    change: Callable[[Data], None], code: str, loc: Loc
) -> None:
    data = _full()
    change(data)
    error = find_error(validation_errors(Seizure, data), code, loc)
    assert error["msg"].startswith(f"{format_loc(loc)}: ")


VALID: list[tuple[str, Callable[[Data], None]]] = [
    ("full", lambda data: None),
    ("deferred count", _item(1, currency_count=NA, count_deferred_reason="Too many notes")),
    ("firearm details unknown", _item(2, make=NI, model=NI, calibre=NI)),
    ("drug not tested", _item(0, field_test={"result": "not_tested"})),
    ("unsealed package, no witness", _package(seal_numbers=[], witnessed_by=NA)),
    ("zero quantity", _item(3, quantity={"amount": "0", "unit": "ea"})),
]


@pytest.mark.parametrize("change", [c[1] for c in VALID], ids=[c[0] for c in VALID])
def test_valid_variants_pass(change: Callable[[Data], None]) -> None:
    data = _full()
    change(data)
    seizure = Seizure.model_validate(data)
    assert Seizure.model_validate_json(seizure.model_dump_json()) == seizure


def test_minimal_seizure_needs_no_witness() -> None:
    seizure = Seizure.model_validate(minimal_seizure_data())
    assert not seizure.has_drugs
    assert not seizure.has_currency


def test_flags_and_lookup() -> None:
    seizure = Seizure.model_validate(_full())
    assert seizure.has_drugs
    assert seizure.has_currency
    assert seizure.has_firearms
    item = seizure.item("E2")
    assert item is not None
    assert isinstance(item.currency_count, CurrencyCount)
    assert item.currency_count.totals() == {"USD": Decimal(5000), "MXN": Decimal(10000)}
    assert seizure.item("E99") is None


def test_all_violations_reported_together() -> None:
    data = _full()
    data["witness_id"] = {"empty": "not_applicable"}
    data["items"][0]["gross_weight"] = NI
    data["items"][3]["quantity"] = NI
    data["items"][2]["serial_number"] = NA
    errors = validation_errors(Seizure, data)
    found = {(e["type"], tuple(e["loc"])) for e in errors}
    assert found == {
        ("witness_required", ("witness_id",)),
        ("drug_gross_weight_required", ("items", 0, "gross_weight")),
        ("quantity_required", ("items", 3, "quantity")),
        ("firearm_detail_required", ("items", 2, "serial_number")),
    }


def test_message_names_the_item() -> None:
    data = _full()
    data["items"][0]["gross_weight"] = NI
    error = find_error(
        validation_errors(Seizure, data), "drug_gross_weight_required", ("items", 0, "gross_weight")
    )
    assert error["msg"] == "items[0].gross_weight: drugs need a gross weight at seizure."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("photo_hashes", ["ABCDEF" * 10 + "abcd"]),
        ("photo_hashes", ["a" * 63]),
        ("category_code", "Drug-Meth"),
    ],
)
def test_item_patterns(field: str, value: Any) -> None:
    data = _full()
    data["items"][3][field] = value
    errors = validation_errors(Seizure, data)
    assert any(e["type"] == "string_pattern_mismatch" for e in errors)


def test_currency_code_and_denomination_structure() -> None:
    data = _full()
    data["items"][1]["currency_count"]["lines"] = [
        {"currency": "usd", "denomination": "0", "count": 0}
    ]
    errors = validation_errors(Seizure, data)
    types = {e["type"] for e in errors}
    assert {"string_pattern_mismatch", "greater_than", "greater_than_equal"} <= types
