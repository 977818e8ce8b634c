"""``fieldapp-hq serve`` for real: uvicorn in a subprocess on loopback, a device talking httpx2.

Nothing is skipped: if the server does not start, the test fails with what it
printed.
"""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from fieldapp.store.store import Store
from sync.protocol import PROTOCOL_HEADER, PullResponse, PushResponse

STARTUP_SECONDS = 60


def _script() -> Path:
    script = Path(sys.executable).parent / "fieldapp-hq"
    assert script.exists(), f"{script} is missing: the fieldapp-hq entry point is not installed"
    return script


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(_script()), "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A running ``fieldapp-hq serve`` on a free loopback port: (base URL, ``--db``), on a
    SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        db = str(tmp_path / "hq" / "hq.db")
    else:
        db = str(request.getfixturevalue("postgres_url"))
    port = _free_port()
    process = subprocess.Popen(
        [str(_script()), "serve", "--db", db, "--port", str(port), "--log-level", "warning"],
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


def test_a_device_enrolls_pushes_and_pulls_over_loopback(
    served: tuple[str, str],
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    tmp_path: Path,
) -> None:
    base, db = served
    bundle = make_finalized()
    reference = Path(__file__).resolve().parents[3] / "resources" / "reference" / "reference.json"
    loaded = _cli(db, "reference", "load", str(reference))
    assert loaded.returncode == 0, loaded.stderr
    made = _cli(db, "enroll-code", "--device-name", "lane 4")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()

    device = tmp_store.device
    with httpx2.Client(base_url=base, headers={PROTOCOL_HEADER: "1"}, timeout=30) as http:
        enrolled = http.post(
            "/api/v1/enroll",
            json={
                "code": code,
                "device_id": device.device_id,
                "public_key": device.public_hex,
                "device_code": device.device_code,
            },
        )
        assert enrolled.status_code == 200, enrolled.text
        auth = {"Authorization": f"Bearer {enrolled.json()['token']}"}
        assert enrolled.json()["reference"]["version"] == 1

        events = [e.to_dict() for e in tmp_store.events() if e.origin == device.device_id]
        body = gzip.compress(json.dumps({"events": events}).encode())
        pushed = http.post(
            "/api/v1/push",
            content=body,
            headers={**auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        assert pushed.status_code == 200, pushed.text
        answer = PushResponse.model_validate_json(pushed.content)
        assert answer.acked_seq == len(events) and answer.quarantined == []

        noted = _cli(db, "annotate", bundle.seizure_id, "--kind", "case_number", "--text", "C-1")
        assert noted.returncode == 0, noted.stderr
        pulled = PullResponse.model_validate_json(
            http.get("/api/v1/pull", params={"after": 0}, headers=auth).content
        )
        assert [e.kind for e in pulled.events] == ["reference_published", "annotated"]
        tmp_store.register_origin("hq", enrolled.json()["hq_public_key"], "HQ")
        assert tmp_store.ingest(e.to_event() for e in pulled.events) == 2
        assert tmp_store.verify().ok

        old = http.get("/api/v1/pull", headers={**auth, PROTOCOL_HEADER: "0"})
        assert old.status_code == 426
        assert "Update needed" in old.json()["detail"]
        assert http.get("/openapi.json").status_code == 200

    listed = _cli(db, "devices")
    assert "lane 4" in listed.stdout and f"#1-#{len(events)}" in listed.stdout
