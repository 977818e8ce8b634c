"""Stand-ins for the records and drafts pages, for tests of the windows around them.

Those pages are tested on their own; a test of the main window or of the moves
between windows replaces them with an empty widget, so it neither waits for
their queries nor depends on them.
"""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtWidgets import QWidget

from ui.context import UiContext


class StandInPage(QWidget):
    """Stands in for the records and drafts pages (tested on their own)."""

    def __init__(self, ctx: UiContext, *args: object, **kwargs: object) -> None:
        super().__init__(kwargs.get("parent"))  # type: ignore[arg-type]


def install_page_stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``ui.records.page.RecordsPage`` and ``ui.drafts.page.DraftsPage`` stand-ins."""
    for package in ("ui.records", "ui.drafts"):
        if package not in sys.modules:
            monkeypatch.setitem(sys.modules, package, types.ModuleType(package))
    for name, attr in (("ui.records.page", "RecordsPage"), ("ui.drafts.page", "DraftsPage")):
        module = types.ModuleType(name)
        setattr(module, attr, StandInPage)
        monkeypatch.setitem(sys.modules, name, module)
