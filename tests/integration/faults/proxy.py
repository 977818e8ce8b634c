"""A small threaded TCP proxy that breaks connections on purpose, between a device and HQ.

:class:`FaultProxy` listens on a loopback port and forwards each connection to
the real HQ server. What it does to a connection is a :class:`Fault`, taken
from a script when the connection is accepted (the next fault in a list, or a
function of the connection's number); without one, bytes pass untouched.

A fault is armed on the first request whose bytes start with ``match`` (by
default HQ's push, ``POST /api/v1/push``; ``None`` arms on the first byte), so
a kept-alive connection that first carries a health check breaks on the push;
``skip`` lets that many matching requests through first (``skip=1``: the
second push). Once armed it can:

- cut the connection after ``request_bytes`` of the request (HQ never gets it
  whole: the cut is made at most one byte before the request's end, which the
  proxy reads from the request's ``Content-Length``);
- cut it after ``response_bytes`` of the answer (HQ committed, the answer is
  lost: likewise at most one byte before the answer's end);
- wait ``request_delay`` seconds before forwarding the request, or
  ``response_delay`` before forwarding the answer (slow networks; a delay
  longer than the client's timeout is an answer that never comes);
- cut with a TCP reset (``reset``: SO_LINGER 0) rather than an orderly close;
- ``refuse``: reset the connection at once, before a byte reaches HQ.

:meth:`FaultProxy.down` closes the listening socket, so that connections are
refused by the kernel (no HQ at all), until :meth:`FaultProxy.up`.

:meth:`FaultProxy.script` cuts the open connections first, so the faults it
scripts meet the client's next requests, not a connection kept alive from
before. Every connection is kept as a :class:`Link` (its fault, byte counts, what
happened), and :meth:`FaultProxy.wait_for` lets a test act at the moment a
request has reached HQ whole or its answer has started (to SIGKILL a process
mid-push, say). Everything is on loopback and stops with :meth:`close`.
"""

from __future__ import annotations

import collections
import contextlib
import re
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

PUSH = b"POST /api/v1/push "
PULL = b"GET /api/v1/pull"
HEALTH = b"GET /api/v1/health"
ATTACHMENTS = b"GET /api/v1/attachments"

_CHUNK = 64 * 1024
_HEADER_END = b"\r\n\r\n"
_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Fault:
    """What the proxy does to one connection, once a request matching ``match`` starts."""

    match: bytes | None = PUSH
    request_bytes: int | None = None
    response_bytes: int | None = None
    reset: bool = False
    request_delay: float = 0.0
    response_delay: float = 0.0
    refuse: bool = False
    skip: int = 0
    """Matching requests on the connection to let through before arming (the 2nd push: 1)."""
    name: str = "pass"

    @classmethod
    def cut_request(
        cls, n: int, *, match: bytes | None = PUSH, reset: bool = False, skip: int = 0
    ) -> Fault:
        """Cut after ``n`` bytes of the request (never the whole request)."""
        kind = "reset" if reset else "cut"
        return cls(match=match, request_bytes=n, reset=reset, skip=skip, name=f"{kind}_request_{n}")

    @classmethod
    def cut_response(
        cls, n: int, *, match: bytes | None = PUSH, reset: bool = False, skip: int = 0
    ) -> Fault:
        """Cut after ``n`` bytes of the answer (never the whole answer): HQ did the work."""
        kind = "reset" if reset else "cut"
        return cls(
            match=match, response_bytes=n, reset=reset, skip=skip, name=f"{kind}_response_{n}"
        )

    @classmethod
    def delay(
        cls,
        *,
        request: float = 0.0,
        response: float = 0.0,
        match: bytes | None = PUSH,
        skip: int = 0,
    ) -> Fault:
        """Hold the request or the answer back for a while, then pass everything."""
        return cls(
            match=match,
            request_delay=request,
            response_delay=response,
            skip=skip,
            name=f"delay_{request:g}_{response:g}",
        )

    @classmethod
    def refused(cls) -> Fault:
        """Reset the connection as soon as it is accepted."""
        return cls(match=None, refuse=True, reset=True, name="refused")


PASS = Fault(name="pass")


@dataclass
class Link:
    """One proxied connection: its fault and what happened to it."""

    number: int
    fault: Fault
    up_bytes: int = 0
    """Bytes forwarded from the client to HQ."""
    down_bytes: int = 0
    """Bytes forwarded from HQ to the client."""
    armed: bool = False
    request_bytes: int = 0
    """Bytes of the armed request forwarded."""
    request_size: int | None = None
    """The armed request's whole size (headers and body), once its headers were read."""
    response_bytes: int = 0
    """Bytes of the armed request's answer forwarded."""
    response_size: int | None = None
    outcome: str = "open"
    """``open``, ``closed`` (by either end), ``cut``, ``reset``, ``refused``, ``no_upstream``."""
    request_whole: threading.Event = field(default_factory=threading.Event)
    """Set when the armed request has been forwarded to HQ entirely."""
    response_started: threading.Event = field(default_factory=threading.Event)
    """Set when the first byte of the armed request's answer came back from HQ."""
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def fired(self) -> bool:
        """True when the fault actually broke this connection."""
        return self.outcome in ("cut", "reset", "refused")


