"""The ``fieldapp-hq`` command: run HQ's server and administer devices, reference data, notes.

Errors the world causes (a wrong code, an unreadable file, an unreachable
database) are one sentence on stderr and exit status 1; bad usage is exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import segno
from sqlalchemy.exc import DBAPIError

from fieldapp import __version__
from fieldapp.errors import KnownError
from fieldapp.events import Event
from fieldapp.reference import load_reference
from sync.hq.db import ENV_DB, database_cause, default_db_path
from sync.hq.enrollment import Device
from sync.hq.ratelimit import DEFAULT_LIMITS, Rate, RateLimits
from sync.hq.service import HQ_AUTHOR, Headquarters, RecordConflict
from sync.hq.wipe import WipeReportEntry
from sync.protocol import PROTOCOL_VERSION, AnnotationKind

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
DEFAULT_PORT = 8765


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours") from None
    if not 0 < value <= 24 * 30:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 720 (30 days)")
    return value


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a TCP port (1-65535)")
    return int(text)


def _rate(text: str) -> Rate | None:
    try:
        return Rate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test to list every command)."""
    db_help = (
        f"SQLite file path or database URL (postgresql://...); default ${ENV_DB} or "
        f"{default_db_path()}"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)
    parser = argparse.ArgumentParser(
        prog="fieldapp-hq",
        description="Checkpoint field capture headquarters: sync server and administration.",
    )
    parser.add_argument("--db", metavar="URL", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"fieldapp-hq {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("serve", parents=[common], help="run the HQ server (uvicorn)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    p.add_argument(
        "--tls-cert", metavar="FILE", help="TLS certificate (PEM, e.g. server.crt of `tls init`)"
    )
    p.add_argument("--tls-key", metavar="FILE", help="its private key (PEM, e.g. server.key)")
    p.add_argument(
        "--tls-ca",
        metavar="FILE",
        help="the authority it comes from (ca.crt of `tls init`), offered to devices that "
        "enroll with its fingerprint (`enroll-code --ca`)",
    )
    # The earlier names of the two options, still read.
    p.add_argument("--ssl-certfile", dest="tls_cert", help=argparse.SUPPRESS)
    p.add_argument("--ssl-keyfile", dest="tls_key", help=argparse.SUPPRESS)
    p.add_argument(
        "--log-level", choices=("critical", "error", "warning", "info", "debug"), default="info"
    )
    limits = DEFAULT_LIMITS
    p.add_argument(
        "--enroll-rate",
        type=_rate,
        default=limits.enroll,
        metavar="N/UNIT",
        help=f"enrollment requests per client address ({limits.enroll}; 'off' for none)",
    )
    p.add_argument(
        "--enroll-failure-rate",
        type=_rate,
        default=limits.enroll_failures,
        metavar="N/UNIT",
        help="enrollments refused for their code per client address before it may not enroll "
        f"at all ({limits.enroll_failures}; 'off')",
    )
    p.add_argument(
        "--verify-rate",
        type=_rate,
        default=limits.verify,
        metavar="N/UNIT",
        help=f"receipt checks per client address ({limits.verify}; 'off')",
    )

    p = sub.add_parser("enroll-code", parents=[common], help="make a one-time enrollment code")
    p.add_argument("--device-name", required=True, metavar="NAME", help="e.g. 'SYS lane 4 laptop'")
    p.add_argument("--hours", type=_hours, default=24.0, help="hours the code stays valid (24)")
    p.add_argument(
        "--hq-url", metavar="URL", help="HQ's address for devices, carried in the QR code too"
    )
    trusted = p.add_mutually_exclusive_group()
    trusted.add_argument(
        "--ca",
        metavar="FILE",
        help="HQ's certificate authority (ca.crt): the device's command carries its fingerprint "
        "and fetches it from HQ (served with --tls-ca), so no file is copied to the device",
    )
    trusted.add_argument(
        "--system-ca",
        action="store_true",
        help="HQ's certificate is from a public authority: the device's command trusts the "
        "computer's authorities instead of HQ's ca.crt",
    )
    qr = p.add_mutually_exclusive_group()
    qr.add_argument(
        "--qr",
        dest="qr",
        action="store_true",
        default=None,
        help="also print the code as a QR code (the default when stdout is a terminal)",
    )
    qr.add_argument("--no-qr", dest="qr", action="store_false", help="never print the QR code")

    sub.add_parser("devices", parents=[common], help="list enrolled devices")

    p = sub.add_parser("tls", help="HQ's TLS certificates")
    tls_sub = p.add_subparsers(dest="tls_command", metavar="ACTION", required=True)
    q = tls_sub.add_parser(
        "init", help="make a private certificate authority and HQ's server certificate"
    )
    q.add_argument("--dir", required=True, type=Path, metavar="DIR", help="folder for the files")
    q.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAME",
        help="a name devices reach HQ by (repeat for more)",
    )
    q.add_argument(
        "--ip",
        action="append",
        default=[],
        metavar="ADDR",
        help="an IP address devices reach HQ at (repeat for more)",
    )
    q.add_argument("--force", action="store_true", help="replace files already there")

    p = sub.add_parser("revoke", parents=[common], help="revoke a device (id, code or name)")
    p.add_argument("device", metavar="DEVICE")
    p.add_argument("--reason", default="", help="why (shown to the device and in the log)")
    p.add_argument("--author", default=HQ_AUTHOR, help="who revokes (recorded in the event)")
    p.add_argument(
        "--keep-records",
        action="store_true",
        help="only lock the device; do not ask it to remove the records HQ holds",
    )

    p = sub.add_parser(
        "wipe-reports", parents=[common], help="what revoked devices removed and kept"
    )
    p.add_argument("--device", metavar="DEVICE", help="only this device (id, code or name)")

    p = sub.add_parser("reference", parents=[common], help="reference data sent to devices")
    ref = p.add_subparsers(dest="reference_command", metavar="ACTION", required=True)
    q = ref.add_parser("load", parents=[common], help="publish a reference data JSON file")
    q.add_argument("file", metavar="FILE", type=Path)
    q.add_argument("--author", default=HQ_AUTHOR, help="who publishes (recorded in the event)")
    ref.add_parser("show", parents=[common], help="the version devices get now")

    p = sub.add_parser("annotate", parents=[common], help="add an HQ-signed note to a record")
    p.add_argument("record_id", metavar="RECORD_ID")
    p.add_argument("--kind", required=True, choices=[k.value for k in AnnotationKind])
    p.add_argument("--text", required=True, help="the case number, vault receipt, or review")
    p.add_argument("--author", default=HQ_AUTHOR, help="who annotates (recorded in the event)")

    sub.add_parser(
        "conflicts", parents=[common], help="records with concurrent changes awaiting resolution"
    )

    p = sub.add_parser("resolve", parents=[common], help="settle a record's concurrent changes")
    p.add_argument("record_id", metavar="RECORD_ID")
    p.add_argument(
        "--winner", required=True, metavar="EVENT_ID", help="the change that stands (a head)"
    )
    p.add_argument("--note", default="", help="why this change stands (recorded in the event)")
    p.add_argument("--author", default=HQ_AUTHOR, help="who resolves (recorded in the event)")

    p = sub.add_parser("alarms", parents=[common], help="tampering alarms and quarantined events")
    p.add_argument("--limit", type=_count, default=50)

    sub.add_parser("info", parents=[common], help="database, HQ public key, counts")

    p = sub.add_parser("backup", parents=[common], help="copy the SQLite database while HQ runs")
    p.add_argument("file", metavar="FILE", type=Path)
    return parser


