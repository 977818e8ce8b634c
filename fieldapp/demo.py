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
) -> Profile:
    """Make (or reuse) a demo profile in ``data_dir`` and return it open."""
    profile = Profile.open(data_dir, create=True)
    try:
        set_passwords(profile.store, DEMO_PASSWORD)
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
