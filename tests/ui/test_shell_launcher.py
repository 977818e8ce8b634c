"""The ``fieldapp`` command: the core's commands delegated, the window, the demo."""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
from fieldapp.profile import Profile
from ui import app as app_module
from ui.app import DemoSeeder, log_to_profile
from ui.launcher import display_problem, main

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


def test_verify_is_the_core_command(profile_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--data-dir", str(profile_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Log intact: ")
    assert "every link, hash and signature checked" in out


def test_a_failing_core_command_keeps_its_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--data-dir", str(tmp_path / "nothing")]) == 1
    assert "There is no profile" in capsys.readouterr().err


def test_search_is_the_core_command(profile_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "fentanyl", "--data-dir", str(profile_dir)]) == 0
    assert capsys.readouterr().out.strip()


def test_no_command_opens_the_window_on_the_profile(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Path, bool]] = []

    def fake_gui(data_dir: Path, demo: bool = False) -> int:
        calls.append((data_dir, demo))
        return 0

    monkeypatch.setattr(app_module, "run_gui", fake_gui)
    assert main(["--data-dir", str(tmp_path / "a")]) == 0
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "b"))
    assert main([]) == 0
    assert calls == [(tmp_path / "a", False), (tmp_path / "b", False)]


def test_demo_makes_a_profile_prints_the_sign_in_and_removes_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: QApplication
) -> None:
    seen: dict[str, object] = {}

    def fake_gui(data_dir: Path, demo: bool = False, demo_hq_dir: Path | None = None) -> int:
        with Profile.open(data_dir) as profile:
            seen["encounters"] = profile.store.conn.execute(
                "SELECT count(*) FROM records WHERE record_type = 'encounter'"
            ).fetchone()[0]
            officer = Authenticator(profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
            seen["officer"] = officer.id
        seen["data_dir"] = data_dir
        seen["demo"] = demo
        seen["demo_hq_dir"] = demo_hq_dir
        return 0

    monkeypatch.setattr(app_module, "run_gui", fake_gui)
    assert main(["demo", "--records", "4"]) == 0
    out = capsys.readouterr().out
    assert "Demo sign-in: officer off-demo, password checkpoint" in out
    assert "A demo HQ runs on this computer" in out
    assert seen["encounters"] == 4
    assert seen["officer"] == DEMO_OFFICER
    assert seen["demo"] is True
    data_dir, hq_dir = seen["data_dir"], seen["demo_hq_dir"]
    assert isinstance(data_dir, Path) and isinstance(hq_dir, Path)
    assert hq_dir.parent == data_dir.parent  # both in the demo's temporary folder
    assert not data_dir.exists()  # the throwaway profile is gone
    assert not data_dir.parent.exists()  # and the folder with it


def test_a_cancelled_demo_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[Path] = []

    def cancelled(data_dir: Path, records: int) -> bool:
        made.append(data_dir)
        return False

    monkeypatch.setattr(app_module, "build_demo_profile", cancelled)
    monkeypatch.setattr(app_module, "run_gui", lambda *a, **k: pytest.fail("no window"))
    assert main(["demo"]) == 1
    assert "cancelled" in capsys.readouterr().err
    assert not made[0].exists()


def test_seeding_reports_progress_and_can_be_cancelled(
    tmp_path: Path, qtbot: QtBot, qapp: QApplication
) -> None:
    seeder = DemoSeeder(tmp_path / "demo", records=5000)
    progress: list[tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        progress.append((done, total))
        seeder.cancel()

    seeder.progress.connect(report)
    with qtbot.waitSignal(seeder.finished, timeout=20_000):
        seeder.start()
    seeder.join()
    assert seeder.error is None
    assert seeder.cancelled
    assert progress
    assert progress[0][1] == 5000
    with Profile.open(tmp_path / "demo") as profile:
        made = profile.store.conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert 0 < made < 5000


def test_without_a_display_the_window_commands_say_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app_module, "run_gui", lambda *a, **k: pytest.fail("no window"))
    assert main([]) == 2
    assert "try the command-line demo: fieldapp demo" in capsys.readouterr().err
    assert display_problem({"DISPLAY": ":0"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_log_is_kept_in_the_profile_folder(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    handler = log_to_profile(tmp_path / "profile")
    try:
        assert handler is not None
        logging.getLogger("ui.tasks").error("background task failed")
        handler.flush()
    finally:
        for added in set(root.handlers) - set(handlers):
            root.removeHandler(added)
            added.close()
        root.setLevel(level)
    text = (tmp_path / "profile" / "fieldapp.log").read_text(encoding="utf-8")
    assert "ERROR ui.tasks: background task failed" in text
