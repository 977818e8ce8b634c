"""Signing in: right and wrong password, the lockout, the demo hint, a device without officers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.auth import MAX_FAILURES
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
from fieldapp.profile import Profile
from fieldapp.store.db import open_reader
from ui.context import UiContext
from ui.login import LoginWindow
from ui.tasks import Readers, Writer

# Qt's offscreen platform warns that it cannot size, raise or grab windows.
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _window(ctx: UiContext, qtbot: QtBot, hint: tuple[str, str] | None = None) -> LoginWindow:
    window = LoginWindow(ctx, demo_hint=hint)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def login(ctx: UiContext, qtbot: QtBot) -> LoginWindow:
    """A sign-in window on the demo profile, its credential check done."""
    window = _window(ctx, qtbot)
    qtbot.waitUntil(window.sign_in_button.isEnabled)
    return window


def type_credentials(qtbot: QtBot, window: LoginWindow, officer: str, password: str) -> None:
    """Type both fields as an officer would and press Enter in the password field."""
    window.officer_edit.clear()
    qtbot.keyClicks(window.officer_edit, officer)
    qtbot.keyClick(window.officer_edit, Qt.Key.Key_Return)  # moves on to the password
    assert QApplication.focusWidget() is window.password_edit
    qtbot.keyClicks(window.password_edit, password)
    qtbot.keyClick(window.password_edit, Qt.Key.Key_Return)


def _attempt_done(window: LoginWindow) -> bool:
    return not window._checking


def test_right_password_signs_in(login: LoginWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(login.signed_in, timeout=5000) as blocker:
        type_credentials(qtbot, login, DEMO_OFFICER, DEMO_PASSWORD)
    officer = blocker.args[0]
    assert officer.id == DEMO_OFFICER
    assert officer.name == "Demo Officer"
    assert not login.message.isVisible()
    assert login.password_edit.text() == ""


def test_wrong_password_is_a_message_beside_the_fields(login: LoginWindow, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(login.signed_in):
        type_credentials(qtbot, login, DEMO_OFFICER, "not-the-password")
        qtbot.waitUntil(login.message.isVisible)
    qtbot.waitUntil(lambda: _attempt_done(login))
    text = login.message.text()
    assert "wrong password" in text
    assert f"{MAX_FAILURES - 1} attempt(s) left" in text
    # Right under the password field, in the same column.
    assert login.message.parent() is login.password_edit.parent()
    assert login.message.geometry().top() >= login.password_edit.geometry().bottom()
    assert login.message.geometry().left() == login.password_edit.geometry().left()
    # The password is cleared and the cursor is back in it, ready for another try.
    assert login.password_edit.text() == ""
    assert QApplication.focusWidget() is login.password_edit
    assert login.sign_in_button.isEnabled()


def test_empty_fields_are_named(login: LoginWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    assert login.message.text() == "Type your officer id."
    qtbot.keyClicks(login.officer_edit, DEMO_OFFICER)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    assert login.message.text() == "Type your password."
    assert QApplication.focusWidget() is login.password_edit


def test_five_failures_lock_the_officer_out(
    login: LoginWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    for _ in range(MAX_FAILURES):
        type_credentials(qtbot, login, DEMO_OFFICER, "guess")
        qtbot.waitUntil(lambda: _attempt_done(login), timeout=5000)
    row = ctx.ui_conn.execute(
        "SELECT locked_until FROM login_failures WHERE officer_id = ?", (DEMO_OFFICER,)
    ).fetchone()
    until = dt.datetime.fromisoformat(row[0]).astimezone().strftime("%H:%M")
    assert not login.sign_in_button.isEnabled()
    assert login.message.isVisible()
    assert "locked on this device until" in login.message.text()
    assert until in login.message.text()
    # Even the right password is not tried while the lockout lasts.
    with qtbot.assertNotEmitted(login.signed_in, wait=300):
        qtbot.keyClicks(login.password_edit, DEMO_PASSWORD)
        qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    # Another officer may still sign in on this device.
    login.officer_edit.clear()
    qtbot.keyClicks(login.officer_edit, "off-0001")
    assert login.sign_in_button.isEnabled()
    assert not login.message.isVisible()
    login.officer_edit.clear()
    qtbot.keyClicks(login.officer_edit, DEMO_OFFICER)
    assert not login.sign_in_button.isEnabled()


def test_the_demo_hint_shows_the_credentials(ctx: UiContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot, hint=(DEMO_OFFICER, DEMO_PASSWORD))
    assert window.hint.isVisible()
    assert DEMO_OFFICER in window.hint.text()
    assert DEMO_PASSWORD in window.hint.text()


def test_no_hint_without_demo(login: LoginWindow) -> None:
    assert not login.hint.isVisible()


@pytest.fixture
def bare_ctx(tmp_path: Path, qapp: QApplication) -> Iterator[UiContext]:
    """A new profile with the bundled reference data: no officer has a password here."""
    profile = Profile.open(tmp_path / "bare", create=True)
    writer = Writer(profile)
    readers = Readers(profile.store.path)
    conn = open_reader(profile.store.path)
    yield UiContext(tmp_path / "bare", writer, readers, conn, profile.reference())
    writer.shutdown()
    readers.shutdown()
    conn.close()
    profile.close()


def test_a_device_without_credentials_says_what_to_do(bare_ctx: UiContext, qtbot: QtBot) -> None:
    window = _window(bare_ctx, qtbot)
    qtbot.waitUntil(window.no_credentials.isVisible)
    text = window.no_credentials.text()
    assert "no officer credentials" in text
    assert "enroll it with HQ" in text.replace("Enroll", "enroll")
    assert "fieldapp demo" in text
    assert not window.sign_in_button.isEnabled()
    assert not window.officer_edit.isEnabled()
