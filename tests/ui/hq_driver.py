"""HQ in this process for the desktop program's sync tests, and a network that can be cut.

:class:`InProcessHq` is HQ's real web application over a temporary SQLite
file, reached through httpx2's ASGI transport (every request crosses HQ's
whole HTTP stack); its :class:`Line` is the network between device and HQ:
``line.up = False`` makes every request fail to connect, ``line.hold()``
keeps requests waiting until ``release()``. ``hq.client`` is the factory the
program's :class:`~ui.context.UiContext` takes (``ctx.sync_client``): clients
that retry twice and never sleep.
"""

from __future__ import annotations

import functools
import random
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx2
from sqlalchemy import func, select

from fieldapp.profile import Profile
from sync.client import RetryPolicy, SyncClient
from sync.hq import schema
from sync.hq.app import create_app
from sync.hq.service import Headquarters

HQ_URL = "http://hq.test"


class Line(httpx2.BaseTransport):
    """HQ's ASGI application in this process, behind a line that can be cut or held."""

    def __init__(self, app: Any) -> None:
        self._asgi = httpx2.ASGITransport(app=app)
        self._stack = ExitStack()
        self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
        self.up = True
        self.requests: list[tuple[str, str]] = []
        self._open = threading.Event()
        self._open.set()
        self.waiting = threading.Event()
        """Set while a request is held at the line."""

    def hold(self) -> None:
        """Keep the next requests waiting (a slow network) until :meth:`release`."""
        self._open.clear()

    def release(self) -> None:
        """Let held requests through."""
        self._open.set()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append((request.method, request.url.path))
        if not self._open.is_set():
            self.waiting.set()
            self._open.wait(10)
            self.waiting.clear()
        if not self.up:
            raise httpx2.ConnectError("connection refused", request=request)
        request.read()

        async def call() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            answer = await self._asgi.handle_async_request(request)
            body = await answer.aread()
            return answer.status_code, answer.headers.raw, body

        status, headers, body = self._portal.call(call)
        return httpx2.Response(status, headers=headers, content=body, request=request)

    def count(self, path_end: str) -> int:
        """Requests made whose path ends so (``/push``, ``/health``)."""
        return sum(1 for _method, path in self.requests if path.endswith(path_end))

    def close(self) -> None:
        """Each client closes its transport as it ends; the line stays for the next client."""

    def shut(self) -> None:
        """Stop the line for good (at the end of a test)."""
        self._open.set()
        self._stack.close()


class InProcessHq:
    """HQ over a temporary SQLite file, and the line devices reach it through."""

    url = HQ_URL

    def __init__(self, folder: Path, ca_pem: str | None = None) -> None:
        self.hq = Headquarters.open(str(folder / "hq.db"))
        self.line = Line(create_app(self.hq, ca_pem=ca_pem))
        self.client = functools.partial(
            SyncClient,
            transport=self.line,
            retry=RetryPolicy(attempts=2),
            sleep=lambda _seconds: None,
            rng=random.Random(3),
        )

    def code(self, device_name: str = "lane 4") -> str:
        """A fresh one-time enrollment code."""
        return self.hq.make_enroll_code(device_name).code

    def probe(self, _url: str) -> bool:
        """The watcher's probe over this line: True when HQ answers its health check."""
        try:
            return self.line.handle_request(
                httpx2.Request("GET", f"{HQ_URL}/api/v1/health")
            ).is_success
        except httpx2.TransportError:
            return False

    def enroll(self, profile: Profile, device_name: str = "lane 4") -> None:
        """Enroll a profile (call on its writer thread)."""
        with self.client(profile) as client:
            client.enroll(HQ_URL, self.code(device_name))

    def held(self, device_id: str) -> int:
        """Events of a device HQ holds."""
        ev = schema.events
        with self.hq.storage.read() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(ev).where(ev.c.origin == device_id)
                ).scalar_one()
            )

    def close(self) -> None:
        self.line.shut()
        self.hq.close()
