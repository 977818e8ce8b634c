"""The profile's database key, wrapped once per officer with a key made from their password.

The database (SQLCipher) and the attachments (AES-GCM) are encrypted with one
random 256-bit key. That key is never written down in the clear: ``keyring.json``
in the profile folder holds it wrapped (AES-256-GCM) once per officer who has
signed in on this device, each time under a key derived from that officer's
password with argon2id. Signing in unwraps it, so it works offline, and no
password or password hash is stored in the file
(docs/decisions/017-encryption-at-rest.md).

The file is replaced atomically (temporary file, fsync, rename), so a crash
leaves either the old keyring or the new one.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldapp.errors import KnownError, StoreError

KEYRING_FILENAME = "keyring.json"
KEY_BYTES = 32
_FORMAT = 1
_AAD = b"fieldapp keyring v1:"


class UnlockFailed(KnownError):
    """The officer and password do not open this profile's key."""

    def __init__(self, message: str, *, no_entry_for: str | None = None) -> None:
        super().__init__(message)
        self.no_entry_for = no_entry_for
        """The officer who has no wrapped key on this device yet (None: a wrong password)."""


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost parameters, stored with each wrapped key so they can be raised later."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB: RFC 9106's second recommendation (64 MiB)
    parallelism: int = 4


#: Parameters used for new wrappings (tests may lower them).
DEFAULT_PARAMS = KdfParams()


def new_key() -> bytes:
    """A fresh random database key."""
    return secrets.token_bytes(KEY_BYTES)


def derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key argon2id makes from a password and salt."""
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def subkey(key: bytes, purpose: str) -> bytes:
    """A key for one purpose (``"attachments"``) derived from the database key with HKDF."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=f"fieldapp {purpose} v1".encode(),
    ).derive(key)


def hash_fingerprint(password_hash: str | None) -> str:
    """A short fingerprint of HQ's password hash, to notice when HQ changed the password."""
    return hashlib.sha256((password_hash or "").encode("utf-8")).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _wrap(key: bytes, officer_id: str, password: str, params: KdfParams) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = derive(password, salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, key, _AAD + officer_id.encode("utf-8"))
    return {
        "kdf": "argon2id",
        "params": asdict(params),
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }


def _unwrap(entry: dict[str, Any], officer_id: str, password: str) -> bytes | None:
    try:
        params = KdfParams(**entry["params"])
        kek = derive(password, _unb64(entry["salt"]), params)
        return AESGCM(kek).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["wrapped"]), _AAD + officer_id.encode("utf-8")
        )
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"The keyring entry of {officer_id} is damaged: {exc}.") from exc


