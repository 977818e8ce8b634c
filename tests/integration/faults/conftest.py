"""Fixtures for the hostile-network tests: a real HQ behind a fault proxy, and field devices.

HQ is ``fieldapp-hq serve`` (uvicorn) in a subprocess on loopback, one per
database kind for the whole session (SQLite file, PostgreSQL database); each
test gets a fresh :class:`~tests.integration.faults.proxy.FaultProxy` in
front of it and devices of its own, so the invariants are checked per device.
Tests that kill HQ start their own server. What the fixtures make is in
``harness.py``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sync.hq.service import Headquarters
from tests.integration.faults.harness import Device, Site, start_server
from tests.integration.faults.proxy import FaultProxy
from tests.support.devices import append_synthetic, new_profile
from tests.support.hqserver import HqFailed, HqProcess


@dataclass
class _Shared:
    db: str
    server: HqProcess
    hq: Headquarters


def _shared(db: str, log_dir: Path) -> Iterator[_Shared]:
    server = start_server(db, log_dir)
    hq = Headquarters.open(db)
    try:
        yield _Shared(db, server, hq)
    finally:
        hq.close()
        server.stop()


@pytest.fixture(scope="session")
def _sqlite_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Shared]:
    folder = tmp_path_factory.mktemp("hq-sqlite")
    yield from _shared(str(folder / "hq.db"), folder)


@pytest.fixture(scope="session")
def _postgres_hq(tmp_path_factory: pytest.TempPathFactory, postgres: Any) -> Iterator[_Shared]:
    folder = tmp_path_factory.mktemp("hq-postgres")
    yield from _shared(postgres.fresh_database("faults"), folder)


@pytest.fixture(params=["sqlite"])
def site(request: pytest.FixtureRequest) -> Iterator[Site]:
    """HQ (shared by the session's tests) behind a fresh fault proxy; SQLite unless the test
    is parametrized with ``@pytest.mark.parametrize("site", BACKENDS, indirect=True)``
    (``harness.BACKENDS``)."""
    backend = str(request.param)
    shared: _Shared = request.getfixturevalue(
        "_sqlite_hq" if backend == "sqlite" else "_postgres_hq"
    )
    if shared.server.process is None or shared.server.process.poll() is not None:
        try:
            shared.server.start()
        except HqFailed as exc:
            pytest.fail(str(exc), pytrace=False)
    proxy = FaultProxy(("127.0.0.1", shared.server.port))
    try:
        yield Site(backend, shared.db, shared.server, shared.hq, proxy)
    finally:
        proxy.close()


_names = itertools.count(1)


@pytest.fixture
def make_device(tmp_path: Path) -> Iterator[Callable[..., Device]]:
    """``make_device(site, bundles=3, events=0)``: a new profile with ``bundles`` encounters
    finalized through the services and ``events`` more made as ``fieldapp seed`` does,
    enrolled at the site through its proxy."""
    made: list[Device] = []

    def make(site: Site, *, bundles: int = 3, events: int = 0) -> Device:
        number = next(_names)
        device = Device(new_profile(tmp_path / f"device-{number}"), site)
        made.append(device)
        if bundles:
            device.record(bundles)
        if events:
            append_synthetic(device.profile, events)
        client = device.client()
        client.enroll(site.url, site.hq.make_enroll_code(f"lane {number}").code)
        return device

    yield make
    for device in made:
        device.close()
