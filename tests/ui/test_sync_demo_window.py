"""``fieldapp demo``: its own HQ starts after the sign-in window, the profile enrolls, Sync works.

A real HQ on loopback (uvicorn in a thread), as the demo runs it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
from fieldapp.store.syncstate import read_summary
from ui import app as app_module
from ui.app import Application
from ui.launcher import main
from ui.sync_watch import probe_health

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def profile_dir(template_profile: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    source = sqlite3.connect(template_profile / "fieldapp.db")
    target = sqlite3.connect(data_dir / "fieldapp.db")
    source.backup(target)
    source.close()
    target.close()
    return data_dir


def test_the_demo_starts_hq_after_the_window_enrolls_and_syncs_then_removes_it(
    profile_dir: Path, tmp_path: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    hq_dir = tmp_path / "hq"
    app = Application(
        profile_dir,
        demo=True,
        demo_hint=(DEMO_OFFICER, DEMO_PASSWORD),
        demo_hq_dir=hq_dir,
    )
    try:
        app.start()
        # The sign-in window is up before HQ is even asked for.
        assert app.login is not None and app.login.isVisible()
        assert app.demo_hq is None and not hq_dir.exists()
        qtbot.waitUntil(lambda: app.demo_hq is not None)
        demo_hq = app.demo_hq
        assert demo_hq is not None
        with qtbot.waitSignal(demo_hq.enrolled, timeout=30_000) as enrolled:
            pass
        url = enrolled.args[0]
        assert url.startswith("http://127.0.0.1:")
        summary = read_summary(app.ctx.ui_conn)
        assert summary.enrolled and summary.hq_url == url
        assert (hq_dir / "hq.db").is_file()

        assert probe_health(url)
        # Events wait and HQ answers: the watcher syncs by itself.
        runner = app.ctx.sync
        qtbot.waitUntil(lambda: runner.last_report is not None, timeout=30_000)
        report = runner.last_report
        assert report is not None and report.error is None, report.sentence()
        summary = read_summary(app.ctx.ui_conn)
        assert summary.waiting == 0 and summary.last_success_at is not None
    finally:
        app.quit()
    assert app.demo_hq is None
    assert not hq_dir.exists()
    assert not probe_health(url, timeout=2)


def test_without_a_display_the_demo_runs_on_the_command_line_and_syncs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app_module, "run_gui", lambda *a, **k: pytest.fail("no window"))
    assert main(["demo", "--records", "3"]) == 0
    out = capsys.readouterr().out
    assert "here is the command-line demo instead" in out
    assert "Demo sign-in: officer off-demo, password checkpoint" in out
    assert "Enrolled with the demo HQ at http://127.0.0.1:" in out
    assert "Sync failed" not in out
    assert "nothing waits for HQ" in out or "No event waits for HQ" in out
    assert "The demo HQ has stopped and its files are removed." in out
    profile = next(line for line in out.splitlines() if line.startswith("Demo profile: "))
    assert not Path(profile.removeprefix("Demo profile: ")).exists()