def _size(head: bytes) -> int | None:
    """A message's whole size from its start, once its headers are complete."""
    end = head.find(_HEADER_END)
    if end < 0:
        return None
    found = _LENGTH.search(head[: end + 2])
    body = int(found.group(1)) if found else 0
    return end + len(_HEADER_END) + body


def _abort(sock: socket.socket) -> None:
    """Close with a TCP reset."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


def _close(sock: socket.socket) -> None:
    """Close with an orderly FIN."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class _Cut(Exception):
    pass


class _Relay:
    """Forwards one connection in one thread, applying its fault."""

    def __init__(
        self, proxy: FaultProxy, link: Link, client: socket.socket, upstream: socket.socket
    ) -> None:
        self.proxy = proxy
        self.link = link
        self.fault = link.fault
        self.client = client
        self.upstream = upstream
        self.tail = b""
        self.request_head = b""
        self.response_head = b""
        self.request_delayed = False
        self.response_delayed = False
        self.skip = self.fault.skip
        self.stopped = threading.Event()
        if self.fault.match is None:
            link.armed = True

    def stop(self) -> None:
        """End the relay: wake it from a delay and cut both sockets (it closes them)."""
        self.stopped.set()
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _wait(self, seconds: float) -> None:
        if self.stopped.wait(seconds):
            raise EOFError

    def run(self) -> None:
        link = self.link
        client_open = True
        try:
            while not self.proxy.closing and not self.stopped.is_set():
                watched = [self.upstream] + ([self.client] if client_open else [])
                ready, _, _ = select.select(watched, [], [], 0.2)
                for sock in ready:
                    data = sock.recv(_CHUNK)
                    if sock is self.client:
                        if not data:
                            client_open = False
                            with contextlib.suppress(OSError):
                                self.upstream.shutdown(socket.SHUT_WR)
                            continue
                        self._up(data)
                    else:
                        if not data:
                            raise EOFError
                        self._down(data)
        except _Cut:
            link.outcome = "reset" if self.fault.reset else "cut"
            if self.fault.reset:
                _abort(self.client)
        except (EOFError, OSError, ValueError):
            pass  # either end closed, or the relay was stopped: close both below
        finally:
            if link.outcome == "open":
                link.outcome = "closed"
            _close(self.client)
            _close(self.upstream)
            link.done.set()
            self.proxy._changed()

    # -- client to HQ ------------------------------------------------------------------------

    def _up(self, data: bytes) -> None:
        link, fault = self.link, self.fault
        if not link.armed and fault.match is not None:
            haystack = self.tail + data
            found = haystack.find(fault.match)
            if found < 0:
                self.tail = haystack[-len(fault.match) :]
                self._send_up(data)
                return
            start = found - len(self.tail)
            if self.skip > 0:  # a matching request to let through
                self.skip -= 1
                self.tail = b""
                self._send_up(data)
                return
            if start > 0:
                self._send_up(data[:start])
            link.armed = True
            if start < 0:  # the match began in bytes already forwarded
                self.request_head = haystack[found : len(self.tail)]
                link.request_bytes = -start
            data = data[max(start, 0) :]
            self.proxy._changed()
        if not link.armed or link.request_whole.is_set():
            self._send_up(data)
            return
        if fault.request_delay and not self.request_delayed:
            self.request_delayed = True
            self._wait(fault.request_delay)
        if link.request_size is None:
            self.request_head += data[: 65536 - len(self.request_head)]
            link.request_size = _size(self.request_head)
        limit = fault.request_bytes
        if limit is not None:
            if link.request_size is not None:
                limit = min(limit, link.request_size - 1)
            room = max(0, limit - link.request_bytes)
            if len(data) >= room:
                self._send_up(data[:room])
                link.request_bytes += room
                raise _Cut
        self._send_up(data)
        link.request_bytes += len(data)
        if link.request_size is not None and link.request_bytes >= link.request_size:
            link.request_whole.set()
            self.proxy._changed()

    def _send_up(self, data: bytes) -> None:
        if data:
            self.upstream.sendall(data)
            self.link.up_bytes += len(data)

    # -- HQ to client ------------------------------------------------------------------------

    def _down(self, data: bytes) -> None:
        link, fault = self.link, self.fault
        if not link.armed:
            self._send_down(data)
            return
        if not link.response_started.is_set():
            link.response_started.set()
            self.proxy._changed()
        if fault.response_delay and not self.response_delayed:
            self.response_delayed = True
            self._wait(fault.response_delay)
        if link.response_size is None:
            self.response_head += data[: 65536 - len(self.response_head)]
            link.response_size = _size(self.response_head)
        limit = fault.response_bytes
        if limit is not None:
            if link.response_size is not None:
                limit = min(limit, link.response_size - 1)
            room = max(0, limit - link.response_bytes)
            if len(data) >= room:
                self._send_down(data[:room])
                link.response_bytes += room
                raise _Cut
        self._send_down(data)
        link.response_bytes += len(data)

    def _send_down(self, data: bytes) -> None:
        if data:
            self.client.sendall(data)
            self.link.down_bytes += len(data)


