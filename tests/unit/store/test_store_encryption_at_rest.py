"""Encryption at rest: the database, its WAL and the photos reveal nothing without a password."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp import keys
from fieldapp.attachments import MAGIC, AttachmentStore
from fieldapp.auth import Authenticator, SignInFailed, set_passwords
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD, create_demo_profile
from fieldapp.errors import KnownError
from fieldapp.keys import KeyRing, UnlockFailed
from fieldapp.profile import Profile, is_encrypted
from fieldapp.seeding import seed_records
from fieldapp.store.db import open_keys, open_reader
from fieldapp.unlock import unlock

PNG = b"\x89PNG\r\n\x1a\n" + b"signature of Juana Perez Lozano " * 40


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at a test cost: the design is the same, the seconds are not."""
    monkeypatch.setattr(keys, "DEFAULT_PARAMS", keys.KdfParams(1, 1024, 1))


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Profile]:
    with create_demo_profile(tmp_path / "p", records=6, encrypt=True) as profile:
        yield profile


def _officers(profile: Profile) -> list[str]:
    return [o["id"] for o in (profile.store.reference_data() or {})["officers"]]


def _secrets(profile: Profile) -> set[str]:
    """Names and plates of the records held: text that must not appear in the files."""
    found: set[str] = set()

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and len(value) >= 5 and ("name" in key or "plate" in key):
            found.add(value)

    for (data,) in profile.store.conn.execute("SELECT data FROM records"):
        walk(json.loads(data))
    return found


def _files(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob("fieldapp.db*")))


def test_database_and_wal_hold_no_plain_text(encrypted: Profile) -> None:
    secrets = _secrets(encrypted)
    assert any("plate" in s or s for s in secrets) and len(secrets) > 5
    assert (encrypted.data_dir / "fieldapp.db-wal").exists()
    raw = _files(encrypted.data_dir)
    leaked = [s for s in secrets if s.encode("utf-8") in raw]
    assert leaked == []
    assert b"SQLite format 3" not in raw[:16]
    keyring = (encrypted.data_dir / "keyring.json").read_text()
    assert DEMO_PASSWORD not in keyring and "password_hash" not in keyring


def test_plain_sqlite_cannot_read_it(encrypted: Profile) -> None:
    conn = sqlite3.connect(encrypted.data_dir / "fieldapp.db")
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM records").fetchone()
    conn.close()


def test_device_key_only_inside_the_encrypted_database(encrypted: Profile) -> None:
    private = encrypted.store.device.key.private_hex()
    row = encrypted.store.conn.execute(
        "SELECT value FROM identity WHERE key = 'private_key'"
    ).fetchone()
    assert row[0] == private
    for path in encrypted.data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert private.encode() not in content
            assert bytes.fromhex(private) not in content


def test_wrong_password_is_refused_with_a_sentence(encrypted: Profile) -> None:
    data_dir = encrypted.data_dir
    encrypted.close()
    with pytest.raises(SignInFailed, match=r"wrong password \(4 attempt\(s\) left"):
        unlock(data_dir, DEMO_OFFICER, "not the password")
    with pytest.raises(KnownError, match="encrypted: sign in"):
        Profile.open(data_dir)
    profile, officer = unlock(data_dir, DEMO_OFFICER, DEMO_PASSWORD)
    with profile:
        assert officer.id == DEMO_OFFICER
        assert profile.store.verify().ok


def test_wrong_passwords_at_a_cold_start_lock_the_officer_out_even_across_restarts(
    encrypted: Profile,
) -> None:
    data_dir = encrypted.data_dir
    encrypted.close()
    at = dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC)
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInFailed, match=f"{left} attempt"):
            unlock(data_dir, DEMO_OFFICER, "guess", clock=lambda: at)
    with pytest.raises(SignInFailed, match="now locked on this device for 15 minutes") as fifth:
        unlock(data_dir, DEMO_OFFICER, "guess", clock=lambda: at)
    assert fifth.value.locked_until == at + dt.timedelta(minutes=15)
    # The right password does not open it during the lockout; the count is in the keyring,
    # so closing and starting the program again changes nothing.
    assert KeyRing.load(data_dir) is not None
    later = at + dt.timedelta(minutes=14)
    with pytest.raises(SignInFailed, match="Too many wrong passwords"):
        unlock(data_dir, DEMO_OFFICER, DEMO_PASSWORD, clock=lambda: later)
    after = at + dt.timedelta(minutes=15, seconds=1)
    profile, officer = unlock(data_dir, DEMO_OFFICER, DEMO_PASSWORD, clock=lambda: after)
    profile.close()
    assert officer.id == DEMO_OFFICER
    ring = KeyRing.load(data_dir)
    assert ring is not None and ring.locked_until(DEMO_OFFICER, after) is None
    assert "failures" not in ring.officers[DEMO_OFFICER]
    # A wrong password after a success starts counting from the beginning again.
    with pytest.raises(SignInFailed, match="4 attempt"):
        unlock(data_dir, DEMO_OFFICER, "guess", clock=lambda: after)


def test_unknown_officer_on_this_device_is_told_what_to_do(encrypted: Profile) -> None:
    data_dir = encrypted.data_dir
    other = next(o for o in _officers(encrypted) if o != DEMO_OFFICER)
    encrypted.close()
    with pytest.raises(UnlockFailed, match="has not signed in on this device yet"):
        unlock(data_dir, other, DEMO_PASSWORD)


