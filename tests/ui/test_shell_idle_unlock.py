"""The idle lock and the unlock window of an encrypted profile (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp import keys
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD, create_demo_profile
from fieldapp.profile import Profile
from ui.app import Application
from ui.context import UiContext
from ui.idle import SETTING_KEY, idle_minutes
from ui.main_window import SIGN_OUT, MainWindow
from ui.unlock import UnlockDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def encrypted_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(keys, "DEFAULT_PARAMS", keys.KdfParams(1, 1024, 1))
    data_dir = tmp_path / "encrypted"
    create_demo_profile(data_dir, records=2, encrypt=True).close()
    return data_dir


def _set_idle(profile: Profile, minutes: float) -> None:
    with profile.store.transaction() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTING_KEY, str(minutes)),
        )


def test_idle_lock_signs_out_and_keeps_the_draft(
    ctx: UiContext, ui_profile: Profile, qtbot: QtBot
) -> None:
    assert idle_minutes(ctx.ui_conn) == 10.0
    _set_idle(ui_profile, 0.004)  # 240 ms
    assert ctx.officer is not None
    actor = ctx.officer.actor
    draft = ctx.writer.call(
        lambda p: p.services.drafts.create(actor, "encounter", {"narrative": "kept"})
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.tabs.open_form(draft.id)
    assert window.tabs.count() > 1
    with qtbot.waitSignal(window.left, timeout=5000) as left:
        pass
    assert left.args == [SIGN_OUT]
    assert window.tabs.count() == 1
    kept = [d.id for d in ui_profile.services.drafts.unfinished(DEMO_OFFICER)]
    assert draft.id in kept


def test_activity_postpones_the_lock(ctx: UiContext, ui_profile: Profile, qtbot: QtBot) -> None:
    _set_idle(ui_profile, 0.01)  # 600 ms
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    left: list[str] = []
    window.left.connect(left.append)
    for _ in range(4):
        qtbot.wait(300)
        qtbot.keyClick(window.nav, "a")
    assert left == []
    qtbot.waitUntil(lambda: left == [SIGN_OUT], timeout=5000)


def test_unlock_window_refuses_a_wrong_password_then_opens(
    encrypted_dir: Path, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(encrypted_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.officer_edit, DEMO_OFFICER)
    qtbot.keyClicks(dialog.password_edit, "wrong")
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert dialog.message.text() == (
        "Unknown officer id or wrong password (4 attempt(s) left before a lockout)."
    )
    assert dialog.result_pair is None
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.unlock_button.click()
    assert dialog.result_pair is not None
    profile, officer = dialog.result_pair
    with profile:
        assert officer.id == DEMO_OFFICER
        assert profile.store.key is not None


def test_the_program_starts_at_the_shift_after_unlocking(
    encrypted_dir: Path, qapp: QApplication
) -> None:
    from fieldapp.unlock import unlock

    app = Application(
        encrypted_dir, watch=False, unlocked=unlock(encrypted_dir, DEMO_OFFICER, DEMO_PASSWORD)
    )
    app.start()
    try:
        assert app.login is None and app.shift_dialog is not None
        assert app.ctx.officer is not None and app.ctx.officer.id == DEMO_OFFICER
    finally:
        app.quit()


def test_the_idle_minutes_are_a_setting(ctx: UiContext, qtbot: QtBot) -> None:
    from ui.settings_page import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.idle_spin.value() == 10
    page.idle_spin.setValue(3)
    ctx.writer.call(lambda profile: None)  # the save ran before this
    assert idle_minutes(ctx.ui_conn) == 3.0


def test_unlock_window_locks_an_officer_out_after_five_wrong_passwords(
    encrypted_dir: Path, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(encrypted_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.officer_edit, DEMO_OFFICER)
    for attempt in range(1, 6):
        qtbot.keyClicks(dialog.password_edit, f"guess {attempt}")
        dialog.unlock_button.click()
        qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled(), timeout=10_000)
        if attempt < 5:
            assert f"({5 - attempt} attempt(s) left before a lockout)" in dialog.message.text()
    assert dialog.message.text().startswith(
        f"Too many wrong passwords: {DEMO_OFFICER} is locked on this device until "
    )
    # The right password does not open the profile during the lockout.
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled(), timeout=10_000)
    assert dialog.result_pair is None
    assert "is locked on this device until" in dialog.message.text()
