"""The ``fieldapp`` command line: seed, verify, export, rebuild, search, show, demo.

Errors the world causes are one sentence on stderr and a non-zero exit; the
program's own bugs still raise with a traceback.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fieldapp import __version__
from fieldapp.auth import Officer
from fieldapp.credentials import create_for_seed, open_signed_in
from fieldapp.errors import KnownError
from fieldapp.export import export_logged
from fieldapp.profile import Profile, resolve_data_dir
from fieldapp.profile import exists as profile_exists
from fieldapp.receipts.layout import PAGE_SIZES
from fieldapp.services import queries
from fieldapp.services.actor import Actor, Role

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test to list every command)."""
    data_dir_help = (
        "profile folder (default: $FIELDAPP_DATA_DIR or the platform's user data folder)"
    )
    # Subcommands accept --data-dir too; SUPPRESS keeps them from overwriting
    # the value given before the command with their default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help)
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="Checkpoint field capture: offline encounter and seizure records.",
    )
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=data_dir_help)
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", parents=[common], help="try the program on a throwaway demo profile")
    p.add_argument("--records", type=_positive, default=300, help="records to create (300)")
    p.add_argument("--keep", action="store_true", help="keep the demo profile afterwards")

    p = sub.add_parser(
        "seed", parents=[common], help="create the profile if needed and add synthetic records"
    )
    p.add_argument("--records", type=_positive, default=0, metavar="N", help="records to add")

    sub.add_parser("verify", parents=[common], help="check every link, hash and signature")

    p = sub.add_parser("export", parents=[common], help="export records or raw events")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--what", choices=("records", "events"), default="records")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    sub.add_parser("rebuild", parents=[common], help="recreate lists and search index from the log")

    p = sub.add_parser("search", parents=[common], help="full-text search of records")
    p.add_argument("text", help="words to look for (names, plates, items, narrative)")
    p.add_argument("--limit", type=_positive, default=20)

    p = sub.add_parser("show", parents=[common], help="one record with its addenda and history")
    p.add_argument("record_id")

    p = sub.add_parser(
        "receipt",
        parents=[common],
        help="print the custody receipt of a seizure or a custody transfer to a PDF file",
    )
    p.add_argument(
        "record_id",
        help="the seizure (or an encounter with one seizure), or a custody transfer",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="PDF file (default: NUMBER.pdf)")
    p.add_argument("--copy", action="store_true", help="a reprint, marked COPY / COPIA")
    p.add_argument(
        "--page-size",
        choices=PAGE_SIZES,
        default="letter",
        help="letter, a4, or thermal80 for 80 mm roll printers (default: letter)",
    )
    return parser


def _err(message: str) -> None:
    print(f"fieldapp: {message}", file=sys.stderr)


def _progress(label: str) -> Callable[[int, int], None]:
    tty = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if tty:
            print(f"\r{label}: {done}/{total}", end="", file=sys.stderr, flush=True)
            if done >= total:
                print(file=sys.stderr)

    return report


def cmd_seed(profile: Profile, records: int) -> int:
    from fieldapp.seeding import seed_records

    started = time.perf_counter()
    added = seed_records(profile, records, progress=_progress("seeding"))
    total = queries.count_records(profile.store.conn, queries.RecordFilter(record_types=None))
    print(
        f"Added {added} encounters to the profile in {profile.data_dir} in "
        f"{time.perf_counter() - started:.1f} s; it now holds {total} records."
    )
    return EXIT_OK


def cmd_verify(profile: Profile) -> int:
    report = profile.store.verify()
    if report.ok:
        print(report.summary())
        return EXIT_OK
    _err(report.summary())
    return EXIT_FAILED


