"""Signing in offline: officers' passwords checked against argon2id hashes from reference data.

No password is ever stored; only HQ's hashes (or, on a demo profile, hashes
made for the demo password). On an encrypted profile an officer who already has
a wrapped copy of the database key is checked by unwrapping it (so a password
changed on this device works); an officer signing in here for the first time
is checked against HQ's hash and then gets their own wrapped copy
(docs/decisions/017-encryption-at-rest.md). Five failed attempts lock that officer out on
this device for :data:`LOCKOUT`; the count survives a restart, so closing the
program does not reset it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.services.actor import Actor, Role

if TYPE_CHECKING:
    from fieldapp.store.store import Store

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)


class SignInFailed(KnownError):
    """Wrong officer id or password, or the account is locked on this device."""

    def __init__(
        self,
        message: str,
        *,
        locked_until: dt.datetime | None = None,
        attempts_left: int | None = None,
        inactive: bool = False,
    ) -> None:
        super().__init__(message)
        self.locked_until = locked_until
        """When the officer's lockout ends (None: not locked out)."""
        self.attempts_left = attempts_left
        """Wrong passwords left before a lockout (None: not counted, e.g. an unknown id)."""
        self.inactive = inactive
        """The password was right, but reference data no longer lists the officer as active."""


@dataclass(frozen=True)
class Officer:
    """The officer on duty, as reference data describes them."""

    id: str
    name: str
    badge_number: str
    agency: str
    role: Role

    @property
    def actor(self) -> Actor:
        """The officer as the services' acting party."""
        return Actor(self.id, self.role)


def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's second recommendation; verify
    # reads the parameters from each hash, so HQ may choose stronger ones.
    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (for HQ's reference data and demo profiles)."""
    return _hasher().hash(password)


class Authenticator:
    """Checks officers' credentials against the store's cached reference data."""

    def __init__(self, store: Store, clock: Any = now) -> None:
        self.store = store
        self.clock = clock

    def _officer_entry(self, officer_id: str) -> dict[str, Any] | None:
        reference = self.store.reference_data() or {}
        for entry in reference.get("officers", []):
            if entry.get("id") == officer_id or entry.get("badge_number") == officer_id:
                return dict(entry)
        return None

    def has_credentials(self) -> bool:
        """True when at least one active officer can sign in on this device."""
        reference = self.store.reference_data() or {}
        return any(
            o.get("password_hash") and o.get("active", True) for o in reference.get("officers", [])
        )

    def locked_until(self, officer_id: str) -> dt.datetime | None:
        """When the lockout of this officer ends, or None if not locked."""
        row = self.store.conn.execute(
            "SELECT locked_until FROM login_failures WHERE officer_id = ?", (officer_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        until = dt.datetime.fromisoformat(row[0])
        return until if until > self.clock() else None

    def sign_in(self, officer_id: str, password: str) -> Officer:
        """The officer, if the password is right; otherwise :class:`SignInFailed`."""
        officer_id = officer_id.strip()
        entry = self._officer_entry(officer_id)
        key = entry["id"] if entry else officer_id
        until = self.locked_until(key)
        if until is not None:
            raise SignInFailed(
                f"Too many wrong passwords: {key} is locked on this device until "
                f"{until.astimezone().strftime('%H:%M')}.",
                locked_until=until,
            )
        stored = entry.get("password_hash") if entry else None
        ring, db_key = self.store.keyring, self.store.key
        wrapped = entry is not None and ring is not None and key in ring.officers
        if entry is None or not entry.get("active", True) or not (stored or wrapped):
            self._failed(key)
            raise SignInFailed("Unknown officer id or wrong password.")
        try:
            if ring is not None and db_key is not None and wrapped:
                if not ring.opens(key, password, db_key):
                    raise VerificationError
            else:
                _hasher().verify(str(stored), password)
                if ring is not None and db_key is not None:
                    ring.add(
                        key,
                        password,
                        db_key,
                        badge_number=str(entry.get("badge_number", "")),
                        password_hash=stored,
                    )
        except (VerificationError, InvalidHashError):
            left = self._failed(key)
            if left == 0:
                raise SignInFailed(
                    f"Wrong password. {key} is now locked on this device for "
                    f"{int(LOCKOUT.total_seconds() // 60)} minutes.",
                    locked_until=self.locked_until(key),
                ) from None
            raise SignInFailed(
                f"Unknown officer id or wrong password ({left} attempt(s) left before a lockout).",
                attempts_left=left,
            ) from None
        return self._signed_in(entry)

    def admit(self, officer_id: str) -> Officer:
        """The officer whose password has just unwrapped the database key (cold start).

        The password was proven by the unwrap; what is left is to check that
        reference data still lists them as active and that they are not locked out.
        """
        entry = self._officer_entry(officer_id)
        if entry is None or not entry.get("active", True):
            raise SignInFailed(
                f"{officer_id} is not an active officer on this device any more.", inactive=True
            )
        until = self.locked_until(str(entry["id"]))
        if until is not None:
            raise SignInFailed(
                f"Too many wrong passwords: {entry['id']} is locked on this device until "
                f"{until.astimezone().strftime('%H:%M')}.",
                locked_until=until,
            )
        return self._signed_in(entry)

    def _signed_in(self, entry: dict[str, Any]) -> Officer:
        with self.store.transaction() as db:
            db.execute("DELETE FROM login_failures WHERE officer_id = ?", (entry["id"],))
        return Officer(
            id=entry["id"],
            name=entry.get("name", entry["id"]),
            badge_number=entry.get("badge_number", ""),
            agency=entry.get("agency", ""),
            role=Role(entry.get("role", "officer")),
        )

    def change_password(self, officer_id: str, old: str, new: str) -> None:
        """Change an officer's password on this device: the key is re-wrapped, data untouched."""
        ring = self.store.keyring
        if ring is None:
            raise KnownError(
                "This profile is not encrypted, so there is no device password to change; "
                "passwords come from HQ."
            )
        if len(new) < 8:
            raise KnownError("The new password must have at least 8 characters.")
        ring.change_password(officer_id, old, new)

    def _failed(self, officer_id: str) -> int:
        """Count a failure; returns attempts left (0 when the account got locked)."""
        with self.store.transaction() as db:
            row = db.execute(
                "INSERT INTO login_failures (officer_id, failures) VALUES (?, 1) "
                "ON CONFLICT (officer_id) DO UPDATE SET failures = failures + 1 "
                "RETURNING failures",
                (officer_id,),
            ).fetchone()
            failures = int(row[0])
            if failures >= MAX_FAILURES:
                db.execute(
                    "UPDATE login_failures SET failures = 0, locked_until = ? WHERE officer_id = ?",
                    ((self.clock() + LOCKOUT).isoformat(), officer_id),
                )
                return 0
        return MAX_FAILURES - failures


def set_passwords(store: Store, password: str, officer_ids: list[str] | None = None) -> int:
    """Give officers of the cached reference data a password (demo and test profiles only)."""
    reference = dict(store.reference_data() or {})
    officers = []
    digest = hash_password(password)
    changed = 0
    for entry in reference.get("officers", []):
        entry = dict(entry)
        if officer_ids is None or entry["id"] in officer_ids:
            entry["password_hash"] = digest
            changed += 1
        officers.append(entry)
    reference["officers"] = officers
    version = int(reference.get("version", 1))
    store.set_reference(version, reference)
    return changed
