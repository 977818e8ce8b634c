"""HQ offers its certificate authority to devices enrolling with its fingerprint, and the
device believes it only when the fingerprint matches (in process; TLS for real in
test_hq_tls.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient

from fieldapp.store.store import Store
from sync import errors, trust
from sync.client import SyncClient
from sync.hq.app import create_app
from sync.hq.cli import enroll_qr_text, main
from sync.hq.service import Headquarters
from sync.hq.tls import init_tls
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION


def _served(app: Any) -> httpx2.MockTransport:
    """A transport for the device's client that hands each request to ``app``."""
    client = TestClient(app)

    def handle(request: httpx2.Request) -> httpx2.Response:
        answer = client.request(
            request.method,
            request.url.raw_path.decode("ascii"),
            headers=dict(request.headers),
            content=request.content,
        )
        return httpx2.Response(answer.status_code, headers=answer.headers, content=answer.content)

    return httpx2.MockTransport(handle)


@pytest.fixture
def run(hq: Headquarters, hq_url: str, capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``fieldapp-hq --db HQ_URL ARGS...``: (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--db", hq_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture(scope="module")
def authorities(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """Two authorities' PEM: HQ's and another one."""
    folder = tmp_path_factory.mktemp("tls")
    init_tls(folder / "ours", ["hq.example.org"])
    init_tls(folder / "theirs", ["hq.example.org"])
    return (
        trust.read_ca_file(folder / "ours" / "ca.crt"),
        trust.read_ca_file(folder / "theirs" / "ca.crt"),
    )


def test_hq_offers_its_authority_only_when_started_with_it(
    hq: Headquarters, authorities: tuple[str, str]
) -> None:
    ours, _ = authorities
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with TestClient(create_app(hq, ca_pem=ours), headers=headers) as client:
        answer = client.get("/api/v1/ca")
    assert answer.status_code == 200 and answer.json() == {"ca_pem": ours}
    with TestClient(create_app(hq), headers=headers) as client:
        missing = client.get("/api/v1/ca")
    assert missing.status_code == 404 and missing.json()["code"] == "no_ca"
    assert "--tls-ca" in missing.json()["detail"]


def test_the_device_keeps_the_fetched_authority_only_if_its_fingerprint_matches(
    hq: Headquarters,
    authorities: tuple[str, str],
    tmp_store: Store,
) -> None:
    ours, theirs = authorities
    # A server offering another authority than the one whose fingerprint the device holds.
    impostor = _served(create_app(hq, ca_pem=theirs))
    with (
        SyncClient(tmp_store, transport=impostor) as client,
        pytest.raises(errors.UntrustedCertificate, match="does not match the fingerprint"),
    ):
        client.fetch_ca("https://hq.example.org", trust.fingerprint(ours))
    genuine = _served(create_app(hq, ca_pem=ours))
    with SyncClient(tmp_store, transport=genuine) as client:
        assert client.fetch_ca("https://hq.example.org", trust.fingerprint(ours)) == ours
    without = _served(create_app(hq))
    with (
        SyncClient(tmp_store, transport=without) as client,
        pytest.raises(errors.SyncError, match="does not offer its certificate authority"),
    ):
        client.fetch_ca("https://hq.example.org", trust.fingerprint(ours))


def test_enroll_code_with_the_authority_prints_its_fingerprint_and_puts_it_in_the_qr(
    run: Any, tmp_path: Path, authorities: tuple[str, str]
) -> None:
    ours, _ = authorities
    ca_file = tmp_path / "ca.crt"
    ca_file.write_text(ours)
    status, out, err = run(
        "enroll-code",
        "--device-name",
        "lane 4",
        "--qr",
        "--hq-url",
        "https://hq.example.org",
        "--ca",
        str(ca_file),
    )
    assert status == 0
    code = out.partition("\n")[0]
    digest = trust.fingerprint(ours)
    assert f"fingerprint {digest}" in err
    assert enroll_qr_text(code, "https://hq.example.org", ca_sha256=digest) == (
        f"fieldapp enroll --hq https://hq.example.org --code {code} --ca-sha256 {digest}"
    )
