"""A throwaway HQ for the demo: SQLite in a temporary folder, served on loopback.

``fieldapp demo`` starts one so that Sync works from the first command: HQ's
own web application (:func:`sync.hq.app.create_app`) over its own service
(:class:`sync.hq.service.Headquarters`), served by uvicorn on 127.0.0.1 on a
free port, in a background thread. The demo profile is enrolled with a code
made by HQ's Python API. :meth:`DemoHq.stop` stops the server and removes
HQ's folder.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sync.errors import SyncError

if TYPE_CHECKING:
    import uvicorn

    from fieldapp.profile import Profile
    from fieldapp.store.store import Store
    from sync.hq.service import Headquarters
    from sync.protocol import EnrollResponse

DEMO_DEVICE_NAME = "Demo laptop"
_STARTUP_SECONDS = 20.0


class DemoHq:
    """HQ on 127.0.0.1 for the demo; ``with DemoHq() as hq:`` starts and stops it."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or Path(tempfile.mkdtemp(prefix="fieldapp-demo-hq-"))
        self.url: str | None = None
        self.hq: Headquarters | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    def start(self) -> str:
        """Open HQ's database, serve it on a free loopback port; returns HQ's address."""
        import uvicorn

        from sync.hq.app import create_app
        from sync.hq.service import Headquarters

        if self.url is not None:
            return self.url
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self.hq = Headquarters.open(str(self.folder / "hq.db"))
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 0))
            self._socket = sock
            port = sock.getsockname()[1]
            config = uvicorn.Config(
                create_app(self.hq),
                log_config=None,  # the program's logging stays as it is
                log_level="warning",
                access_log=False,
                lifespan="off",
                timeout_graceful_shutdown=3,
            )
            self._server = server = uvicorn.Server(config)
            self._thread = threading.Thread(
                target=server.run, kwargs={"sockets": [sock]}, name="demo-hq", daemon=True
            )
            self._thread.start()
            deadline = time.monotonic() + _STARTUP_SECONDS
            while not server.started:
                if not self._thread.is_alive() or time.monotonic() > deadline:
                    raise SyncError("The demo HQ did not start; Sync is not available.")
                time.sleep(0.01)
        except BaseException:
            self.stop()
            raise
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def enroll_code(self, device_name: str = DEMO_DEVICE_NAME) -> str:
        """A fresh one-time enrollment code (made through HQ's Python API)."""
        if self.hq is None:
            raise SyncError("The demo HQ is not running.")
        return self.hq.make_enroll_code(device_name).code

    def stop(self) -> None:
        """Stop serving, close HQ's database and remove its folder (safe to call twice)."""
        server, thread = self._server, self._thread
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        if self.hq is not None:
            self.hq.close()
        self._server = self._thread = self._socket = None
        self.hq = None
        self.url = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> DemoHq:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def enroll_profile(
    profile: Profile | Store, hq: DemoHq, device_name: str = DEMO_DEVICE_NAME
) -> EnrollResponse:
    """Enroll a profile with the demo HQ (on the thread that writes the profile)."""
    from sync.client import SyncClient

    url = hq.url or hq.start()
    with SyncClient(profile) as client:
        return client.enroll(url, hq.enroll_code(device_name))


def sync_with_demo_hq(profile: Profile) -> None:
    """The command-line demo's last step: a local HQ, enrollment, one sync, HQ gone again."""
    from sync.client import SyncClient

    print("\nStarting a demo HQ on this computer…", flush=True)
    with DemoHq(profile.data_dir / "demo-hq") as hq:
        answer = enroll_profile(profile, hq)
        print(f'Enrolled with the demo HQ at {hq.url} as "{answer.device_name}".', flush=True)
        with SyncClient(profile) as client:
            report = client.sync()
        print(report.sentence())
    print("The demo HQ has stopped and its files are removed.")
