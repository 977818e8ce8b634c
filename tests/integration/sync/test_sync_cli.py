"""``fieldapp enroll`` and ``fieldapp sync`` for real: the installed commands against
``fieldapp-hq serve`` on loopback, each in its own process.

Nothing is skipped: if the server does not start, the test fails with what it
printed.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp.services import Actor, FieldServices, Role
from tests.support.hqserver import HqFailed, HqProcess, script


def _run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(script(name)), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running ``fieldapp-hq serve`` on a free loopback port: (base URL, database file)."""
    db = tmp_path / "hq" / "hq.db"
    hq = HqProcess(str(db), log_dir=tmp_path / "hq-log")
    try:
        hq.start()
    except HqFailed as exc:
        pytest.fail(str(exc))
    try:
        yield hq.base_url, db
    finally:
        hq.stop()


def _record(data_dir: Path, samples: Any, count: int = 1) -> int:
    """Finalize ``count`` encounters with seizures in the profile; its own event count."""
    store = samples.open_store(data_dir)
    try:
        services = FieldServices(store)
        for _ in range(count):
            samples.bundle(services, Actor(samples.OFFICER_ID, Role.OFFICER))
        return int(
            store.conn.execute(
                "SELECT head_seq FROM origins WHERE origin = ?", (store.device.device_id,)
            ).fetchone()[0]
        )
    finally:
        store.close()


def _one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("fieldapp: ")
    return lines[0]


def test_enroll_and_sync_from_the_command_line(
    served: tuple[str, Path], tmp_path: Path, samples: Any
) -> None:
    base, db = served
    device = tmp_path / "device"
    events = _record(device, samples, count=2)

    code = _run("fieldapp-hq", "--db", str(db), "enroll-code", "--device-name", "lane 4")
    assert code.returncode == 0, code.stderr
    wrong = _run("fieldapp", "--data-dir", str(device), "enroll", "--hq", base, "--code", "X")
    assert wrong.returncode == 1
    assert "does not know this enrollment code" in _one_sentence(wrong.stderr)

    enrolled = _run(
        "fieldapp", "enroll", "--hq", base, "--code", code.stdout.strip(), "--data-dir", str(device)
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert f'enrolled with HQ at {base} as "lane 4"' in enrolled.stdout

    synced = _run("fieldapp", "sync", "--data-dir", str(device))
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.startswith(f"Sync complete: {events} events sent ({events} new at HQ)")
    assert synced.stderr == ""
    again = _run("fieldapp", "--data-dir", str(device), "sync")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Sync complete: 0 events sent")

    listed = _run("fieldapp-hq", "--db", str(db), "devices")
    assert f"#1-#{events}" in listed.stdout
    assert _run("fieldapp", "--data-dir", str(device), "verify").returncode == 0

    revoked = _run("fieldapp-hq", "--db", str(db), "revoke", "lane 4", "--reason", "stolen")
    assert revoked.returncode == 0, revoked.stderr
    _record(device, samples)
    refused = _run("fieldapp", "sync", "--data-dir", str(device))
    assert refused.returncode == 1
    sentence = _one_sentence(refused.stderr)
    assert "revoked by HQ" in sentence and "(stolen)" in sentence
    # The records HQ holds are removed, the ones recorded since are kept, and HQ is told.
    assert "This device is locked. At HQ's request 4 records HQ holds were removed" in sentence
    assert "2 records HQ has not received wholly are kept" in sentence
    assert sentence.endswith("HQ has the signed report of the wipe.")
    reports = _run("fieldapp-hq", "--db", str(db), "wipe-reports")
    assert reports.returncode == 0 and "4 records removed" in reports.stdout, reports.stdout
    assert _run("fieldapp", "--data-dir", str(device), "verify").returncode == 0


def test_sync_before_enrolling_says_what_to_do(tmp_path: Path, samples: Any) -> None:
    device = tmp_path / "device"
    events = _record(device, samples)
    result = _run("fieldapp", "sync", "--data-dir", str(device))
    assert result.returncode == 1
    sentence = _one_sentence(result.stderr)
    assert "not enrolled with HQ" in sentence
    assert sentence.endswith(f"{events} events still wait for HQ.")


def test_enroll_refuses_an_address_that_is_not_one(tmp_path: Path) -> None:
    device = tmp_path / "device"
    result = _run(
        "fieldapp", "enroll", "--hq", "hq.example", "--code", "X", "--data-dir", str(device)
    )
    assert result.returncode == 1
    assert "not HQ's web address" in _one_sentence(result.stderr)
    assert not device.exists()
