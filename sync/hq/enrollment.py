"""Devices at HQ: one-time enrollment codes, bearer tokens, revocation.

An administrator makes a code for a named device; the device presents it
once, with its own id and public key, and gets a bearer token. HQ keeps only
SHA-256 hashes of codes and tokens: both are long random secrets, so a plain
hash is enough, and a copy of the database cannot be used to sync. A device
id is bound to its key for good (docs/decisions/002-device-identity.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.exc import IntegrityError

from fieldapp.store.identity import device_code_for
from sync.errors import (
    Conflict,
    DeviceRevoked,
    EnrollmentRefused,
    InvalidInput,
    NotFound,
    Unauthorized,
)
from sync.hq import schema
from sync.protocol import EnrollRequest

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 16  # 80 random bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class EnrollCode:
    """A fresh enrollment code, shown once to the administrator."""

    code: str
    device_name: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class Device:
    """An enrolled device as HQ knows it."""

    device_id: str
    name: str
    device_code: str
    public_key: str
    enrolled_at: str
    last_seen_at: str | None
    revoked_at: str | None
    revoked_reason: str | None
    acked_seq: int
    acked_hash: str | None
    # Whether the revocation asks the device to remove the records HQ holds (None: not
    # revoked, or revoked before HQ could ask).
    wipe_requested: bool | None = None

    @property
    def wipe(self) -> bool:
        """True when HQ revoked this device and asks it to remove the records HQ holds."""
        return self.revoked_at is not None and bool(self.wipe_requested)

    @classmethod
    def from_row(cls, row: Any) -> Device:
        """From a ``devices`` row mapping."""
        return cls(
            device_id=row["device_id"],
            name=row["name"],
            device_code=row["device_code"],
            public_key=row["public_key"],
            enrolled_at=row["enrolled_at"],
            last_seen_at=row["last_seen_at"],
            revoked_at=row["revoked_at"],
            revoked_reason=row["revoked_reason"],
            acked_seq=int(row["acked_seq"]),
            acked_hash=row["acked_hash"],
            wipe_requested=None if row["wipe_requested"] is None else bool(row["wipe_requested"]),
        )


def normalize_code(text: str) -> str:
    """A code as typed (any case, dashes, spaces, O for 0) in its one canonical form."""
    return "".join(text.split()).replace("-", "").upper().translate(_READ_AS)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _shown(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def make_code(
    conn: Connection, device_name: str, now: dt.datetime, valid_for: dt.timedelta
) -> EnrollCode:
    """Make and record (as a hash) a one-time code for a device called ``device_name``."""
    name = " ".join(device_name.split())
    if not name or len(name) > 200:
        raise InvalidInput("The device name must be 1 to 200 characters.")
    if valid_for <= dt.timedelta(0):
        raise InvalidInput("An enrollment code must be valid for some time.")
    code = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
    expires = now + valid_for
    conn.execute(
        schema.enroll_codes.insert().values(
            code_hash=_digest(code),
            device_name=name,
            created_at=now.isoformat(),
            expires_at=expires.isoformat(),
        )
    )
    return EnrollCode(code=_shown(code), device_name=name, expires_at=expires)


def _revoked_message(
    device_id: str, revoked_at: str, reason: str | None, wipe: bool | None = None
) -> str:
    why = f" ({reason})" if reason else ""
    kept = (
        "the records HQ already holds are to be removed from it, the others stay"
        if wipe
        else "its records stay on it"
    )
    return (
        f"This device ({device_id}) was revoked by HQ on {revoked_at[:10]}{why}. It can no "
        f"longer sync; {kept}. Ask your supervisor."
    )


def enroll(conn: Connection, request: EnrollRequest, now: dt.datetime) -> tuple[Device, str]:
    """Exchange a code for a token; returns the device and the token (shown only now).

    A code already used by the same device id and key may be presented again
    until it expires: if the first answer was lost on the network, the device
    must not be stranded. Each exchange issues a new token and voids the last.
    """
    codes = schema.enroll_codes
    code_row = (
        conn.execute(
            select(codes)
            .where(codes.c.code_hash == _digest(normalize_code(request.code)))
            .with_for_update()
        )
        .mappings()
        .first()
    )
    if code_row is None:
        raise EnrollmentRefused(
            "HQ does not know this enrollment code. Check it for typing mistakes, or ask HQ "
            "for a new one.",
            code="enroll_code_unknown",
        )
    if now >= dt.datetime.fromisoformat(code_row["expires_at"]):
        raise EnrollmentRefused(
            f"This enrollment code expired at {code_row['expires_at'][:16]} UTC. Ask HQ for "
            "a new one.",
            code="enroll_code_expired",
        )
    devs = schema.devices
    held = (
        conn.execute(select(devs).where(devs.c.device_id == request.device_id).with_for_update())
        .mappings()
        .first()
    )
    used_by = code_row["used_by"]
    same_device_again = (
        used_by == request.device_id
        and held is not None
        and held["public_key"] == request.public_key
    )
    if code_row["used_at"] is not None and not same_device_again:
        raise EnrollmentRefused(
            f"This enrollment code was already used on {code_row['used_at'][:16]} UTC. Ask HQ "
            "for a new one.",
            code="enroll_code_used",
        )
    if request.device_code != device_code_for(request.device_id):
        raise InvalidInput(
            f"The device code {request.device_code} does not belong to device "
            f"{request.device_id}: the profile may be damaged."
        )
    token = secrets.token_urlsafe(32)
    stamp = now.isoformat()
    if held is not None:
        if held["revoked_at"] is not None:
            raise DeviceRevoked(
                _revoked_message(
                    request.device_id,
                    held["revoked_at"],
                    held["revoked_reason"],
                    held["wipe_requested"],
                )
            )
        if held["public_key"] != request.public_key:
            raise Conflict(
                f"Device {request.device_id} is already enrolled with a different key, and HQ "
                "never changes a device's key. Create a new profile on this laptop, or ask HQ.",
                code="device_key_conflict",
            )
        conn.execute(
            devs.update()
            .where(devs.c.device_id == request.device_id)
            .values(token_hash=_digest(token), name=code_row["device_name"], last_seen_at=stamp)
        )
    else:
        try:
            with conn.begin_nested():
                conn.execute(
                    devs.insert().values(
                        device_id=request.device_id,
                        name=code_row["device_name"],
                        device_code=request.device_code,
                        public_key=request.public_key,
                        token_hash=_digest(token),
                        enrolled_at=stamp,
                        last_seen_at=stamp,
                        acked_seq=0,
                    )
                )
        except IntegrityError as exc:
            # Only on PostgreSQL, with two enrollments of one id at the same instant.
            raise Conflict(
                f"Device {request.device_id} was being enrolled by another request at the same "
                "time; try again.",
                code="enrollment_busy",
            ) from exc
    if code_row["used_at"] is None:
        conn.execute(
            codes.update()
            .where(codes.c.code_hash == code_row["code_hash"])
            .values(used_at=stamp, used_by=request.device_id)
        )
    device = get_device(conn, request.device_id)
    return device, token


def get_device(conn: Connection, device_id: str) -> Device:
    """The device with this id (raises :class:`NotFound`)."""
    row = (
        conn.execute(select(schema.devices).where(schema.devices.c.device_id == device_id))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"HQ has no device {device_id}.")
    return Device.from_row(row)


def authenticate(
    conn: Connection, authorization: str | None, *, allow_revoked: bool = False
) -> Device:
    """The device a ``Bearer`` token belongs to; refuses unknown tokens, and revoked devices
    unless ``allow_revoked`` (the revocation requests, the only ones a revoked device makes)."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(
            "This request carries no device token (Authorization: Bearer ...). Enroll the "
            "device first."
        )
    devs = schema.devices
    row = conn.execute(select(devs).where(devs.c.token_hash == _digest(token))).mappings().first()
    if row is None:
        raise Unauthorized(
            "HQ does not recognise this device's token. It may have been replaced by a newer "
            "enrollment; enroll the device again with a new code."
        )
    device = Device.from_row(row)
    if device.revoked_at is not None and not allow_revoked:
        raise DeviceRevoked(
            _revoked_message(
                device.device_id, device.revoked_at, device.revoked_reason, device.wipe
            )
        )
    return device


