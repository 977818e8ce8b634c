"""Opening a shift: the last checkpoint offered first, search, counts once open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from fieldapp.demo import DEMO_OFFICER
from fieldapp.profile import Profile
from ui.context import UiContext
from ui.shift import ShiftDialog

# Qt's offscreen platform warns that it cannot size, raise or grab windows.
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _dialog(ctx: UiContext, qtbot: QtBot) -> ShiftDialog:
    dialog = ShiftDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _line(dialog: ShiftDialog) -> QLineEdit:
    line = dialog.checkpoint_combo.lineEdit()
    assert line is not None
    return line


def _end_current_shift_at(ctx: UiContext, checkpoint: str) -> None:
    """The officer worked at ``checkpoint`` last, and that shift is closed now."""

    def work(profile: Profile) -> None:
        shifts = profile.services.shifts
        shift = shifts.open(DEMO_OFFICER, checkpoint)
        shifts.close(shift.id)

    ctx.writer.call(work)
    ctx.shift = None


def test_the_last_checkpoint_is_preselected_and_opening_shows_counts(
    ctx: UiContext, qtbot: QtBot
) -> None:
    _end_current_shift_at(ctx, "US-OTM")
    dialog = _dialog(ctx, qtbot)
    qtbot.waitUntil(lambda: dialog.selected_code() == "US-OTM")
    assert "Otay Mesa" in dialog.checkpoint_combo.currentText()
    assert not dialog.counts_box.isVisible()

    with qtbot.waitSignal(dialog.shift_opened, timeout=5000) as blocker:
        qtbot.keyClick(dialog.checkpoint_combo, Qt.Key.Key_Return)  # Enter opens it
    shift = blocker.args[0]
    assert shift.checkpoint == "US-OTM"
    assert ctx.shift == shift
    assert dialog.counts_box.isVisible()
    expected = ctx.writer.call(lambda profile: profile.services.shifts.counts(shift))
    assert dialog.encounters_value.text() == str(expected.encounters)
    assert dialog.seizures_value.text() == str(expected.seizures)
    assert dialog.drafts_value.text() == str(expected.drafts)
    assert dialog.waiting_value.text() == str(expected.waiting_for_hq)
    assert expected.waiting_for_hq > 0  # the demo records were never synced
    assert "Otay Mesa" in dialog.note.text()

    # Enter again starts working.
    assert QApplication.focusWidget() is dialog.start_button
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.start_button, Qt.Key.Key_Return)


def test_an_open_shift_is_offered_to_continue(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    qtbot.waitUntil(lambda: dialog.selected_code() == "US-SYS")
    assert "open since" in dialog.note.text()
    assert ctx.shift is not None
    opened = ctx.shift
    with qtbot.waitSignal(dialog.shift_opened) as blocker:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].id == opened.id  # the same shift continues


def test_checkpoints_are_searched_by_name(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    qtbot.waitUntil(lambda: dialog.selected_code() is not None)
    line = _line(dialog)
    line.selectAll()
    qtbot.keyClicks(line, "chaparral")
    completer = dialog.checkpoint_combo.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.selected_code() == "MX-TIJ-CHAP"
    assert dialog.checkpoint_combo.currentText().startswith("MX · ")


def test_a_checkpoint_code_can_be_typed(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    qtbot.waitUntil(lambda: dialog.selected_code() is not None)
    _line(dialog).clear()
    qtbot.keyClicks(_line(dialog), "us-tec")
    assert dialog.selected_code() == "US-TEC"


def test_text_matching_no_checkpoint_is_refused(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    qtbot.waitUntil(lambda: dialog.selected_code() is not None)
    _line(dialog).clear()
    qtbot.keyClicks(_line(dialog), "nowhere at all")
    with qtbot.assertNotEmitted(dialog.shift_opened, wait=200):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Pick a checkpoint from the list."


def test_checkpoints_are_labelled_by_country_with_the_officers_country_first(
    ctx: UiContext, qtbot: QtBot
) -> None:
    dialog = _dialog(ctx, qtbot)
    combo = dialog.checkpoint_combo
    texts = [combo.itemText(i) for i in range(combo.count()) if combo.itemData(i)]
    countries = [t.split(" · ")[0] for t in texts]
    assert countries[0] == "US"  # the demo officer's agency is American
    assert countries == sorted(countries, key=lambda c: c != "US")
    assert len(texts) == len(ctx.reference.checkpoints)


def test_escape_signs_out(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
