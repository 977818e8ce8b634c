"""Command-line credentials: an encrypted profile opens only with an officer's password."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp import keys
from fieldapp.cli import main
from fieldapp.events import Kind
from fieldapp.profile import is_encrypted
from fieldapp.services import queries
from fieldapp.unlock import unlock

OFFICER = "off-demo"
PASSWORD = "cli-test-password"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_PARAMS", keys.KdfParams(1, 1024, 1))


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_OFFICER", OFFICER)
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)


def test_seed_with_credentials_makes_an_encrypted_profile(
    tmp_path: Path,
    signed_in: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "p"
    assert main(["seed", "--records", "3", "--data-dir", str(data_dir)]) == 0
    assert is_encrypted(data_dir)
    assert "Added 3 encounters" in capsys.readouterr().out
    assert main(["verify", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.startswith("Log intact: ")
    monkeypatch.setenv("FIELDAPP_PASSWORD", "wrong")
    assert main(["verify", "--data-dir", str(data_dir)]) == 1
    assert capsys.readouterr().err == (
        "fieldapp: Unknown officer id or wrong password (4 attempt(s) left before a lockout).\n"
    )
    monkeypatch.delenv("FIELDAPP_PASSWORD")
    assert main(["search", "a", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "is encrypted: set FIELDAPP_OFFICER and FIELDAPP_PASSWORD" in err


def test_show_names_the_officer_who_signed_in(
    tmp_path: Path, signed_in: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "p"
    assert main(["seed", "--records", "2", "--data-dir", str(data_dir)]) == 0
    with unlock(data_dir, OFFICER, PASSWORD)[0] as profile:
        record_id = queries.list_records(profile.store.conn, limit=1)[0].id
    assert main(["show", record_id, "--data-dir", str(data_dir)]) == 0
    assert record_id in capsys.readouterr().out
    with unlock(data_dir, OFFICER, PASSWORD)[0] as profile:
        accessed = [e for e in profile.store.events() if e.kind == Kind.ACCESSED]
    assert [e.author for e in accessed] == [OFFICER]


def test_a_plain_profile_is_encrypted_by_the_first_command_with_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "p"
    monkeypatch.delenv("FIELDAPP_OFFICER", raising=False)
    monkeypatch.delenv("FIELDAPP_PASSWORD", raising=False)
    assert main(["seed", "--records", "2", "--data-dir", str(data_dir)]) == 0
    assert not is_encrypted(data_dir)
    assert main(["verify", "--data-dir", str(data_dir)]) == 0  # plain, nobody asked
    from fieldapp.auth import set_passwords
    from fieldapp.profile import Profile

    with Profile.open(data_dir) as profile:
        set_passwords(profile.store, PASSWORD, [OFFICER])
    monkeypatch.setenv("FIELDAPP_OFFICER", OFFICER)
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)
    assert main(["verify", "--data-dir", str(data_dir)]) == 0
    assert is_encrypted(data_dir)
    assert b"SQLite format 3" not in (data_dir / "fieldapp.db").read_bytes()[:16]
    capsys.readouterr()
