"""The immutable event: the unit of the append-only, hash-chained, signed log.

Every change to a record is one :class:`Event`. Its ``hash`` is the SHA-256 of
the canonical JSON of every field that precedes it in :data:`HASHED_FIELDS`;
its ``signature`` is the origin's Ed25519 signature of that hash. ``prev_hash``
chains an origin's events in ``seq`` order; ``base`` names the latest event of
the same record that the author had seen, so concurrent changes can be found.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring
from typing import Any

from fieldapp.canonical import canonical_text, sha256_hex
from fieldapp.crypto import SigningKey, VerifyingKey

HASHED_FIELDS = (
    "id",
    "origin",
    "seq",
    "prev_hash",
    "record_id",
    "record_type",
    "kind",
    "base",
    "author",
    "recorded_at",
    "payload",
)


_SORTED_FIELDS = tuple(sorted(HASHED_FIELDS))


def scalar_text(value: Any) -> str:
    """``canonical_text`` of an envelope field, quicker for the usual text, whole number, null.

    ``encode_basestring`` is the encoder ``json.dumps`` itself uses for text when
    ``ensure_ascii`` is off, so the bytes are the same.
    """
    kind = type(value)
    if kind is str:
        return str(encode_basestring(value))
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return canonical_text(value)


class Kind:
    """Event kinds. Unknown kinds from newer peers are kept and shown, not applied."""

    FINALIZED = "finalized"
    ADDENDUM = "addendum"
    CUSTODY_TRANSFERRED = "custody_transferred"
    PROPERTY_RETURNED = "property_returned"
    RECEIPT_ISSUED = "receipt_issued"
    ANNOTATED = "annotated"
    CONFLICT_RESOLVED = "conflict_resolved"
    #: Someone read a whole record or exported (record type ``access_log``; never a record's own).
    ACCESSED = "accessed"
    #: This device removed the records HQ holds after HQ revoked it (record type ``device``,
    #: record id the device's id); see :mod:`fieldapp.store.wipe`.
    DEVICE_WIPED = "device_wiped"


def now() -> dt.datetime:
    """The device's current time, with its UTC offset."""
    return dt.datetime.now(dt.UTC).astimezone()


@dataclass(frozen=True)
class Event:
    """One entry of the log, exactly as hashed, signed and stored."""

    id: str
    origin: str
    seq: int
    prev_hash: str | None
    record_id: str
    record_type: str
    kind: str
    base: str | None
    author: str
    recorded_at: str
    payload: dict[str, Any]
    hash: str = ""
    signature: str = ""
    received_at: str | None = field(default=None, compare=False)

    def with_payload_text(self, text: str) -> Event:
        """Remember the payload's canonical text (as read from the store or just made).

        Kept outside the dataclass fields on purpose: ``dataclasses.replace``
        with another payload must not carry a stale text into the hash.
        """
        object.__setattr__(self, "_payload_text", text)
        return self

    def hashed_content(self) -> dict[str, Any]:
        """The fields covered by the hash, as a plain dict."""
        return {name: getattr(self, name) for name in HASHED_FIELDS}

    def canonical_bytes(self) -> bytes:
        """The canonical JSON of :meth:`hashed_content`: what the hash is taken over.

        Assembled from the payload's canonical text and the (scalar) envelope
        fields in sorted key order; equal to ``canonical_json(hashed_content())``.
        """
        parts = [
            f'"{name}":'
            + (self.payload_text() if name == "payload" else scalar_text(getattr(self, name)))
            for name in _SORTED_FIELDS
        ]
        return ("{" + ",".join(parts) + "}").encode("utf-8")

    def compute_hash(self) -> str:
        """SHA-256 over the canonical JSON of :meth:`hashed_content`."""
        return sha256_hex(self.canonical_bytes())

    def payload_text(self) -> str:
        """The payload as canonical JSON text, as stored."""
        text: str | None = getattr(self, "_payload_text", None)
        if text is not None:
            return text
        return canonical_text(self.payload)

    def sealed(self, key: SigningKey) -> Event:
        """This event with its hash computed and signed by ``key``."""
        text = self.payload_text()
        digest = replace(self).with_payload_text(text).compute_hash()
        return replace(self, hash=digest, signature=key.sign_hash(digest)).with_payload_text(text)

    def hash_ok(self) -> bool:
        """True when the stored hash matches the content."""
        return self.compute_hash() == self.hash

    def signature_ok(self, key: VerifyingKey) -> bool:
        """True when the signature is ``key``'s signature of the stored hash."""
        return key.verify_hash(self.hash, self.signature)

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain JSON values (for export and sync)."""
        out = self.hashed_content()
        out["hash"] = self.hash
        out["signature"] = self.signature
        if self.received_at is not None:
            out["received_at"] = self.received_at
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]),
            origin=str(data["origin"]),
            seq=int(data["seq"]),
            prev_hash=data.get("prev_hash"),
            record_id=str(data["record_id"]),
            record_type=str(data["record_type"]),
            kind=str(data["kind"]),
            base=data.get("base"),
            author=str(data["author"]),
            recorded_at=str(data["recorded_at"]),
            payload=dict(data["payload"]),
            hash=str(data.get("hash", "")),
            signature=str(data.get("signature", "")),
            received_at=data.get("received_at"),
        )

    @classmethod
    def from_row(cls, row: Any) -> Event:
        """Rebuild an event from an ``events`` table row (sqlite3.Row or mapping)."""
        return cls(
            id=row["id"],
            origin=row["origin"],
            seq=row["seq"],
            prev_hash=row["prev_hash"],
            record_id=row["record_id"],
            record_type=row["record_type"],
            kind=row["kind"],
            base=row["base"],
            author=row["author"],
            recorded_at=row["recorded_at"],
            payload=json.loads(row["payload"]),
            hash=row["hash"],
            signature=row["signature"],
            received_at=row["received_at"],
        ).with_payload_text(row["payload"])

    def recorded_at_utc(self) -> dt.datetime:
        """``recorded_at`` as an aware UTC datetime, for ordering."""
        return dt.datetime.fromisoformat(self.recorded_at).astimezone(dt.UTC)
