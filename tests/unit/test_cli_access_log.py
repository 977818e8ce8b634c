"""``fieldapp show`` and ``fieldapp export`` leave a signed access event naming who ran them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.events import Kind
from fieldapp.services import queries as q
from fieldapp.services.access import EXPORT_SUBJECT
from fieldapp.store.store import Store


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    assert main(["seed", "--records", "3", "--data-dir", str(data_dir)]) == 0
    return data_dir


def _accessed(data_dir: Path) -> list[dict[str, object]]:
    with Store.in_dir(data_dir) as store:
        return [
            {"author": e.author, **e.payload} for e in store.events() if e.kind == Kind.ACCESSED
        ]


def test_an_auditors_export_is_logged(
    profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAPP_OFFICER", "off-0005")
    target = tmp_path / "out.jsonl"
    args = ["export", "--what", "records", "--format", "jsonl", "-o", str(target)]
    assert main([*args, "--data-dir", str(profile)]) == 0
    [entry] = _accessed(profile)
    assert entry["author"] == "off-0005" and entry["role"] == "auditor"
    assert entry["action"] == "exported" and entry["destination"] == "out.jsonl"
    assert entry["rows"] == len(target.read_text(encoding="utf-8").splitlines())
    with Store.in_dir(profile) as store:
        assert [e.officer_id for e in q.record_access(store.conn, EXPORT_SUBJECT)] == ["off-0005"]


def test_show_is_logged_once_and_an_unnamed_user_is_read_only(
    profile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FIELDAPP_OFFICER", raising=False)
    with Store.in_dir(profile) as store:
        record_id = q.list_records(store.conn, limit=1)[0].id
    for _ in range(2):
        assert main(["show", record_id, "--data-dir", str(profile)]) == 0
    assert record_id in capsys.readouterr().out
    [entry] = _accessed(profile)
    assert str(entry["author"]).startswith("os-user:") and entry["role"] == "auditor"
    assert entry["action"] == "viewed" and entry["record_id"] == record_id