def _err(message: str) -> None:
    print(f"fieldapp-hq: {message}", file=sys.stderr)


def cmd_serve(hq: Headquarters, args: argparse.Namespace) -> int:
    import uvicorn

    from sync.hq.app import create_app

    scheme = "https" if args.tls_cert else "http"
    certificate = check_serve_args(args)
    tls_line = "" if certificate is None else f"{certificate}\n"
    print(
        f"HQ database: {hq.storage.display_url()}\n{tls_line}"
        f"HQ serving sync protocol {PROTOCOL_VERSION} at {scheme}://{args.host}:{args.port} "
        "(Ctrl+C stops).",
        flush=True,
    )
    limits = RateLimits(
        enroll=args.enroll_rate,
        enroll_failures=args.enroll_failure_rate,
        verify=args.verify_rate,
    )
    ca_pem = None
    if args.tls_ca:
        from sync import trust

        ca_pem = trust.read_ca_file(args.tls_ca)
    app = create_app(hq, limits=limits, ca_pem=ca_pem)
    tune_collector()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
    )
    return EXIT_OK


def tune_collector() -> None:
    """Make Python's cycle collector cheap for a server that parses big JSON bodies.

    A push allocates some hundred thousand short-lived objects, almost all
    freed by reference counting; with the default thresholds the collector
    still runs every 700 allocations and keeps walking the long-lived objects
    of the libraries loaded at start. Those are frozen out of its sight and
    young objects are collected less often: about a fifth faster per pushed
    event, for a little more memory between collections.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


def check_serve_args(args: argparse.Namespace) -> str | None:
    """Refuse ``serve`` without TLS off loopback, or with TLS files that do not load; the
    sentence describing the certificate served with, if any."""
    from sync.hq import tls

    if args.tls_cert or args.tls_key:
        return tls.check_server_files(args.tls_cert, args.tls_key)
    tls.check_plain_listen(args.host)
    return None


def cmd_tls(args: argparse.Namespace) -> int:
    """``tls init``: the private authority and server certificate, and how to use them."""
    from sync.hq import tls

    made = tls.init_tls(args.dir, args.host, args.ip, force=args.force)
    files = made.files
    authority = (
        f"Reused the certificate authority in {files.ca_cert}"
        if made.reused_ca
        else f"Made a private certificate authority: {files.ca_cert} (and its key {files.ca_key})"
    )
    print(
        f"{authority}.\n"
        f"Made HQ's certificate for {', '.join(made.names)}, valid until "
        f"{made.not_after:%Y-%m-%d}: {files.server_cert} (and its key {files.server_key}).\n"
        "Serve with:\n"
        f"  fieldapp-hq serve --host 0.0.0.0 --tls-cert {files.server_cert} "
        f"--tls-key {files.server_key} --tls-ca {files.ca_cert}\n"
        f"Give every device {files.ca_cert} (it is not secret) and enroll it with:\n"
        f"  fieldapp enroll --hq https://{made.names[0]}:{DEFAULT_PORT} --code CODE "
        f"--ca {files.ca_cert.name}\n"
        f"Keep {files.ca_key} secret and best offline: whoever holds it can impersonate HQ."
    )
    return EXIT_OK


def enroll_qr_text(
    code: str, hq_url: str | None, system_ca: bool = False, ca_sha256: str | None = None
) -> str:
    """What an enrollment QR code carries: the code, or the device's enroll command with HQ's
    address when it is known (a phone shows it as text to type or paste).

    For an ``https://`` HQ the command names the certificate authority the
    device must pin: by its fingerprint ``ca_sha256`` (fetched from HQ and
    checked), the computer's own authorities with ``system_ca``, or else HQ's
    ``ca.crt`` copied beside it; without one the device refuses the command.
    """
    if hq_url is None:
        return code
    command = f"fieldapp enroll --hq {hq_url} --code {code}"
    if hq_url.startswith("https:"):
        if ca_sha256 is not None:
            command += f" --ca-sha256 {ca_sha256}"
        else:
            command += " --system-ca" if system_ca else " --ca ca.crt"
    return command


def print_qr(text: str, out: TextIO) -> None:
    """``text`` as a QR code of Unicode half blocks, for a terminal (a phone reads it)."""
    drawn = io.StringIO()
    segno.make(text, error="m", micro=False).terminal(out=drawn, compact=True)
    try:
        out.write(drawn.getvalue())
    except UnicodeEncodeError:
        print("(This terminal cannot show the QR code's block characters.)", file=sys.stderr)
    out.flush()


def cmd_enroll_code(hq: Headquarters, args: argparse.Namespace) -> int:
    url = None
    if args.hq_url is not None:
        from sync.client import normalize_hq_url

        url = normalize_hq_url(args.hq_url)  # a typing mistake is refused before a code is made
    ca_sha256 = None
    if args.ca is not None:
        from sync import trust

        ca_sha256 = trust.fingerprint(trust.read_ca_file(args.ca))
    made = hq.make_enroll_code(args.device_name, dt.timedelta(hours=args.hours))
    print(made.code, flush=True)
    show_qr = sys.stdout.isatty() if args.qr is None else args.qr
    if show_qr:
        print_qr(enroll_qr_text(made.code, url, args.system_ca, ca_sha256), sys.stdout)
    where = f" and HQ's address {url}" if url else ""
    if ca_sha256 is not None:
        authority = (
            f" HQ's certificate authority has the SHA-256 fingerprint {ca_sha256}: the "
            "device fetches it from HQ (serve with --tls-ca) and keeps it only if it matches "
            "(--ca-sha256)."
        )
    elif url is not None and url.startswith("https:") and not args.system_ca:
        authority = (
            " The device also needs HQ's certificate authority: copy ca.crt (from "
            "`fieldapp-hq tls init`) to it and choose it there (--ca ca.crt), or make the code "
            "with --ca ca.crt to give its fingerprint instead."
        )
    else:
        authority = ""
    print(
        f"One-time enrollment code for {made.device_name!r}, valid until "
        f"{made.expires_at:%Y-%m-%d %H:%M} UTC. Type it{where} into the device's enrollment "
        f"screen; HQ keeps only its hash, so it cannot be shown again.{authority}",
        file=sys.stderr,
    )
    return EXIT_OK


def _wipe_state(device: Device, reports: list[WipeReportEntry]) -> str:
    """What became of a revoked device's records, for the devices listing."""
    if not device.wipe:
        return ", records kept (no wipe asked)"
    if not reports:
        return ", wipe asked, not reported yet"
    last = reports[-1]
    kept = f", {last.records_kept} kept (not received by HQ)" if last.records_kept else ""
    return f", wipe reported {last.received_at[:10]}: {last.records_wiped} records removed{kept}"


