"""Opening an encrypted profile with an officer's password, and encrypting a plain one.

Three cases (docs/decisions/017-encryption-at-rest.md):

* the profile has a keyring and the officer an entry in it: the password
  unwraps the database key, which opens the database;
* the profile is plain (made before encryption, or enrolled and not yet signed
  in to): the password is checked against HQ's argon2id hash, then a new key
  is made, wrapped for this officer, and the database is encrypted in place
  (``sqlcipher_export`` into a new file, then an atomic swap), photos too;
* the keyring exists but the database is still plain: an encryption was
  interrupted; it is finished with the unwrapped key.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.attachments import AttachmentStore
from fieldapp.auth import LOCKOUT, MAX_FAILURES, Authenticator, Officer, SignInFailed
from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.keys import KeyRing, UnlockFailed, new_key
from fieldapp.profile import Profile, exists
from fieldapp.store import cipher
from fieldapp.store.db import is_plain, sqlite_errors
from fieldapp.store.store import DB_FILENAME


def unlock(
    data_dir: Path, officer: str, password: str, clock: Callable[[], dt.datetime] = now
) -> tuple[Profile, Officer]:
    """The profile opened with the officer's password, and the officer signed in.

    Wrong passwords count towards the same lockout as at the sign-in window
    (:data:`fieldapp.auth.MAX_FAILURES`), kept in the keyring while the
    database is closed.
    """
    if not exists(data_dir):
        raise KnownError(
            f"There is no profile in {data_dir}. Create one with `fieldapp seed` or enroll "
            "this device."
        )
    ring = KeyRing.load(data_dir)
    if ring is None:
        with Profile.open(data_dir) as plain:
            signed = Authenticator(plain.store).sign_in(officer, password)
        profile = encrypt_profile(data_dir, signed.id, password)
    else:
        officer_id, key = _unwrap_counted(ring, officer, password, clock())
        encrypt_database(data_dir, key)  # finishes an interrupted encryption, if any
        profile = Profile.open(data_dir, key=key, keyring=ring)
        try:
            signed = Authenticator(profile.store).admit(officer_id)
        except BaseException:
            profile.close()
            raise
    return profile, signed


def _unwrap_counted(
    ring: KeyRing, officer: str, password: str, at: dt.datetime
) -> tuple[str, bytes]:
    """The officer's unwrap of the key, refused while locked out; a wrong password counts."""
    officer_id = ring.find(officer)
    if officer_id is None:
        return ring.unlock(officer, password)  # says the officer has no entry here
    until = ring.locked_until(officer_id, at)
    if until is not None:
        raise SignInFailed(
            f"Too many wrong passwords: {officer_id} is locked on this device until "
            f"{until.astimezone().strftime('%H:%M')}.",
            locked_until=until,
        )
    try:
        found = ring.unlock(officer_id, password)
    except UnlockFailed:
        left = ring.record_failure(officer_id, at, MAX_FAILURES, LOCKOUT)
        if left == 0:
            raise SignInFailed(
                f"Wrong password. {officer_id} is now locked on this device for "
                f"{int(LOCKOUT.total_seconds() // 60)} minutes.",
                locked_until=ring.locked_until(officer_id, at),
            ) from None
        raise SignInFailed(
            f"Unknown officer id or wrong password ({left} attempt(s) left before a lockout).",
            attempts_left=left,
        ) from None
    ring.clear_failures(officer_id)
    return found


def encrypt_profile(data_dir: Path, officer_id: str, password: str) -> Profile:
    """Encrypt a closed plain profile for the officer (already checked) and open it.

    The keyring is written before the database is swapped, so a crash in
    between is finished by the next :func:`unlock`.
    """
    with Profile.open(data_dir) as plain:
        reference = plain.store.reference_data() or {}
    # Refused before the keyring is written: another program has the file open.
    cipher.check_alone(Path(data_dir) / DB_FILENAME)
    entry: dict[str, Any] = next(
        (o for o in reference.get("officers", []) if o.get("id") == officer_id),
        {},
    )
    key = new_key()
    ring = KeyRing(KeyRing.path_in(data_dir))
    ring.add(
        officer_id,
        password,
        key,
        badge_number=str(entry.get("badge_number", "")),
        password_hash=entry.get("password_hash"),
    )
    encrypt_database(data_dir, key)
    return Profile.open(data_dir, key=key, keyring=ring)


def encrypt_database(data_dir: Path, key: bytes) -> bool:
    """Encrypt the plain database of a closed profile in place; False if already encrypted."""
    path = Path(data_dir) / DB_FILENAME
    if not is_plain(path):
        return False
    target = path.with_name(path.name + ".encrypting")
    for leftover in _with_sidecars(target):
        leftover.unlink(missing_ok=True)
    try:
        with sqlite_errors(path):
            cipher.export_plain(path, target, key)
        _fsync(target)
        for sidecar in _with_sidecars(path)[1:]:
            sidecar.unlink(missing_ok=True)  # emptied by the checkpoint; never the new file's
        target.replace(path)
        _fsync(path.parent)
    except OSError as exc:
        raise KnownError(
            f"The profile in {data_dir} could not be encrypted ({exc.strerror or exc}); "
            "it was left as it was."
        ) from exc
    finally:
        for leftover in _with_sidecars(target):
            leftover.unlink(missing_ok=True)
    AttachmentStore(data_dir, key).encrypt_existing()
    return True


def _with_sidecars(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _fsync(path: Path) -> None:
    if os.name == "nt" and path.is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def needs_password(data_dir: Path) -> bool:
    """Whether opening the profile should ask for a password first.

    Encrypted profiles always do; a plain one does when an officer could sign
    in to it (that first sign-in encrypts it). A new profile, not enrolled
    yet, has nobody to sign in and opens as it is.
    """
    if not exists(data_dir):
        return False
    if KeyRing.load(data_dir) is not None:
        return True
    with Profile.open(data_dir) as plain:
        return Authenticator(plain.store).has_credentials()
