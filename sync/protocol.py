"""The sync protocol: paths, headers, limits and the pydantic schemas both ends use.

A device and HQ talk HTTP + JSON under ``/api/v1``. Every API request carries
the header ``X-Fieldapp-Protocol: 1`` (:data:`PROTOCOL_HEADER`,
:data:`PROTOCOL_VERSION`); HQ answers another version with 426 and a sentence
saying which end needs updating. Authenticated requests carry
``Authorization: Bearer TOKEN`` (the token from enrollment).

Requests are strict (unknown fields are refused) so a client bug shows at
once; answers ignore unknown fields so that HQ can add information without
breaking devices already in the field.

Events travel as :class:`WireEvent`, field for field what
:meth:`fieldapp.events.Event.to_dict` makes: the hash and signature are
checked at HQ with the core's own code, so both ends agree byte for byte.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fieldapp.events import Event, Kind
from fieldapp.models.reference import ReferenceData

__all__ = [
    "API_PREFIX",
    "ATTACHMENT_CHUNK_BYTES",
    "DEFAULT_PULL_LIMIT",
    "HQ_ORIGIN",
    "MAX_ATTACHMENT_BYTES",
    "MAX_ATTACHMENT_CHUNK_BYTES",
    "MAX_PULL_LIMIT",
    "MAX_PUSH_BYTES",
    "MAX_PUSH_EVENTS",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "UPLOAD_LENGTH_HEADER",
    "UPLOAD_OFFSET_HEADER",
    "AnnotationKind",
    "AttachmentStatus",
    "AttachmentStored",
    "AttachmentUpload",
    "CaAnswer",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorBody",
    "Health",
    "HqKind",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "QuarantineCode",
    "QuarantinedEvent",
    "ReceiptVerdict",
    "Revocation",
    "WipeReport",
    "WipeReportReceived",
    "WireEvent",
]

PROTOCOL_VERSION = 1
"""The protocol version this program speaks."""

PROTOCOL_HEADER = "X-Fieldapp-Protocol"
"""Request (and answer) header naming the protocol version."""

API_PREFIX = "/api/v1"

HQ_ORIGIN = "hq"
"""The ``origin`` of every event HQ makes (reference data, annotations, revocations)."""

MAX_PUSH_EVENTS = 500
"""Most events in one push; more is answered 413."""

MAX_PUSH_BYTES = 8 * 1024 * 1024
"""Largest push body, before and after gzip decompression; more is answered 413."""

MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024
"""Largest attachment (photos and signature images are far smaller); more is answered 413."""

ATTACHMENT_CHUNK_BYTES = 256 * 1024
"""The piece a device sends at a time: a file up to this size goes in one ``PUT``, a
larger one in ``PATCH`` chunks of this size that HQ keeps as they come (resumable)."""

MAX_ATTACHMENT_CHUNK_BYTES = 8 * 1024 * 1024
"""Largest ``PATCH`` chunk HQ takes; more is answered 413."""

UPLOAD_OFFSET_HEADER = "Upload-Offset"
"""Where a chunk starts in its file (request), or how many bytes HQ holds (answer, and 409)."""

UPLOAD_LENGTH_HEADER = "Upload-Length"
"""The whole file's size, sent with every chunk."""

DEFAULT_PULL_LIMIT = 200
MAX_PULL_LIMIT = 1000


class HqKind(StrEnum):
    """Kinds of the events HQ makes (``origin`` ``hq``)."""

    REFERENCE_PUBLISHED = "reference_published"
    """New reference data; ``record_id`` ``reference``, the payload is the whole data set."""
    ANNOTATED = Kind.ANNOTATED
    """An HQ note on a device's record; payload ``{"annotation": ..., "text": ...}``."""
    DEVICE_REVOKED = "device_revoked"
    """A device was revoked; ``record_id`` is its device id."""
    CONFLICT_RESOLVED = Kind.CONFLICT_RESOLVED
    """HQ settled a record's concurrent changes, as a device's supervisor does; payload
    ``{"resolves": [head hashes], "winner_event_id": ..., "note": ..., "resolved_at": ...}``."""


REFERENCE_RECORD_ID = "reference"
REFERENCE_RECORD_TYPE = "reference"
DEVICE_RECORD_TYPE = "device"


class AnnotationKind(StrEnum):
    """What an HQ annotation says about a record."""

    CASE_NUMBER = "case_number"
    VAULT_RECEIVED = "vault_received"
    SUPERVISOR_REVIEW = "supervisor_review"