def cmd_devices(hq: Headquarters) -> int:
    devices = hq.devices()
    if not devices:
        print("No device is enrolled yet. Make a code with `fieldapp-hq enroll-code`.")
        return EXIT_OK
    reports: dict[str, list[WipeReportEntry]] = {}
    for report in hq.wipe_reports():
        reports.setdefault(report.device_id, []).append(report)
    for d in devices:
        state = f"REVOKED {d.revoked_at[:10]}" if d.revoked_at else "active"
        seen = (d.last_seen_at or "never")[:16]
        wiped = _wipe_state(d, reports.get(d.device_id, [])) if d.revoked_at else ""
        print(
            f"{d.device_id}  {d.device_code}  {d.name:<24} {state:<18} "
            f"events #1-#{d.acked_seq} held, last seen {seen}{wiped}"
        )
    return EXIT_OK


def cmd_revoke(hq: Headquarters, args: argparse.Namespace) -> int:
    before = {d.device_id: d for d in hq.devices()}
    device = hq.revoke(args.device, args.reason, args.author, wipe=not args.keep_records)
    held = before.get(device.device_id)
    if held is not None and held.revoked_at is not None:
        print(
            f"Device {device.device_id} ({device.name}) was already revoked on "
            f"{held.revoked_at[:10]} with its records kept; at its next contact it now removes "
            "the records HQ already holds (those HQ has not received stay on it), then reports "
            "that: see `fieldapp-hq wipe-reports`."
        )
        return EXIT_OK
    records = (
        "At its next contact it locks and removes the records HQ already holds (those HQ "
        "has not received stay on it), then reports that: see `fieldapp-hq wipe-reports`."
        if device.wipe
        else "At its next contact it locks; its records stay on it (--keep-records)."
    )
    print(
        f"Device {device.device_id} ({device.name}) is revoked: HQ refuses its requests from "
        f"now on, and other devices learn of it on their next pull. {records}"
    )
    return EXIT_OK


