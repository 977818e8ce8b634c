"""The device's side of sync: enroll, push its events, upload files, pull HQ's events.

:class:`SyncClient` speaks the protocol of :mod:`sync.protocol` over httpx2
and keeps everything it learns in the profile's database through
:class:`fieldapp.store.syncstate.SyncState`. Every step is safe to repeat,
whatever was lost: events are marked synced only from HQ's committed answer
(a lost answer means they are sent again and HQ counts them as duplicates),
uploads are keyed by content hash, and pulled events are ingested together
with the cursor.

Network failures (no connection, timeouts, a connection broken before the
answer) and HQ's 5xx answers are retried with exponential backoff and jitter,
honouring ``Retry-After`` up to a cap. HQ's 4xx refusals are not retried: they
become the exceptions of :mod:`sync.errors` with HQ's sentence (revoked, token
unknown, update needed, ...), except 413, which makes the push send smaller
batches. The transport, clock, sleep and random source are injectable, so
tests run against HQ in-process and never wait; so is the :class:`SyncState`
(the desktop program hands one whose reads and writes run on its writer
thread). Each step takes an optional progress hook (:data:`sync.report.Progress`).

Over the network, HQ is trusted only with a TLS certificate from the authority
pinned at enrollment (:mod:`sync.trust`); plain HTTP only to loopback. A
certificate that fails the check is refused at once, before anything is sent,
and is not retried. An injected transport is the caller's own network (tests):
neither rule applies to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import gzip
import hashlib
import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpx2
from pydantic import BaseModel, ValidationError

from fieldapp import __version__
from fieldapp.attachments import AttachmentStore
from fieldapp.errors import EventRejected, KnownError
from fieldapp.events import Event, now
from fieldapp.profile import Profile
from fieldapp.store.store import Store
from fieldapp.store.syncstate import AckOutcome, PendingEvent, QuarantineEntry, SyncState
from sync import errors, trust, upload
from sync.lock import DEFAULT_LOCK_WAIT, SyncLock
from sync.protocol import (
    API_PREFIX,
    MAX_PULL_LIMIT,
    MAX_PUSH_BYTES,
    MAX_PUSH_EVENTS,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AttachmentStatus,
    CaAnswer,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    PullResponse,
    PushResponse,
    Revocation,
    WipeReport,
    WipeReportReceived,
    WireEvent,
)
from sync.report import ATTACHMENTS, HEALTH, PULL, PUSH, WIPE, Progress, SyncReport

__all__ = ["RetryPolicy", "SyncClient", "normalize_hq_url"]

M = TypeVar("M", bound=BaseModel)

# The JSON around the events of a push; batches are sized to stay below HQ's limit with it.
_PUSH_ENVELOPE = 64
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class _Batch:
    """Events of one push, after seq ``after``, with the gzip body that carries them."""

    after: int
    events: list[PendingEvent]
    body: bytes
    wire_size: int

    @property
    def last_seq(self) -> int:
        return self.events[-1].seq


@dataclass(frozen=True)
class _Flight:
    """A batch sent to HQ and its answer to come."""

    batch: _Batch
    answer: Future[PushResponse]


class _PushRun:
    """The tally of one :meth:`SyncClient.push_all`: acknowledgements written, progress told."""

    def __init__(self, state: SyncState, out: SyncReport, progress: Progress | None) -> None:
        self.state = state
        self.out = out
        self.progress = progress
        self.sent = 0
        self.total = 0
        if progress is not None:
            self.total = state.summary().waiting
            progress(PUSH, 0, self.total)

    def take(self, batch: _Batch, answer: PushResponse) -> AckOutcome:
        """Write HQ's answer to ``batch``: acknowledgement, refusals, counts."""
        acked = self.state.mark_acked(answer.acked_seq, answer.acked_hash)
        if answer.quarantined:
            self.state.record_quarantine(
                QuarantineEntry(q.event_id, q.seq, q.code.value, q.reason)
                for q in answer.quarantined
            )
        out = self.out
        out.pushed += len(batch.events)
        self.sent += len(batch.events)
        self.total = max(self.total, self.sent + acked.unmarked)
        if self.progress is not None:
            self.progress(PUSH, self.sent, self.total)
        out.accepted += answer.accepted
        out.duplicates += answer.duplicates
        out.acked += acked.marked
        out.acked_seq = answer.acked_seq
        out.quarantined.extend(answer.quarantined)
        return acked


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a request is retried after a network failure or a 5xx."""

    attempts: int = 5
    """Tries in all, the first included."""
    base_delay: float = 0.5
    """Seconds before the second try; doubled for each later one."""
    max_delay: float = 30.0
    """Longest wait made by backoff."""
    max_retry_after: float = 60.0
    """Longest wait accepted from HQ's ``Retry-After``."""

    def backoff(self, failed: int, rng: random.Random) -> float:
        """Seconds to wait after ``failed`` failures (1, 2, ...): exponential, with jitter."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (failed - 1))
        # Half fixed, half random: devices that lost HQ together do not return together.
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


def normalize_hq_url(text: str) -> str:
    """HQ's address as given (``https://hq.example.org/``), without a trailing slash or API path."""
    url = text.strip().rstrip("/")
    if url.endswith(API_PREFIX):
        url = url[: -len(API_PREFIX)].rstrip("/")
    try:
        parsed = httpx2.URL(url)
    except httpx2.InvalidURL as exc:
        raise errors.SyncError(f"{text!r} is not a web address: {exc}.") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise errors.SyncError(
            f"{text!r} is not HQ's web address; give it whole, like https://hq.example.org."
        )
    return url


