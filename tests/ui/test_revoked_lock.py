"""A device HQ revoked locks: only the lock screen, what happened to its records, nothing more.

Driven through :class:`ui.app.Application` with qtbot, against HQ's real web
application in this process (``tests/ui/hq_driver.py``) where HQ takes part.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
from fieldapp.profile import Profile
from fieldapp.store.syncstate import SyncState, read_summary
from tests.ui.encounter_driver import type_into
from tests.ui.hq_driver import InProcessHq
from tests.ui.stand_ins import install_page_stand_ins
from tests.ui.test_i18n_complete import looks_english
from ui.app import Application
from ui.forms.encounter import EncounterForm
from ui.main_window import MainWindow
from ui.revoked import RevokedWindow
from ui.shift import ShiftDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

REVOKED_AT = "2026-11-28T09:00:00+00:00"


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    install_page_stand_ins(monkeypatch)


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


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[InProcessHq]:
    made = InProcessHq(tmp_path / "hq")
    yield made
    made.close()


def _hq_holds_half(profile: Profile) -> None:
    """HQ acknowledged the first half of this device's events and holds their files."""
    store = profile.store
    device_id = store.device.device_id
    head = store.conn.execute(
        "SELECT head_seq FROM origins WHERE origin = ?", (device_id,)
    ).fetchone()[0]
    half = int(head) // 2
    store.mark_synced(device_id, half)
    SyncState(store).confirm_files(half)


def _revoke_here(data_dir: Path, *, reported: bool) -> tuple[int, int]:
    """The device learned of its revocation and wiped; (records wiped, records kept)."""
    profile = Profile.open(data_dir)
    try:
        _hq_holds_half(profile)
        state = SyncState(profile.store)
        state.record_revocation(REVOKED_AT, "laptop reported stolen", True)
        outcome = state.wipe()
        assert outcome is not None
        if reported:
            state.mark_wipe_reported("2026-11-28T10:00:00+00:00")
        return outcome.records_wiped, outcome.records_kept
    finally:
        profile.close()


def _start(data_dir: Path, hq: InProcessHq | None = None, **kwargs: object) -> Application:
    app = Application(data_dir, demo=True, watch=False, **kwargs)  # type: ignore[arg-type]
    app.start()
    if hq is not None:
        app.ctx.sync_client = hq.client  # before anything syncs
    return app


def _lock_screen(qtbot: QtBot, app: Application) -> RevokedWindow:
    qtbot.waitUntil(lambda: app.locked is not None, timeout=15_000)
    screen = app.locked
    assert isinstance(screen, RevokedWindow)
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.summary is not None)
    return screen


def _only_window(app: Application, screen: QWidget) -> None:
    """The lock screen is the only window shown: no sign-in, no shift, no main window."""
    assert app.login is None and app.shift_dialog is None and app.main_window is None
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert shown == [screen]


