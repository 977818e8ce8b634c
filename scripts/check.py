"""Run every check of the project, in the order a failure is cheapest to read.

ruff (lint and format), mypy (strict on fieldapp/ and sync/), then the whole
pytest suite. Extra arguments go to pytest. Used by the README's test command
and by CI: ``uv run --locked python scripts/check.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(title: str, argv: list[str]) -> None:
    """Run one check; stop everything with its exit code if it fails."""
    print(f"==> {title}: {' '.join(argv)}", flush=True)
    started = time.monotonic()
    code = subprocess.call(argv, cwd=ROOT)
    if code != 0:
        print(f"==> {title} FAILED (exit {code})", flush=True)
        sys.exit(code)
    print(f"==> {title} ok ({time.monotonic() - started:.1f} s)", flush=True)


def main() -> None:
    """Lint, format check, type check, tests."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    py = sys.executable
    run("ruff check", [py, "-m", "ruff", "check", "."])
    run("ruff format", [py, "-m", "ruff", "format", "--check", "."])
    run("mypy", [py, "-m", "mypy"])
    run("pytest", [py, "-m", "pytest", *sys.argv[1:]])


if __name__ == "__main__":
    main()
