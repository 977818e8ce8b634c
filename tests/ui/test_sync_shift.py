"""Close shift and sync: the shift closes first, the sync shows on the Sync page, HQ or not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.store.syncstate import read_summary
from tests.ui.hq_driver import InProcessHq
from tests.ui.stand_ins import install_page_stand_ins
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[InProcessHq]:
    made = InProcessHq(tmp_path / "hq")
    yield made
    made.close()


@pytest.fixture
def main(
    ctx: UiContext, hq: InProcessHq, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    install_page_stand_ins(monkeypatch)
    ctx.sync_client = hq.client
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _close_shift_and_sync(
    main: MainWindow, qtbot: QtBot, hq: InProcessHq | None = None
) -> QMessageBox:
    """Choose Shift > Close shift and sync, confirm, and wait for the box saying how it went.

    With ``hq``, HQ's line is held a moment to look at the progress on the way.
    """
    main.close_shift_sync_action.trigger()
    box = main.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    assert box.defaultButton().text() == "Close shift and sync"
    if hq is not None:
        hq.line.hold()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    if hq is not None:
        qtbot.waitUntil(hq.line.waiting.is_set, timeout=10_000)
        page = main.page_widgets["sync"]
        assert isinstance(page, SyncPage)
        assert main.current_page() == "sync"
        assert page.progress.isVisible()
        qtbot.waitUntil(lambda: page.phase.text() == "Checking HQ…")
        assert main.status.sync_label.text() == "Syncing: Checking HQ…"
        hq.line.release()
    qtbot.waitUntil(lambda: main.outcome_box is not None, timeout=15_000)
    outcome = main.outcome_box
    assert outcome is not None
    qtbot.waitExposed(outcome)
    return outcome


def _shift_closed(ctx: UiContext, shift_id: str) -> bool:
    row = ctx.ui_conn.execute("SELECT closed_at FROM shifts WHERE id = ?", (shift_id,)).fetchone()
    return row[0] is not None


def test_the_shift_closes_then_everything_reaches_hq(
    main: MainWindow, ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    ctx.writer.call(hq.enroll)
    assert ctx.shift is not None
    shift_id = ctx.shift.id
    device_id = ctx.writer.call(lambda profile: profile.store.device.device_id)
    waiting = read_summary(ctx.ui_conn).waiting
    steps: list[str] = []
    ctx.sync.progress.connect(lambda phase, _done, _total: steps.append(phase))

    box = _close_shift_and_sync(main, qtbot, hq)
    assert _shift_closed(ctx, shift_id) and ctx.shift is None
    assert main.current_page() == "sync"
    assert isinstance(main.page_widgets["sync"], SyncPage)
    assert steps[0] == "health" and "push" in steps
    assert box.text() == "Your shift at San Ysidro Port of Entry is closed."
    assert box.informativeText() == "Synced with HQ: HQ has every event of this device."
    assert hq.held(device_id) == waiting
    assert not main.new_action.isEnabled()  # no new work without a shift
    with qtbot.waitSignal(main.left) as left:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert left.args == ["shift_closed"]


def test_without_hq_the_shift_still_closes_and_the_events_wait(
    main: MainWindow, ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    ctx.writer.call(hq.enroll)
    assert ctx.shift is not None
    shift_id = ctx.shift.id
    waiting = read_summary(ctx.ui_conn).waiting
    hq.line.up = False

    box = _close_shift_and_sync(main, qtbot)
    assert _shift_closed(ctx, shift_id) and ctx.shift is None
    assert box.icon() == QMessageBox.Icon.Warning
    detail = box.informativeText()
    assert detail.startswith("The sync failed: HQ at http://hq.test cannot be reached")
    assert detail.endswith(
        f"Nothing is lost: {waiting} events wait safely on this device and are sent at the "
        "next sync."
    )
    assert main.status.currentMessage() == f"Shift closed. Events waiting for HQ: {waiting}"
    qtbot.waitUntil(lambda: main.status.waiting_label.text() == f"Events waiting for HQ: {waiting}")
    assert read_summary(ctx.ui_conn).waiting == waiting
    with qtbot.waitSignal(main.left):
        qtbot.keyClick(box, Qt.Key.Key_Return)


def test_a_device_not_enrolled_closes_the_shift_and_says_so(
    main: MainWindow, ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    waiting = read_summary(ctx.ui_conn).waiting
    box = _close_shift_and_sync(main, qtbot)
    assert ctx.shift is None
    assert box.informativeText() == (
        f"This device is not enrolled with HQ, so nothing was sent: {waiting} events wait "
        "safely on this device. Enroll it on the Sync page."
    )
    assert hq.line.requests == []
    with qtbot.waitSignal(main.left):
        qtbot.keyClick(box, Qt.Key.Key_Return)
