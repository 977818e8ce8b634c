"""The quicker forms of an event used by push stay byte for byte what the slow forms were.

Push writes each event as :func:`wire_json` (splicing the stored canonical
payload text), HQ hashes envelopes with a fast path for plain text and
numbers, turns wire events into core events field by field, and skips the
attachment walk for payloads naming no file. Each must give exactly what the
general code gives.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.canonical import canonical_json, canonical_text
from fieldapp.crypto import SigningKey
from fieldapp.events import Event
from fieldapp.store.syncstate import wire_json
from sync.hq.attachments import attachment_refs, expected_rows
from sync.protocol import WireEvent

KEY = SigningKey.generate()

# Any text JSON can carry: quotes, backslashes, control characters, accents, emoji.
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
payload_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)
payloads = st.dictionaries(texts, payload_values, max_size=6)


@st.composite
def events(draw: st.DrawFn) -> Event:
    return Event(
        id=draw(texts.filter(bool)),
        origin=draw(texts.filter(bool)),
        seq=draw(st.integers(1, 2**62)),
        prev_hash=draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64)),
        record_id=draw(texts.filter(bool)),
        record_type=draw(texts.filter(bool)),
        kind=draw(texts.filter(bool)),
        base=draw(st.none() | texts),
        author=draw(texts.filter(bool)),
        recorded_at=draw(texts.filter(bool)),
        payload=draw(payloads),
        received_at=draw(st.none() | texts),
    ).sealed(KEY)


@settings(max_examples=100, deadline=None)
@given(events())
def test_the_hashed_bytes_are_the_canonical_json_of_the_hashed_fields(event: Event) -> None:
    assert event.canonical_bytes() == canonical_json(event.hashed_content())
    assert event.hash_ok()


@settings(max_examples=100, deadline=None)
@given(events())
def test_wire_json_is_the_event_as_json_with_its_canonical_payload(event: Event) -> None:
    sent = wire_json(event)
    assert json.loads(sent) == event.to_dict()
    # Stored events carry their payload in canonical order: the bytes are those of
    # json.dumps over to_dict, as before.
    row = {**event.to_dict(), "received_at": event.received_at}
    stored = Event.from_row({**row, "payload": canonical_text(event.payload)})
    slow = json.dumps(stored.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()
    assert wire_json(stored) == slow
    assert wire_json(stored) is wire_json(stored)  # made once per event


@settings(max_examples=100, deadline=None)
@given(events())
def test_a_wire_event_becomes_the_same_core_event(event: Event) -> None:
    wire = WireEvent.model_validate(
        {k: v for k, v in event.to_dict().items() if k != "received_at"}
    )
    assert wire.to_event() == Event.from_dict(wire.model_dump())


def _expected(payload: Any, text: str | None) -> list[dict[str, str]]:
    return expected_rows("device", "event", payload, text)


@settings(max_examples=100, deadline=None)
@given(payloads)
def test_the_attachment_shortcut_finds_what_the_walk_finds(payload: dict[str, Any]) -> None:
    assert _expected(payload, canonical_text(payload)) == _expected(payload, None)


def test_files_named_anywhere_are_found_with_or_without_the_text() -> None:
    a, b, c = "a" * 64, "b" * 64, "c" * 64
    payload = {
        "items": [{"photo_hashes": [a]}],
        "signatures": [{"role": "officer", "sha256": b}],
        "corrections": [{"path": "items.0.signature_hash", "value": c}],
    }
    rows = _expected(payload, canonical_text(payload))
    assert {r["sha256"] for r in rows} == attachment_refs(payload) == {a, b, c}
    assert _expected({"narrative": "photos in the trunk"}, '{"narrative":"photos"}') == []
