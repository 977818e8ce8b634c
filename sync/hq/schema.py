"""HQ's tables, as SQLAlchemy Core objects that run unchanged on SQLite and PostgreSQL.

Times are ISO 8601 text in UTC with their offset, like the events' own times,
so both databases store and compare them the same way. Event payloads are
stored as the canonical JSON text they were hashed over.

This is the *current* shape, used by every query. Migration 1 created the
first tables; a later change to a table here needs a new migration in
:mod:`sync.hq.migrations` (and migration 1 must then keep creating the old
shape: it names its tables, so a table added later, like the partial uploads
of migration 2, is left to its own migration).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# SQLite only auto-numbers an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
_Pos = BigInteger().with_variant(Integer(), "sqlite")

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(64), nullable=False),
)

hq_identity = Table(
    "hq_identity",
    metadata,
    # One row (id 1): HQ's key and the head of HQ's own chain, locked while HQ appends.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("public_key", String(64), nullable=False),
    Column("private_key", String(64), nullable=False),
    Column("head_seq", BigInteger, nullable=False),
    Column("head_hash", String(64), nullable=True),
    Column("created_at", String(64), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("device_code", String(8), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("token_hash", String(64), nullable=True, unique=True),
    Column("enrolled_at", String(64), nullable=False),
    Column("last_seen_at", String(64), nullable=True),
    Column("revoked_at", String(64), nullable=True),
    Column("revoked_reason", Text, nullable=True),
    # Highest seq with every event 1..acked_seq held, and that event's hash.
    Column("acked_seq", BigInteger, nullable=False, default=0),
    Column("acked_hash", String(64), nullable=True),
    # Migration 3: whether the revocation asks the device to remove the records HQ holds
    # (null for devices revoked before remote wipe existed: they were told to keep them).
    Column("wipe_requested", Boolean, nullable=True),
)

enroll_codes = Table(
    "enroll_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("device_name", String(200), nullable=False),
    Column("created_at", String(64), nullable=False),
    Column("expires_at", String(64), nullable=False),
    Column("used_at", String(64), nullable=True),
    Column("used_by", String(64), nullable=True),
)

events = Table(
    "events",
    metadata,
    Column("pos", _Pos, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("origin", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("prev_hash", String(64), nullable=True),
    Column("record_id", String(128), nullable=False),
    Column("record_type", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("base", String(64), nullable=True),
    Column("author", String(128), nullable=False),
    Column("recorded_at", String(64), nullable=False),
    Column("received_at", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
    UniqueConstraint("origin", "seq", name="uq_events_origin_seq"),
    Index("ix_events_record", "record_id"),
)

receipts = Table(
    "receipts",
    metadata,
    # One row per print (original and each copy) of a receipt_issued event.
    Column("event_id", String(64), primary_key=True),
    Column("receipt_number", String(128), nullable=False),
    Column("record_id", String(128), nullable=False),
    Column("record_hash", String(64), nullable=False),
    Column("pdf_sha256", String(64), nullable=False),
    Column("copy_number", Integer, nullable=False),
    Column("issued_at", String(64), nullable=False),
    Column("origin", String(64), nullable=False),
    Index("ix_receipts_number", "receipt_number"),
)

quarantine = Table(
    "quarantine",
    metadata,
    # Text columns: what is kept here is exactly what failed the checks.
    Column("pos", _Pos, primary_key=True, autoincrement=True),
    Column("device_id", String(64), nullable=False),
    Column("event_id", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", Text, nullable=False),
    Column("code", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", String(64), nullable=False),
    Index("ix_quarantine_device", "device_id"),
)

alarms = Table(
    "alarms",
    metadata,
    Column("pos", _Pos, primary_key=True, autoincrement=True),
    Column("device_id", String(64), nullable=False),
    Column("code", String(32), nullable=False),
    Column("event_id", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("held_hash", Text, nullable=True),
    Column("offered_hash", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("raised_at", String(64), nullable=False),
)

attachments = Table(
    "attachments",
    metadata,
    # In the database, not on a disk beside it: HQ processes stay stateless and
    # one backup holds everything.
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("received_at", String(64), nullable=False),
)

expected_attachments = Table(
    "expected_attachments",
    metadata,
    # Attachments named by held events, so HQ can say what is still missing.
    Column("sha256", String(64), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Index("ix_expected_device", "device_id"),
)

attachment_uploads = Table(
    "attachment_uploads",
    metadata,
    # A file a device is uploading in chunks (migration 2): how much of it HQ holds.
    Column("sha256", String(64), primary_key=True),
    Column("device_id", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("started_at", String(64), nullable=False),
    Column("updated_at", String(64), nullable=False),
    Index("ix_attachment_uploads_updated", "updated_at"),
)

attachment_upload_chunks = Table(
    "attachment_upload_chunks",
    metadata,
    # The chunks of a partial upload, each kept as it came, until the whole is checked.
    Column("sha256", String(64), primary_key=True),
    Column("device_id", String(64), primary_key=True),
    Column("start", BigInteger, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)

wipe_reports = Table(
    "wipe_reports",
    metadata,
    # A revoked device's signed device_wiped event (migration 3): kept here, never in
    # HQ's log, with the counts an administrator looks at.
    Column("event_id", String(64), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("received_at", String(64), nullable=False),
    Column("recorded_at", String(64), nullable=False),
    Column("records_wiped", BigInteger, nullable=False),
    Column("records_kept", BigInteger, nullable=False),
    # How many of the ids the device says it removed HQ holds no event of.
    Column("not_at_hq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("event", Text, nullable=False),
    Index("ix_wipe_reports_device", "device_id"),
)
