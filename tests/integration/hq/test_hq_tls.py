"""HQ over TLS for real: uvicorn in a subprocess with certificates of ``fieldapp-hq tls init``.

A device enrolled with HQ's authority syncs over https; a server at the same
address with a certificate from another authority is refused with a sentence,
at once (no retries), and nothing is sent to it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp.services import Actor, FieldServices, Role
from fieldapp.store.store import Store
from sync import errors, trust
from sync.client import RetryPolicy, SyncClient
from sync.hq.service import Headquarters
from sync.hq.tls import init_tls
from tests.support.hqserver import HqFailed, HqProcess, script

NOT_OURS = "HQ's certificate is not from the authority this device enrolled with"


def _run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(script(name)), *args], capture_output=True, text=True, timeout=120, check=False
    )


def _tls_init(folder: Path, *names: str) -> tuple[Path, Path, Path]:
    """``fieldapp-hq tls init`` into ``folder``: (server cert, server key, CA cert)."""
    hosts = [a for n in names for a in ("--host", n)]
    made = _run("fieldapp-hq", "tls", "init", "--dir", str(folder), *hosts, "--ip", "127.0.0.1")
    assert made.returncode == 0, made.stderr
    return folder / "server.crt", folder / "server.key", folder / "ca.crt"


def _code(db: Path, name: str = "lane 4") -> str:
    with Headquarters.open(str(db)) as hq:
        return hq.make_enroll_code(name).code


def _held(db: Path) -> int:
    """How far HQ holds the (only) device's log."""
    with Headquarters.open(str(db)) as hq:
        [device] = hq.devices()
        return device.acked_seq


class _Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture(scope="module")
def authorities(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[tuple[Path, Path, Path], tuple[Path, Path, Path]]:
    """Two separate ``tls init`` runs: HQ's certificates, and another authority's."""
    folder = tmp_path_factory.mktemp("authorities")
    return _tls_init(folder / "tls", "localhost"), _tls_init(folder / "other", "localhost")


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., HqProcess]]:
    """Starts HQ processes over ``tmp_path/hq.db``; all are stopped at the end."""
    running: list[HqProcess] = []

    def begin(tls: tuple[Path, Path, Path], port: int | None = None) -> HqProcess:
        hq = HqProcess(str(tmp_path / "hq.db"), port=port, log_dir=tmp_path / "log", tls=tls)
        running.append(hq)
        try:
            return hq.start()
        except HqFailed as exc:
            pytest.fail(str(exc))

    yield begin
    for hq in running:
        hq.stop()


def test_enrolled_with_the_ca_a_device_syncs_over_https_and_refuses_another_ca(
    authorities: Any,
    start: Callable[..., HqProcess],
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    tmp_path: Path,
) -> None:
    ours, theirs = authorities
    hq = start(ours)
    assert hq.base_url.startswith("https://")
    make_finalized()
    with SyncClient(tmp_store) as client:
        client.enroll(hq.base_url, _code(tmp_path / "hq.db"), ca_pem=trust.read_ca_file(ours[2]))
    enrollment = SyncClient(tmp_store).state.enrollment()
    assert enrollment is not None and enrollment.hq_ca_pem is not None
    assert "BEGIN CERTIFICATE" in enrollment.hq_ca_pem
    with SyncClient(tmp_store) as client:  # a later client: the pinned authority from the store
        report = client.sync()
    assert report.ok, report.error
    held = _held(tmp_path / "hq.db")
    assert report.acked == held > 0

    # Another server at the same address, over the same database, with another authority's
    # certificate: without the pin it would be taken for HQ.
    hq.stop()
    start(theirs, port=hq.port)
    make_finalized()
    sleeps = _Sleeps()
    with SyncClient(tmp_store, sleep=sleeps, retry=RetryPolicy(attempts=3)) as client:
        with pytest.raises(errors.UntrustedCertificate) as refused:
            client.check_health()
        report = client.sync()
    assert refused.value.message.startswith(NOT_OURS)
    assert "nothing was sent" in refused.value.message
    assert not isinstance(refused.value, errors.HqUnreachable)
    assert sleeps.calls == []  # a refusal, not a network failure worth retrying
    assert report.error is not None and report.error.startswith(NOT_OURS)
    assert report.waiting > 0
    assert _held(tmp_path / "hq.db") == held


