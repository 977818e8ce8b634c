"""The wire schemas: events survive the trip byte for byte; requests strict, answers lenient."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from fieldapp.crypto import SigningKey, VerifyingKey
from fieldapp.events import Event
from sync.protocol import (
    EnrollRequest,
    PushRequest,
    PushResponse,
    WireEvent,
)

KEY = SigningKey.generate()
KEY_VERIFIER = VerifyingKey(KEY.public_hex())

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | _text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=20,
)


def _event(payload: dict[str, Any], prev: str | None = None) -> Event:
    return Event(
        id="0190f0e0-0000-7000-8000-000000000001",
        origin="0190f0e0-0000-7000-8000-0000000000aa",
        seq=1 if prev is None else 2,
        prev_hash=prev,
        record_id="0190f0e0-0000-7000-8000-0000000000bb",
        record_type="seizure",
        kind="finalized",
        base=None,
        author="off-0001",
        recorded_at="2024-05-01T10:00:00-07:00",
        payload=payload,
    ).sealed(KEY)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(_text, _json, max_size=5))
def test_an_event_survives_json_and_the_wire_schema_with_its_hash(payload: dict[str, Any]) -> None:
    event = _event(payload)
    sent = json.dumps(PushRequest(events=[WireEvent.from_event(event)]).model_dump())
    received = PushRequest.model_validate_json(sent).events[0].to_event()
    assert received.hash_ok()
    assert received.signature_ok(KEY_VERIFIER)
    assert received == event


def test_event_to_dict_is_exactly_the_wire_form() -> None:
    event = _event({"narrative": "José Ñúñez", "amount": "6.350"})
    assert WireEvent.model_validate(event.to_dict()).model_dump(exclude={"received_at"}) == (
        event.to_dict()
    )


def test_requests_refuse_unknown_fields_and_answers_ignore_them() -> None:
    with pytest.raises(ValidationError):
        PushRequest.model_validate({"events": [], "extra": 1})
    with pytest.raises(ValidationError):
        WireEvent.model_validate({**_event({}).to_dict(), "colour": "red"})
    answer = PushResponse.model_validate(
        {
            "acked_seq": 1,
            "acked_hash": None,
            "accepted": 1,
            "duplicates": 0,
            "quarantined": [],
            "added_in_a_later_version": True,
        }
    )
    assert answer.acked_seq == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("device_id", "not-a-uuid"),
        ("device_id", "0190F0E0-0000-7000-8000-0000000000AA"),
        ("public_key", "ab" * 31),
        ("device_code", "ABCD1"),
        ("code", "x" * 65),
    ],
)
def test_enroll_requests_are_checked(field: str, value: str) -> None:
    good = {
        "code": "ABCD-EFGH-JKMN-PQRS",
        "device_id": "0190f0e0-0000-7000-8000-0000000000aa",
        "public_key": KEY.public_hex(),
        "device_code": "ABCDE",
    }
    EnrollRequest.model_validate(good)
    with pytest.raises(ValidationError):
        EnrollRequest.model_validate({**good, field: value})


def test_wire_events_bound_their_fields() -> None:
    good = _event({}).to_dict()
    for field, value in (("seq", 0), ("seq", "1"), ("id", "x" * 65), ("payload", [])):
        with pytest.raises(ValidationError):
            WireEvent.model_validate({**good, field: value})
