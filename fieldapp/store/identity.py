"""The device's own identity: its id, short code and Ed25519 key, kept in the database.

The id is made on the device when the profile is created, so records can be
captured before the device is ever enrolled at HQ; enrollment registers this id
and public key (see docs/decisions/002-device-identity.md).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from fieldapp.crypto import SigningKey
from fieldapp.events import now
from fieldapp.ids import uuid7
from fieldapp.store.db import Database


@dataclass(frozen=True)
class DeviceIdentity:
    """Who signs this device's events."""

    device_id: str
    device_code: str
    key: SigningKey

    @property
    def public_hex(self) -> str:
        """The device's public key as hex."""
        return self.key.public_hex()


def device_code_for(device_id: str) -> str:
    """A short, readable code for receipt and reference numbers (5 base32 chars)."""
    digest = hashlib.sha256(device_id.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:5]


def load_or_create(database: Database, label: str = "this device") -> DeviceIdentity:
    """Read the identity, creating it (once, atomically) for a new profile."""
    with database.transaction() as db:
        rows = dict(db.execute("SELECT key, value FROM identity").fetchall())
        if "device_id" not in rows:
            key = SigningKey.generate()
            device_id = uuid7()
            rows = {
                "device_id": device_id,
                "device_code": device_code_for(device_id),
                "private_key": key.private_hex(),
                "created_at": now().isoformat(),
            }
            db.execute(
                "INSERT INTO identity (key, value) VALUES " + ", ".join("(?, ?)" for _ in rows),
                [v for pair in rows.items() for v in pair],
            )
            db.execute(
                "INSERT INTO origins (origin, public_key, label) VALUES (?, ?, ?)",
                (device_id, key.public_hex(), label),
            )
    return DeviceIdentity(
        device_id=rows["device_id"],
        device_code=rows["device_code"],
        key=SigningKey.from_hex(rows["private_key"]),
    )