def test_enrolling_checks_the_authority_given(
    authorities: Any, start: Callable[..., HqProcess], tmp_store: Store, tmp_path: Path
) -> None:
    ours, theirs = authorities
    hq = start(ours)
    code = _code(tmp_path / "hq.db")
    with SyncClient(tmp_store) as client:
        with pytest.raises(errors.UntrustedCertificate) as wrong:
            client.enroll(hq.base_url, code, ca_pem=trust.read_ca_file(theirs[2]))
        assert "not from the certificate authority given" in wrong.value.message
        with pytest.raises(errors.UntrustedCertificate) as system:
            client.enroll(hq.base_url, code, system_ca=True)
        assert "not from an authority this computer trusts" in system.value.message
        with pytest.raises(errors.SyncError, match="needs HQ's certificate authority"):
            client.enroll(hq.base_url, code)
        assert client.state.enrollment() is None
        client.enroll(hq.base_url, code, ca_pem=trust.read_ca_file(ours[2]))
    assert SyncClient(tmp_store).state.enrollment() is not None


def test_a_certificate_for_another_name_is_refused(
    tmp_path: Path, start: Callable[..., HqProcess], tmp_store: Store
) -> None:
    files = init_tls(tmp_path / "named", ["hq.example.org"]).files
    tls = (files.server_cert, files.server_key, files.ca_cert)
    hq = HqProcess(str(tmp_path / "hq.db"), log_dir=tmp_path / "log", tls=tls)
    # The health check of HqProcess would itself refuse the name: started by hand.
    hq._verify = lambda: False  # type: ignore[method-assign]
    try:
        hq.start()
        with SyncClient(tmp_store) as client, pytest.raises(errors.UntrustedCertificate) as caught:
            client.enroll(hq.base_url, "ABCD-EFGH", ca_pem=trust.read_ca_file(tls[2]))
    finally:
        hq.stop()
    assert caught.value.message.startswith("HQ's certificate does not name 127.0.0.1")


def test_the_fieldapp_commands_enroll_with_ca_and_sync_over_https(
    authorities: Any, start: Callable[..., HqProcess], tmp_path: Path, samples: Any
) -> None:
    ours, _ = authorities
    hq = start(ours)
    device = tmp_path / "device"
    store = samples.open_store(device)
    try:
        samples.bundle(FieldServices(store), Actor(samples.OFFICER_ID, Role.OFFICER))
    finally:
        store.close()
    code = _code(tmp_path / "hq.db")
    args = ("--hq", hq.base_url, "--code", code, "--data-dir", str(device))
    missing = _run("fieldapp", "enroll", *args)
    assert missing.returncode == 1
    assert "--ca FILE" in missing.stderr
    enrolled = _run("fieldapp", "enroll", *args, "--ca", str(ours[2]))
    assert enrolled.returncode == 0, enrolled.stderr
    synced = _run("fieldapp", "sync", "--data-dir", str(device))
    assert synced.returncode == 0, synced.stderr
    assert _held(tmp_path / "hq.db") > 0


def test_a_device_given_the_authoritys_fingerprint_fetches_and_pins_it(
    authorities: Any, start: Callable[..., HqProcess], tmp_store: Store, tmp_path: Path
) -> None:
    ours, theirs = authorities
    hq = start(ours)
    ours_sha = trust.fingerprint(trust.read_ca_file(ours[2]))
    theirs_sha = trust.fingerprint(trust.read_ca_file(theirs[2]))
    code = _code(tmp_path / "hq.db")
    with SyncClient(tmp_store) as client:
        # Another authority's fingerprint (someone else's server, or a typing mistake):
        # refused before anything is sent.
        with pytest.raises(errors.UntrustedCertificate, match="does not match the fingerprint"):
            client.enroll(hq.base_url, code, ca_sha256=theirs_sha)
        assert client.state.enrollment() is None
        answer = client.enroll(hq.base_url, code, ca_sha256=ours_sha.upper())
    assert answer.device_name == "lane 4"
    enrollment = SyncClient(tmp_store).state.enrollment()
    assert enrollment is not None and enrollment.hq_ca_pem is not None
    assert trust.fingerprint(enrollment.hq_ca_pem) == ours_sha
    with SyncClient(tmp_store) as client:
        assert client.sync().error is None  # over TLS checked against the fetched authority
