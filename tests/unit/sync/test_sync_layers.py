"""Imports point inward: sync/ uses the core, never the desktop app or Qt; docs cover HQ's CLI."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import sync
from sync.hq.cli import build_parser

SYNC = Path(sync.__file__).parent
ROOT = SYNC.parent
FORBIDDEN = ("ui", "PySide6")


def test_sync_never_imports_the_desktop_app_or_qt() -> None:
    files = sorted(SYNC.rglob("*.py"))
    assert len(files) > 10
    problems = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            problems += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert problems == []


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _commands(sub, f"{prefix}{name} ")
                found += nested or [f"{prefix}{name}"]
    return found


def test_every_fieldapp_hq_command_is_in_the_operations_guide() -> None:
    guide = (ROOT / "docs" / "operations-guide.md").read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert "reference load" in commands and "serve" in commands
    for command in commands:
        assert f"fieldapp-hq {command}" in guide, f"fieldapp-hq {command} is not documented"


def test_the_entry_point_is_declared() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'fieldapp-hq = "sync.hq.cli:main"' in pyproject
