"""A throwaway PostgreSQL server for the tests and the benchmarks.

:func:`start_postgres` makes a cluster with ``initdb`` in a new temporary
folder and starts it with ``pg_ctl`` on a free loopback port; each
:meth:`PostgresServer.fresh_database` is a new, empty database on it, and
:meth:`PostgresServer.stop` stops the server and removes the folder.

Debian's ``postgresql`` package puts ``initdb`` and ``pg_ctl`` in
``/usr/lib/postgresql/<version>/bin``, off ``PATH``; both places are searched.
``initdb`` refuses to run as root, so as root (CI) the server runs as the
``postgres`` system user that package creates (``runuser -u postgres --``, or
``setpriv``), with its folder owned by that user; otherwise it runs as the
current user.

Setting ``FIELDAPP_HQ_TEST_POSTGRES`` to a PostgreSQL URL uses that server
instead of starting one: its user must be allowed to create databases, and
each fresh database is made there under a name of this process's.

Nothing here skips: a server that cannot be started raises
:class:`PostgresUnavailable` with the reason and what to install.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg

ENV_EXTERNAL = "FIELDAPP_HQ_TEST_POSTGRES"
SUPERUSER = "fieldapp"
SYSTEM_USER = "postgres"
INSTALL_HINT = "install it with `apt-get install -y postgresql` (CI's .ci/run does)"

_TIMEOUT = 120


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)


def find_bindir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl`` (PATH first, then Debian's folders)."""
    found = shutil.which("pg_ctl")
    if found is not None:
        folder = Path(found).resolve().parent
        if (folder / "initdb").exists():
            return folder
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    for folder in debian:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise PostgresUnavailable(
        "PostgreSQL's initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin; "
        f"{INSTALL_HINT}."
    )


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user_prefix() -> tuple[list[str], tuple[int, int] | None]:
    """The command prefix that runs PostgreSQL's programs, and the owner of its folder."""
    if os.geteuid() != 0:
        return [], None
    import pwd

    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root, PostgreSQL must run as the '{SYSTEM_USER}' system user, which "
            f"does not exist; {INSTALL_HINT}, which creates it."
        ) from None
    owner = (entry.pw_uid, entry.pw_gid)
    runuser = shutil.which("runuser")
    if runuser is not None:
        return [runuser, "-u", SYSTEM_USER, "--"], owner
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        return [
            setpriv,
            f"--reuid={entry.pw_uid}",
            f"--regid={entry.pw_gid}",
            "--init-groups",
        ], owner
    raise PostgresUnavailable(
        f"running as root, PostgreSQL must run as '{SYSTEM_USER}', but neither runuser nor "
        "setpriv (util-linux) is installed."
    )


def _chown_tree(root: Path, owner: tuple[int, int]) -> None:
    os.chown(root, *owner)
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            os.chown(Path(folder) / name, *owner)


