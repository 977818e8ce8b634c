"""The encounter form and its seizures: problems reach the seizure editor; it is optional."""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import Any

import pytest
from encounter_driver import focus, press, show_form
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.errors import Problem
from fieldapp.services import queries
from fieldapp.synthetic import Generator
from ui.context import UiContext

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _valid_encounter(ctx: UiContext) -> dict[str, Any]:
    encounter, _ = Generator(ctx.reference, seed=3).encounter_bundle(1)
    data = {k: v for k, v in encounter.items() if k not in ("id", "reference_number")}
    data["actions"] = dict(data["actions"], seizure_ids=[])
    return data


def test_problems_of_a_seizure_go_to_the_seizure_editor(ctx: UiContext, qtbot: QtBot) -> None:
    before = queries.count_records(ctx.ui_conn)
    form = show_form(ctx, qtbot)
    form.set_data(_valid_encounter(ctx))
    assert form.seizures.available
    focus(qtbot, form.seizures.add_button)
    press(qtbot, Qt.Key.Key_Space)  # the draft is saved first, then the seizure is added
    qtbot.waitUntil(lambda: form.seizures.editor is not None, timeout=5000)
    editor = form.seizures.editor
    qtbot.waitUntil(lambda: len(editor.editors()) == 1, timeout=5000)
    seizure = editor.editors()[0]
    qtbot.waitUntil(lambda: seizure.draft_id is not None and not seizure.pending, timeout=5000)
    assert not form.seizures.add_button.isVisible()  # the editor's own button takes over
    received: list[list[Problem]] = []
    real = editor.show_problems
    editor.show_problems = lambda problems: (received.append(problems), real(problems))[1]

    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(received), timeout=10_000)
    problems = next(p for p in received if p)
    assert all(p.path[:2] == ("seizures", 0) for p in problems)  # an empty seizure
    assert form.banner.isVisible() and form.banner.text().startswith("Not finalized")
    assert queries.count_records(ctx.ui_conn) == before  # neither record was made
    seizures_row = list(form.sections).index("seizures")
    entry = form.index.topLevelItem(seizures_row)
    assert entry is not None and entry.text(0).startswith("Seizures  (")


def test_without_the_seizure_editor_the_form_still_works(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_import = importlib.import_module

    def missing(name: str, package: str | None = None) -> ModuleType:
        if name == "ui.forms.seizure":
            raise ImportError("no seizure editor in this build")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", missing)
    before = queries.count_records(ctx.ui_conn)
    with caplog.at_level(logging.ERROR, logger="ui.forms.seizure_host"):
        form = show_form(ctx, qtbot)
    assert "seizure editor could not be loaded" in caplog.text
    assert not form.seizures.available and form.seizures.isHidden()
    seizures_row = list(form.sections).index("seizures")
    entry = form.index.topLevelItem(seizures_row)
    assert entry is not None and entry.isHidden()
    form.set_data(_valid_encounter(ctx))
    with qtbot.waitSignal(form.finalized, timeout=10_000):
        focus(qtbot, form.narrative.text)
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert queries.count_records(ctx.ui_conn) == before + 1