class QuarantineCode(StrEnum):
    """Why HQ did not take an event of a push (stable; the sentence beside it may change)."""

    FOREIGN_ORIGIN = "foreign_origin"
    """The event's origin is not the device that pushed it."""
    CONFLICTING_SEQ = "conflicting_seq"
    """HQ holds another event with the same origin and seq: tampering (alarmed)."""
    CONFLICTING_ID = "conflicting_id"
    """HQ holds another event with the same id: tampering (alarmed)."""
    UNREADABLE = "unreadable"
    """A field cannot be read (bad time, not hex, floats in the payload, ...)."""
    BAD_HASH = "bad_hash"
    """The content does not match the hash: altered after it was recorded."""
    BAD_SIGNATURE = "bad_signature"
    """The signature is not the device's: forged."""
    BROKEN_CHAIN = "broken_chain"
    """``prev_hash`` does not link to the neighbouring event HQ holds."""


# --- small constrained types ---------------------------------------------------------------

Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
DeviceId = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
_Text64 = Annotated[str, StringConstraints(min_length=1, max_length=64)]
_Text128 = Annotated[str, StringConstraints(min_length=1, max_length=128)]
# Hash and signature text is checked per event (a bad one quarantines that event
# only), so the schema bounds just its length.
_HashText = Annotated[str, StringConstraints(max_length=64)]
_SignatureText = Annotated[str, StringConstraints(max_length=128)]


class _Request(BaseModel):
    # A request with a field HQ does not know is a client bug: refuse it loudly.
    model_config = ConfigDict(extra="forbid")


class _Answer(BaseModel):
    # Answers may gain fields in later HQ versions without breaking older devices.
    model_config = ConfigDict(extra="ignore")


class WireEvent(BaseModel):
    """One event as it travels: exactly the fields of :meth:`Event.to_dict`."""

    # strict: a hashed field arrives with the JSON type it was hashed with, or not at all.
    model_config = ConfigDict(extra="forbid", strict=True)

    id: _Text64
    origin: _Text64
    seq: Annotated[int, Field(ge=1, le=2**62)]
    prev_hash: _HashText | None
    record_id: _Text128
    record_type: _Text64
    kind: _Text64
    base: _HashText | None
    author: _Text128
    recorded_at: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    payload: dict[str, Any]
    hash: _HashText
    signature: _SignatureText
    received_at: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        default=None,
        description="When HQ stored the event; set in pull answers, ignored in pushes.",
    )

    @classmethod
    def from_event(cls, event: Event) -> WireEvent:
        """The wire form of a core event."""
        return cls.model_validate(event.to_dict())

    def to_event(self) -> Event:
        """The core event, ready for ``hash_ok``/``signature_ok`` or the device's ingest."""
        # Field by field (as Event.from_dict would, without copying the payload twice).
        return Event(
            id=self.id,
            origin=self.origin,
            seq=self.seq,
            prev_hash=self.prev_hash,
            record_id=self.record_id,
            record_type=self.record_type,
            kind=self.kind,
            base=self.base,
            author=self.author,
            recorded_at=self.recorded_at,
            payload=dict(self.payload),
            hash=self.hash,
            signature=self.signature,
            received_at=self.received_at,
        )


class EnrollRequest(_Request):
    """``POST /api/v1/enroll``: a device exchanges a one-time code for its token."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        description="The one-time enrollment code HQ printed (dashes and case do not matter)."
    )
    device_id: DeviceId = Field(description="The device's own UUIDv7, made with its profile.")
    public_key: Hex64 = Field(description="The device's Ed25519 public key, raw, as hex.")
    device_code: Annotated[str, StringConstraints(pattern=r"^[A-Z2-7]{5}$")] = Field(
        description="The short code derived from the device id (receipt and reference numbers)."
    )


class EnrollResponse(_Answer):
    """The answer to an enrollment: who the device is at HQ and what it needs to start."""

    device_id: str
    device_name: str
    token: str = Field(description="Bearer token for every later request; HQ keeps only a hash.")
    hq_origin: str = HQ_ORIGIN
    hq_public_key: str = Field(description="HQ's Ed25519 public key (hex): register as origin hq.")
    reference: ReferenceData | None = Field(
        description="The latest reference data HQ published, or null if none yet."
    )
    protocol_version: int = PROTOCOL_VERSION


class PushRequest(_Request):
    """``POST /api/v1/push``: a batch of the device's own events in ``seq`` order."""

    events: list[WireEvent] = Field(
        description=f"At most {MAX_PUSH_EVENTS} events; the body may be gzip-compressed "
        "(Content-Encoding: gzip)."
    )


