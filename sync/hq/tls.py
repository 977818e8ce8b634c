"""HQ's TLS: a private certificate authority and server certificate, and the checks ``serve`` makes.

For an agency without its own PKI, :func:`init_tls` makes in one folder:

- ``ca.key`` / ``ca.crt``: a private certificate authority (ECDSA P-256,
  valid 20 years). ``ca.crt`` is what every device is enrolled with
  (``fieldapp enroll --ca ca.crt``); ``ca.key`` signs server certificates and
  should then be kept offline.
- ``server.key`` / ``server.crt``: HQ's certificate, signed by that
  authority for the given names and addresses (valid 5 years), what
  ``fieldapp-hq serve --tls-cert --tls-key`` takes.

Private keys are written owner-only (0600). Nothing is overwritten without
``force``; when the authority's two files are there and the server's are
not, the authority is reused (a new server certificate that enrolled devices
still trust).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from fieldapp.errors import KnownError
from sync.trust import is_loopback_host

__all__ = [
    "TlsFiles",
    "certificate_names",
    "check_plain_listen",
    "check_server_files",
    "init_tls",
]

CA_DAYS = 20 * 365
SERVER_DAYS = 5 * 365
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
)
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class TlsFiles:
    """The four files of :func:`init_tls` in ``directory``."""

    directory: Path

    @property
    def ca_key(self) -> Path:
        return self.directory / "ca.key"

    @property
    def ca_cert(self) -> Path:
        return self.directory / "ca.crt"

    @property
    def server_key(self) -> Path:
        return self.directory / "server.key"

    @property
    def server_cert(self) -> Path:
        return self.directory / "server.crt"


@dataclass(frozen=True)
class Made:
    """What :func:`init_tls` did: the files, the names certified, until when, a reused CA."""

    files: TlsFiles
    names: tuple[str, ...]
    not_after: dt.datetime
    reused_ca: bool


def _split_names(hosts: Sequence[str], ips: Sequence[str]) -> tuple[list[str], list[IpAddress]]:
    """DNS names and IP addresses, checked; an address given as ``--host`` counts as one."""
    names: list[str] = []
    addresses: list[IpAddress] = []
    for given in ips:
        try:
            addresses.append(ipaddress.ip_address(given.strip().strip("[]")))
        except ValueError:
            raise KnownError(f"{given!r} is not an IP address (--ip).") from None
    for given in hosts:
        text = given.strip().rstrip(".").lower()
        try:
            addresses.append(ipaddress.ip_address(text.strip("[]")))
            continue
        except ValueError:
            pass
        if not _HOSTNAME.match(text):
            raise KnownError(
                f"{given!r} is not a host name (--host takes a name such as hq.example.org, "
                "without https:// or a port)."
            )
        names.append(text)
    if not names and not addresses:
        raise KnownError("Give the name (--host) or address (--ip) devices reach HQ at.")
    return list(dict.fromkeys(names)), list(dict.fromkeys(addresses))


def _write(path: Path, data: bytes, *, secret: bool, force: bool) -> None:
    """Write ``data`` whole (through a temporary file), owner-only when ``secret``."""
    if path.exists() and not force:
        raise KnownError(f"{path} exists already; give --force to replace it.")
    temporary = path.with_name(f".{path.name}.tmp")
    mode = 0o600 if secret else 0o644
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.fchmod(fd, mode)  # whatever the umask
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    temporary.replace(path)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _make_ca(label: str, now: dt.datetime) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "fieldapp HQ"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"fieldapp HQ private CA ({label})"[:64]),
        ]
    )
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def _make_server(
    ca_key: ec.EllipticCurvePrivateKey,
    ca: x509.Certificate,
    names: list[str],
    addresses: list[IpAddress],
    now: dt.datetime,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    first = names[0] if names else str(addresses[0])
    alternative: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    alternative += [x509.IPAddress(a) for a in addresses]
    not_after = min(now + dt.timedelta(days=SERVER_DAYS), ca.not_valid_after_utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, first[:64])]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(alternative), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def _load_ca(files: TlsFiles) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    try:
        key = serialization.load_pem_private_key(files.ca_key.read_bytes(), password=None)
        certificate = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise KnownError(
            f"The certificate authority in {files.directory} cannot be used ({exc}); give "
            "--force to make a new one (every device must then be enrolled again)."
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise KnownError(f"{files.ca_key} is not a key made by `fieldapp-hq tls init`.")
    return key, certificate


def init_tls(
    directory: Path,
    hosts: Sequence[str],
    ips: Sequence[str] = (),
    *,
    force: bool = False,
    now: dt.datetime | None = None,
) -> Made:
    """Make (or reuse) the private authority and a server certificate for ``hosts`` and ``ips``."""
    names, addresses = _split_names(hosts, ips)
    moment = now or dt.datetime.now(dt.UTC)
    files = TlsFiles(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError(f"The folder {directory} cannot be made: {exc.strerror}.") from exc
    if not force:
        for path in (files.server_key, files.server_cert):
            if path.exists():
                raise KnownError(f"{path} exists already; give --force to replace it.")
    have_ca = files.ca_key.exists() and files.ca_cert.exists()
    reuse = have_ca and not force
    if not reuse and not force:
        for path in (files.ca_key, files.ca_cert):
            if path.exists():
                raise KnownError(
                    f"{path} exists without its other half; give --force to make a new "
                    "certificate authority (every device must then be enrolled again)."
                )
    try:
        if reuse:
            ca_key, ca = _load_ca(files)
        else:
            ca_key, ca = _make_ca(names[0] if names else str(addresses[0]), moment)
            _write(files.ca_key, _key_pem(ca_key), secret=True, force=force)
            _write(
                files.ca_cert,
                ca.public_bytes(serialization.Encoding.PEM),
                secret=False,
                force=force,
            )
        key, certificate = _make_server(ca_key, ca, names, addresses, moment)
        _write(files.server_key, _key_pem(key), secret=True, force=force)
        _write(
            files.server_cert,
            certificate.public_bytes(serialization.Encoding.PEM)
            + ca.public_bytes(serialization.Encoding.PEM),
            secret=False,
            force=force,
        )
    except OSError as exc:
        raise KnownError(f"The files cannot be written in {directory}: {exc.strerror}.") from exc
    shown = (*names, *(str(a) for a in addresses))
    return Made(files, shown, certificate.not_valid_after_utc, reuse)


def certificate_names(cert_file: Path) -> tuple[tuple[str, ...], dt.datetime]:
    """The names a server certificate (PEM, first in the file) is for, and when it expires."""
    certificate = x509.load_pem_x509_certificates(cert_file.read_bytes())[0]
    try:
        alternative = certificate.extensions.get_extension_for_class(
            x509.SubjectAlternativeName
        ).value
    except x509.ExtensionNotFound:
        return (), certificate.not_valid_after_utc
    names = [*alternative.get_values_for_type(x509.DNSName)]
    names += [str(a) for a in alternative.get_values_for_type(x509.IPAddress)]
    return tuple(names), certificate.not_valid_after_utc


def check_server_files(cert_file: str | None, key_file: str | None) -> str:
    """A sentence on what HQ serves with (the certificate's names, until when), after checking
    that the certificate and key load and match; refused with a sentence when not."""
    if bool(cert_file) != bool(key_file):
        raise KnownError("HTTPS needs both --tls-cert and --tls-key.")
    assert cert_file is not None and key_file is not None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(cert_file, key_file)
    except FileNotFoundError as exc:
        raise KnownError(f"The TLS file {exc.filename} does not exist.") from exc
    except PermissionError as exc:
        raise KnownError(f"The TLS file {exc.filename} cannot be read: permission denied.") from exc
    except (ssl.SSLError, OSError) as exc:
        raise KnownError(
            f"{cert_file} and {key_file} are not a PEM certificate and its private key ({exc}); "
            "make them with `fieldapp-hq tls init`."
        ) from exc
    try:
        names, not_after = certificate_names(Path(cert_file))
    except (OSError, ValueError):
        return f"TLS certificate {cert_file}"
    named = ", ".join(names) or "no names"
    return f"TLS certificate for {named}, valid until {not_after:%Y-%m-%d}"


def check_plain_listen(host: str) -> None:
    """Refuse to listen without TLS anywhere but loopback."""
    if not is_loopback_host(host):
        raise KnownError(
            f"HQ will not listen on {host or 'every address'} without TLS: devices' tokens and "
            "records would cross the network readable by anyone. Give --tls-cert and --tls-key "
            "(make them with `fieldapp-hq tls init`), or listen on 127.0.0.1 behind a "
            "TLS-terminating reverse proxy."
        )