class PostgresServer:
    """A running throwaway PostgreSQL server (or the external one named by the environment)."""

    def __init__(
        self,
        *,
        port: int,
        root: Path | None = None,
        bindir: Path | None = None,
        prefix: list[str] | None = None,
        external_url: str | None = None,
    ) -> None:
        self.port = port
        self.root = root
        self.bindir = bindir
        self.prefix = prefix or []
        self.external_url = external_url
        self._counter = 0
        self._lock = threading.Lock()
        self._stopped = False

    # -- addresses ------------------------------------------------------------------------

    @property
    def admin_url(self) -> str:
        """Where databases are made: the external URL, or this server's ``postgres`` database."""
        if self.external_url is not None:
            return self.external_url
        return self.url("postgres")

    def url(self, database: str) -> str:
        """A ``postgresql://`` URL of a database on this server (the one HQ's ``--db`` takes)."""
        from sqlalchemy.engine import make_url

        if self.external_url is not None:
            given = make_url(self.external_url.replace("postgresql+psycopg://", "postgresql://"))
            return given.set(database=database).render_as_string(hide_password=False)
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self) -> psycopg.Connection[tuple[object, ...]]:
        import psycopg

        text = self.admin_url.replace("postgresql+psycopg://", "postgresql://")
        return psycopg.connect(text, autocommit=True, connect_timeout=10)

    def fresh_database(self, name: str | None = None) -> str:
        """A new empty database; its URL (on an external server, a name of this process's)."""
        with self._lock:
            self._counter += 1
            number = self._counter
        database = name or f"hq_{number}"
        if self.external_url is not None:
            database = f"fieldapp_test_{os.getpid()}_{database}"
        conn = self._admin()
        try:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database}"')
        finally:
            conn.close()
        return self.url(database)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`fresh_database` (closing its connections)."""
        if self._stopped:
            return
        database = url.rsplit("/", 1)[-1].split("?", 1)[0]
        conn = self._admin()
        try:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        finally:
            conn.close()

    # -- life -----------------------------------------------------------------------------

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log, for a failure message."""
        if self.root is None:
            return ""
        try:
            text = (self.root / "postgres.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (immediately: it is thrown away) and remove its folder; an
        external server is left running."""
        if self._stopped or self.root is None or self.bindir is None:
            self._stopped = True
            return
        self._stopped = True
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            subprocess.run(
                [
                    *self.prefix,
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.root / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "-t",
                    "60",
                    "stop",
                ],
                cwd=self.root,
                capture_output=True,
                timeout=_TIMEOUT,
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _run(argv: list[str], cwd: Path, what: str) -> None:
    try:
        done = subprocess.run(
            argv, cwd=cwd, capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PostgresUnavailable(f"{what} could not be run: {exc}") from exc
    if done.returncode != 0:
        raise PostgresUnavailable(
            f"{what} failed (exit {done.returncode}): {(done.stderr or done.stdout).strip()}"
        )


def start_postgres(*, durable: bool = False) -> PostgresServer:
    """Start a throwaway server; ``durable`` keeps fsync on (benchmarks), tests turn it off."""
    external = os.environ.get(ENV_EXTERNAL)
    if external:
        server = PostgresServer(port=0, external_url=external)
        try:
            server._admin().close()
        except Exception as exc:
            raise PostgresUnavailable(
                f"the PostgreSQL server named by {ENV_EXTERNAL} cannot be reached: {exc}"
            ) from exc
        return server
    bindir = find_bindir()
    prefix, owner = _as_user_prefix()
    root = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
    try:
        (root / "sock").mkdir()
        if owner is not None:
            _chown_tree(root, owner)
        _run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(root / "data"),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            root,
            "initdb",
        )
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{root / 'sock'}'",
            "max_connections = 300",
            "shared_buffers = 128MB",
            "log_min_messages = warning",
        ]
        if not durable:
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with (root / "data" / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# fieldapp test server\n" + "\n".join(settings) + "\n")
        problem = ""
        for _attempt in range(3):
            port = free_port()
            try:
                _run(
                    [
                        *prefix,
                        str(bindir / "pg_ctl"),
                        "-D",
                        str(root / "data"),
                        "-l",
                        str(root / "postgres.log"),
                        "-o",
                        f"-p {port}",
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    root,
                    "pg_ctl start",
                )
            except PostgresUnavailable as exc:
                # Most likely the port was taken in between; try another one.
                log = (root / "postgres.log").read_text(encoding="utf-8", errors="replace")
                problem = f"{exc}\n{log[-2000:]}"
                continue
            server = PostgresServer(port=port, root=root, bindir=bindir, prefix=prefix)
            atexit.register(server.stop)
            return server
        raise PostgresUnavailable(f"the PostgreSQL server did not start: {problem}")
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


@contextlib.contextmanager
def running_postgres(*, durable: bool = False) -> Iterator[PostgresServer]:
    """A throwaway server for the block."""
    server = start_postgres(durable=durable)
    try:
        yield server
    finally:
        server.stop()
