"""What the hostile-network tests share: HQ as a device meets it, field devices, helpers.

:class:`Site` is HQ (``fieldapp-hq serve`` in a subprocess), its database
opened in the test process, and the fault proxy in front of it;
:class:`Device` is a real profile enrolled there, syncing with the real
:class:`~sync.client.SyncClient` through the proxy and retrying at once (the
sleep is a no-op), so that nothing here waits for backoff. The fixtures that
make them are in this folder's ``conftest.py``.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fieldapp.profile import Profile
from fieldapp.store.store import Store
from sync.client import RetryPolicy, SyncClient
from sync.hq.service import Headquarters
from sync.report import SyncReport
from tests.integration.faults.proxy import FaultProxy
from tests.support.devices import finalize_synthetic
from tests.support.hqserver import HqFailed, HqProcess

BACKENDS = ["sqlite", "postgresql"]


def no_sleep(_seconds: float) -> None:
    """The clients' backoff: retry at once."""


@dataclass
class Site:
    """HQ as a device meets it: the server, its database opened here, the proxy in front."""

    backend: str
    db: str
    server: HqProcess
    hq: Headquarters
    """The same database, opened in the test process: codes, annotations, checks."""
    proxy: FaultProxy

    @property
    def url(self) -> str:
        """The address devices are given (the proxy's)."""
        return self.proxy.url


@dataclass
class Device:
    """A field device: a real profile (its own key), enrolled at a site through its proxy."""

    profile: Profile
    site: Site
    clients: list[SyncClient] = field(default_factory=list)
    bundles: int = 0

    @property
    def store(self) -> Store:
        return self.profile.store

    @property
    def device_id(self) -> str:
        return self.store.device.device_id

    def client(
        self,
        *,
        timeout: float = 10.0,
        attempts: int = 8,
        store: Store | None = None,
        rng: random.Random | None = None,
    ) -> SyncClient:
        """A sync client over the proxy that retries at once, ``attempts`` tries a request."""
        made = SyncClient(
            store or self.store,
            base_url=self.site.url,
            timeout=timeout,
            retry=RetryPolicy(attempts=attempts, base_delay=0.0, max_delay=0.0),
            sleep=no_sleep,
            rng=rng or random.Random(7),
        )
        self.clients.append(made)
        return made

    def record(self, bundles: int = 1) -> list[str]:
        """Capture and finalize synthetic encounters through the services; their record ids."""
        made = finalize_synthetic(self.profile, bundles, start=self.bundles)
        self.bundles += bundles
        return made

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.profile.close()


def sync_together(clients: list[SyncClient]) -> list[SyncReport]:
    """Each client's sync on a thread of its own, all started at the same moment."""
    reports: list[SyncReport | None] = [None] * len(clients)
    errors: list[BaseException] = []
    gate = threading.Barrier(len(clients))

    def run(index: int) -> None:
        try:
            gate.wait(timeout=10)
            reports[index] = clients[index].sync()
        except BaseException as exc:  # re-raised below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]
    done = [r for r in reports if r is not None]
    assert len(done) == len(clients), "a sync did not finish"
    return done


def start_server(db: str, log_dir: Path) -> HqProcess:
    """A started ``fieldapp-hq serve``; a server that does not start fails the test."""
    server = HqProcess(db, log_dir=log_dir)
    try:
        return server.start()
    except HqFailed as exc:
        pytest.fail(str(exc), pytrace=False)
