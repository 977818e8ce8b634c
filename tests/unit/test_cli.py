"""The fieldapp command line, driven as an officer or administrator would."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("profile")
    assert main(["seed", "--records", "30", "--data-dir", str(data_dir)]) == 0
    return data_dir


def _copy_profile(src: Path, dst: Path) -> Path:
    dst.mkdir()
    source = sqlite3.connect(src / "fieldapp.db")
    target = sqlite3.connect(dst / "fieldapp.db")
    source.backup(target)
    source.close()
    target.close()
    return dst


def test_seed_reports_and_creates_records(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(seeded / "fieldapp.db")
    encounters = conn.execute("SELECT count(*) FROM records WHERE record_type = 'encounter'")
    assert encounters.fetchone()[0] == 30
    conn.close()
    assert main(["seed", "--records", "5", "--data-dir", str(seeded)]) == 0
    out = capsys.readouterr().out
    assert "Added 5 encounters" in out
    conn = sqlite3.connect(seeded / "fieldapp.db")
    encounters = conn.execute("SELECT count(*) FROM records WHERE record_type = 'encounter'")
    assert encounters.fetchone()[0] == 35
    conn.close()


def test_verify_intact(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--data-dir", str(seeded)]) == 0
    assert capsys.readouterr().out.startswith("Log intact: ")


def test_verify_names_the_tampered_event(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_profile(seeded, tmp_path / "copy")
    conn = sqlite3.connect(copy / "fieldapp.db")
    event_id, payload = conn.execute(
        "SELECT id, payload FROM events WHERE record_type = 'encounter' ORDER BY seq LIMIT 1 "
        "OFFSET 2"
    ).fetchone()
    conn.execute(
        "UPDATE events SET payload = ? WHERE id = ?",
        (payload.replace('"narrative":"', '"narrative":"X'), event_id),
    )
    conn.commit()
    conn.close()
    assert main(["verify", "--data-dir", str(copy)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert event_id in captured.err
    assert "does not match its hash" in captured.err


def test_search_show_and_rebuild(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(seeded / "fieldapp.db")
    record_id, reference = conn.execute(
        "SELECT id, reference FROM records WHERE record_type = 'encounter' LIMIT 1"
    ).fetchone()
    conn.close()
    assert main(["search", reference, "--data-dir", str(seeded)]) == 0
    assert record_id in capsys.readouterr().out
    assert main(["show", record_id, "--data-dir", str(seeded)]) == 0
    out = capsys.readouterr().out
    assert reference in out
    assert "finalized" in out and "waiting for HQ" in out
    assert main(["rebuild", "--data-dir", str(seeded)]) == 0
    assert "Rebuilt" in capsys.readouterr().out
    assert main(["search", reference, "--data-dir", str(seeded)]) == 0
    assert record_id in capsys.readouterr().out


def test_show_unknown_record_is_a_sentence(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "no-such-id", "--data-dir", str(seeded)]) == 1
    assert "There is no finalized record no-such-id" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("what", ["records", "events"])
def test_export(seeded: Path, tmp_path: Path, fmt: str, what: str) -> None:
    target = tmp_path / f"out.{fmt}"
    assert (
        main(
            [
                "export",
                "--what",
                what,
                "--format",
                fmt,
                "-o",
                str(target),
                "--data-dir",
                str(seeded),
            ]
        )
        == 0
    )
    conn = sqlite3.connect(seeded / "fieldapp.db")
    expected = conn.execute(f"SELECT count(*) FROM {what}").fetchone()[0]
    conn.close()
    text = target.read_text(encoding="utf-8")
    if fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == expected
    key = "hash" if what == "events" else "head_hash"
    assert all(len(r[key]) == 64 for r in rows)
    assert not list(tmp_path.glob(".export-*"))


def test_missing_profile_is_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--data-dir", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err
    assert "There is no profile in" in err
    assert not (tmp_path / "nothing").exists()


def test_foreign_file_is_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fieldapp.db").write_text("shopping list\n", encoding="utf-8")
    assert main(["verify", "--data-dir", str(tmp_path)]) == 1
    assert "not a field-capture database" in capsys.readouterr().err
    assert (tmp_path / "fieldapp.db").read_text(encoding="utf-8") == "shopping list\n"


def test_env_var_chooses_profile(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(seeded))
    assert main(["verify"]) == 0
    assert "Log intact" in capsys.readouterr().out


def test_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["seed", "--records", "many"])
    assert exc.value.code == 2
    assert "'many' is not a whole number" in capsys.readouterr().err
    assert main([]) == 2
    assert "Commands: demo, seed" in capsys.readouterr().err


def test_demo_runs_and_cleans_up(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--records", "12"]) == 0
    out = capsys.readouterr().out
    assert "Log intact" in out
    line = next(x for x in out.splitlines() if x.startswith("Demo profile: "))
    assert not Path(line.removeprefix("Demo profile: ")).exists()


def test_installed_entry_point(seeded: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp.cli", "verify", "--data-dir", str(seeded)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Log intact")


def test_data_dir_before_the_command(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(seeded), "verify"]) == 0
    assert "Log intact" in capsys.readouterr().out


def test_receipt_original_then_copies(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    from pypdf import PdfReader

    copy = _copy_profile(seeded, tmp_path / "receipts")
    conn = sqlite3.connect(copy / "fieldapp.db")
    seizure_id = conn.execute(
        "SELECT id FROM records WHERE record_type = 'seizure' ORDER BY rowid LIMIT 1"
    ).fetchone()[0]
    conn.close()
    first = tmp_path / "first.pdf"
    assert main(["receipt", seizure_id, "-o", str(first), "--data-dir", str(copy)]) == 0
    out = capsys.readouterr().out
    assert first.read_bytes().startswith(b"%PDF")
    number = out.split()[1]
    assert "(original)" in out
    # A second original is refused: a reprint must say it is a copy.
    assert main(["receipt", seizure_id, "-o", str(first), "--data-dir", str(copy)]) == 1
    assert "was already issued" in capsys.readouterr().err
    second = tmp_path / "second.pdf"
    assert main(["receipt", seizure_id, "--copy", "-o", str(second), "--data-dir", str(copy)]) == 0
    assert f"Receipt {number} (copy 1)" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(second).pages)
    assert "COPY / COPIA" in text and number in text
    conn = sqlite3.connect(copy / "fieldapp.db")
    payloads = [
        json.loads(r[0])
        for r in conn.execute(
            "SELECT payload FROM events WHERE record_id = ? AND kind = 'receipt_issued' "
            "ORDER BY pos",
            (seizure_id,),
        )
    ]
    conn.close()
    assert [p["copy_number"] for p in payloads] == [0, 1]
    assert payloads[0]["pdf_sha256"] == hashlib.sha256(first.read_bytes()).hexdigest()
    assert payloads[1]["pdf_sha256"] == hashlib.sha256(second.read_bytes()).hexdigest()
    assert main(["verify", "--data-dir", str(copy)]) == 0


def test_receipt_copy_before_original_is_refused(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_profile(seeded, tmp_path / "receipts")
    conn = sqlite3.connect(copy / "fieldapp.db")
    seizure_id = conn.execute(
        "SELECT id FROM records WHERE record_type = 'seizure' ORDER BY rowid DESC LIMIT 1"
    ).fetchone()[0]
    conn.close()
    assert main(["receipt", seizure_id, "--copy", "--data-dir", str(copy)]) == 1
    assert "No receipt has been issued" in capsys.readouterr().err


def test_receipt_of_a_custody_transfer_on_the_roll(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    from fieldapp.profile import Profile
    from fieldapp.services.actor import Actor

    copy = _copy_profile(seeded, tmp_path / "receipts")
    with Profile.open(copy) as profile:
        row = profile.store.conn.execute(
            "SELECT id, data FROM records WHERE record_type = 'seizure' ORDER BY rowid LIMIT 1"
        ).fetchone()
        seizure = json.loads(row[1])
        transfer = profile.services.custody.transfer(
            {
                "seizure_id": row[0],
                "sequence": 1,
                "exhibit_numbers": [seizure["items"][0]["exhibit_number"]],
                "transferred_at": "2026-09-02T09:15:00-05:00",
                "released_by": {
                    "officer_id": seizure["officer_id"],
                    "name": "Daniel R. Whitfield",
                    "agency": "CBP-OFO",
                    "id_number": "OFO-41827",
                    "country": "US",
                },
                "received_by": {
                    "name": "Lic. Martín Ibáñez",
                    "agency": "FGR",
                    "id_number": "FGR-7731",
                    "country": "MX",
                },
                "purpose": "laboratory_analysis",
                "route": "Unidad oficial",
                "seal_intact": True,
                "condition": "sin alteración",
            },
            Actor(seizure["officer_id"]),
        ).record_id
    out_pdf = tmp_path / "transfer.pdf"
    args = ["receipt", transfer, "--page-size", "thermal80", "-o", str(out_pdf)]
    assert main([*args, "--data-dir", str(copy)]) == 0
    assert "(original)" in capsys.readouterr().out
    reader = PdfReader(out_pdf)
    assert round(float(reader.pages[0].mediabox.width)) == 227  # 80 mm
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Recibo de transferencia de custodia" in text and "Lic. Martín Ibáñez" in text
    assert main(["receipt", transfer, "--copy", "-o", str(out_pdf), "--data-dir", str(copy)]) == 0
    assert "(copy 1)" in capsys.readouterr().out
    conn = sqlite3.connect(copy / "fieldapp.db")
    kinds = [
        r[0]
        for r in conn.execute(
            "SELECT kind FROM events WHERE record_id = ? ORDER BY pos", (transfer,)
        )
    ]
    conn.close()
    assert kinds == ["custody_transferred", "receipt_issued", "receipt_issued"]


def test_receipt_of_an_encounter_with_its_one_seizure(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _copy_profile(seeded, tmp_path / "receipts")
    conn = sqlite3.connect(copy / "fieldapp.db")
    encounter_id, seizure_id = conn.execute(
        "SELECT e.id, min(s.id) FROM records e JOIN records s ON s.parent_id = e.id "
        "AND s.record_type = 'seizure' GROUP BY e.id HAVING count(*) = 1 LIMIT 1"
    ).fetchone()
    conn.close()
    out_pdf = tmp_path / "a4.pdf"
    assert (
        main(
            [
                "receipt",
                encounter_id,
                "--page-size",
                "a4",
                "-o",
                str(out_pdf),
                "--data-dir",
                str(copy),
            ]
        )
        == 0
    )
    assert "(original)" in capsys.readouterr().out
    conn = sqlite3.connect(copy / "fieldapp.db")
    held = conn.execute("SELECT record_id FROM events WHERE kind = 'receipt_issued'").fetchall()
    conn.close()
    assert held == [(seizure_id,)]


def test_receipt_of_something_else_is_one_sentence(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(seeded / "fieldapp.db")
    (bare,) = conn.execute(
        "SELECT id FROM records WHERE record_type = 'encounter' AND has_seizure = 0 LIMIT 1"
    ).fetchone()
    conn.close()
    for record_id, sentence in (
        ("no-such-record", "There is no finalized record no-such-record."),
        (bare, f"Encounter {bare} has no seizure, so it has no receipt."),
    ):
        assert main(["receipt", record_id, "--data-dir", str(seeded)]) == 1
        assert capsys.readouterr().err == f"fieldapp: {sentence}\n"


def test_receipt_page_size_must_be_known(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["receipt", "x", "--page-size", "legal", "--data-dir", str(seeded)])
    assert caught.value.code == 2
    assert "thermal80" in capsys.readouterr().err


def test_a_revoked_profile_records_nothing_but_can_be_read_and_exported(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.store.store import Store
    from fieldapp.store.syncstate import SyncState

    data_dir = _copy_profile(seeded, tmp_path / "revoked")
    with Store.in_dir(data_dir) as store:
        SyncState(store).record_revocation("2026-11-28T09:00:00+00:00", "stolen", False)
    capsys.readouterr()

    assert main(["seed", "--records", "1", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: HQ revoked this device on 2026-11-28 (stolen): it is locked")
    assert err.count("\n") == 1

    out = tmp_path / "events.jsonl"
    assert main(["export", "--what", "events", "-o", str(out), "--data-dir", str(data_dir)]) == 0
    kinds = [json.loads(line)["kind"] for line in out.read_text().splitlines()]
    assert "finalized" in kinds
    assert main(["verify", "--data-dir", str(data_dir)]) == 0
