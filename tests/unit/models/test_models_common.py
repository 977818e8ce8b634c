"""Tests for the shared model pieces: empties, exact decimals, aware times, rule machinery."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from fieldapp.models import (
    NOT_APPLICABLE,
    RECORD_MODELS,
    REFUSED,
    RULE_CODES,
    UNKNOWN,
    CurrencyCount,
    Encounter,
    NoInformation,
    NotApplicable,
    Person,
    Quantity,
    RecordModel,
    skip_rules_context,
)
from fieldapp.models.common import format_loc
from tests.unit.models.model_examples import find_error, minimal_encounter_data, validation_errors


def test_empties_are_distinct_values() -> None:
    assert NOT_APPLICABLE != UNKNOWN
    assert UNKNOWN != REFUSED
    assert NotApplicable() == NOT_APPLICABLE
    assert NoInformation(reason="refused") == REFUSED


def test_empties_have_distinct_json() -> None:
    assert REFUSED.model_dump_json() == '{"empty":"no_information","reason":"refused"}'
    assert NOT_APPLICABLE.model_dump_json() == '{"empty":"not_applicable"}'
    assert UNKNOWN.model_dump_json() == '{"empty":"no_information","reason":"unknown"}'


def _person(name: Any) -> dict[str, Any]:
    person: dict[str, Any] = dict(minimal_encounter_data()["people"][0])
    person["name"] = name
    return person


@pytest.mark.parametrize("text", ["refused", "unknown", "not_applicable", "no_information"])
def test_a_plain_string_stays_a_string(text: str) -> None:
    person = Person.model_validate(_person(text))
    assert person.name == text
    assert Person.model_validate_json(person.model_dump_json()).name == text


def test_refused_round_trips_as_no_information() -> None:
    person = Person.model_validate(_person(REFUSED.model_dump()))
    assert person.name == REFUSED
    assert person.name != "refused"
    again = Person.model_validate_json(person.model_dump_json())
    assert again.name == REFUSED
    assert json.loads(person.model_dump_json())["name"] == {
        "empty": "no_information",
        "reason": "refused",
    }


def test_not_applicable_is_not_accepted_where_only_no_information_fits() -> None:
    errors = validation_errors(Person, _person({"empty": "not_applicable"}))
    assert all(e["loc"][0] == "name" for e in errors)


def test_null_is_not_an_empty() -> None:
    validation_errors(Person, _person(None))


def test_naive_datetime_rejected() -> None:
    data = minimal_encounter_data()
    data["started_at"] = datetime(2024, 5, 1, 10, 0)  # naive on purpose
    find_error(validation_errors(Encounter, data), "timezone_aware", ("started_at",))


def test_naive_datetime_text_rejected() -> None:
    data = minimal_encounter_data()
    data["started_at"] = "2024-05-01T10:00:00"
    find_error(validation_errors(Encounter, data), "timezone_aware", ("started_at",))


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (float("nan"), "decimal_not_float"),
        (1.5, "decimal_not_float"),
        (True, "decimal_not_float"),
        ("NaN", "finite_number"),
        ("Infinity", "finite_number"),
        ("-inf", "finite_number"),
        (Decimal("NaN"), "finite_number"),
        ("-1", "greater_than_equal"),
    ],
)
def test_bad_amounts_rejected(amount: object, code: str) -> None:
    find_error(validation_errors(Quantity, {"amount": amount, "unit": "kg"}), code, ("amount",))


def test_float_in_json_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        Quantity.model_validate_json('{"amount": 1.5, "unit": "kg"}')
    assert caught.value.errors()[0]["type"] == "decimal_not_float"


@pytest.mark.parametrize("amount", ["1.50", 2, Decimal("0.000000000000000000123456789")])
def test_exact_amounts_accepted(amount: object) -> None:
    quantity = Quantity.model_validate({"amount": amount, "unit": "kg"})
    assert quantity.amount == Decimal(str(amount))
    assert Quantity.model_validate_json(quantity.model_dump_json()) == quantity


@pytest.mark.parametrize("unit", ["KG", "", "1kg", "k g"])
def test_unit_must_be_a_code(unit: str) -> None:
    find_error(
        validation_errors(Quantity, {"amount": "1", "unit": unit}),
        "string_pattern_mismatch",
        ("unit",),
    )


def test_totals_per_currency() -> None:
    count = CurrencyCount.model_validate(
        {
            "lines": [
                {"currency": "USD", "denomination": "100", "count": 3},
                {"currency": "MXN", "denomination": "0.50", "count": 7},
                {"currency": "USD", "denomination": "0.25", "count": 2},
                {"currency": "MXN", "denomination": "500", "count": 2},
            ],
            "counted_by": "off-1",
            "witnessed_by": "off-2",
        }
    )
    assert count.totals() == {"USD": Decimal("300.50"), "MXN": Decimal("1003.50")}


def test_models_are_frozen_and_strict() -> None:
    quantity = Quantity(amount=Decimal(1), unit="kg")
    with pytest.raises(ValidationError):
        quantity.amount = Decimal(2)  # type: ignore[misc]
    validation_errors(Quantity, {"amount": "1", "unit": "kg", "extra": 1})


def test_rules_skipped_with_storage_context_but_not_structure() -> None:
    data = minimal_encounter_data()
    data["narrative"] = "   "
    data["people"] = []
    encounter = Encounter.model_validate(data, context=skip_rules_context())
    assert encounter.narrative == ""
    assert {v.code for v in encounter.rule_violations()} == {
        "narrative_required",
        "people_required",
    }
    data["started_at"] = "2024-05-01T10:00:00"
    with pytest.raises(ValidationError) as caught:
        Encounter.model_validate(data, context=skip_rules_context())
    assert [e["type"] for e in caught.value.errors()] == ["timezone_aware"]


def test_other_contexts_keep_rules() -> None:
    data = minimal_encounter_data()
    data["narrative"] = ""
    for context in ({}, {"rules": True}, {"other": False}):
        with pytest.raises(ValidationError):
            Encounter.model_validate(data, context=context)


class _Envelope(RecordModel):
    """A test-only parent holding records, to check how rule errors nest."""

    records: list[Encounter]


def test_nested_rule_errors_get_the_parent_loc() -> None:
    good, bad = minimal_encounter_data(), minimal_encounter_data()
    bad["narrative"] = ""
    errors = validation_errors(_Envelope, {"records": [good, bad]})
    error = find_error(errors, "narrative_required", ("records", 1, "narrative"))
    assert error["msg"].startswith("narrative:")


def test_format_loc() -> None:
    assert format_loc(("items", 2, "gross_weight")) == "items[2].gross_weight"
    assert format_loc(("narrative",)) == "narrative"


def test_record_models_and_rule_codes() -> None:
    assert set(RECORD_MODELS) == {"encounter", "seizure", "custody_transfer", "property_return"}
    assert {"quantity_required", "narrative_locked", "text_required"} <= RULE_CODES
    assert all(code.replace("_", "").isalpha() and code.islower() for code in RULE_CODES)
