"""Canonical JSON: the exact bytes hashes and signatures are made over must never drift."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.canonical import (
    canonical_json,
    canonical_text,
    canonical_text_of_json,
    sha256_hex,
    to_plain,
)
from fieldapp.events import Event
from fieldapp.models import Encounter, RecordModel, Seizure
from tests.strategies import custody_transfers, encounters, property_returns, seizures

MINUS_7 = dt.timezone(dt.timedelta(hours=-7))


class Colour(enum.Enum):
    RED = "rojo"


def test_fixed_input_gives_exact_bytes() -> None:
    value = {
        "zeta": 1,
        "alpha": "Ñúñez Peña 東京",
        "amount": Decimal("100"),
        "small": Decimal("0.0001"),
        "at": dt.datetime(2024, 5, 1, 10, 0, 0, tzinfo=MINUS_7),
        "day": dt.date(2024, 5, 1),
        "nested": {"b": [True, None, False], "a": Colour.RED},
        "uid": uuid.UUID("01234567-89ab-7def-8123-456789abcdef"),
    }
    expected = (
        '{"alpha":"Ñúñez Peña 東京","amount":"100","at":"2024-05-01T10:00:00-07:00",'
        '"day":"2024-05-01","nested":{"a":"rojo","b":[true,null,false]},"small":"0.0001",'
        '"uid":"01234567-89ab-7def-8123-456789abcdef","zeta":1}'
    ).encode()
    assert canonical_json(value) == expected
    assert canonical_text(value) == expected.decode("utf-8")


def test_non_ascii_is_kept_as_utf8_not_escaped() -> None:
    out = canonical_json({"name": "José"})
    assert out == b'{"name":"Jos\xc3\xa9"}'
    assert b"\\u" not in out


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1E+2"), "100"),
        (Decimal("100"), "100"),
        (Decimal("1.50"), "1.50"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("0"), "0"),
        (Decimal("-2.5"), "-2.5"),
        (Decimal("12345678901234567890123.4E+1"), "123456789012345678901234"),
        (
            Decimal("123456789012345678901234.000000000000000001"),
            "123456789012345678901234.000000000000000001",
        ),
    ],
)
def test_decimals_in_plain_notation(amount: Decimal, text: str) -> None:
    assert canonical_text({"a": amount}) == '{"a":"' + text + '"}'


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_decimals_refused(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="finite"):
        canonical_json({"a": bad})


def test_datetime_keeps_its_offset() -> None:
    moment = dt.datetime(
        2024, 12, 31, 23, 59, 59, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45))
    )
    assert canonical_text(moment) == '"2024-12-31T23:59:59.123456+05:45"'
    assert canonical_text(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)) == '"2024-01-01T00:00:00+00:00"'


def test_naive_datetime_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        canonical_json({"at": dt.datetime(2024, 5, 1, 10, 0)})


@pytest.mark.parametrize("value", [1.5, 0.1, {"x": [2.0]}, float("nan")])
def test_floats_refused(value: object) -> None:
    with pytest.raises(TypeError, match="float"):
        canonical_json(value)


def test_non_text_keys_and_unknown_types_refused() -> None:
    with pytest.raises(TypeError):
        canonical_json({1: "a"})
    with pytest.raises(TypeError):
        canonical_json({"a": object()})
    with pytest.raises(TypeError):
        canonical_json({"a": b"bytes"})


def test_key_order_of_input_does_not_matter() -> None:
    assert canonical_json({"b": 1, "a": {"d": 2, "c": 3}}) == canonical_json(
        {"a": {"c": 3, "d": 2}, "b": 1}
    )


def _encounter(samples: Any) -> Encounter:
    data = samples.encounter(id="enc-1", reference_number="US-SYS-ABCDE-000001")
    return Encounter.model_validate(data)


def test_same_model_same_bytes_every_time(samples: Any) -> None:
    first = canonical_json(_encounter(samples))
    for _ in range(5):
        assert canonical_json(_encounter(samples)) == first
    # A model re-read from its own canonical form writes the same bytes again.
    again = Encounter.model_validate_json(first)
    assert canonical_json(again) == first


def test_seizure_canonical_form_is_stable_and_plain(samples: Any) -> None:
    data = samples.seizure(id="sz-1", seizure_number="US-SYS-ABCDE-S000001", encounter_id="enc-1")
    seizure = Seizure.model_validate(data)
    text = canonical_text(seizure)
    assert '"gross_weight":{"amount":"6.350","unit":"kg"}' in text
    assert '"seized_at":"2024-05-01T10:00:00-07:00"' in text
    assert '"denomination":"100"' in text
    assert ": " not in text and ", " not in text.replace("rear quarter panel, driver", "")
    assert canonical_json(Seizure.model_validate(data)) == text.encode()
    assert to_plain(seizure) == to_plain(Seizure.model_validate_json(text))


def test_event_hash_is_sha256_of_canonical_hashed_fields() -> None:
    event = Event(
        id="01900000-0000-7000-8000-000000000001",
        origin="dev-1",
        seq=1,
        prev_hash=None,
        record_id="rec-1",
        record_type="encounter",
        kind="finalized",
        base=None,
        author="off-1",
        recorded_at="2024-05-01T10:00:00-07:00",
        payload={"b": "Ñ", "a": "1"},
    )
    expected_text = (
        '{"author":"off-1","base":null,"id":"01900000-0000-7000-8000-000000000001",'
        '"kind":"finalized","origin":"dev-1","payload":{"a":"1","b":"Ñ"},"prev_hash":null,'
        '"record_id":"rec-1","record_type":"encounter","recorded_at":"2024-05-01T10:00:00-07:00",'
        '"seq":1}'
    )
    assert event.compute_hash() == sha256_hex(expected_text.encode("utf-8"))
    # The one known answer, so a change to the rules cannot go unnoticed.
    assert event.compute_hash() == (
        "309e63084b0cbd75625c97846f1b8fb5a873a03b8fc14ea38a052a1c396198ec"
    )
    assert event.payload_text() == '{"a":"1","b":"Ñ"}'


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(encounters(), seizures(), custody_transfers(), property_returns()))
def test_record_models_fast_path_equals_the_generic_walk(model: RecordModel) -> None:
    """Record models dump straight to canonical plain values; that must equal the slow walk."""
    generic = to_plain(model.model_dump(mode="python", by_alias=True))
    assert to_plain(model) == generic
    assert canonical_text(model) == canonical_text(generic)


# Values as JSON parsing makes them, without floats: text of every kind (control
# characters, quotes, backslashes, astral and line-separator characters, lone
# surrogates), whole numbers of any size, and nesting.
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.text(alphabet=st.characters(exclude_categories=()), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(alphabet=st.characters(exclude_categories=()), max_size=6), inner, max_size=4
        )
    ),
    max_leaves=20,
)


def _outcome(make: Any, value: Any) -> tuple[str, Any]:
    try:
        return "text", make(value).encode("utf-8")
    except (TypeError, ValueError) as exc:
        return "error", type(exc)


@settings(max_examples=600, deadline=None)
@given(_json_values)
def test_fast_canonical_text_of_json_is_canonical_text(value: Any) -> None:
    """HQ's fast path writes exactly the canonical bytes, or fails exactly as the slow one."""
    assert _outcome(canonical_text_of_json, value) == _outcome(canonical_text, value)


def test_fast_canonical_text_of_json_handles_the_edges() -> None:
    edges: list[Any] = [
        {"b": 1, "a": [True, None, '\x00\x1f\x7f\u2028"\\/']},
        {"\U0001f600": "é", "Z": "z", "a": ""},
        2**64,
        -(2**63) - 1,
        {"deep": [[[[[[[[[[1]]]]]]]]]]},
    ]
    for value in edges:
        assert canonical_text_of_json(value) == canonical_text(value)
    nested: Any = 1
    for _ in range(400):  # deeper than orjson writes
        nested = [nested]
    assert canonical_text_of_json(nested) == canonical_text(nested)
