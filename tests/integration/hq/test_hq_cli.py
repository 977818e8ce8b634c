"""The ``fieldapp-hq`` admin commands: what they print, and one sentence with exit 1 on failure."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldapp.reference import default_reference_path
from fieldapp.store.store import Store
from sync.hq.cli import main
from sync.hq.service import Headquarters
from sync.protocol import EnrollRequest, WireEvent


@pytest.fixture
def run(hq_url: str, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``fieldapp-hq --db HQ_URL ARGS...``: (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--db", hq_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _one_sentence(err: str, *words: str) -> None:
    assert err.startswith("fieldapp-hq: ")
    assert err.strip().endswith("."), err
    for word in words:
        assert word in err, err


def test_no_command_shows_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "enroll-code" in capsys.readouterr().err


def test_enroll_code_prints_only_the_code_on_stdout(run: Callable[..., Any]) -> None:
    code, out, err = run("enroll-code", "--device-name", "SYS lane 4", "--hours", "2")
    assert code == 0
    assert len(out.strip()) == 19 and out.count("-") == 3
    assert "SYS lane 4" in err and "cannot be shown again" in err


def test_devices_revoke_and_revoking_twice(
    run: Callable[..., Any], hq_url: str, tmp_store: Store, clock: Any
) -> None:
    assert "No device is enrolled" in run("devices")[1]
    with Headquarters.open(hq_url, clock=clock) as hq:
        code = hq.make_enroll_code("lane 4").code
        hq.enroll(
            EnrollRequest(
                code=code,
                device_id=tmp_store.device.device_id,
                public_key=tmp_store.device.public_hex,
                device_code=tmp_store.device.device_code,
            )
        )
    status, out, _ = run("devices")
    assert status == 0 and "lane 4" in out and "active" in out
    status, out, _ = run("revoke", "lane 4", "--reason", "stolen")
    assert status == 0 and "is revoked" in out
    assert "REVOKED" in run("devices")[1]
    status, _, err = run("revoke", tmp_store.device.device_code)
    assert status == 1
    _one_sentence(err, "already revoked")
    status, _, err = run("revoke", "nobody")
    assert status == 1
    _one_sentence(err, "no device")


def test_reference_load_show_and_refusals(run: Callable[..., Any], tmp_path: Path) -> None:
    assert "No reference data" in run("reference", "show")[1]
    status, out, _ = run("reference", "load", str(default_reference_path()))
    assert status == 0 and "version 1 published" in out
    assert "version 1:" in run("reference", "show")[1]
    status, _, err = run("reference", "load", str(default_reference_path()))
    assert status == 1
    _one_sentence(err, "already published version 1")

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    status, _, err = run("reference", "load", str(broken))
    assert status == 1 and "not valid JSON" in err
    data = json.loads(default_reference_path().read_text(encoding="utf-8"))
    data["version"] = 2
    data["officers"][0]["password_hash"] = "plain-text"
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run("reference", "load", str(invalid))
    assert status == 1 and "argon2id" in err
    status, _, err = run("reference", "load", str(tmp_path / "missing.json"))
    assert status == 1 and "cannot read" in err


def test_annotate_needs_a_record_hq_holds(
    run: Callable[..., Any],
    hq_url: str,
    clock: Any,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
) -> None:
    bundle = make_finalized()
    status, _, err = run("annotate", bundle.seizure_id, "--kind", "case_number", "--text", "C-9")
    assert status == 1
    _one_sentence(err, "holds no record", "once a device has synchronised it")
    with Headquarters.open(hq_url, clock=clock) as hq:
        device = tmp_store.device
        hq.enroll(
            EnrollRequest(
                code=hq.make_enroll_code("lane 4").code,
                device_id=device.device_id,
                public_key=device.public_hex,
                device_code=device.device_code,
            )
        )
        held = hq.devices()[0]
        events = [WireEvent.from_event(e) for e in tmp_store.events() if e.origin == held.device_id]
        assert hq.push(held, events).acked_seq == len(events)
    status, out, _ = run(
        "annotate",
        bundle.seizure_id,
        "--kind",
        "vault_received",
        "--text",
        "Vault 3",
        "--author",
        "v1",
    )
    assert status == 0 and "HQ event #1" in out
    status, _, err = run("annotate", bundle.seizure_id, "--kind", "case_number", "--text", "  ")
    assert status == 1 and "needs some text" in err
    with pytest.raises(SystemExit):
        run("annotate", bundle.seizure_id, "--kind", "gossip", "--text", "x")


def test_alarms_and_info(run: Callable[..., Any]) -> None:
    assert "No alarms and no quarantined events." in run("alarms")[1]
    status, out, _ = run("info")
    assert status == 0
    assert "HQ public key: " in out and "Devices: 0 active" in out


def test_backup_copies_a_consistent_sqlite_database(
    tmp_path: Path, hq_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(hq_db), "enroll-code", "--device-name", "lane 4"]) == 0
    target = tmp_path / "backup" / "hq-backup.db"
    target.parent.mkdir()
    assert main(["--db", str(hq_db), "backup", str(target)]) == 0
    assert "Backed up" in capsys.readouterr().out
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM enroll_codes").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Headquarters.open(str(target)) as restored, Headquarters.open(str(hq_db)) as live:
        assert restored.public_key() == live.public_key()
    assert main(["--db", str(hq_db), "backup", str(target)]) == 1
    _one_sentence(capsys.readouterr().err, "already exists")


def test_a_database_that_is_not_hqs_is_refused_untouched(
    tmp_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_store.path.read_bytes()
    assert main(["--db", str(tmp_store.path), "info"]) == 1
    _one_sentence(capsys.readouterr().err, "not an HQ database")
    assert tmp_store.path.read_bytes() == before


def test_an_unreachable_database_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody:secret@127.0.0.1:1/hq?connect_timeout=3"
    assert main(["--db", url, "info"]) == 1
    err = capsys.readouterr().err
    _one_sentence(err, "cannot be opened")
    assert "secret" not in err
