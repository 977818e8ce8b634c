"""The core imports inward only: nothing in fieldapp/ reaches for ui/, sync/, Qt or HTTP."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import fieldapp

CORE = Path(fieldapp.__file__).parent
FORBIDDEN = (
    "ui",
    "sync",
    "PySide6",
    "httpx",
    "httpx2",
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "psycopg",
)


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def forbidden_imports(source: str, filename: str) -> list[str]:
    """Every forbidden module a source file imports (absolute, ``from``, or relative escape)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative imports stay inside fieldapp
                continue
            names = [node.module or ""]
            if node.module is None:
                names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if _top(name) in FORBIDDEN:
                found.append(f"{filename}:{node.lineno}: {name}")
    return found


def test_the_checker_finds_what_it_looks_for() -> None:
    source = (
        "import ui\nimport sync.client\nfrom PySide6 import QtCore\nimport httpx as h\n"
        "from fastapi.routing import APIRouter\nimport fieldapp.store\nfrom . import ui\n"
        "import uinput\nfrom synchronize import x\n"
    )
    found = forbidden_imports(source, "x.py")
    assert [f.split(": ", 1)[1] for f in found] == [
        "ui",
        "sync.client",
        "PySide6",
        "httpx",
        "fastapi.routing",
    ]


def test_core_files_import_neither_ui_sync_qt_nor_http() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 20
    problems = []
    for path in files:
        problems += forbidden_imports(path.read_text(encoding="utf-8"), str(path.relative_to(CORE)))
    assert problems == []


@pytest.mark.slow
def test_importing_the_core_loads_no_ui_sync_or_qt() -> None:
    modules = ["fieldapp", "fieldapp.store.store", "fieldapp.services"]
    if (CORE / "cli.py").exists():
        modules.append("fieldapp.cli")
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    bad = [m for m in loaded if _top(m) in FORBIDDEN]
    assert bad == []
    assert "fieldapp.store.store" in loaded
