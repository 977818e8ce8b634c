"""The recovery dialog offers every unfinished draft, checked; Enter reopens, Escape waits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.drafts.recovery import RecoveryDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _drafts(ctx: UiContext) -> list[Draft]:
    assert ctx.officer is not None
    actor = ctx.officer.actor

    def make(profile: object) -> list[Draft]:
        drafts = profile.services.drafts  # type: ignore[attr-defined]
        first = drafts.create(actor, "encounter", {"people": [{"name": "José Ruiz"}]})
        drafts.create(actor, "seizure", {"items": [{}]}, parent_id=first.id)
        drafts.create(actor, "encounter", {"vehicle": {"plate": "BCN4411"}})
        return drafts.unfinished(actor.officer_id)

    return ctx.writer.call(make)


def _run(dialog: RecoveryDialog, qtbot: QtBot, *keys: Qt.Key) -> int:
    """Run the dialog modally and press ``keys`` once it is up, as the officer does."""

    def officer() -> None:
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.list.hasFocus)  # the cursor starts on the list
        for key in keys:
            qtbot.keyClick(QApplication.focusWidget(), key)

    QTimer.singleShot(0, officer)
    return dialog.exec()


def test_lists_every_draft_checked_with_its_content(ctx: UiContext, qtbot: QtBot) -> None:
    drafts = _drafts(ctx)
    dialog = RecoveryDialog(ctx, drafts)
    qtbot.addWidget(dialog)
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(lines) == 2  # the seizure is shown as part of its encounter
    assert lines[0].startswith("Encounter · saved ")
    assert lines[0].endswith("1 person: José Ruiz · 1 seizure")
    assert lines[1].endswith("plate BCN4411")
    assert all(
        dialog.list.item(i).checkState() == Qt.CheckState.Checked
        for i in range(dialog.list.count())
    )


def test_enter_reopens_the_checked_drafts(ctx: UiContext, qtbot: QtBot) -> None:
    drafts = _drafts(ctx)
    dialog = RecoveryDialog(ctx, drafts)
    qtbot.addWidget(dialog)
    result = _run(dialog, qtbot, Qt.Key.Key_Space, Qt.Key.Key_Return)  # uncheck the first
    assert result == RecoveryDialog.DialogCode.Accepted
    second = [d for d in drafts if d.parent_id is None][1]
    assert dialog.chosen == [second.id]


def test_escape_leaves_them_for_later(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = RecoveryDialog(ctx, _drafts(ctx))
    qtbot.addWidget(dialog)
    assert _run(dialog, qtbot, Qt.Key.Key_Escape) == RecoveryDialog.DialogCode.Rejected
    assert dialog.chosen == []
