"""A plain profile another program has open is not encrypted under it (nothing written is lost).

Encrypting swaps the database file for an encrypted copy; a program that has
the old file open would go on writing to the file being replaced. The first
sign-in with a password is therefore refused, with a sentence, while another
process holds the profile, and works once it has closed it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fieldapp.auth import set_passwords
from fieldapp.demo import DEMO_OFFICER
from fieldapp.errors import ProfileInUse
from fieldapp.keys import KeyRing
from fieldapp.profile import Profile, is_encrypted
from fieldapp.seeding import seed_records
from fieldapp.unlock import unlock

PASSWORD = "plain-profile-pass"

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fieldapp.profile import Profile
    with Profile.open(Path(sys.argv[1])) as profile:
        profile.store.conn.execute("SELECT count(*) FROM events").fetchone()
        print("OPEN", flush=True)
        sys.stdin.readline()
        seed = __import__("fieldapp.seeding", fromlist=["seed_records"]).seed_records
        seed(profile, 1)  # written after the other program tried: must not be lost
        print("WROTE", flush=True)
    """
)


def test_the_first_sign_in_waits_until_no_other_program_has_the_profile(tmp_path: Path) -> None:
    data_dir = tmp_path / "plain"
    with Profile.open(data_dir, create=True) as profile:
        set_passwords(profile.store, PASSWORD, [DEMO_OFFICER])
        seed_records(profile, 2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "OPEN\n"

        with pytest.raises(ProfileInUse, match="open in another program"):
            unlock(data_dir, DEMO_OFFICER, PASSWORD)

        assert not is_encrypted(data_dir)
        assert KeyRing.load(data_dir) is None  # nothing was started
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline() == "WROTE\n"
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()
    assert holder.returncode == 0

    profile, officer = unlock(data_dir, DEMO_OFFICER, PASSWORD)
    with profile:
        assert is_encrypted(data_dir) and officer.id == DEMO_OFFICER
        encounters = profile.store.conn.execute(
            "SELECT count(*) FROM records WHERE record_type = 'encounter'"
        ).fetchone()[0]
        assert encounters == 3  # the holder's later write is in the encrypted profile
        assert profile.store.verify().ok
