"""Whom the device trusts to be HQ on the network: TLS with HQ's pinned authority, or loopback.

A device enrolls with HQ's certificate authority (the PEM file ``fieldapp-hq
tls init`` makes, or the agency's own); from then on every connection to HQ
is checked against that authority only (:func:`client_context`). With
``--system-ca`` the computer's trust store is used instead (an agency whose
HQ certificate comes from a public authority). Plain HTTP is for loopback
only (the demo and tests): :func:`check_address` refuses it elsewhere.

A certificate that fails the check becomes
:class:`sync.errors.UntrustedCertificate`, a sentence saying nothing was
sent, never a network error worth retrying (:func:`certificate_refusal`).
"""

from __future__ import annotations

import hashlib
import ipaddress
import ssl
from pathlib import Path

import httpx2
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from sync import errors

__all__ = [
    "certificate_refusal",
    "check_address",
    "client_context",
    "is_loopback_host",
    "read_ca_file",
    "read_ca_pem",
]

# OpenSSL's verify results (X509_V_ERR_*) that say who signed the certificate is not trusted.
_UNKNOWN_ISSUER = frozenset({2, 18, 19, 20, 21})
_NOT_YET_VALID, _EXPIRED, _HOSTNAME_MISMATCH, _IP_MISMATCH = 9, 10, 62, 64


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_address(url: str) -> None:
    """Refuse plain HTTP to anything but this computer (tokens and records would be readable)."""
    parsed = httpx2.URL(url)
    if parsed.scheme == "http" and not is_loopback_host(parsed.host):
        raise errors.SyncError(
            f"{url} is plain HTTP to another computer: this device's token and records would "
            "cross the network readable by anyone. Use HQ's https:// address (plain http:// "
            "is only for HQ on this computer)."
        )


def read_ca_pem(text: str, source: str) -> str:
    """The certificate authority in PEM ``text`` (from ``source``, for the sentence), checked
    to be an authority's certificate, as normalised PEM."""
    try:
        certificates = x509.load_pem_x509_certificates(text.encode("utf-8"))
    except ValueError:
        raise errors.SyncError(
            f"{source} is not a PEM certificate; give HQ's certificate authority file "
            "(ca.crt from `fieldapp-hq tls init`)."
        ) from None
    authorities = [c for c in certificates if _is_authority(c)]
    if not authorities:
        raise errors.SyncError(
            f"{source} holds a certificate that is not a certificate authority (perhaps HQ's "
            "server certificate); give the authority that signed it (ca.crt from "
            "`fieldapp-hq tls init`)."
        )
    return "".join(c.public_bytes(Encoding.PEM).decode("ascii") for c in authorities)


def fingerprint(ca_pem: str) -> str:
    """The SHA-256 fingerprint (hex) of the first certificate in ``ca_pem``, over its DER."""
    first = x509.load_pem_x509_certificates(ca_pem.encode("utf-8"))[0]
    return hashlib.sha256(first.public_bytes(Encoding.DER)).hexdigest()


def read_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint as typed (``AB:CD:...``, any case, ``sha256:`` prefix) as hex."""
    cleaned = text.strip().lower().removeprefix("sha256:").replace(":", "").replace(" ", "")
    if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
        raise errors.SyncError(
            f"{text.strip()!r} is not a SHA-256 fingerprint (64 hexadecimal digits, as "
            "`fieldapp-hq enroll-code --ca` prints it)."
        )
    return cleaned


def _is_authority(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    return constraints.value.ca


def read_ca_file(path: str | Path) -> str:
    """The certificate authority in the PEM file at ``path``, checked (see :func:`read_ca_pem`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not text"
        raise errors.SyncError(
            f"The certificate authority file {path} cannot be read: {reason}."
        ) from exc
    return read_ca_pem(text, str(path))


def client_context(ca_pem: str | None) -> ssl.SSLContext:
    """A TLS context trusting only ``ca_pem`` (or the system's authorities when None), checking
    HQ's name, TLS 1.2 at least."""
    context = ssl.create_default_context(cadata=ca_pem) if ca_pem else ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _tls_cause(exc: BaseException) -> ssl.SSLError | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def certificate_refusal(
    exc: BaseException, base: str, *, pinned: bool, during_enrollment: bool = False
) -> errors.SyncError | None:
    """The sentence for a TLS failure behind ``exc`` (None when it is not one).

    ``pinned`` says whether the device checked against HQ's own authority (not
    the system's); ``during_enrollment`` whether the authority was the one just
    given rather than the one enrolled with.
    """
    cause = _tls_cause(exc)
    if cause is None:
        return None
    host = httpx2.URL(base).host
    if not isinstance(cause, ssl.SSLCertVerificationError):
        return errors.UntrustedCertificate(
            f"No secure connection could be made with HQ at {base} ({cause.reason or cause}); "
            "nothing was sent. Check that the address is HQ's https:// address."
        )
    code = cause.verify_code
    if code in (_HOSTNAME_MISMATCH, _IP_MISMATCH):
        sentence = (
            f"HQ's certificate does not name {host}, the address this device uses; nothing "
            "was sent. Use the name HQ's certificate was made for, or ask HQ for one naming "
            f"{host}."
        )
    elif code in (_EXPIRED, _NOT_YET_VALID):
        state = "has expired" if code == _EXPIRED else "is not valid yet"
        sentence = (
            f"HQ's certificate at {base} {state} (or this computer's clock is wrong); nothing "
            "was sent. Check the date and time here, or tell HQ."
        )
    elif code in _UNKNOWN_ISSUER and pinned and during_enrollment:
        sentence = (
            f"HQ's certificate at {base} is not from the certificate authority given; nothing "
            "was sent. Check the authority file and HQ's address with HQ."
        )
    elif code in _UNKNOWN_ISSUER and pinned:
        sentence = (
            f"HQ's certificate is not from the authority this device enrolled with (the server "
            f"at {base} may not be HQ, or HQ's certificate was replaced); nothing was sent. "
            "Check HQ's address with HQ, or enroll again with HQ's new authority file."
        )
    elif code in _UNKNOWN_ISSUER:
        sentence = (
            f"HQ's certificate at {base} is not from an authority this computer trusts; "
            "nothing was sent. Enroll with HQ's certificate authority file (--ca)."
        )
    else:
        sentence = (
            f"HQ's certificate at {base} cannot be trusted ({cause.verify_message}); nothing "
            "was sent."
        )
    return errors.UntrustedCertificate(sentence)
