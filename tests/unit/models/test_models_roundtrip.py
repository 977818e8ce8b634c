"""Property tests: generated valid records survive a JSON round trip unchanged."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fieldapp.models import (
    CustodyTransfer,
    Encounter,
    PropertyReturn,
    RecordModel,
    Seizure,
    skip_rules_context,
)
from tests.strategies import custody_transfers, encounters, property_returns, seizures

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _round_trip(record: RecordModel) -> None:
    text = record.model_dump_json()
    assert type(record).model_validate_json(text) == record
    assert type(record).model_validate_json(text, context=skip_rules_context()) == record
    assert type(record).model_validate(record.model_dump()) == record
    assert list(record.rule_violations()) == []


@ROUND_TRIP
@given(encounters())
def test_encounter_round_trip(record: Encounter) -> None:
    _round_trip(record)


@ROUND_TRIP
@given(seizures())
def test_seizure_round_trip(record: Seizure) -> None:
    _round_trip(record)


@ROUND_TRIP
@given(custody_transfers())
def test_custody_transfer_round_trip(record: CustodyTransfer) -> None:
    _round_trip(record)


@ROUND_TRIP
@given(property_returns())
def test_property_return_round_trip(record: PropertyReturn) -> None:
    _round_trip(record)
