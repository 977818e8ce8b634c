"""The enrollment keeps HQ's pinned certificate authority (migration 4); an enrollment made
before it keeps working, trusting the system's authorities (NULL)."""

from __future__ import annotations

import sqlite_utils

from fieldapp.crypto import SigningKey
from fieldapp.store import migrations
from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState, read_enrollment

PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
HQ_KEY = SigningKey.generate().public_hex()


def _save(state: SyncState, ca: str | None) -> None:
    state.save_enrollment(
        hq_url="https://hq.example.org",
        device_name="lane 4",
        token="secret-token",
        hq_public_key=HQ_KEY,
        hq_ca_pem=ca,
    )


def test_the_pinned_authority_is_kept_and_replaced_with_a_new_enrollment(tmp_store: Store) -> None:
    state = SyncState(tmp_store)
    _save(state, PEM)
    enrollment = state.enrollment()
    assert enrollment is not None and enrollment.hq_ca_pem == PEM
    assert PEM not in repr(enrollment)
    _save(state, None)
    again = read_enrollment(tmp_store.conn)
    assert again is not None and again.hq_ca_pem is None


def test_an_enrollment_from_before_migration_4_has_no_pinned_authority() -> None:
    db = sqlite_utils.Database(memory=True)
    for step in migrations.MIGRATIONS[:3]:
        step.apply(db)
    db.execute(
        "INSERT INTO sync_enrollment (id, hq_url, device_name, token, hq_public_key, "
        "enrolled_at) VALUES (1, 'https://hq.example.org', 'lane 4', 't', 'k', 'now')"
    )
    db.execute("PRAGMA user_version = 3")
    assert migrations.apply(db) == [4, 5]
    enrollment = read_enrollment(db.conn)
    assert enrollment is not None
    assert (enrollment.hq_url, enrollment.hq_ca_pem) == ("https://hq.example.org", None)
