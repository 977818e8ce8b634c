"""Rate limits for HQ's unauthenticated endpoints: a token bucket per client address.

Enrollment and receipt verification answer anyone, so each client address
gets a bucket of tokens that refills at a steady rate; a request takes one,
and a request that finds none is answered 429 with ``Retry-After`` and a
sentence. A failed enrollment (a code HQ does not know, or an expired or used
one) also takes a token from a second, much smaller bucket; while that one is
empty the address may not enroll at all, so codes cannot be guessed.

The buckets live in the process: several HQ processes behind a load balancer
each keep their own, and a restart forgets them. That is enough for what they
are for, slowing down guessing and flooding.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from sync.errors import TooManyRequests
from sync.hq.http import error_response

__all__ = [
    "DEFAULT_LIMITS",
    "UNLIMITED",
    "Limiter",
    "Rate",
    "RateLimits",
    "TokenBuckets",
    "client_address",
    "install_rate_limit_handler",
]

Clock = Callable[[], float]
"""Seconds from any fixed start (``time.monotonic``); only differences are used."""

_UNITS = {
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "m": 60.0,
    "min": 60.0,
    "minute": 60.0,
    "h": 3600.0,
    "hour": 3600.0,
}
_RATE = re.compile(r"^\s*(\d{1,7})\s*/\s*([a-z]+?)s?\s*$")
_MAX_KEYS = 100_000


@dataclass(frozen=True)
class Rate:
    """``count`` requests at once, refilled at ``count`` per ``seconds``."""

    count: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> Rate | None:
        """A rate as written: ``"60/minute"``, ``"10/h"``, ``"5/s"``; ``"off"`` is None."""
        if text.strip().lower() == "off":
            return None
        found = _RATE.match(text.lower())
        unit = None if found is None else _UNITS.get(found.group(2))
        if found is None or unit is None or int(found.group(1)) == 0:
            raise ValueError(f"{text!r} is not a rate like 60/minute, 10/hour or off")
        return cls(int(found.group(1)), unit)

    def __str__(self) -> str:
        unit = {1.0: "second", 60.0: "minute", 3600.0: "hour"}.get(self.seconds)
        return f"{self.count}/{unit}" if unit else f"{self.count} per {self.seconds:g} s"


@dataclass(frozen=True)
class RateLimits:
    """The limits of one HQ process, per client address; None turns a limit off."""

    enroll: Rate | None = Rate(60, 60.0)
    """Enrollment requests, whatever their outcome."""
    enroll_failures: Rate | None = Rate(10, 3600.0)
    """Enrollments refused for their code; when used up, no enrollment at all."""
    verify: Rate | None = Rate(120, 60.0)
    """Receipt checks, as a page or as JSON."""


DEFAULT_LIMITS = RateLimits()
UNLIMITED = RateLimits(enroll=None, enroll_failures=None, verify=None)


class TokenBuckets:
    """A token bucket per key (a client address), safe to share between threads.

    The least recently used buckets are forgotten beyond ``max_keys``, so a
    flood of addresses cannot exhaust memory.
    """

    def __init__(self, rate: Rate, clock: Clock, max_keys: int = _MAX_KEYS) -> None:
        self.rate = rate
        self.clock = clock
        self.max_keys = max_keys
        self._per_second = rate.count / rate.seconds
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _refilled(self, key: str, now: float) -> float:
        tokens, stamp = self._buckets.pop(key, (float(self.rate.count), now))
        return min(float(self.rate.count), tokens + max(0.0, now - stamp) * self._per_second)

    def _keep(self, key: str, tokens: float, now: float) -> None:
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            del self._buckets[next(iter(self._buckets))]

    def take(self, key: str) -> float:
        """Take a token: 0.0 if there was one, else the seconds until there is one."""
        with self._lock:
            now = self.clock()
            tokens = self._refilled(key, now)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self._per_second
            self._keep(key, tokens - 1.0 if wait == 0.0 else tokens, now)
            return wait

    def wait(self, key: str) -> float:
        """Seconds until ``key`` has a token (0.0 now), taking none."""
        with self._lock:
            now = self.clock()
            tokens = self._refilled(key, now)
            self._keep(key, tokens, now)
            return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self._per_second


def _how_long(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


def _refusal(wait: float, sentence: str) -> TooManyRequests:
    seconds = max(1, math.ceil(wait))
    return TooManyRequests(sentence.format(wait=_how_long(seconds)), retry_after=seconds)


class Limiter:
    """The buckets of one web application, checked by its enroll and verify endpoints."""

    def __init__(self, limits: RateLimits = DEFAULT_LIMITS, clock: Clock = time.monotonic) -> None:
        self.limits = limits

        def buckets(rate: Rate | None) -> TokenBuckets | None:
            return None if rate is None else TokenBuckets(rate, clock)

        self._enroll = buckets(limits.enroll)
        self._failures = buckets(limits.enroll_failures)
        self._verify = buckets(limits.verify)

    def check_enroll(self, address: str) -> None:
        """Let an enrollment from ``address`` through, or raise :class:`TooManyRequests`."""
        if self._failures is not None and (wait := self._failures.wait(address)) > 0:
            raise _refusal(
                wait,
                "Too many enrollments with a code HQ does not accept came from this address, "
                "so HQ takes none from it for now; check the code with HQ and try again in "
                "{wait}.",
            )
        if self._enroll is not None and (wait := self._enroll.take(address)) > 0:
            raise _refusal(
                wait, "Too many enrollment requests came from this address; try again in {wait}."
            )

    def enroll_failed(self, address: str) -> None:
        """Count an enrollment from ``address`` refused for its code."""
        if self._failures is not None:
            self._failures.take(address)

    def check_verify(self, address: str) -> None:
        """Let a receipt check from ``address`` through, or raise :class:`TooManyRequests`."""
        if self._verify is not None and (wait := self._verify.take(address)) > 0:
            raise _refusal(
                wait, "Too many receipt checks came from this address; try again in {wait}."
            )


def client_address(request: Request) -> str:
    """The address a request came from (uvicorn puts a trusted proxy's client here)."""
    return request.client.host if request.client is not None else "unknown"


def install_rate_limit_handler(app: FastAPI) -> None:
    """Answer :class:`TooManyRequests` with 429, HQ's error body and ``Retry-After``."""

    @app.exception_handler(TooManyRequests)
    async def _limited(_request: Request, exc: TooManyRequests) -> JSONResponse:
        return error_response(
            exc.status, exc.message, exc.code, exc.details, **{"Retry-After": str(exc.retry_after)}
        )
