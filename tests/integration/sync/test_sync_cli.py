"""``fieldapp enroll`` and ``fieldapp sync`` for real: the installed commands against
``fieldapp-hq serve`` on loopback, each in its own process.

Nothing is skipped: if the server does not start, the test fails with what it
printed.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from fieldapp.services import Actor, FieldServices, Role

STARTUP_SECONDS = 60


def _script(name: str) -> Path:
    script = Path(sys.executable).parent / name
    assert script.exists(), f"{script} is missing: the {name} entry point is not installed"
    return script


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(_script(name)), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running ``fieldapp-hq serve`` on a free loopback port: (base URL, database file)."""
    db = tmp_path / "hq" / "hq.db"
    port = _free_port()
    process = subprocess.Popen(
        [
            str(_script("fieldapp-hq")),
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"fieldapp-hq serve exited with {process.returncode}:\n{out}\n{err}")
            try:
                if httpx2.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                process.kill()
                out, err = process.communicate()
                pytest.fail(
                    f"fieldapp-hq serve did not answer in {STARTUP_SECONDS} s:\n{out}\n{err}"
                )
            time.sleep(0.1)
        yield base, db
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.communicate()


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
    more = _record(device, samples) - events
    refused = _run("fieldapp", "sync", "--data-dir", str(device))
    assert refused.returncode == 1
    sentence = _one_sentence(refused.stderr)
    assert "revoked by HQ" in sentence and "(stolen)" in sentence
    assert sentence.endswith(f"{more} events still wait for HQ.")


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