class KeyRing:
    """The wrapped copies of one profile's database key (``keyring.json``)."""

    def __init__(self, path: Path, officers: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self.officers: dict[str, dict[str, Any]] = officers or {}

    @staticmethod
    def path_in(data_dir: Path) -> Path:
        """Where a profile folder keeps its keyring."""
        return Path(data_dir) / KEYRING_FILENAME

    @classmethod
    def load(cls, data_dir: Path) -> KeyRing | None:
        """The profile's keyring, or None when the profile is not encrypted (yet)."""
        path = cls.path_in(data_dir)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise StoreError(
                f"The keyring {path} cannot be read ({exc}); without it the profile cannot "
                "be opened. Restore it from the device's backup."
            ) from exc
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
            raise StoreError(f"The keyring {path} is not one this program can read.")
        return cls(path, dict(raw.get("officers", {})))

    def find(self, officer: str) -> str | None:
        """The officer id of the entry for ``officer`` (an id or a badge number)."""
        officer = officer.strip()
        if officer in self.officers:
            return officer
        for officer_id, entry in self.officers.items():
            if entry.get("badge_number") and entry.get("badge_number") == officer:
                return officer_id
        return None

    def unlock(self, officer: str, password: str) -> tuple[str, bytes]:
        """``(officer_id, database key)`` if the password opens the officer's entry."""
        officer_id = self.find(officer)
        if officer_id is None:
            raise UnlockFailed(
                f"{officer.strip()} has not signed in on this device yet, so the encrypted "
                "profile cannot be opened with that account. An officer who has signed in "
                "here before must unlock it first; then sign in at the locked screen.",
                no_entry_for=officer.strip(),
            )
        key = _unwrap(self.officers[officer_id], officer_id, password)
        if key is None:
            raise UnlockFailed("Unknown officer id or wrong password.")
        return officer_id, key

    # -- failed unlocks (the lockout at a cold start, when the database is still closed) --

    def locked_until(self, officer_id: str, now: dt.datetime) -> dt.datetime | None:
        """When the officer's lockout on this device ends, or None when not locked out."""
        text = self.officers.get(officer_id, {}).get("locked_until")
        if not isinstance(text, str):
            return None
        try:
            until = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        return until if until > now else None

    def record_failure(
        self, officer_id: str, now: dt.datetime, max_failures: int, lockout: dt.timedelta
    ) -> int:
        """Count a wrong password for the officer's entry; attempts left (0: locked out now).

        Kept in the keyring, so the count survives closing the program. (Someone
        who copies the folder can try offline anyway: there argon2id is what
        makes each guess costly.)
        """
        entry = self.officers.get(officer_id)
        if entry is None:
            return max_failures
        failures = int(entry.get("failures", 0)) + 1
        if failures >= max_failures:
            entry["failures"] = 0
            entry["locked_until"] = (now + lockout).isoformat()
            self.save()
            return 0
        entry["failures"] = failures
        self.save()
        return max_failures - failures

    def clear_failures(self, officer_id: str) -> None:
        """The officer's password opened the entry: forget earlier failures."""
        entry = self.officers.get(officer_id)
        if entry is not None and (entry.get("failures") or entry.get("locked_until")):
            entry.pop("failures", None)
            entry.pop("locked_until", None)
            self.save()

    def opens(self, officer_id: str, password: str, key: bytes) -> bool:
        """Whether the officer's entry exists and ``password`` unwraps exactly ``key``."""
        entry = self.officers.get(officer_id)
        return entry is not None and _unwrap(entry, officer_id, password) == key

    def add(
        self,
        officer_id: str,
        password: str,
        key: bytes,
        *,
        badge_number: str = "",
        password_hash: str | None = None,
        params: KdfParams | None = None,
    ) -> None:
        """Wrap ``key`` for an officer (replacing an older entry) and save the keyring."""
        entry = _wrap(key, officer_id, password, params or DEFAULT_PARAMS)
        entry["badge_number"] = badge_number
        entry["hq_hash"] = hash_fingerprint(password_hash)
        self.officers[officer_id] = entry
        self.save()

    def change_password(self, officer_id: str, old: str, new: str) -> None:
        """Re-wrap the officer's copy of the key under a new password (no data re-encrypted)."""
        entry = self.officers.get(officer_id)
        key = _unwrap(entry, officer_id, old) if entry is not None else None
        if entry is None or key is None:
            raise UnlockFailed("The current password is wrong; the password was not changed.")
        fresh = _wrap(key, officer_id, new, DEFAULT_PARAMS)
        self.officers[officer_id] = {**entry, **fresh}
        self.save()

    def prune(self, officers: list[dict[str, Any]]) -> list[str]:
        """Drop the entries of officers that reference data removed, deactivated or re-keyed.

        An officer whose password HQ changed loses the entry too: the new
        password is wrapped again when they next sign in on an unlocked device.
        The last entries are never all dropped (the profile would be lost with
        its unsynced records); returns the ids dropped.
        """
        current = {
            str(o.get("id")): hash_fingerprint(o.get("password_hash"))
            for o in officers
            if o.get("active", True)
        }
        gone = [
            officer_id
            for officer_id, entry in self.officers.items()
            if current.get(officer_id) is None
            or (entry.get("hq_hash") not in (None, current[officer_id]))
        ]
        if not gone or len(gone) == len(self.officers):
            return []
        for officer_id in gone:
            del self.officers[officer_id]
        self.save()
        return gone

    def save(self) -> None:
        """Write the keyring atomically next to the database."""
        data = json.dumps(
            {"format": _FORMAT, "officers": self.officers}, indent=1, sort_keys=True
        ).encode("utf-8")
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".keyring-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                Path(tmp).replace(self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            if os.name != "nt":
                dir_fd = os.open(folder, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as exc:
            raise StoreError(
                f"The keyring {self.path} could not be written ({exc.strerror or exc})."
            ) from exc