def cmd_rebuild(profile: Profile) -> int:
    started = time.perf_counter()
    count = profile.store.rebuild(progress=_progress("rebuilding"))
    print(f"Rebuilt {count} records from the log in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK


def cmd_search(profile: Profile, text: str, limit: int) -> int:
    rows = queries.search(profile.store.conn, text, limit=limit)
    if not rows:
        print(f"No record matches {text!r}.")
        return EXIT_OK
    for row in rows:
        print(
            f"{row.occurred_at[:16]}  {row.record_type:<9} {row.reference:<24} "
            f"{row.checkpoint:<12} {row.summary[:60]}  {row.id}"
        )
    return EXIT_OK


def acting_officer(profile: Profile, signed: Officer | None = None) -> Actor:
    """Who runs a command that reads or exports records, as the access log names them.

    The officer who signed in to open the profile; else ``FIELDAPP_OFFICER``
    names the officer, with the role reference data gives them; anyone else is
    logged under the computer account's name, read-only.
    """
    import getpass
    import os

    from fieldapp.services.permissions import officer_entry

    if signed is not None:
        return signed.actor
    officer = os.environ.get("FIELDAPP_OFFICER", "").strip()
    entry = officer_entry(officer, profile.store.reference_data()) if officer else None
    if entry is None:
        return Actor(officer or f"os-user:{getpass.getuser()}", Role.AUDITOR)
    return Actor(str(entry["id"]), Role(entry.get("role", "officer")))


def cmd_show(profile: Profile, record_id: str, signed: Officer | None = None) -> int:
    view = profile.services.access.open_record(record_id, acting_officer(profile, signed))
    print(json.dumps(view.current, ensure_ascii=False, indent=2, sort_keys=True))
    print(f"\nHistory of {view.record_type} {view.id}:")
    for entry in view.history:
        state = "at HQ" if entry.synced else "waiting for HQ"
        print(
            f"  {entry.recorded_at}  {entry.kind:<20} by {entry.author:<10} {entry.hash}  {state}"
        )
    if view.needs_review:
        print("  NEEDS REVIEW: concurrent changes; the one shown is " + str(view.winner_event_id))
    return EXIT_OK


def cmd_receipt(profile: Profile, args: argparse.Namespace) -> int:
    import os

    from fieldapp.attachments import AttachmentStore
    from fieldapp.services.actor import Actor
    from fieldapp.services.receipts import Receipts

    receipts = Receipts(profile.store, AttachmentStore(profile.data_dir))
    record_type, data = _record(profile, args.record_id)
    if record_type == "custody_transfer":
        # The releasing officer hands the receipt over with the exhibits.
        author = (data.get("released_by") or {}).get("officer_id")
        if not author:
            _, seizure = _record(profile, str(data.get("seizure_id")))
            author = seizure.get("officer_id")
        target = args.record_id
    else:
        target = receipts.seizure_of(args.record_id)
        author = _record(profile, target)[1].get("officer_id")
    officer = os.environ.get("FIELDAPP_OFFICER") or str(author or "")
    issued = receipts.issue(target, Actor(officer), copy=args.copy, page_size=args.page_size)
    suffix = f"-copy-{issued.copy_number}" if issued.copy_number else ""
    path = Path(args.output) if args.output else Path(f"{issued.receipt_number}{suffix}.pdf")
    try:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(issued.pdf)
        tmp.replace(path)
    except OSError as exc:
        raise KnownError(
            f"The receipt could not be written to {path}: {exc.strerror}. It was recorded "
            f"as issued; print it again with --copy."
        ) from exc
    kind = f"copy {issued.copy_number}" if issued.copy_number else "original"
    print(
        f"Receipt {issued.receipt_number} ({kind}) written to {path}; "
        f"PDF SHA-256 {issued.pdf_sha256}."
    )
    return EXIT_OK


def _record(profile: Profile, record_id: str) -> tuple[str, dict[str, Any]]:
    row = profile.store.conn.execute(
        "SELECT record_type, data FROM records WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise KnownError(f"There is no finalized record {record_id}.")
    return str(row[0]), dict(json.loads(row[1]))


def cmd_demo(records: int, keep: bool, then: Callable[[Profile], None] | None = None) -> int:
    """Make, show and (unless kept) remove a demo profile; ``then`` gets it before it goes.

    The launcher passes a ``then`` that syncs the profile with a throwaway
    local HQ (``sync.demo``): the core itself knows nothing of HQ.
    """
    from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD, create_demo_profile

    data_dir = Path(tempfile.mkdtemp(prefix="fieldapp-demo-"))
    try:
        started = time.perf_counter()
        with create_demo_profile(
            data_dir, records, progress=_progress("seeding"), encrypt=True
        ) as profile:
            print(
                f"Demo profile with {records} encounters made in "
                f"{time.perf_counter() - started:.1f} s."
            )
            print(f"Demo sign-in: officer {DEMO_OFFICER}, password {DEMO_PASSWORD}")
            print(f"Demo profile: {data_dir}")
            cmd_verify(profile)
            conn = profile.store.conn
            print("\nLatest records:")
            for row in queries.list_records(conn, limit=8):
                print(
                    f"  {row.occurred_at[:16]}  {row.record_type:<9} {row.reference:<24} "
                    f"{row.result:<16} {row.summary[:50]}"
                )
            seized = queries.count_records(conn, queries.RecordFilter(record_types=("seizure",)))
            found = queries.search(conn, "fentanyl", limit=3)
            print(f"\n{seized} seizures. A search for 'fentanyl' finds, among others:")
            for row in found:
                print(f"  {row.reference:<24} {row.checkpoint:<12} {row.summary[:50]}")
            if then is not None:
                then(profile)
            if not keep:
                print("\nRun `fieldapp demo --keep` to keep the profile and explore it with")
                print("`fieldapp search`, `show`, `export` and `verify --data-dir DIR`.")
            if keep:
                print(f"\nThe demo profile is kept in {data_dir}; use --data-dir {data_dir}.")
    finally:
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Dispatch one parsed command."""
    if args.command == "demo":
        return cmd_demo(args.records, args.keep)
    data_dir = resolve_data_dir(args.data_dir)
    signed: Officer | None = None
    if args.command == "seed" and not profile_exists(data_dir):
        profile = create_for_seed(data_dir)
    else:
        profile, signed = open_signed_in(data_dir)
    with profile:
        if args.command == "seed":
            return cmd_seed(profile, args.records)
        if args.command == "verify":
            return cmd_verify(profile)
        if args.command == "rebuild":
            return cmd_rebuild(profile)
        if args.command == "export":
            target = Path(args.output) if args.output else None
            actor = acting_officer(profile, signed)
            count = export_logged(profile.store, actor, args.what, args.format, target)
            if target is not None:
                print(f"Exported {count} {args.what} to {target}.", file=sys.stderr)
            return EXIT_OK
        if args.command == "search":
            return cmd_search(profile, args.text, args.limit)
        if args.command == "show":
            return cmd_show(profile, args.record_id, signed)
        if args.command == "receipt":
            return cmd_receipt(profile, args)
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fieldapp`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        print(
            "The desktop window is not part of this version yet. Commands: demo, seed, "
            "verify, export, rebuild, search, show, receipt (see fieldapp --help).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return run(args)
    except KnownError as exc:
        _err(exc.message)
        return EXIT_FAILED
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted; everything saved before the interruption is kept.")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
