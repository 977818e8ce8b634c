"""The device's sync commands, ``fieldapp enroll`` and ``fieldapp sync``.

The ``fieldapp`` launcher (``ui.launcher``) hands these two commands here;
``python -m sync.cli`` runs them too. A problem is one sentence on stderr and
exit status 1; ``fieldapp sync`` exits 0 only when HQ holds every event of the
device and everything HQ had for it was taken in.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from fieldapp.errors import KnownError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

COMMANDS = ("enroll", "sync")
"""The commands of this module, as the launcher routes them."""

_DATA_DIR_HELP = "profile folder (default: $FIELDAPP_DATA_DIR or the platform's user data folder)"


def common_parser() -> argparse.ArgumentParser:
    """The options every command takes after its name (``--data-dir``)."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a value given before the command is not overwritten by a default.
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=_DATA_DIR_HELP)
    return common


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``enroll`` and ``sync`` to a parser's subcommands (this one's or the launcher's)."""
    p = sub.add_parser(
        "enroll", parents=[common], help="enroll this device with HQ using a one-time code"
    )
    p.add_argument("--hq", required=True, metavar="URL", help="HQ's address (https://...)")
    p.add_argument("--code", required=True, help="the one-time enrollment code HQ gave you")
    trusted = p.add_mutually_exclusive_group()
    trusted.add_argument(
        "--ca",
        metavar="FILE",
        help="HQ's certificate authority (PEM, ca.crt from HQ): the only one HQ's certificate "
        "is accepted from from now on; needed for https:// unless --system-ca",
    )
    trusted.add_argument(
        "--system-ca",
        action="store_true",
        help="trust this computer's certificate authorities for HQ instead (a certificate from "
        "a public authority)",
    )
    trusted.add_argument(
        "--ca-sha256",
        metavar="FINGERPRINT",
        help="instead of the file: the authority's SHA-256 fingerprint, as `fieldapp-hq "
        "enroll-code --ca` prints it; the authority is fetched from HQ and kept only if it matches",
    )
    sub.add_parser("sync", parents=[common], help="send what waits for HQ and take in what HQ has")


def build_parser() -> argparse.ArgumentParser:
    """The parser of the two commands."""
    parser = argparse.ArgumentParser(
        prog="fieldapp", description="Enroll this device with HQ and sync with it."
    )
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=_DATA_DIR_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_commands(sub, common_parser())
    return parser


def _err(message: str) -> None:
    print(f"fieldapp: {message}", file=sys.stderr)


def cmd_enroll(args: argparse.Namespace) -> int:
    """Enroll the profile (made if needed) with HQ."""
    from fieldapp.credentials import open_or_create
    from fieldapp.profile import resolve_data_dir
    from sync import trust
    from sync.client import SyncClient, normalize_hq_url

    # A mistake in the address or the authority is reported before a profile is made.
    url = normalize_hq_url(args.hq)
    trust.check_address(url)
    ca_pem = None if args.ca is None else trust.read_ca_file(args.ca)
    ca_sha256 = None if args.ca_sha256 is None else trust.read_fingerprint(args.ca_sha256)
    if url.startswith("https:") and ca_pem is None and ca_sha256 is None and not args.system_ca:
        raise KnownError(
            "HQ's address is https://, so give HQ's certificate authority file with --ca FILE "
            "(ca.crt from HQ) or its fingerprint with --ca-sha256, or --system-ca when HQ's "
            "certificate is from a public authority."
        )
    with (
        open_or_create(resolve_data_dir(args.data_dir)) as profile,
        SyncClient(profile) as client,
    ):
        answer = client.enroll(
            args.hq, args.code, ca_pem=ca_pem, system_ca=args.system_ca, ca_sha256=ca_sha256
        )
        reference = (
            f"; reference data version {answer.reference.version} is in use"
            if answer.reference is not None
            else ""
        )
        print(
            f'This device is enrolled with HQ at {client.base_url} as "{answer.device_name}"'
            f"{reference}. Run `fieldapp sync` to send its records."
        )
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Sync the profile with the HQ it enrolled with (an officer's credentials open it)."""
    from fieldapp.credentials import open_signed_in
    from fieldapp.profile import resolve_data_dir
    from sync.client import SyncClient

    profile, _ = open_signed_in(resolve_data_dir(args.data_dir))
    with profile, SyncClient(profile) as client:
        report = client.sync()
    if report.ok:
        print(report.sentence())
        return EXIT_OK
    _err(report.sentence())
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``enroll`` or ``sync`` with the launcher's arguments."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "enroll":
            return cmd_enroll(args)
        return cmd_sync(args)
    except KnownError as exc:
        _err(exc.message)
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted; what HQ had acknowledged is kept, and the rest is sent next time.")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