def cmd_wipe_reports(hq: Headquarters, device: str | None) -> int:
    reports = hq.wipe_reports(device)
    if not reports:
        print("No revoked device has reported a wipe.")
        return EXIT_OK
    stuck = 0
    for r in reports:
        when = (r.wiped_at or r.recorded_at)[:19]
        print(
            f"{r.received_at[:19]}  device {r.device_id}  wiped {when}: "
            f"{r.records_wiped} records removed, {r.records_kept} kept, "
            f"{r.events_redacted} events redacted, {r.files_removed} files removed "
            f"(report {r.event_id})"
        )
        if r.not_at_hq:
            print(
                f"    WARNING: {r.not_at_hq} of the records it removed were never received by "
                "HQ; they may be lost."
            )
        if r.kept_record_ids:
            stuck += 1
            print("    kept on the device, not received by HQ: " + ", ".join(r.kept_record_ids))
    if stuck:
        print(
            "Records kept on a device exist nowhere else: recover that laptop and sync them "
            "(see the operations guide)."
        )
    return EXIT_OK


def cmd_reference(hq: Headquarters, args: argparse.Namespace) -> int:
    if args.reference_command == "show":
        data = hq.latest_reference()
        if data is None:
            print("No reference data published yet; devices keep their bundled data.")
        else:
            print(
                f"Reference data version {data.version}: {len(data.checkpoints)} checkpoints, "
                f"{len(data.officers)} officers, {len(data.agencies)} agencies, "
                f"{len(data.item_categories)} item categories, {len(data.units)} units, "
                f"{len(data.legal_powers)} legal powers."
            )
        return EXIT_OK
    try:
        data = load_reference(args.file)
    except ValueError as exc:
        raise KnownError(str(exc)) from exc
    event = hq.publish_reference(data, args.author)
    print(
        f"Reference data version {data.version} published as HQ event #{event.seq}; devices "
        "get it on their next pull."
    )
    return EXIT_OK


def cmd_annotate(hq: Headquarters, args: argparse.Namespace) -> int:
    event = hq.annotate(args.record_id, AnnotationKind(args.kind), args.text, args.author)
    print(
        f"Annotation ({args.kind}) added to {event.record_type} {event.record_id} as HQ event "
        f"#{event.seq}."
    )
    return EXIT_OK


