"""``fieldapp-hq serve`` in a subprocess on loopback, for the fault tests and the benchmarks.

The server's output goes to a log file (a pipe nobody reads would fill up and
stall it); a server that does not answer its health check in time is reported
with that log. :meth:`HqProcess.kill` is a SIGKILL (no shutdown, no cleanup:
a crash or a power cut for HQ), and :meth:`HqProcess.start` after it starts a
new process on the same port and database.

With ``tls=(cert, key, ca)`` it serves HTTPS with that certificate and key
(files of ``fieldapp-hq tls init``), offers ``ca`` to devices enrolling with
its fingerprint, and checks its health trusting ``ca`` only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

from tests.support.postgres import free_port

STARTUP_SECONDS = 60


class HqFailed(RuntimeError):
    """The HQ server did not start or answer; the message carries its output."""


def script(name: str) -> Path:
    """An installed entry point of this project (``fieldapp-hq``, ``fieldapp``)."""
    found = Path(sys.executable).parent / name
    if not found.exists():
        raise HqFailed(f"{found} is missing: the {name} entry point is not installed")
    return found


class HqProcess:
    """One ``fieldapp-hq serve`` process over the database ``db`` (a path or a URL)."""

    def __init__(
        self,
        db: str,
        *,
        port: int | None = None,
        log_dir: Path | None = None,
        log_level: str = "warning",
        tls: tuple[Path, Path, Path] | None = None,
    ) -> None:
        self.db = db
        self.tls = tls
        self.port = port or free_port()
        self.log_level = log_level
        self._own_log_dir = log_dir is None
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="fieldapp-hq-log-"))
        self.log_path = self.log_dir / f"hq-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def base_url(self) -> str:
        """The server's address."""
        scheme = "http" if self.tls is None else "https"
        return f"{scheme}://127.0.0.1:{self.port}"

    def _tls_args(self) -> list[str]:
        if self.tls is None:
            return []
        cert, key, ca = self.tls
        return ["--tls-cert", str(cert), "--tls-key", str(key), "--tls-ca", str(ca)]

    def _verify(self) -> ssl.SSLContext | bool:
        if self.tls is None:
            return True
        return ssl.create_default_context(cafile=str(self.tls[2]))

    @property
    def pid(self) -> int | None:
        """The running process's id."""
        return None if self.process is None else self.process.pid

    def log(self, tail: int = 4000) -> str:
        """The end of everything the server printed, across its restarts."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def start(self) -> HqProcess:
        """Start the server and wait until its health check answers."""
        if self.process is not None and self.process.poll() is None:
            raise HqFailed("this HQ process is already running")
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as out:
            out.write(f"--- start {self.starts} ---\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [
                    str(script("fieldapp-hq")),
                    "serve",
                    "--db",
                    self.db,
                    "--port",
                    str(self.port),
                    "--log-level",
                    self.log_level,
                    *self._tls_args(),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        verify = self._verify()
        while True:
            if self.process.poll() is not None:
                raise HqFailed(
                    f"fieldapp-hq serve exited with {self.process.returncode}:\n{self.log()}"
                )
            try:
                answer = httpx2.get(f"{self.base_url}/api/v1/health", timeout=2, verify=verify)
                if answer.status_code == 200:
                    return self
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                self.kill()
                raise HqFailed(
                    f"fieldapp-hq serve did not answer in {STARTUP_SECONDS} s:\n{self.log()}"
                )
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL the server (as a crash would) and reap it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the server politely (SIGTERM), by force if it lingers; a log folder of its
        own making goes with it."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._own_log_dir:
            shutil.rmtree(self.log_dir, ignore_errors=True)

    def __enter__(self) -> HqProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
