"""The demo profile: reference data, every officer with the demo password, realistic records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldapp.auth import set_passwords
from fieldapp.profile import Profile
from fieldapp.seeding import seed_records

DEMO_OFFICER = "off-demo"
DEMO_PASSWORD = "checkpoint"


def create_demo_profile(
    data_dir: Path,
    records: int = 300,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    encrypt: bool = False,
    officer: str = DEMO_OFFICER,
    password: str = DEMO_PASSWORD,
) -> Profile:
    """Make (or reuse) a demo profile in ``data_dir`` and return it open.

    With ``encrypt``, the profile is encrypted and its key wrapped for
    ``officer`` (every officer gets ``password``; demo and test profiles only).
    """
    from fieldapp.profile import is_encrypted
    from fieldapp.unlock import encrypt_profile, unlock

    if is_encrypted(data_dir):
        profile, _ = unlock(data_dir, officer, password)
    else:
        profile = Profile.open(data_dir, create=True)
        try:
            set_passwords(profile.store, password)
        except BaseException:
            profile.close()
            raise
        if encrypt:
            profile.close()
            profile = encrypt_profile(data_dir, officer, password)
    try:
        have = profile.store.conn.execute(
            "SELECT count(*) FROM records WHERE record_type = 'encounter'"
        ).fetchone()[0]
        if records > have:
            seed_records(
                profile, records - have, progress=progress, cancelled=cancelled, real_photos=True
            )
    except BaseException:
        profile.close()
        raise
    return profile