def _describe_head(event: Event, winner: bool) -> str:
    mark = "  <- shown now" if winner else ""
    return (
        f"    {event.id}  {event.kind:<18} by {event.author} ({event.origin} #{event.seq}) "
        f"at {event.recorded_at[:19]}{mark}"
    )


def cmd_conflicts(hq: Headquarters) -> int:
    found: list[RecordConflict] = hq.conflicts()
    if not found:
        print("No record has conflicting changes.")
        return EXIT_OK
    print(f"{len(found)} record(s) with concurrent changes awaiting resolution:")
    for conflict in found:
        print(f"  {conflict.record_type} {conflict.record_id}:")
        for event in conflict.heads:
            print(_describe_head(event, event is conflict.winner))
    print(
        "Settle one with `fieldapp-hq resolve RECORD_ID --winner EVENT_ID --note TEXT`; "
        "devices apply it on their next pull."
    )
    return EXIT_OK


def cmd_resolve(hq: Headquarters, args: argparse.Namespace) -> int:
    event = hq.resolve_conflict(args.record_id, args.winner, args.note, args.author)
    print(
        f"The conflict of {event.record_type} {event.record_id} is resolved in favour of "
        f"{event.payload['winner_event_id']} as HQ event #{event.seq}; devices apply it on "
        "their next pull."
    )
    return EXIT_OK


def cmd_alarms(hq: Headquarters, limit: int) -> int:
    alarms = hq.alarms(limit)
    quarantined = hq.quarantined(limit)
    if not alarms and not quarantined:
        print("No alarms and no quarantined events.")
        return EXIT_OK
    if alarms:
        print(f"Alarms (newest first, at most {limit}):")
        for a in alarms:
            print(
                f"  {a['raised_at'][:19]}  {a['code']:<16} device {a['device_id']}  {a['detail']}"
            )
    if quarantined:
        print(f"Quarantined events (newest first, at most {limit}):")
        for q in quarantined:
            print(
                f"  {q['received_at'][:19]}  {q['code']:<16} device {q['device_id']}  {q['reason']}"
            )
    return EXIT_OK


def cmd_info(hq: Headquarters) -> int:
    devices = hq.devices()
    active = sum(1 for d in devices if d.revoked_at is None)
    data = hq.latest_reference()
    print(f"Database: {hq.storage.display_url()}")
    print(f"HQ public key: {hq.public_key()}")
    print(f"Devices: {active} active, {len(devices) - active} revoked")
    print(f"Reference data: {'none' if data is None else f'version {data.version}'}")
    print(f"Alarms: {len(hq.alarms(1000))}")
    reports = hq.wipe_reports()
    kept = sum(1 for r in reports if r.records_kept)
    warned = sum(1 for r in reports if r.not_at_hq)
    print(
        f"Wipe reports: {len(reports)} ({kept} with records kept on the device, "
        f"{warned} removing records HQ never received)"
    )
    return EXIT_OK


def cmd_backup(hq: Headquarters, target: Path) -> int:
    size = hq.backup(target)
    print(f"Backed up HQ's database to {target} ({size / (1024 * 1024):.1f} MB).")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Dispatch one parsed command."""
    if args.command == "tls":
        return cmd_tls(args)
    if args.command == "serve":
        check_serve_args(args)  # before the database is opened or made
    with Headquarters.open(args.db) as hq:
        if args.command == "serve":
            return cmd_serve(hq, args)
        if args.command == "enroll-code":
            return cmd_enroll_code(hq, args)
        if args.command == "devices":
            return cmd_devices(hq)
        if args.command == "revoke":
            return cmd_revoke(hq, args)
        if args.command == "wipe-reports":
            return cmd_wipe_reports(hq, args.device)
        if args.command == "reference":
            return cmd_reference(hq, args)
        if args.command == "annotate":
            return cmd_annotate(hq, args)
        if args.command == "conflicts":
            return cmd_conflicts(hq)
        if args.command == "resolve":
            return cmd_resolve(hq, args)
        if args.command == "alarms":
            return cmd_alarms(hq, args.limit)
        if args.command == "info":
            return cmd_info(hq)
        if args.command == "backup":
            return cmd_backup(hq, args.file)
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fieldapp-hq`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except KnownError as exc:
        _err(exc.message)
        return EXIT_FAILED
    except DBAPIError as exc:
        _err(f"HQ's database cannot be used right now: {database_cause(exc)}.")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted; everything HQ had answered for is saved.")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
