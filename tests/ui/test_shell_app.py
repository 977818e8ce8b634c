"""The whole program as an officer meets it: sign in, open a shift, work, sign out, quit.

Driven through :class:`ui.app.Application` with qtbot, never ``exec()``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
from fieldapp.profile import Profile
from tests.ui.stand_ins import install_page_stand_ins
from ui.app import Application
from ui.login import LoginWindow
from ui.main_window import MainWindow
from ui.shift import ShiftDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def profile_dir(template_profile: Path, tmp_path: Path) -> Path:
    """A copy of the demo profile, closed (the program opens it itself)."""
    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    source = sqlite3.connect(template_profile / "fieldapp.db")
    target = sqlite3.connect(data_dir / "fieldapp.db")
    source.backup(target)
    source.close()
    target.close()
    return data_dir


def _application(data_dir: Path, demo: bool = True) -> Application:
    app = Application(
        data_dir, demo=demo, demo_hint=(DEMO_OFFICER, DEMO_PASSWORD) if demo else None
    )
    app.start()
    return app


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages other modules provide, replaced: this file tests the moves between windows."""
    install_page_stand_ins(monkeypatch)


@pytest.fixture
def application(profile_dir: Path, qapp: QApplication, stand_ins: None) -> Iterator[Application]:
    app = _application(profile_dir)
    yield app
    app.quit()


def _sign_in(qtbot: QtBot, app: Application) -> ShiftDialog:
    login = app.login
    assert isinstance(login, LoginWindow)
    qtbot.waitExposed(login)
    qtbot.waitUntil(login.sign_in_button.isEnabled)
    qtbot.keyClicks(login.officer_edit, DEMO_OFFICER)
    qtbot.keyClicks(login.password_edit, DEMO_PASSWORD)
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.shift_dialog is not None, timeout=5000)
    assert app.login is None
    assert not Shiboken.isValid(login) or not login.isVisible()
    dialog = app.shift_dialog
    assert dialog is not None
    # The keyboard is in the checkpoint field at once.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.checkpoint_combo
    return dialog


def _open_shift(
    qtbot: QtBot, app: Application, dialog: ShiftDialog, code: str | None = None
) -> MainWindow:
    qtbot.waitExposed(dialog)
    if code is not None:
        line = dialog.checkpoint_combo.lineEdit()
        assert line is not None
        line.clear()
        qtbot.keyClicks(line, code)
    qtbot.keyClick(dialog.checkpoint_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.counts_box.isVisible, timeout=5000)
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.main_window is not None)
    main = app.main_window
    assert main is not None
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    assert app.shift_dialog is None
    assert not Shiboken.isValid(dialog) or not dialog.isVisible()
    return main


def test_sign_in_open_a_shift_work_sign_out_close_shift_quit(
    application: Application, qtbot: QtBot
) -> None:
    app = application
    ctx = app.ctx
    assert app.login is not None
    assert app.login.hint.isVisible()

    dialog = _sign_in(qtbot, app)
    assert ctx.officer is not None
    assert ctx.officer.id == DEMO_OFFICER
    main = _open_shift(qtbot, app, dialog, "US-OTM")
    assert ctx.shift is not None
    assert ctx.shift.checkpoint == "US-OTM"
    assert "Demo Officer" in main.windowTitle()
    assert "DEMO" in main.windowTitle()
    assert "Otay Mesa" in main.status.officer_label.text()

    # Sign out and in again: the open shift is offered first.
    main.sign_out_action.trigger()
    qtbot.waitUntil(lambda: app.login is not None)
    assert ctx.officer is None
    dialog = _sign_in(qtbot, app)
    qtbot.waitUntil(lambda: dialog.selected_code() == "US-OTM")
    main = _open_shift(qtbot, app, dialog)

    # Close the shift: back to the shift dialog, for the same officer.
    main.close_shift()
    box = main.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.shift_dialog is not None)
    assert ctx.shift is None
    assert ctx.officer is not None
    assert app.main_window is None

    with qtbot.waitSignal(app.finished) as blocker:
        assert app.quit()
    assert blocker.args == [0]
    assert app.profile is None


def test_closing_the_main_window_quits(application: Application, qtbot: QtBot) -> None:
    main = _open_shift(qtbot, application, _sign_in(qtbot, application), "US-SYS")
    with qtbot.waitSignal(application.finished):
        qtbot.keyClick(main, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert application.stopped
    assert application.profile is None


def test_closing_the_sign_in_window_quits(application: Application, qtbot: QtBot) -> None:
    assert application.login is not None
    with qtbot.waitSignal(application.finished):
        application.login.close()


def test_quitting_waits_for_pending_writes(profile_dir: Path, qapp: QApplication) -> None:
    app = _application(profile_dir)

    def slow_write(profile: Profile) -> None:
        time.sleep(0.3)  # a draft autosave still running when the officer quits
        with profile.store.transaction() as db:
            db.execute("INSERT INTO settings (key, value) VALUES ('autosaved', 'yes')")

    app.ctx.writer.submit(slow_write)
    assert app.quit()
    conn = sqlite3.connect(profile_dir / "fieldapp.db")
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'autosaved'").fetchone()
    finally:
        conn.close()
    assert row == ("yes",)


def test_a_device_without_credentials_is_told_what_to_do(
    tmp_path: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    app = _application(tmp_path / "new-device", demo=False)
    try:
        login = app.login
        assert login is not None
        qtbot.waitUntil(login.no_credentials.isVisible)
        assert "no officer credentials" in login.no_credentials.text()
        assert not login.hint.isVisible()
    finally:
        app.quit()
    assert (tmp_path / "new-device" / "fieldapp.db").is_file()
