"""``fieldapp-hq tls init`` and the TLS checks of ``fieldapp-hq serve``, in-process.

The files: owner-only keys, a CA that is one, a server certificate it signed
for the names given; nothing overwritten without ``--force``. ``serve``
refuses plain HTTP off loopback, and TLS files that do not load, before it
opens the database.
"""

from __future__ import annotations

import ssl
import stat
from pathlib import Path

import pytest
from cryptography import x509

from sync.hq import tls
from sync.hq.cli import build_parser, main

FILES = ("ca.key", "ca.crt", "server.key", "server.crt")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _init(folder: Path, *more: str) -> int:
    return main(["tls", "init", "--dir", str(folder), "--host", "hq.example.org", *more])


def test_tls_init_writes_a_ca_and_a_server_certificate_with_private_keys_owner_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tls"
    assert _init(folder, "--host", "hq", "--ip", "10.1.2.3", "--ip", "::1") == 0
    out = capsys.readouterr().out
    assert f"--tls-cert {folder / 'server.crt'} --tls-key {folder / 'server.key'}" in out
    assert f"Give every device {folder / 'ca.crt'}" in out
    assert "--ca ca.crt" in out
    assert _mode(folder / "ca.key") == _mode(folder / "server.key") == 0o600
    assert _mode(folder / "ca.crt") == _mode(folder / "server.crt") == 0o644
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)

    ca = x509.load_pem_x509_certificate((folder / "ca.crt").read_bytes())
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    server, chained = x509.load_pem_x509_certificates((folder / "server.crt").read_bytes())
    assert chained == ca
    server.verify_directly_issued_by(ca)
    names, _ = tls.certificate_names(folder / "server.crt")
    assert names == ("hq.example.org", "hq", "10.1.2.3", "::1")
    assert (ca.not_valid_after_utc - ca.not_valid_before_utc).days > 15 * 365
    # A device's TLS context takes the CA; HQ's loads the certificate and key.
    ssl.create_default_context(cadata=(folder / "ca.crt").read_text())
    assert "hq.example.org" in tls.check_server_files(
        str(folder / "server.crt"), str(folder / "server.key")
    )


def test_tls_init_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tls"
    assert _init(folder) == 0
    before = {name: (folder / name).read_bytes() for name in FILES}
    capsys.readouterr()
    assert _init(folder) == 1
    err = capsys.readouterr().err
    assert "exists already; give --force to replace it" in err
    assert {name: (folder / name).read_bytes() for name in FILES} == before

    assert _init(folder, "--force") == 0
    after = {name: (folder / name).read_bytes() for name in FILES}
    assert all(after[name] != before[name] for name in FILES)
    assert _mode(folder / "ca.key") == 0o600


def test_tls_init_reuses_the_ca_for_a_new_server_certificate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tls"
    assert _init(folder) == 0
    ca = (folder / "ca.crt").read_bytes()
    (folder / "server.crt").unlink()
    (folder / "server.key").unlink()
    capsys.readouterr()
    assert main(["tls", "init", "--dir", str(folder), "--host", "hq2.example.org"]) == 0
    assert "Reused the certificate authority" in capsys.readouterr().out
    assert (folder / "ca.crt").read_bytes() == ca
    server = x509.load_pem_x509_certificates((folder / "server.crt").read_bytes())[0]
    server.verify_directly_issued_by(x509.load_pem_x509_certificate(ca))
    (folder / "ca.key").unlink()
    (folder / "server.crt").unlink()
    (folder / "server.key").unlink()
    assert _init(folder) == 1
    assert "without its other half" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--host", "https://hq.example.org"], "is not a host name"),
        (["--ip", "hq.example.org"], "is not an IP address"),
        ([], "Give the name (--host) or address (--ip)"),
    ],
)
def test_tls_init_refuses_bad_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], sentence: str
) -> None:
    assert main(["tls", "init", "--dir", str(tmp_path / "tls"), *args]) == 1
    assert sentence in capsys.readouterr().err
    assert not (tmp_path / "tls" / "ca.key").exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "hq.example.org"])
def test_serve_refuses_plain_http_off_loopback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    db = tmp_path / "hq.db"
    assert main(["serve", "--db", str(db), "--host", host]) == 1
    err = capsys.readouterr().err
    assert f"HQ will not listen on {host} without TLS" in err
    assert "--tls-cert and --tls-key" in err
    assert not db.exists()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_plain_http_is_allowed_on_loopback(host: str) -> None:
    tls.check_plain_listen(host)


def test_serve_refuses_tls_files_that_do_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "hq.db"
    folder = tmp_path / "tls"
    assert _init(folder) == 0
    other = tmp_path / "other"
    assert _init(other) == 0
    capsys.readouterr()
    cert = str(folder / "server.crt")
    cases = [
        (["--tls-cert", cert], "HTTPS needs both --tls-cert and --tls-key."),
        (["--tls-cert", cert, "--tls-key", str(tmp_path / "nope.key")], "does not exist"),
        (["--tls-cert", cert, "--tls-key", str(other / "server.key")], "are not a PEM"),
    ]
    for args, sentence in cases:
        assert main(["serve", "--db", str(db), "--host", "0.0.0.0", *args]) == 1
        assert sentence in capsys.readouterr().err
    assert not db.exists()


def test_the_old_option_names_still_work_unlisted(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["serve", "--ssl-certfile", "c.pem", "--ssl-keyfile", "k"])
    assert (args.tls_cert, args.tls_key) == ("c.pem", "k")
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    shown = capsys.readouterr().out
    assert "--tls-cert" in shown and "--ssl-certfile" not in shown