def _retry_after(value: str | None, moment: dt.datetime) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - moment).total_seconds())


def _network_reason(exc: httpx2.TransportError) -> str:
    if isinstance(exc, httpx2.ConnectTimeout):
        return "the connection timed out"
    if isinstance(exc, httpx2.TimeoutException):
        return "HQ did not answer in time"
    if isinstance(exc, httpx2.ConnectError):
        return "no connection could be made"
    return "the connection broke before HQ's answer arrived"


_REFUSALS: dict[int, type[errors.HqRefusal]] = {
    400: errors.BadRequest,
    401: errors.Unauthorized,
    403: errors.Forbidden,
    404: errors.NotFound,
    409: errors.Conflict,
    413: errors.TooLarge,
    415: errors.UnsupportedEncoding,
    422: errors.InvalidInput,
    426: errors.ProtocolMismatch,
}


class SyncClient:
    """Sync of one profile with HQ; one at a time per profile, its ``state`` used by one writer."""

    def __init__(
        self,
        profile_or_store: Profile | Store,
        *,
        base_url: str | None = None,
        token: str | None = None,
        transport: httpx2.BaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        clock: Callable[[], dt.datetime] = now,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        state: SyncState | None = None,
        lock_wait: float = DEFAULT_LOCK_WAIT,
    ) -> None:
        if isinstance(profile_or_store, Profile):
            self.store = profile_or_store.store
            data_dir = profile_or_store.data_dir
        else:
            self.store = profile_or_store
            data_dir = Path(profile_or_store.path).parent
        self.state = state if state is not None else SyncState(self.store, clock)
        self.files = AttachmentStore(data_dir)
        self.data_dir = data_dir
        """The profile folder (its ``sync.lock`` keeps syncs of the profile one at a time)."""
        self.lock_wait = lock_wait
        """Seconds :meth:`sync` waits for another sync of the profile before giving up."""
        self._base_url = None if base_url is None else normalize_hq_url(base_url)
        self._token = token
        self.retry = retry or RetryPolicy()
        self.clock = clock
        self.sleep = sleep
        self.rng = rng or random.Random()
        self._transport = transport
        self._timeout = timeout
        self._pinned = False
        self._enrolling = False
        self.http = self._new_http(self._enrolled_ca())

    def _enrolled_ca(self) -> str | None:
        """The authority pinned at enrollment (None: system trust store, or not enrolled)."""
        if self._transport is not None:
            return None  # the caller's own network: TLS is not this client's to check
        enrollment = self.state.enrollment()
        return None if enrollment is None else enrollment.hq_ca_pem

    def _new_http(self, ca_pem: str | None) -> httpx2.Client:
        """An HTTP client trusting only ``ca_pem`` for TLS (the system's authorities: None)."""
        self._pinned = ca_pem is not None
        return httpx2.Client(
            transport=self._transport,
            verify=trust.client_context(ca_pem) if self._transport is None else True,
            timeout=self._timeout,
            follow_redirects=False,
            headers={
                PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                "User-Agent": f"fieldapp/{__version__}",
            },
        )

    def close(self) -> None:
        """Close the HTTP connections (the store stays open: it is the caller's)."""
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- where and who ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """HQ's address: as given, else the one enrolled with."""
        if self._base_url is not None:
            return self._base_url
        return self._enrollment_field("hq_url")

    @property
    def token(self) -> str:
        """The bearer token: as given, else the one from enrollment."""
        if self._token is not None:
            return self._token
        return self._enrollment_field("token")

    def _enrollment_field(self, name: str) -> str:
        enrollment = self.state.enrollment()
        if enrollment is None:
            raise errors.NotEnrolled(
                "This device is not enrolled with HQ yet, so it cannot sync. Enroll it with "
                "the one-time code HQ gives you."
            )
        return str(getattr(enrollment, name))

    # -- HTTP ------------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        what: str,
        base_url: str | None = None,
        content: bytes | None = None,
        json: object = None,
        params: dict[str, int] | None = None,
        headers: dict[str, str] | None = None,
        authenticated: bool = True,
    ) -> httpx2.Response:
        """One API request, retried on network failures and 5xx; 4xx raise their refusal."""
        base = base_url or self.base_url
        if self._transport is None:
            trust.check_address(base)
        url = f"{base}{API_PREFIX}{path}"
        sent_headers = dict(headers or {})
        if authenticated:
            sent_headers["Authorization"] = f"Bearer {self.token}"
        problem: errors.SyncError | None = None
        cause: BaseException | None = None
        for attempt in range(1, self.retry.attempts + 1):
            wait = self.retry.backoff(attempt, self.rng)
            try:
                response = self.http.request(
                    method, url, content=content, json=json, params=params, headers=sent_headers
                )
            except (httpx2.UnsupportedProtocol, httpx2.InvalidURL) as exc:
                raise errors.SyncError(f"{base} cannot be used as HQ's address: {exc}.") from exc
            except httpx2.DecodingError as exc:
                raise errors.BadAnswer(
                    f"HQ's answer to the {what} arrived damaged ({exc}); try again later."
                ) from exc
            except httpx2.TransportError as exc:
                refused = trust.certificate_refusal(
                    exc, base, pinned=self._pinned, during_enrollment=self._enrolling
                )
                if refused is not None:  # not HQ, or not provably: never retried
                    raise refused from exc
                # Timeouts, refused or broken connections, garbled answers: the request
                # may or may not have reached HQ, and sending it again is safe.
                problem = errors.HqUnreachable(
                    f"HQ at {base} cannot be reached: {_network_reason(exc)} "
                    f"({self.retry.attempts} tries)."
                )
                cause = exc
            else:
                if response.status_code < 300:
                    return response
                if response.status_code not in _RETRYABLE_STATUS:
                    raise self._refusal(response, what, base)
                asked = _retry_after(response.headers.get("Retry-After"), self.clock())
                if (
                    response.status_code == 429
                    and asked is not None
                    and asked > self.retry.max_retry_after
                ):
                    # Refused for longer than this sync would wait (e.g. too many wrong
                    # enrollment codes): say so now instead of retrying in vain.
                    raise self._refusal(response, what, base)
                problem = self._unavailable(response, what, base)
                cause = None
                if asked is not None:
                    wait = min(asked, self.retry.max_retry_after)
            if attempt < self.retry.attempts:
                self.sleep(wait)
        assert problem is not None
        raise problem from cause

    @staticmethod
    def _error_body(response: httpx2.Response) -> ErrorBody | None:
        try:
            return ErrorBody.model_validate_json(response.content)
        except ValidationError:
            return None

    def _unavailable(self, response: httpx2.Response, what: str, base: str) -> errors.SyncError:
        body = self._error_body(response)
        if body is not None:
            return errors.HqUnavailable(body.detail)
        return errors.HqUnavailable(
            f"HQ at {base} could not answer the {what} (HTTP {response.status_code}); "
            "try again later."
        )

    def _refusal(self, response: httpx2.Response, what: str, base: str) -> errors.SyncError:
        status = response.status_code
        body = self._error_body(response)
        code = None if body is None else body.code
        details = () if body is None else tuple(body.errors)
        if status == 403 and code == errors.DeviceRevoked.code:
            kind: type[errors.HqRefusal] = errors.DeviceRevoked
        elif status == 403 and code is not None and code.startswith("enroll"):
            kind = errors.EnrollmentRefused
        else:
            kind = _REFUSALS.get(status, errors.HqRefusal)
        if body is not None:
            sentence = body.detail
        elif status == 401:
            sentence = (
                "HQ does not recognise this device's token; enroll the device again with a "
                "new code."
            )
        elif status == 404:
            sentence = f"There is no HQ sync service at {base} (404); check HQ's address."
        elif status == 426:
            sentence = "Update needed: HQ speaks another sync protocol version than this program."
        elif 300 <= status < 400:
            where = response.headers.get("Location", "another address")
            sentence = f"HQ at {base} sends this device to {where}; use that address."
        else:
            sentence = f"HQ refused the {what} (HTTP {status})."
        refusal = kind(sentence, code=code, details=details)
        if kind is errors.HqRefusal:
            refusal.status = status
        if isinstance(refusal, errors.DeviceRevoked):
            self.state.record_revoked(sentence)
        return refusal

    def _parse(self, model: type[M], response: httpx2.Response, what: str) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise errors.BadAnswer(
                f"HQ's answer to the {what} cannot be read ({exc.error_count()} problems); "
                f"check that {self.base_url} is HQ's address."
            ) from exc

    # -- the steps -------------------------------------------------------------------------

    def fetch_ca(self, url: str, sha256: str) -> str:
        """HQ's certificate authority (PEM), believed only if its fingerprint is ``sha256``.

        The one request made before trusting anything: the TLS certificate is
        not checked for it, and nothing is sent but the question. What comes
        back counts only when its SHA-256 matches the fingerprint HQ's
        administrator gave (``fieldapp-hq enroll-code --ca`` prints it).
        """
        base = normalize_hq_url(url)
        expected = trust.read_fingerprint(sha256)
        if self._transport is None:
            trust.check_address(base)
        try:
            with httpx2.Client(
                transport=self._transport,
                verify=False,
                timeout=self._timeout,
                follow_redirects=False,
                headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            ) as http:
                response = http.get(f"{base}{API_PREFIX}/ca")
        except httpx2.HTTPError as exc:
            raise errors.HqUnreachable(
                f"HQ at {base} cannot be reached to fetch its certificate authority ({exc}); "
                "check the address and the network."
            ) from exc
        if response.status_code == 404:
            raise errors.SyncError(
                f"HQ at {base} does not offer its certificate authority (it was started without "
                "--tls-ca); give its ca.crt file instead."
            )
        if response.status_code != 200:
            raise errors.BadAnswer(
                f"HQ at {base} did not send its certificate authority (HTTP "
                f"{response.status_code}); give its ca.crt file instead."
            )
        answer = self._parse(CaAnswer, response, "certificate authority request")
        ca_pem = trust.read_ca_pem(answer.ca_pem, f"The certificate authority HQ at {base} sent")
        if trust.fingerprint(ca_pem) != expected:
            raise errors.UntrustedCertificate(
                f"The certificate authority the server at {base} sent does not match the "
                "fingerprint you were given, so it may not be HQ; nothing was sent. Check the "
                "address and the fingerprint with HQ."
            )
        return ca_pem

    def enroll(
        self,
        url: str,
        code: str,
        *,
        ca_pem: str | None = None,
        system_ca: bool = False,
        ca_sha256: str | None = None,
    ) -> EnrollResponse:
        """Exchange HQ's one-time code for this device's token, and keep the enrollment.

        HQ's key becomes the trusted origin ``hq`` and HQ's reference data is
        put in use, in one transaction. Retrying is safe: HQ answers the same
        code from the same device again with a fresh token.

        An ``https://`` address needs HQ's certificate authority, ``ca_pem``
        (see :func:`sync.trust.read_ca_file`), which is kept and is from then
        on the only authority HQ's certificate may come from; or ``system_ca``
        to trust the computer's authorities instead (HQ with a certificate from
        a public authority); or ``ca_sha256``, the authority's fingerprint, to
        fetch it from HQ (:meth:`fetch_ca`) instead of carrying its file.
        """
        base = normalize_hq_url(url)
        if ca_sha256 is not None and ca_pem is None:
            ca_pem = self.fetch_ca(base, ca_sha256)
        if ca_pem is not None:
            ca_pem = trust.read_ca_pem(ca_pem, "The certificate authority given")
        if self._transport is None:
            trust.check_address(base)
            if base.startswith("https:") and ca_pem is None and not system_ca:
                raise errors.SyncError(
                    "HQ's address is https://, so this device needs HQ's certificate authority "
                    "to know it is talking to HQ: give its file (ca.crt from HQ), or choose the "
                    "system's authorities when HQ's certificate is from a public one."
                )
            self.http.close()
            self.http = self._new_http(ca_pem)
        device = self.store.device
        request = EnrollRequest(
            code=code.strip(),
            device_id=device.device_id,
            public_key=device.public_hex,
            device_code=device.device_code,
        )
        self._enrolling = True
        try:
            response = self._request(
                "POST",
                "/enroll",
                what="enrollment",
                base_url=base,
                json=request.model_dump(),
                authenticated=False,
            )
        except BaseException:
            if self._transport is None:  # back to the authority enrolled with, if any
                self.http.close()
                self.http = self._new_http(self._enrolled_ca())
            raise
        finally:
            self._enrolling = False
        self._base_url = base
        answer = self._parse(EnrollResponse, response, "enrollment")
        if answer.device_id != device.device_id:
            raise errors.BadAnswer(
                f"HQ enrolled device {answer.device_id}, not this device ({device.device_id}); "
                "nothing was kept. Tell HQ."
            )
        self.state.save_enrollment(
            hq_url=base,
            device_name=answer.device_name,
            token=answer.token,
            hq_public_key=answer.hq_public_key,
            reference=answer.reference,
            hq_ca_pem=ca_pem,
        )
        self._token = answer.token
        return answer

    def check_health(self) -> Health:
        """Ask HQ whether it works, speaks this protocol, and is the HQ enrolled with."""
        response = self._request("GET", "/health", what="health check", authenticated=False)
        health = self._parse(Health, response, "health check")
        if health.protocol_version != PROTOCOL_VERSION:
            side = "at HQ" if health.protocol_version < PROTOCOL_VERSION else "on this device"
            raise errors.ProtocolMismatch(
                f"Update needed {side}: HQ speaks sync protocol {health.protocol_version}, "
                f"this program {PROTOCOL_VERSION}."
            )
        enrollment = self.state.enrollment()
        if enrollment is not None and health.hq_public_key != enrollment.hq_public_key:
            raise errors.HqDisagrees(
                f"The server at {self.base_url} is not the HQ this device enrolled with (its "
                "key is different). Nothing was sent; check HQ's address with HQ."
            )
        return health

    def push_all(
        self, report: SyncReport | None = None, progress: Progress | None = None
    ) -> SyncReport:
        """Send every event HQ has not acknowledged, in batches, marking each batch's ack.

        One batch is in flight at a time. The next is read and compressed
        while HQ checks it, and sent as soon as HQ answers, before that
        answer's acknowledgement is written here: HQ is rarely left waiting.
        """
        run = _PushRun(self.state, report or SyncReport(), progress)
        limit, max_bytes = MAX_PUSH_EVENTS, MAX_PUSH_BYTES - _PUSH_ENVELOPE
        rewound = False
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-push") as sender:

            def send(batch: _Batch | None) -> _Flight | None:
                if batch is None:
                    return None
                return _Flight(batch, sender.submit(self._push_body, batch.body))

            flight = send(self._prepare(0, limit, max_bytes))
            while flight is not None:
                batch = flight.batch
                following = self._prepare(batch.last_seq, limit, max_bytes)
                try:
                    answer = flight.answer.result()
                except errors.TooLarge as exc:
                    if len(batch.events) == 1:
                        first = batch.events[0]
                        raise errors.TooLarge(
                            f"Event #{first.seq} ({first.id}) is larger than HQ accepts, so "
                            f"it and the events after it cannot be sent: {exc.message}",
                            code=exc.code,
                        ) from exc
                    limit = max(1, len(batch.events) // 2)
                    max_bytes = max(1, batch.wire_size // 2)
                    flight = send(self._prepare(batch.after, limit, max_bytes))
                    continue
                flight = send(following)
                acked = run.take(batch, answer)
                if acked.unmarked and not rewound:
                    # HQ holds less than it once acknowledged (restored from a backup):
                    # settle what is in flight, then send again what HQ lost, once per run.
                    rewound = True
                    if flight is not None:
                        # A refusal as too large is moot: sent again from the rewind point.
                        with contextlib.suppress(errors.TooLarge):
                            run.take(flight.batch, flight.answer.result())
                    flight = send(self._prepare(answer.acked_seq, limit, max_bytes))
        return run.out

    def _prepare(self, after: int, limit: int, max_bytes: int) -> _Batch | None:
        """The next batch after seq ``after``, compressed, or None when nothing waits."""
        events = self.state.pending_events(limit, max_bytes, after_seq=after)
        if not events:
            return None
        body = b'{"events":[' + b",".join(e.wire for e in events) + b"]}"
        # Level 6, not 1: level 1 is faster on the device but sends about a third more
        # bytes (690 instead of 520 an event), and in the field the link is the slow
        # part; compressing overlaps HQ's checks of the batch before anyway.
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        return _Batch(after=after, events=events, body=packed, wire_size=len(body))

    def _push_body(self, body: bytes) -> PushResponse:
        response = self._request(
            "POST",
            "/push",
            what="push",
            content=body,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        return self._parse(PushResponse, response, "push")

    def upload_attachments(
        self, report: SyncReport | None = None, progress: Progress | None = None
    ) -> SyncReport:
        """Upload the photo and signature files HQ's events name and HQ does not hold yet.

        A large file goes in chunks and resumes from the bytes HQ already holds
        (:mod:`sync.upload`); ``progress`` counts files.
        """
        out = report or SyncReport()
        unusable: set[str] = set()
        uploaded: set[str] = set()
        total = 0
        # HQ expects the files of every event acknowledged so far; when it says
        # none is missing, a remote wipe may remove those files (fieldapp.store.wipe).
        acked = self.state.acked_seq()
        while True:
            status = self._parse(
                AttachmentStatus,
                self._request("GET", "/attachments", what="attachment check"),
                "attachment check",
            )
            out.attachments_expected, out.attachments_present = status.expected, status.present
            todo = [h for h in status.missing if h not in unusable and h not in uploaded]
            handled = len(unusable) + len(uploaded)
            total = max(total, handled + len(todo))
            if progress is not None:
                progress(ATTACHMENTS, handled, total)
            if not todo:
                break
            for digest in todo:
                data = self._local_file(digest)
                if data is None:
                    unusable.add(digest)
                    if progress is not None:
                        progress(ATTACHMENTS, len(unusable) + len(uploaded), total)
                    continue
                upload.send(self._request, self._parse, digest, data)
                uploaded.add(digest)
                out.attachments_sent += 1
                if progress is not None:
                    progress(ATTACHMENTS, len(unusable) + len(uploaded), total)
        out.attachments_missing_here = sorted(unusable)
        if status.present == status.expected and not status.missing:
            self.state.confirm_files(acked)
        return out

    def _local_file(self, digest: str) -> bytes | None:
        """A file's bytes if this device holds it intact, else None."""
        if not self.files.has(digest):
            return None
        try:
            data = self.files.read_bytes(digest)
        except KnownError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

    def pull_all(
        self, report: SyncReport | None = None, progress: Progress | None = None
    ) -> SyncReport:
        """Take in HQ's events after the cursor, page by page, each page in one transaction."""
        out = report or SyncReport()
        cursor = start = self.state.pull_cursor()
        while True:
            response = self._request(
                "GET",
                "/pull",
                what="pull",
                params={"after": cursor, "limit": MAX_PULL_LIMIT},
            )
            page = self._parse(PullResponse, response, "pull")
            if cursor > page.hq_head_seq:
                raise errors.HqDisagrees(
                    f"HQ's own log ends at #{page.hq_head_seq}, but this device already holds "
                    f"HQ's events up to #{cursor}: HQ seems to have been restored from an older "
                    "backup. Nothing was taken from HQ; tell HQ."
                )
            try:
                outcome = self.state.apply_pulled(
                    [e.to_event() for e in page.events], page.next_cursor
                )
            except EventRejected as exc:
                raise errors.HqDisagrees(
                    f"This device refused an event from HQ, so nothing more was taken from HQ: "
                    f"{exc.message}"
                ) from exc
            out.pulled += outcome.ingested
            if progress is not None:
                total = max(page.hq_head_seq, page.next_cursor) - start
                progress(PULL, min(page.next_cursor - start, total), total)
            if outcome.reference_version is not None:
                out.reference_version = outcome.reference_version
            out.revoked = out.revoked or outcome.revoked
            if not page.has_more:
                break
            if page.next_cursor <= cursor:
                raise errors.BadAnswer(
                    "HQ said more of its events follow but sent none; try again later."
                )
            cursor = page.next_cursor
        return out

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """Health check, push, attachments, pull; the report says what happened and what is left.

        Expected failures (network, refusals, a full disk) end the sync with
        the sentence in ``report.error`` and are remembered as the last
        failure; a sync that ran every step is remembered as the last success.
        ``progress`` is told of each step as it starts and advances.

        One sync of a profile runs at a time, across threads and processes
        (:class:`sync.lock.SyncLock`): while another one runs, this one waits
        up to :attr:`lock_wait` seconds, then ends without starting, its
        report saying so (that is not remembered as a failed sync).
        """
        lock = SyncLock(self.data_dir, self.lock_wait)
        try:
            lock.acquire()
        except errors.SyncError as exc:
            return self._not_started(exc.message)
        try:
            return self._sync_steps(progress)
        finally:
            lock.release()

    def _not_started(self, sentence: str) -> SyncReport:
        """The report of a sync that did not start (another one runs): what waits, and why."""
        report = SyncReport(error=sentence)
        with contextlib.suppress(KnownError):
            summary = self.state.summary()
            report.waiting = summary.waiting
            report.revoked = summary.revoked
        return report

    def _sync_steps(self, progress: Progress | None) -> SyncReport:
        """The steps of :meth:`sync`, run while holding the profile's sync lock."""
        report = SyncReport()
        try:
            known = self.state.summary()
            if known.revoked:
                # Nothing more is sent or taken; only the revocation is settled below.
                report.revoked = True
                report.error = (
                    f"HQ revoked this device on {(known.revoked_at or '')[:10]}; it can no "
                    "longer sync"
                )
            else:
                if progress is not None:
                    progress(HEALTH, 0, 1)
                self.check_health()
                if progress is not None:
                    progress(HEALTH, 1, 1)
                self.push_all(report, progress)
                self.upload_attachments(report, progress)
                self.pull_all(report, progress)
        except KnownError as exc:
            report.error = exc.message
            report.revoked = report.revoked or isinstance(exc, errors.DeviceRevoked)
        if report.revoked:
            try:
                self.settle_revocation(report, progress)
            except KnownError as exc:
                report.wipe_problem = exc.message
        try:
            summary = self.state.summary()
            report.waiting = summary.waiting
            report.revoked = report.revoked or summary.revoked
            if report.error is None:
                self.state.record_success()
            else:
                self.state.record_failure(report.error)
        except KnownError as exc:  # the profile cannot be written (a full disk, ...)
            report.error = report.error or exc.message
        return report

    # -- revocation ------------------------------------------------------------------------

    def check_revocation(self) -> Revocation:
        """Ask HQ whether it revoked this device and whether it asks for a wipe."""
        response = self._request("GET", "/revocation", what="revocation check")
        return self._parse(Revocation, response, "revocation check")

    def report_wipe(self, event: Event) -> WipeReportReceived:
        """Send HQ the signed ``device_wiped`` event; HQ takes it even from a revoked device."""
        body = WipeReport(event=WireEvent.from_event(event))
        response = self._request(
            "POST",
            "/revocation/wipe-report",
            what="wipe report",
            content=body.model_dump_json().encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        return self._parse(WipeReportReceived, response, "wipe report")

    def settle_revocation(
        self, report: SyncReport | None = None, progress: Progress | None = None
    ) -> SyncReport:
        """A revoked device: learn what HQ asks, wipe if asked, and report the wipe to HQ.

        Every part is done once and safe to repeat: a wipe already made is not
        made again (its files still here are removed), and a report HQ already
        confirmed is not sent again. Raises the sync errors of a failed request;
        what was done before it stays done. ``progress`` hears the wipe as phase
        :data:`sync.report.WIPE`.
        """
        out = report or SyncReport()
        out.revoked = True
        summary = self.state.summary()
        if summary.wipe is None:
            answer = self.check_revocation()
            if answer.revoked:
                self.state.record_revocation(answer.revoked_at, answer.reason, answer.wipe)
            if progress is not None and answer.wipe:
                progress(WIPE, 0, 1)  # a large profile takes a minute: say so
            outcome = self.state.wipe()
            if progress is not None and answer.wipe:
                progress(WIPE, 1, 1)
            if outcome is not None:
                out.records_wiped = outcome.records_wiped
                out.records_kept = outcome.records_kept
        else:
            self.state.finish_wipe()
        summary = self.state.summary()
        out.wipe_requested = bool(summary.wipe_requested)
        if summary.wipe is not None and out.records_wiped is None:
            out.records_wiped = summary.wipe.records_wiped
            out.records_kept = summary.wipe.records_kept
        pending = self.state.pending_wipe_report()
        if pending is not None:
            received = self.report_wipe(pending)
            self.state.mark_wipe_reported(received.received_at)
        out.wipe_reported = summary.wipe is not None
        return out
