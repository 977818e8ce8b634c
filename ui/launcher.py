"""The ``fieldapp`` command: the desktop program, its demo, and the core's commands.

``fieldapp`` opens the desktop program on the profile (``--data-dir``, else
``$FIELDAPP_DATA_DIR``, else the platform's user data folder). ``fieldapp demo``
makes a throwaway demo profile, prints its sign-in, starts a throwaway HQ on
this computer (so Sync works), opens the program on the profile and deletes
both afterwards; without a display it runs the command-line demo and syncs it
with that HQ. ``fieldapp enroll`` and ``fieldapp sync`` are the
sync commands (``sync.cli``); every other command (seed, verify, export,
rebuild, search, show, receipt) is the core's command line, unchanged. Qt is
imported only for the first two, so ``fieldapp verify`` stays as light as it
was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

EXIT_CANCELLED = 1
EXIT_NO_DISPLAY = 2


def _parser() -> argparse.ArgumentParser:
    from fieldapp import cli
    from sync import cli as sync_cli

    parser = cli.build_parser()
    parser.description = (
        f"{parser.description} Without a command, opens the desktop program on the profile."
    )
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sync_cli.add_commands(sub, sync_cli.common_parser())
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fieldapp`` command."""
    from fieldapp import cli

    args_list = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(args_list)
    if args.command in (None, "demo"):
        problem = display_problem()
        if problem is not None and args.command == "demo":
            print(
                "fieldapp: there is no display to open the program's window on; here is the "
                "command-line demo instead.",
                flush=True,
            )
            return run_headless_demo(args.records, keep=args.keep)
        if problem is not None:
            print(f"fieldapp: {problem}", file=sys.stderr)
            return EXIT_NO_DISPLAY
    if args.command is None:
        from fieldapp.profile import resolve_data_dir
        from ui.app import run_gui

        return run_gui(resolve_data_dir(args.data_dir))
    if args.command == "demo":
        return run_demo(args.records, keep=args.keep)
    from sync import cli as sync_cli

    if args.command in sync_cli.COMMANDS:
        return sync_cli.main(args_list)
    return cli.main(args_list)


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why no window can be opened here (a Linux session without a display), or None."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to open the program's window on. Run it in a desktop session, "
        "or try the command-line demo: fieldapp demo"
    )


def run_demo(records: int, *, keep: bool = False) -> int:
    """Make a demo profile and an HQ in a temporary folder, run the program, then delete them."""
    from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
    from ui.app import build_demo_profile, run_gui

    root = Path(tempfile.mkdtemp(prefix="fieldapp-demo-"))
    data_dir = root / "profile"
    try:
        print(f"Making a demo profile with {records} encounters…", flush=True)
        if not build_demo_profile(data_dir, records):
            print("fieldapp: demo cancelled; nothing was kept.", file=sys.stderr)
            return EXIT_CANCELLED
        print(f"Demo sign-in: officer {DEMO_OFFICER}, password {DEMO_PASSWORD}", flush=True)
        print("A demo HQ runs on this computer while the program is open: try Sync.", flush=True)
        if keep:
            print(f"The demo profile is kept in {data_dir}; use --data-dir {data_dir}.")
        return run_gui(data_dir, demo=True, demo_hq_dir=root / "hq")
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def run_headless_demo(records: int, *, keep: bool = False) -> int:
    """The core's command-line demo, then a sync of its profile with a throwaway local HQ."""
    from fieldapp import cli
    from sync.demo import sync_with_demo_hq

    return cli.cmd_demo(records, keep, then=sync_with_demo_hq)
