"""The documentation tells the truth: every command documented, the README's commands real."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from fieldapp.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_cli_command_is_in_the_user_guide() -> None:
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    for command in _commands():
        assert f"`fieldapp {command}" in guide, f"fieldapp {command} is not documented"


def test_readme_has_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    assert blocks[0].strip() == "uv run --locked fieldapp demo"
    test_command = blocks[1].strip()
    assert test_command == "uv run --locked python scripts/check.py"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci


def test_decisions_are_numbered_and_titled() -> None:
    for path in sorted((ROOT / "docs" / "decisions").glob("*.md")):
        assert re.match(r"\d{3}-[a-z0-9-]+\.md$", path.name)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# {path.name[:3]}: ")
