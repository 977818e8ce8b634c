"""The one exception tree of sync: what HQ refuses, and why, as a sentence and a status.

Every error here is a :class:`fieldapp.errors.KnownError`, so its ``message``
can be shown as it is: on a device's screen, in HQ's admin command on stderr,
or as the ``detail`` of an HTTP error answer. Each HQ refusal also carries the
HTTP ``status`` it is answered with and a stable ``code`` that clients match
on (the English sentence may change; the code does not).

::

    KnownError (fieldapp.errors)
    +-- SyncError                   anything sync refuses
        +-- HqRefusal               HQ refuses a request (``status``, ``code``)
        |   +-- BadRequest          400 the request cannot be read
        |   +-- Unauthorized        401 no token, or a token HQ does not know
        |   +-- Forbidden           403 refused for this caller
        |   |   +-- DeviceRevoked   403 the device was revoked by HQ
        |   |   +-- EnrollmentRefused  403 the enrollment code cannot be used
        |   +-- NotFound            404 no such receipt, record, device or attachment
        |   +-- Conflict            409 clashes with what HQ already holds
        |   +-- TooLarge            413 over a size or count limit
        |   +-- UnsupportedEncoding 415 a body encoding HQ does not read
        |   +-- InvalidInput        422 well-formed but not acceptable
        |   +-- ProtocolMismatch    426 the two ends speak different protocol versions
        |   +-- TooManyRequests     429 too many requests from one address (Retry-After)
        +-- HqUnavailable           503 HQ's database cannot be reached right now
        +-- HqStorageError          HQ's database cannot be used (not HQ's, or newer)
        +-- HqUnreachable           the device cannot reach HQ (network, timeouts, lost answers)
        +-- BadAnswer               HQ's answer cannot be read (a proxy's page, a bad address)
        +-- HqDisagrees             HQ is not the one enrolled with, or holds less than before
        |   +-- UntrustedCertificate  HQ's TLS certificate is not from the pinned authority
        +-- NotEnrolled             the device has not enrolled with an HQ yet

The sync client (:mod:`sync.client`) raises the refusals above from HQ's error
answers (matched on ``code``), and the last five itself.

Low-level errors are re-raised with ``raise ... from exc``.
"""

from __future__ import annotations

from fieldapp.errors import KnownError


class SyncError(KnownError):
    """Base of every error sync raises on purpose."""


class HqRefusal(SyncError):
    """HQ refuses a request; ``status`` is the HTTP status, ``code`` a stable identifier."""

    status = 400
    code = "refused"

    def __init__(
        self, message: str, *, code: str | None = None, details: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.details = details


class BadRequest(HqRefusal):
    """The request cannot be read (not JSON, broken compression, ...)."""

    status = 400
    code = "bad_request"


class Unauthorized(HqRefusal):
    """No bearer token, or one HQ does not know."""

    status = 401
    code = "unauthorized"


class Forbidden(HqRefusal):
    """The caller is known but may not do this."""

    status = 403
    code = "forbidden"


class DeviceRevoked(Forbidden):
    """The device was revoked by an HQ administrator."""

    code = "device_revoked"


class EnrollmentRefused(Forbidden):
    """The enrollment code is unknown, used or expired."""

    code = "enrollment_refused"


class NotFound(HqRefusal):
    """No such receipt, record, device or attachment."""

    status = 404
    code = "not_found"


class Conflict(HqRefusal):
    """The request clashes with what HQ already holds (e.g. a device id with another key)."""

    status = 409
    code = "conflict"


class TooLarge(HqRefusal):
    """A body or batch is over HQ's limits."""

    status = 413
    code = "too_large"


class UnsupportedEncoding(HqRefusal):
    """A ``Content-Encoding`` HQ does not read."""

    status = 415
    code = "unsupported_encoding"


class InvalidInput(HqRefusal):
    """The request is well-formed but its values are not acceptable."""

    status = 422
    code = "invalid"


class ProtocolMismatch(HqRefusal):
    """Device and HQ speak different protocol versions: one of them needs updating."""

    status = 426
    code = "protocol_mismatch"


class HqUnavailable(SyncError):
    """HQ's database cannot be reached or is busy; nothing of the request was saved."""

    status = 503
    code = "unavailable"


class HqStorageError(SyncError):
    """HQ's database cannot be used: it cannot be opened, is not HQ's, or is newer."""


class HqUnreachable(SyncError):
    """HQ could not be reached, or its answer was lost, after every retry."""


class BadAnswer(SyncError):
    """HQ's answer is not what the protocol says (not JSON, wrong shape, another server)."""


class HqDisagrees(SyncError):
    """HQ has another key than at enrollment, or its log is behind what this device holds."""


class UntrustedCertificate(HqDisagrees):
    """HQ's TLS certificate fails the device's check (another authority, name, dates): the
    device refuses the server before sending anything; not retried."""


class NotEnrolled(SyncError):
    """The device has no enrollment with an HQ, so it has no token to sync with."""


class TooManyRequests(HqRefusal):
    """Too many requests from one address; ``retry_after`` says how many seconds to wait."""

    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after