class FaultProxy:
    """A TCP proxy on a loopback port in front of ``upstream`` (host, port)."""

    def __init__(self, upstream: tuple[str, int], port: int = 0) -> None:
        self.upstream = upstream
        self.links: list[Link] = []
        self.closing = False
        self._plan: Callable[[int], Fault] = lambda _n: PASS
        self._count = 0
        self._scripted_from = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._down = False
        self._relays: set[_Relay] = set()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = self._listen(port)
        self.port = int(self._listener.getsockname()[1])
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._acceptor.start()

    @staticmethod
    def _listen(port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(128)
        return sock

    @property
    def url(self) -> str:
        """The proxy's address, to give the device as HQ's."""
        return f"http://127.0.0.1:{self.port}"

    # -- scripting ---------------------------------------------------------------------------

    def script(
        self, faults: Iterable[Fault] | Callable[[int], Fault], *, fresh: bool = True
    ) -> None:
        """What the next connections get: faults in order (then :data:`PASS`), or a function
        of the connection's number counted from now (1, 2, ...).

        ``fresh`` (the default) first cuts the open connections, so that the
        client's next request, which would otherwise reuse a kept-alive one,
        opens a new connection that takes the script's first fault.
        """
        if fresh:
            self.sever_all()
        if callable(faults):
            plan = faults
        else:
            queue = collections.deque(faults)

            def plan(_n: int) -> Fault:
                return queue.popleft() if queue else PASS

        with self._lock:
            self._count = 0
            self._plan = plan
            self._scripted_from = len(self.links)

    def clear(self) -> None:
        """Let everything through from now on."""
        self.script([])

    @contextlib.contextmanager
    def faults(self, faults: Iterable[Fault] | Callable[[int], Fault]) -> Iterator[FaultProxy]:
        """:meth:`script` for a block, :meth:`clear` after it."""
        self.script(faults)
        try:
            yield self
        finally:
            self.clear()

    # -- refusing ----------------------------------------------------------------------------

    def down(self) -> None:
        """Stop listening: new connections are refused by the kernel; open ones are cut."""
        with self._lock:
            self._down = True
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.sever_all()

    def up(self) -> None:
        """Listen again, on the same port."""
        with self._lock:
            if self._listener is None:
                self._listener = self._listen(self.port)
            self._down = False

    def sever_all(self) -> None:
        """Cut every open connection (kept-alive ones, delayed ones too)."""
        with self._lock:
            relays = list(self._relays)
        for relay in relays:
            relay.stop()

    # -- watching ----------------------------------------------------------------------------

    def _changed(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[Link]], Link | None], timeout: float) -> Link:
        """Wait until ``predicate`` picks a link; raise TimeoutError after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = predicate(list(self.links))
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no such connection within {timeout} s: {self.links}")
                self._cond.wait(min(left, 0.1))

    def fired(self) -> list[Link]:
        """The connections a fault broke."""
        return [link for link in self.links if link.fired]

    def scripted(self) -> list[Link]:
        """The connections accepted since the last :meth:`script`."""
        with self._lock:
            return self.links[self._scripted_from :]

    # -- the work ----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self.closing:
            listener = self._listener
            if listener is None:
                time.sleep(0.02)
                continue
            try:
                ready, _, _ = select.select([listener], [], [], 0.1)
                if not ready:
                    continue
                client, _ = listener.accept()
            except (OSError, ValueError):
                continue  # closed by down() or close()
            with self._lock:
                self._count += 1
                fault = self._plan(self._count)
                link = Link(number=len(self.links) + 1, fault=fault)
                self.links.append(link)
            thread = threading.Thread(
                target=self._serve, args=(link, client), name=f"fault-link-{link.number}"
            )
            thread.daemon = True
            self._threads.append(thread)
            thread.start()

    def _serve(self, link: Link, client: socket.socket) -> None:
        if link.fault.refuse:
            _abort(client)
            link.outcome = "refused"
            link.done.set()
            self._changed()
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=10)
        except OSError:
            _abort(client)
            link.outcome = "no_upstream"
            link.done.set()
            self._changed()
            return
        upstream.settimeout(None)
        client.settimeout(None)
        relay = _Relay(self, link, client, upstream)
        with self._lock:
            self._relays.add(relay)
        try:
            relay.run()
        finally:
            with self._lock:
                self._relays.discard(relay)

    def close(self) -> None:
        """Stop accepting, cut every connection, and wait for the threads."""
        self.closing = True
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.sever_all()
        self._acceptor.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