def test_a_revoked_profile_opens_on_the_lock_screen_and_quits(
    profile_dir: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    wiped, kept = _revoke_here(profile_dir, reported=True)
    assert wiped > 0 and kept > 0
    app = _start(profile_dir)
    try:
        screen = _lock_screen(qtbot, app)
        _only_window(app, screen)
        assert screen.title.text() == "This device is locked"
        assert "HQ revoked this device on 2026-11-28" in screen.revoked.text()
        assert "laptop reported stolen" in screen.revoked.text()
        records = screen.records.text()
        assert f"{wiped} records HQ holds were removed" in records
        assert f"{kept} records HQ has not received wholly are kept" in records
        assert "hand the laptop to your supervisor" in records
        assert "Drafts are kept" in screen.drafts.text()
        assert "HQ has the signed report of the wipe (received 2026-11-28" in screen.report.text()
        # Nothing left to settle with HQ: no button to try, no timer.
        assert not screen.retry_button.isVisible()
        assert not screen.timer.isActive()
        # Signing in is not possible any more.
        app.show_login()
        assert app.login is None
        with qtbot.waitSignal(app.finished) as ended:
            qtbot.mouseClick(screen.quit_button, Qt.MouseButton.LeftButton)
        assert ended.args == [0]
        assert app.profile is None
    finally:
        app.quit()


def test_revocation_learned_while_working_saves_the_form_and_locks(
    profile_dir: Path, hq: InProcessHq, qapp: QApplication, qtbot: QtBot, stand_ins: None
) -> None:
    # HQ holds what this laptop sent before; then it is revoked, with a wipe.
    profile = Profile.open(profile_dir)
    try:
        hq.enroll(profile)
        with hq.client(profile) as client:
            assert client.sync().error is None
        officer = Authenticator(profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    except BaseException:
        profile.close()
        raise
    app = _start(profile_dir, hq, unlocked=(profile, officer))
    try:
        dialog = app.shift_dialog
        assert isinstance(dialog, ShiftDialog)
        qtbot.waitExposed(dialog)
        line = dialog.checkpoint_combo.lineEdit()
        assert line is not None
        line.clear()
        qtbot.keyClicks(line, "US-SYS")
        qtbot.keyClick(dialog.checkpoint_combo, Qt.Key.Key_Return)
        qtbot.waitUntil(dialog.counts_box.isVisible, timeout=5000)
        qtbot.keyClick(dialog.start_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: app.main_window is not None)
        main = app.main_window
        assert isinstance(main, MainWindow)
        qtbot.waitExposed(main)

        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        qtbot.mouseClick(main.new_button, Qt.MouseButton.LeftButton)
        form = main.tabs.currentWidget()
        assert isinstance(form, EncounterForm)
        qtbot.waitUntil(lambda: form.is_loaded)
        type_into(qtbot, form.stop.reason, "Nervous driver, typed before the lock")
        hq.hq.revoke("lane 4", "laptop reported stolen", wipe=True)

        # The officer syncs from the Sync page; HQ answers that the device is revoked.
        qtbot.keyClick(main, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        page = main.page_widgets["sync"]
        sync_button = page.sync_button  # type: ignore[attr-defined]
        qtbot.waitUntil(sync_button.isEnabled)
        qtbot.mouseClick(sync_button, Qt.MouseButton.LeftButton)

        screen = _lock_screen(qtbot, app)
        _only_window(app, screen)
        assert not Shiboken.isValid(main) or not main.isVisible()
        assert app.ctx.officer is None and app.ctx.shift is None

        # What was typed is in the drafts table.
        drafts = app.ctx.writer.call(lambda p: p.services.drafts.unfinished(DEMO_OFFICER))
        assert [d.data.get("reason") for d in drafts] == ["Nervous driver, typed before the lock"]

        # HQ held everything: the wipe removed it all, and HQ has its report.
        summary = read_summary(app.ctx.ui_conn)
        assert summary.wipe is not None and summary.wipe.reported
        assert f"{summary.wipe.records_wiped} records HQ holds were removed" in (
            screen.records.text()
        )
        assert "HQ has the signed report of the wipe" in screen.report.text()
        assert len(hq.hq.wipe_reports("lane 4")) == 1
        assert not screen.retry_button.isVisible()
    finally:
        app.quit()


def test_try_again_now_sends_the_wipe_report_when_hq_answers(
    profile_dir: Path, hq: InProcessHq, qapp: QApplication, qtbot: QtBot
) -> None:
    profile = Profile.open(profile_dir)
    try:
        hq.enroll(profile)
        with hq.client(profile) as client:
            assert client.sync().error is None
    finally:
        profile.close()
    hq.hq.revoke("lane 4", "laptop reported stolen", wipe=True)
    # The device learned it and wiped, but HQ could not be told yet.
    _revoke_here(profile_dir, reported=False)
    app = _start(profile_dir, hq)
    pushes = hq.line.count("/push")
    try:
        screen = _lock_screen(qtbot, app)
        assert "HQ does not have the signed report of the wipe yet" in screen.report.text()
        assert screen.retry_button.isVisible() and screen.retry_button.isEnabled()
        assert screen.timer.isActive()  # tried again by itself too

        hq.line.up = False
        with qtbot.waitSignal(app.ctx.sync.finished, timeout=10_000):
            qtbot.mouseClick(screen.retry_button, Qt.MouseButton.LeftButton)
            assert screen.busy.isVisible()
            assert screen.outcome.text() == "Asking HQ…"
        qtbot.waitUntil(lambda: "Not settled with HQ yet" in screen.outcome.text())
        assert "not have the signed report" in screen.report.text()

        hq.line.up = True
        with qtbot.waitSignal(app.ctx.sync.finished, timeout=10_000):
            qtbot.mouseClick(screen.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "HQ has the signed report" in screen.report.text())
        assert "HQ answered at" in screen.outcome.text()
        assert not screen.retry_button.isVisible()
        assert not screen.timer.isActive()
        assert len(hq.hq.wipe_reports("lane 4")) == 1
        # A revoked device sends nothing else.
        assert hq.line.count("/push") == pushes
    finally:
        app.quit()


def test_the_lock_screen_in_spanish(profile_dir: Path, qapp: QApplication, qtbot: QtBot) -> None:
    _revoke_here(profile_dir, reported=False)
    app = _start(profile_dir)
    translator = app.translator
    assert translator is not None
    core = QCoreApplication.instance()
    assert core is not None
    try:
        screen = _lock_screen(qtbot, app)
        translator.set_language(core, "es", remember=False)
        qtbot.waitUntil(lambda: screen.title.text() == "Este dispositivo está bloqueado")
        texts = [
            screen.revoked.text(),
            screen.records.text(),
            screen.drafts.text(),
            screen.report.text(),
            screen.retry_button.text(),
            screen.quit_button.text(),
        ]
        for text in texts:
            assert text and not looks_english(text), text
    finally:
        translator.set_language(core, "en", remember=False)
        app.quit()


def test_a_long_wipe_is_named_while_the_sync_runs(qapp: QApplication) -> None:
    from sync.report import WIPE
    from ui.sync_run import progress_text

    assert progress_text(WIPE, 0, 1) == "HQ revoked this device: removing the records HQ holds…"


def test_one_record_is_said_in_the_singular(qapp: QApplication) -> None:
    from fieldapp.store.syncstate import SyncSummary, WipeRecord
    from ui.revoked import wipe_lines

    wipe = WipeRecord("e", "2026-11-28T09:00:00+00:00", 1, 1, ("r",), 0, None)
    summary = SyncSummary(
        hq_url="https://hq.example",
        device_name="lane 4",
        enrolled_at=None,
        waiting=0,
        acknowledged=0,
        quarantined=(),
        last_success_at=None,
        last_failure_at=None,
        last_failure=None,
        pull_cursor=0,
        reference_version=None,
        revoked_at="2026-11-28T09:00:00+00:00",
        revoked_reason="stolen",
        wipe_requested=True,
        wipe=wipe,
    )
    records, report = wipe_lines(summary)
    assert records.startswith("1 record HQ holds was removed")
    assert "1 record HQ has not received wholly is kept" in records
    assert "not have the signed report" in report


def test_kept_records_the_lock_screen_still_asks_hq_now_and_then(
    profile_dir: Path, qtbot: QtBot
) -> None:
    profile = Profile.open(profile_dir)
    try:
        SyncState(profile.store).record_revocation(REVOKED_AT, "lost", False)
    finally:
        profile.close()
    app = _start(profile_dir)
    try:
        window = app.locked
        assert isinstance(window, RevokedWindow)
        qtbot.waitUntil(lambda: window.summary is not None, timeout=5000)
        assert "HQ did not ask for a wipe" in window.records.text()
        # Nothing to settle now, so no button; but HQ may still ask for the wipe (a lost
        # laptop found stolen), so it is asked again every half hour.
        assert window.retry_button.isHidden()
        assert window.timer.isActive() and window.timer.interval() == 30 * 60_000
    finally:
        app.quit()