def find_device(conn: Connection, reference: str) -> Device:
    """A device named by its id, its short device code or its (unique) name."""
    devs = schema.devices
    text = reference.strip()
    rows = (
        conn.execute(
            select(devs).where(
                or_(
                    devs.c.device_id == text.lower(),
                    devs.c.device_code == text.upper(),
                    devs.c.name == text,
                )
            )
        )
        .mappings()
        .all()
    )
    if not rows:
        raise NotFound(f"HQ has no device with the id, code or name {reference!r}.")
    if len(rows) > 1:
        ids = ", ".join(f"{r['device_id']} ({r['name']})" for r in rows)
        raise InvalidInput(f"{reference!r} names more than one device: {ids}. Use the device id.")
    return Device.from_row(rows[0])


def mark_revoked(
    conn: Connection, device: Device, reason: str, now: dt.datetime, *, wipe: bool
) -> Device:
    """Record the revocation of a device (its token stops working at once), asking it to
    remove the records HQ holds at its next contact when ``wipe``."""
    if device.revoked_at is not None:
        raise InvalidInput(
            f"Device {device.device_id} ({device.name}) was already revoked on "
            f"{device.revoked_at[:10]}."
        )
    devs = schema.devices
    conn.execute(
        devs.update()
        .where(devs.c.device_id == device.device_id)
        .values(revoked_at=now.isoformat(), revoked_reason=reason or None, wipe_requested=wipe)
    )
    return get_device(conn, device.device_id)


def request_wipe(conn: Connection, device: Device) -> Device:
    """Ask a device revoked without a wipe to remove the records HQ holds after all."""
    if device.revoked_at is None or device.wipe:
        raise InvalidInput(
            f"Device {device.device_id} ({device.name}) is not revoked with its records kept; "
            "there is no wipe to ask for."
        )
    devs = schema.devices
    conn.execute(
        devs.update().where(devs.c.device_id == device.device_id).values(wipe_requested=True)
    )
    return get_device(conn, device.device_id)


def list_devices(conn: Connection) -> list[Device]:
    """Every device HQ ever enrolled, oldest first."""
    rows = conn.execute(select(schema.devices).order_by(schema.devices.c.enrolled_at)).mappings()
    return [Device.from_row(r) for r in rows]
