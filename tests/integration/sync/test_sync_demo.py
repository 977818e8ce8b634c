"""The demo's own HQ: served on loopback, enrolls a profile, syncs it, and leaves nothing."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest

from fieldapp.store.store import Store
from sync.client import SyncClient
from sync.demo import DEMO_DEVICE_NAME, DemoHq, enroll_profile
from sync.errors import SyncError


def _refused(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    with socket.socket() as sock:
        sock.settimeout(2)
        return sock.connect_ex((host, int(port))) != 0


def test_the_demo_hq_serves_on_loopback_enrolls_syncs_and_cleans_up(
    tmp_path: Path, tmp_store: Store, make_finalized: Callable[..., Any]
) -> None:
    make_finalized()
    folder = tmp_path / "demo" / "hq"
    hq = DemoHq(folder)
    try:
        url = hq.start()
        assert url.startswith("http://127.0.0.1:")
        assert (folder / "hq.db").is_file()
        assert httpx2.get(f"{url}/api/v1/health").json()["status"] == "ok"
        answer = enroll_profile(tmp_store, hq)
        assert answer.device_name == DEMO_DEVICE_NAME
        with SyncClient(tmp_store) as client:
            assert client.base_url == url
            report = client.sync()
        assert report.error is None, report.sentence()
        assert report.waiting == 0
    finally:
        hq.stop()
    assert not folder.exists()
    assert _refused(url)
    assert hq.url is None
    hq.stop()  # twice is fine


def test_a_demo_hq_that_cannot_start_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    def broken(self: object, sockets: object = None) -> None:
        """The server thread ends before serving (a port taken, a broken install)."""

    monkeypatch.setattr(uvicorn.Server, "run", broken)
    folder = tmp_path / "hq"
    hq = DemoHq(folder)
    with pytest.raises(SyncError, match="did not start"):
        hq.start()
    assert not folder.exists()