class QuarantinedEvent(_Answer):
    """An event of a push that HQ did not take, and why."""

    event_id: str
    seq: int
    code: QuarantineCode
    reason: str


class PushResponse(_Answer):
    """The answer to a push, sent only after HQ committed what it took."""

    acked_seq: int = Field(
        description="Highest seq such that HQ holds every event 1..acked_seq of this device. "
        "Mark events synced up to here, and send again from acked_seq + 1."
    )
    acked_hash: str | None = Field(description="Hash of the event at acked_seq (null at 0).")
    accepted: int = Field(description="Events newly stored by this push.")
    duplicates: int = Field(description="Events HQ already held (same id and hash).")
    quarantined: list[QuarantinedEvent]


class PullResponse(_Answer):
    """``GET /api/v1/pull``: HQ's own events after the cursor, in seq order."""

    events: list[WireEvent]
    next_cursor: int = Field(description="Pass as ``after`` next time (HQ's seq of the last one).")
    has_more: bool
    hq_head_seq: int = Field(
        description="HQ's latest seq. A cursor above it means HQ was restored from an older "
        "backup: report it rather than ingest."
    )


class AttachmentStored(_Answer):
    """The answer to an attachment upload."""

    sha256: str
    size: int
    stored: bool = Field(description="False when HQ already held these bytes.")


class AttachmentUpload(_Answer):
    """How much of a file HQ holds: ``GET /api/v1/attachments/{sha256}/upload``, and the
    answer to each ``PATCH`` chunk."""

    sha256: str
    offset: int = Field(description="Bytes of the file HQ holds: send the rest from here.")
    size: int | None = Field(
        description="The whole file's size: the held file's, or the one the partial upload "
        "was started with; null when HQ holds nothing of it."
    )
    complete: bool = Field(description="HQ holds the whole file, checked against its hash.")
    stored: bool = Field(default=False, description="True when this request completed the file.")


class AttachmentStatus(_Answer):
    """``GET /api/v1/attachments``: attachments this device's events name, and which HQ has."""

    expected: int = Field(description="Distinct attachments named by the device's events at HQ.")
    present: int = Field(description="How many of those HQ holds.")
    missing: list[str] = Field(description="Hashes still to upload (at most 1000).")


class ReceiptVerdict(_Answer):
    """Whether a receipt number and hash match a receipt HQ holds."""

    receipt_number: str
    status: Literal["valid", "mismatch", "unknown"]
    valid: bool
    message: str
    message_es: str
    matched: Literal["record_hash", "pdf_sha256"] | None = None
    record_id: str | None = None
    issued_at: str | None = None
    copy_number: int | None = None


class Health(_Answer):
    """``GET /api/v1/health``."""

    status: Literal["ok"]
    protocol_version: int
    server_time: str
    hq_public_key: str


class Revocation(_Answer):
    """``GET /api/v1/revocation``: whether HQ revoked this device, and what it asks of it.

    Answered to a revoked device's token too: this and the wipe report are the
    only requests HQ still takes from a revoked device.
    """

    revoked: bool
    revoked_at: str | None = Field(default=None, description="When HQ revoked the device.")
    reason: str | None = Field(default=None, description="The administrator's reason, if given.")
    wipe: bool = Field(
        default=False,
        description="HQ asks the device to remove the records HQ already holds (never the "
        "others), and to report it with a signed device_wiped event.",
    )


class WipeReport(_Request):
    """``POST /api/v1/revocation/wipe-report``: a revoked device says what it removed.

    The event is the device's own ``device_wiped`` event, as in its log: HQ
    checks its hash and the device's signature, and keeps it as a report (it
    is not taken into HQ's log, which refuses a revoked device's events).
    """

    event: WireEvent


class WipeReportReceived(_Answer):
    """HQ's answer to a wipe report."""

    event_id: str
    received_at: str = Field(description="When HQ first stored this report.")
    duplicate: bool = Field(description="True when HQ already held this very report.")


class CaAnswer(_Answer):
    """``GET /api/v1/ca``: HQ's certificate authority, for a device given its fingerprint.

    Fetched before the device trusts anything (the TLS certificate is not
    checked for this one request), so the device believes it only when its
    SHA-256 matches the fingerprint HQ's administrator gave out of band.
    """

    ca_pem: str


class ErrorBody(_Answer):
    """Every error answer: a sentence, a stable code, and for invalid input the details."""

    detail: str
    code: str
    errors: list[str] = Field(default_factory=list)
