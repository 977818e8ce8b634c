"""Tests for addenda and for applying their corrections to a record's JSON."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fieldapp.models import REFUSED, Addendum, Correction, Encounter, apply_corrections
from tests.unit.models.model_examples import (
    END,
    find_error,
    minimal_encounter_data,
    validation_errors,
)

Loc = tuple[str | int, ...]


def _addendum(**changes: Any) -> dict[str, Any]:
    return {"reason": "Plate misread", "text": "", "written_at": END, **changes}


def test_addendum_with_text_or_corrections_is_valid() -> None:
    Addendum.model_validate(_addendum(text="Second officer's account added."))
    added = Addendum.model_validate(
        _addendum(corrections=[{"path": "vehicle.plate", "value": "7ABC124"}])
    )
    assert Addendum.model_validate_json(added.model_dump_json()) == added


@pytest.mark.parametrize(
    ("changes", "code", "loc"),
    [
        ({}, "addendum_empty", ("text",)),
        ({"text": "x", "reason": " "}, "text_required", ("reason",)),
        (
            {"corrections": [{"path": "narrative", "value": "rewritten"}]},
            "narrative_locked",
            ("corrections", 0, "path"),
        ),
        (
            {"corrections": [{"path": "ended_at", "value": END}, {"path": "id", "value": "x"}]},
            "field_locked",
            ("corrections", 1, "path"),
        ),
        (
            {"corrections": [{"path": "officer_id", "value": "x"}]},
            "field_locked",
            ("corrections", 0, "path"),
        ),
        (
            {"corrections": [{"path": "reference_number", "value": "x"}]},
            "field_locked",
            ("corrections", 0, "path"),
        ),
        (
            {"corrections": [{"path": "people..name", "value": "x"}]},
            "string_pattern_mismatch",
            ("corrections", 0, "path"),
        ),
    ],
)
def test_addendum_rules(changes: dict[str, Any], code: str, loc: Loc) -> None:
    find_error(validation_errors(Addendum, _addendum(**changes)), code, loc)


def test_apply_corrections_sets_values_and_keeps_input() -> None:
    record = minimal_encounter_data()
    record["vehicle"] = {"plate": "7ABC123", "make": "Nissan"}
    original = copy.deepcopy(record)
    corrections = [
        Correction(path="vehicle.plate", value="7ABC124"),
        Correction(path="people.0.name", value=REFUSED.model_dump()),
        Correction(path="people.0.language", value="en"),
    ]
    corrected = apply_corrections(record, corrections)
    assert record == original
    assert corrected["vehicle"]["plate"] == "7ABC124"
    assert corrected["people"][0]["name"] == {"empty": "no_information", "reason": "refused"}
    assert corrected["people"][0]["language"] == "en"


def test_corrected_record_revalidates() -> None:
    encounter = Encounter.model_validate(minimal_encounter_data())
    corrected = apply_corrections(
        encounter.model_dump(mode="json"),
        [Correction(path="people.0.name", value="José Ñúñez")],
    )
    assert Encounter.model_validate(corrected).people[0].name == "José Ñúñez"


@pytest.mark.parametrize(
    "path",
    ["vehicle.plate", "no_such_field", "people.1.name", "people.name", "narrative.0", "people.0.x"],
)
def test_apply_corrections_refuses_missing_paths(path: str) -> None:
    record = minimal_encounter_data()
    with pytest.raises(ValueError, match="does not exist") as caught:
        apply_corrections(record, [Correction(path=path, value="x")])
    assert path in str(caught.value)
