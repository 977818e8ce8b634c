"""Offline sign-in against argon2id hashes, the lockout, and shifts."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.auth import LOCKOUT, MAX_FAILURES, Authenticator, SignInFailed, set_passwords
from fieldapp.errors import KnownError
from fieldapp.services import FieldServices, Role
from fieldapp.store.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def auth_store(tmp_store: Store) -> Store:
    set_passwords(tmp_store, "correct horse", ["off-demo"])
    return tmp_store


def test_no_plain_password_is_stored(auth_store: Store) -> None:
    officers = (auth_store.reference_data() or {})["officers"]
    demo = next(o for o in officers if o["id"] == "off-demo")
    assert demo["password_hash"].startswith("$argon2id$")
    raw = (auth_store.path).read_bytes() + auth_store.path.with_name("fieldapp.db-wal").read_bytes()
    assert b"correct horse" not in raw


def test_right_password_signs_in(auth_store: Store) -> None:
    officer = Authenticator(auth_store).sign_in("off-demo", "correct horse")
    assert officer.id == "off-demo"
    assert officer.actor.role == Role.OFFICER


def test_officer_without_hash_cannot_sign_in(auth_store: Store) -> None:
    with pytest.raises(SignInFailed, match="Unknown officer id or wrong password"):
        Authenticator(auth_store).sign_in("off-0001", "")


def test_five_failures_lock_and_the_lock_expires(auth_store: Store) -> None:
    clock = Clock()
    auth = Authenticator(auth_store, clock=clock)
    for attempt in range(1, MAX_FAILURES):
        with pytest.raises(SignInFailed, match=f"{MAX_FAILURES - attempt} attempt"):
            auth.sign_in("off-demo", "wrong")
    with pytest.raises(SignInFailed, match="now locked") as locked:
        auth.sign_in("off-demo", "wrong")
    assert locked.value.locked_until == clock.now + LOCKOUT
    # Even the right password is refused while locked, and a restart does not reset it.
    with pytest.raises(SignInFailed, match="locked on this device"):
        Authenticator(auth_store, clock=clock).sign_in("off-demo", "correct horse")
    clock.now += LOCKOUT + dt.timedelta(seconds=1)
    assert auth.sign_in("off-demo", "correct horse").id == "off-demo"


def test_success_resets_the_failure_count(auth_store: Store) -> None:
    auth = Authenticator(auth_store)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(SignInFailed):
            auth.sign_in("off-demo", "wrong")
    auth.sign_in("off-demo", "correct horse")
    with pytest.raises(SignInFailed, match=f"{MAX_FAILURES - 1} attempt"):
        auth.sign_in("off-demo", "wrong")


def test_shift_open_counts_and_close(auth_store: Store, services: FieldServices) -> None:
    shifts = services.shifts
    assert shifts.last_checkpoint("off-demo") is None
    shift = shifts.open("off-demo", "US-SYS")
    assert shifts.open("off-demo", "US-SYS") == shift
    assert shifts.current("off-demo") == shift
    counts = shifts.counts(shift)
    assert (counts.encounters, counts.seizures, counts.drafts) == (0, 0, 0)
    shifts.close(shift.id)
    assert shifts.current("off-demo") is None
    assert shifts.last_checkpoint("off-demo") == "US-SYS"
    with pytest.raises(KnownError, match="not in the reference data"):
        shifts.open("off-demo", "XX-NOPE")