def test_a_second_officer_signs_in_on_the_unlocked_device_then_each_unlocks(
    encrypted: Profile,
) -> None:
    data_dir = encrypted.data_dir
    other = next(o for o in _officers(encrypted) if o != DEMO_OFFICER)
    set_passwords(encrypted.store, "second-pass", [other])
    assert other not in encrypted.store.keyring.officers  # type: ignore[union-attr]
    assert Authenticator(encrypted.store).sign_in(other, "second-pass").id == other
    encrypted.close()
    for officer, password in ((DEMO_OFFICER, DEMO_PASSWORD), (other, "second-pass")):
        profile, signed = unlock(data_dir, officer, password)
        with profile:
            assert signed.id == officer
            assert profile.store.conn.execute("SELECT count(*) FROM records").fetchone()[0] > 0


def test_password_change_rewraps_without_touching_the_data(encrypted: Profile) -> None:
    data_dir = encrypted.data_dir
    before = (data_dir / "fieldapp.db").stat().st_mtime_ns
    auth = Authenticator(encrypted.store)
    with pytest.raises(UnlockFailed, match="current password is wrong"):
        auth.change_password(DEMO_OFFICER, "wrong", "a-new-password")
    auth.change_password(DEMO_OFFICER, DEMO_PASSWORD, "a-new-password")
    assert auth.sign_in(DEMO_OFFICER, "a-new-password").id == DEMO_OFFICER
    with pytest.raises(SignInFailed):
        auth.sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    encrypted.close()
    assert (data_dir / "fieldapp.db").stat().st_mtime_ns >= before
    with pytest.raises(SignInFailed):
        unlock(data_dir, DEMO_OFFICER, DEMO_PASSWORD)
    profile, _ = unlock(data_dir, DEMO_OFFICER, "a-new-password")
    profile.close()


def test_reference_data_removing_an_officer_removes_their_key(encrypted: Profile) -> None:
    other = next(o for o in _officers(encrypted) if o != DEMO_OFFICER)
    set_passwords(encrypted.store, "second-pass", [other])
    Authenticator(encrypted.store).sign_in(other, "second-pass")
    ring = encrypted.store.keyring
    assert ring is not None and set(ring.officers) == {DEMO_OFFICER, other}
    reference = dict(encrypted.store.reference_data() or {})
    reference["officers"] = [o for o in reference["officers"] if o["id"] != other]
    encrypted.store.set_reference(int(reference["version"]) + 1, reference)
    assert set(ring.officers) == {DEMO_OFFICER}
    loaded = KeyRing.load(encrypted.data_dir)
    assert loaded is not None and set(loaded.officers) == {DEMO_OFFICER}


def test_photos_are_encrypted_on_disk_and_read_back_plain(encrypted: Profile) -> None:
    files = AttachmentStore(encrypted.data_dir)
    assert files.encrypted
    added = files.add_bytes(PNG, "signature.png")
    raw = files.path_of(added.sha256).read_bytes()
    assert raw.startswith(MAGIC)
    assert b"Juana Perez" not in raw and PNG not in raw
    assert files.read_bytes(added.sha256) == PNG
    assert files.verify(added.sha256)
    files.add_bytes(PNG + b"another", "second.png")
    stored = list((encrypted.data_dir / "attachments").glob("??/*"))
    assert len(stored) >= 2  # with the demo's own photos, if it made any
    assert all(p.read_bytes().startswith(MAGIC) for p in stored)
    data_dir = encrypted.data_dir
    encrypted.close()
    with pytest.raises(KnownError, match="encrypted; sign in"):
        AttachmentStore(data_dir).read_bytes(added.sha256)


def test_a_plain_profile_is_encrypted_in_place_on_first_sign_in(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    with Profile.open(data_dir, create=True) as profile:
        set_passwords(profile.store, "old-profile-pass", [DEMO_OFFICER])
        seed_records(profile, 4)
        photo = AttachmentStore(data_dir).add_bytes(PNG, "sig.png")
        secrets = _secrets(profile)
        count = profile.store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        device = profile.store.device.device_id
    assert any(s.encode() in _files(data_dir) for s in secrets)
    assert not is_encrypted(data_dir)
    with pytest.raises(SignInFailed):
        unlock(data_dir, DEMO_OFFICER, "wrong")
    assert not is_encrypted(data_dir)
    profile, officer = unlock(data_dir, DEMO_OFFICER, "old-profile-pass")
    with profile:
        assert is_encrypted(data_dir)
        assert officer.id == DEMO_OFFICER
        assert profile.store.device.device_id == device
        assert profile.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == count
        assert profile.store.verify().ok
        assert AttachmentStore(data_dir).read_bytes(photo.sha256) == PNG
        raw = _files(data_dir)
        assert [s for s in secrets if s.encode() in raw] == []
        assert PNG not in AttachmentStore(data_dir).path_of(photo.sha256).read_bytes()
    assert not list(data_dir.glob("*.encrypting*"))


def test_readers_find_the_key_while_the_store_is_open(encrypted: Profile) -> None:
    path = encrypted.store.path
    assert open_keys.get(path) == encrypted.store.key
    conn = open_reader(path)
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] > 0
    conn.close()
    encrypted.close()
    assert open_keys.get(path) is None


def test_integrity_errors_are_the_standard_librarys(encrypted: Profile) -> None:
    with pytest.raises(sqlite3.IntegrityError) as caught:
        encrypted.store.conn.execute("INSERT INTO identity (key, value) VALUES ('device_id', 'x')")
    assert caught.value.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CONSTRAINT
    cur = encrypted.store.conn.cursor()
    cur.row_factory = sqlite3.Row
    row = cur.execute("SELECT key, value FROM identity WHERE key = 'device_id'").fetchone()
    assert row["value"] == encrypted.store.device.device_id
