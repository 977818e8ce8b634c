"""The device's TLS rules without a server: plain HTTP only to loopback, https only with an
authority (a real CA certificate), all refused before anything is sent or a profile made."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.store.store import Store
from sync import errors, trust
from sync.cli import main as device_main
from sync.client import SyncClient
from sync.hq.tls import init_tls


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of ``tls init`` files."""
    folder = tmp_path_factory.mktemp("tls")
    init_tls(folder, ["hq.example.org"])
    return folder


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("LOCALHOST", True),
        ("10.0.0.1", False),
        ("0.0.0.0", False),
        ("hq.example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert trust.is_loopback_host(host) is loopback


def test_plain_http_is_refused_off_loopback() -> None:
    trust.check_address("http://127.0.0.1:8765")
    trust.check_address("http://[::1]:8765")
    trust.check_address("https://hq.example.org")
    with pytest.raises(errors.SyncError, match="plain HTTP to another computer"):
        trust.check_address("http://10.1.2.3:8765")


def test_the_client_refuses_plain_http_off_loopback_before_any_connection(
    tmp_store: Store,
) -> None:
    with SyncClient(tmp_store) as client, pytest.raises(errors.SyncError) as enrolling:
        client.enroll("http://hq.invalid", "ABCD-EFGH")
    assert "plain HTTP to another computer" in enrolling.value.message
    with (
        SyncClient(tmp_store, base_url="http://hq.invalid") as client,
        pytest.raises(errors.SyncError, match="plain HTTP to another computer"),
    ):
        client.check_health()
    with SyncClient(tmp_store) as client, pytest.raises(errors.SyncError) as unpinned:
        client.enroll("https://hq.invalid", "ABCD-EFGH")
    assert "needs HQ's certificate authority" in unpinned.value.message


def test_the_authority_file_must_be_a_ca_certificate(authority: Path, tmp_path: Path) -> None:
    pem = trust.read_ca_file(authority / "ca.crt")
    assert pem.startswith("-----BEGIN CERTIFICATE-----")
    end = "-----END CERTIFICATE-----\n"
    server_only = (authority / "server.crt").read_text().split(end)[0] + end
    with pytest.raises(errors.SyncError, match="not a certificate authority"):
        trust.read_ca_pem(server_only, "server.crt")
    with pytest.raises(errors.SyncError, match="is not a PEM certificate"):
        trust.read_ca_file(authority / "ca.key")
    with pytest.raises(errors.SyncError, match="cannot be read"):
        trust.read_ca_file(tmp_path / "missing.crt")


def test_enroll_command_refusals_come_before_a_profile(
    authority: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = tmp_path / "device"
    base = ["enroll", "--code", "ABCD-EFGH", "--data-dir", str(device)]
    cases = [
        (["--hq", "http://hq.example.org"], "plain HTTP to another computer"),
        (["--hq", "https://hq.example.org"], "--ca FILE"),
        (["--hq", "https://hq.example.org", "--ca", str(authority / "ca.key")], "not a PEM"),
    ]
    for args, sentence in cases:
        assert device_main([*base, *args]) == 1
        assert sentence in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        device_main([*base, "--hq", "https://h.org", "--ca", "x", "--system-ca"])
    assert usage.value.code == 2
    assert not device.exists()


def test_a_fingerprint_is_read_as_typed_and_refused_when_not_one(authority: Path) -> None:
    pem = trust.read_ca_file(authority / "ca.crt")
    digest = trust.fingerprint(pem)
    assert len(digest) == 64
    pairs = ":".join(digest[i : i + 2] for i in range(0, 64, 2)).upper()
    assert trust.read_fingerprint(f"sha256:{pairs}") == digest
    assert trust.read_fingerprint(f"  {digest.upper()} ") == digest
    for bad in ("", "abc", digest[:-1], digest[:-1] + "g"):
        with pytest.raises(errors.SyncError, match="is not a SHA-256 fingerprint"):
            trust.read_fingerprint(bad)


def test_enroll_with_a_mistyped_fingerprint_is_refused_before_a_profile_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "device"
    status = device_main(
        [
            "enroll",
            "--hq",
            "https://hq.example.org",
            "--code",
            "X",
            "--ca-sha256",
            "12:34",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert status == 1
    assert "is not a SHA-256 fingerprint" in capsys.readouterr().err
    assert not data_dir.exists()
