"""Crash recovery: SIGKILL the program mid-typing, start again, the draft is offered whole."""

from __future__ import annotations

import os
import selectors
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crash_app import TYPED
from encounter_driver import show_form
from pytestqt.qtbot import QtBot

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
from fieldapp.profile import Profile
from fieldapp.store.db import open_reader
from ui.context import UiContext
from ui.drafts.recovery import RecoveryDialog
from ui.tasks import Readers, Writer

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


@pytest.fixture
def profile_copy(template_profile: Path, tmp_path: Path) -> Path:
    """A copy of the demo profile on disk, not opened by this process."""
    data_dir = tmp_path / "crashed"
    data_dir.mkdir()
    source = sqlite3.connect(template_profile / "fieldapp.db")
    target = sqlite3.connect(data_dir / "fieldapp.db")
    source.backup(target)
    source.close()
    target.close()
    return data_dir


def _run_until_saved(data_dir: Path, timeout: float = 60.0) -> tuple[subprocess.Popen[str], str]:
    """Start the typing program and wait for its "SAVED" line; returns it still running."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    process = subprocess.Popen(
        [sys.executable, str(HERE / "crash_app.py"), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not selector.select(timeout=0.5):
            if process.poll() is not None:
                break
            continue
        line = process.stdout.readline()
        if line.startswith("SAVED "):
            return process, line.split()[1]
        if not line and process.poll() is not None:
            break
    process.kill()
    _, errors = process.communicate(timeout=10)
    pytest.fail(f"the typing program never saved its draft:\n{errors}")


@pytest.fixture
def restarted(profile_copy: Path, qapp: object) -> Iterator[tuple[UiContext, str]]:
    """Type into the form in another process, SIGKILL it, then start again on the profile."""
    process, draft_id = _run_until_saved(profile_copy)
    process.kill()  # SIGKILL: no close event, no flush, no goodbye
    process.communicate(timeout=10)
    assert process.returncode == -9
    profile = Profile.open(profile_copy)
    ctx = UiContext(
        data_dir=profile_copy,
        writer=Writer(profile),
        readers=Readers(profile.store.path),
        ui_conn=open_reader(profile.store.path),
        reference_source=profile.reference(),
    )
    ctx.officer = Authenticator(profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    try:
        yield ctx, draft_id
    finally:
        ctx.writer.shutdown()
        ctx.readers.shutdown()
        ctx.ui_conn.close()
        profile.close()


def test_a_killed_program_loses_nothing_that_was_autosaved(
    restarted: tuple[UiContext, str], qtbot: QtBot
) -> None:
    ctx, draft_id = restarted
    drafts = ctx.writer.call(lambda p: p.services.drafts.unfinished(DEMO_OFFICER))
    assert [d.id for d in drafts] == [draft_id]
    data = drafts[0].data
    assert data["stop_type"] == "vehicle"
    assert data["reason"] == TYPED["reason"]
    assert data["grounds"] == TYPED["grounds"]
    assert data["vehicle"]["plate"] == TYPED["plate"]
    assert data["vehicle"]["make"] == TYPED["make"]
    assert data["people"][0]["name"] == TYPED["name"]
    assert data["narrative"] == TYPED["narrative"]

    dialog = RecoveryDialog(ctx, drafts)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    line = dialog.list.item(0).text()
    assert TYPED["name"] in line and TYPED["plate"] in line and "saved" in line
    dialog.accept()
    assert dialog.chosen == [draft_id]

    form = show_form(ctx, qtbot, draft_id)
    assert form.stop.reason.text() == TYPED["reason"]
    assert form.stop.grounds.text() == TYPED["grounds"]
    assert form.vehicle.involved.isChecked()
    assert form.vehicle.fields["plate"].edit.text() == TYPED["plate"]
    assert form.vehicle.fields["make"].edit.text() == TYPED["make"]
    assert form.people.cards()[0].name.edit.text() == TYPED["name"]
    assert form.narrative.text.toPlainText() == TYPED["narrative"]
