"""Update the Spanish translation source from ui/ and compile it for the program.

``pyside6-lupdate`` collects every ``self.tr("...")`` of ``ui/**/*.py`` into
``resources/i18n/fieldapp_es.ts`` (keeping translations already made; strings
no longer in the code are dropped), then ``pyside6-lrelease`` compiles
it to ``resources/i18n/fieldapp_es.qm``, which the program loads. Translators
edit the .ts file (Qt Linguist: ``pyside6-linguist``); run this again after.

    uv run python scripts/translations.py            # update and compile
    uv run python scripts/translations.py --check    # fail if the .ts is out of date
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("es",)


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6, next to this Python or on PATH."""
    suffix = ".exe" if sys.platform == "win32" else ""
    beside = Path(sys.executable).parent / f"{name}{suffix}"
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; it ships with PySide6 (uv sync installs it).")
    return found


def sources() -> list[str]:
    """Every Python file of the desktop program, relative to the repository."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(ts: Path) -> None:
    """Extract the strings of ui/ into ``ts``, keeping the translations already made."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",  # strings gone from the code leave the file, not linger in it
            "-locations",
            "relative",
            *sources(),
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
    )


def release(ts: Path) -> Path:
    """Compile ``ts`` to the .qm file beside it."""
    qm = ts.with_suffix(".qm")
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True
    )
    return qm


def _messages(ts: Path) -> str:
    """The file without source locations: moving a string is not a change to translate."""
    text = ts.read_text(encoding="utf-8")
    return re.sub(r"\s*<location [^>]*/>", "", text)


def main(argv: list[str] | None = None) -> int:
    """Update and compile every language, or check that the sources are up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report whether ui/ has strings the .ts lacks"
    )
    args = parser.parse_args(argv)
    stale = []
    for lang in LANGUAGES:
        ts = I18N / f"fieldapp_{lang}.ts"
        if args.check:
            # The copy sits beside the original so that its relative locations match.
            copy = ts.with_name(f".{ts.stem}.check{ts.suffix}")
            try:
                if ts.exists():
                    shutil.copy(ts, copy)
                update(copy)
                if not ts.exists() or _messages(copy) != _messages(ts):
                    stale.append(ts.name)
            finally:
                copy.unlink(missing_ok=True)
            continue
        update(ts)
        qm = release(ts)
        print(f"{ts.relative_to(ROOT)} updated, {qm.relative_to(ROOT)} compiled")
    if stale:
        print("out of date (run scripts/translations.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
