"""The Sync page, driven as an officer would: enroll, Sync now, failures, refusals, double clicks.

HQ is the real application in this process (``tests/ui/hq_driver.py``),
reached through the program's client seam (``ctx.sync_client``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from fieldapp.services import queries
from fieldapp.store.syncstate import read_summary
from sync.report import SyncReport
from tests.ui.hq_driver import InProcessHq
from ui.context import UiContext
from ui.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[InProcessHq]:
    made = InProcessHq(tmp_path / "hq")
    yield made
    made.close()


@pytest.fixture
def sync_ctx(ctx: UiContext, hq: InProcessHq) -> UiContext:
    """The test profile's context, its syncs reaching the in-process HQ."""
    ctx.sync_client = hq.client
    return ctx


def _page(ctx: UiContext, qtbot: QtBot) -> SyncPage:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    qtbot.waitUntil(lambda: page.state is not None)
    return page


def _enrolled_page(ctx: UiContext, hq: InProcessHq, qtbot: QtBot) -> SyncPage:
    ctx.writer.call(hq.enroll)
    page = _page(ctx, qtbot)
    assert page.sync_button.isEnabled()
    return page


def _own(ctx: UiContext) -> tuple[str, int]:
    device_id = ctx.writer.call(lambda profile: profile.store.device.device_id)
    return device_id, read_summary(ctx.ui_conn).waiting


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _missing_files(page: SyncPage) -> int:
    report = page.runner.last_report
    assert report is not None
    return len(report.attachments_missing_here)


def _sync_now(page: SyncPage, qtbot: QtBot) -> None:
    """Press Sync now and wait for the sync and the page's new numbers."""
    with qtbot.waitSignal(page.runner.finished, timeout=15_000):
        _click(qtbot, page.sync_button)
    qtbot.waitUntil(lambda: not page._reading and page.sync_button.isEnabled(), timeout=5000)


def test_enrolling_from_the_screen(sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot) -> None:
    page = _page(sync_ctx, qtbot)
    form = page.enroll_form
    assert form.isVisible()
    assert not page.sync_button.isVisible()
    assert "not enrolled with HQ yet" in page.enrollment.text()

    qtbot.keyClicks(form.url_edit, hq.url)
    qtbot.keyClicks(form.code_edit, hq.code("SYS lane 4"))
    with qtbot.waitSignal(form.enrolled, timeout=10_000):
        _click(qtbot, form.enroll_button)
        assert form.enroll_button.text() == "Enrolling…"
        assert not form.enroll_button.isEnabled()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
    assert page.enrollment.text().startswith('Enrolled with HQ at http://hq.test as "SYS lane 4"')
    assert page.sync_button.isVisible() and page.sync_button.isEnabled()
    assert page.last_sync_value.text() == "never"
    assert [d.name for d in hq.hq.devices()] == ["SYS lane 4"]


def test_problems_are_sentences_beside_their_field(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    page = _page(sync_ctx, qtbot)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    form = page.enroll_form

    qtbot.keyClick(form.url_edit, Qt.Key.Key_Return)
    assert form.url_error.isVisible()
    assert form.url_error.text() == "Type HQ's address, like https://hq.example.org."

    qtbot.keyClicks(form.url_edit, "hq headquarters")
    qtbot.keyClicks(form.code_edit, "ABCD-EFGH")
    with qtbot.waitSignal(sync_ctx.sync.enroll_finished, timeout=10_000):
        _click(qtbot, form.enroll_button)
    assert form.url_error.isVisible() and not form.code_error.isVisible()
    assert "is not HQ's web address" in form.url_error.text()

    form.url_edit.setText(hq.url)
    with qtbot.waitSignal(sync_ctx.sync.enroll_finished, timeout=10_000):
        _click(qtbot, form.enroll_button)
    assert not form.url_error.isVisible()
    assert form.code_error.isVisible()
    assert form.code_error.text() == (
        "HQ does not know this enrollment code. Check it for typing mistakes, or ask HQ for "
        "a new one."
    )
    qtbot.waitUntil(form.code_edit.hasFocus)
    assert form.isVisible()
    assert not read_summary(sync_ctx.ui_conn).enrolled

    hq.line.up = False
    form.code_edit.setText(hq.code())
    with qtbot.waitSignal(sync_ctx.sync.enroll_finished, timeout=10_000):
        _click(qtbot, form.enroll_button)
    assert form.url_error.isVisible() and not form.code_error.isVisible()
    assert form.url_error.text().startswith("HQ at http://hq.test cannot be reached")


def test_sync_now_sends_everything_and_the_counts_follow(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    page = _enrolled_page(sync_ctx, hq, qtbot)
    device_id, waiting = _own(sync_ctx)
    assert waiting > 0
    assert page.waiting_value.text() == str(waiting)
    assert page.acknowledged_value.text() == "0"
    assert page.quarantined_value.text() == "0"
    encounters = queries.count_records(sync_ctx.ui_conn, queries.RecordFilter(("encounter",)))
    assert page.never_value.text() != "0"
    assert page.table.isVisible()
    assert page.table.item(0, 0).text() == "Encounters"  # type: ignore[union-attr]
    assert page.table.item(0, 2).text() == str(encounters)  # type: ignore[union-attr]
    steps: list[tuple[str, int, int]] = []
    page.runner.progress.connect(lambda *step: steps.append(step))

    with qtbot.waitSignal(page.runner.finished, timeout=15_000):
        _click(qtbot, page.sync_button)
        # The progress is on show, and the button is off, while the sync runs.
        assert page.progress.isVisible() and page.phase.isVisible()
        assert not page.sync_button.isEnabled()
    qtbot.waitUntil(lambda: page.waiting_value.text() == "0", timeout=5000)
    assert not page.progress.isVisible()
    assert ("push", 0, waiting) in steps and ("push", waiting, waiting) in steps
    assert page.phase.text() == "Receiving from HQ: 0 of 0"  # the last step shown
    assert page.acknowledged_value.text() == str(waiting)
    assert page.last_sync_value.text() != "never"
    assert page.never_value.text() == "0"
    assert not page.table.isVisible()
    # The demo's made-up records name photos that have no file on this device.
    missing = _missing_files(page)
    assert missing > 0
    assert page.outcome.text() == (
        f"The last sync ran to the end: {waiting} events sent, 0 received from HQ, 0 photos "
        f"and signatures uploaded. {missing} photos or signatures HQ expects cannot be read "
        "on this device."
    )
    assert page.sent_value.text() == f"{waiting} events ({waiting} new at HQ), 0 received from HQ"
    assert hq.held(device_id) == waiting


def test_a_failed_sync_says_why_loses_nothing_and_a_later_one_works(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    page = _enrolled_page(sync_ctx, hq, qtbot)
    device_id, waiting = _own(sync_ctx)
    hq.line.up = False
    _sync_now(page, qtbot)
    qtbot.waitUntil(page.outcome.isVisible)
    text = page.outcome.text()
    assert text.startswith("The last sync failed (")
    assert "HQ at http://hq.test cannot be reached: no connection could be made (2 tries)." in text
    assert text.endswith(
        "Nothing is lost: what waits stays on this device and is sent at the next sync."
    )
    assert page.waiting_value.text() == str(waiting)
    assert page.last_sync_value.text() == "never"
    assert hq.held(device_id) == 0

    hq.line.up = True
    _sync_now(page, qtbot)
    qtbot.waitUntil(lambda: page.waiting_value.text() == "0")
    assert page.outcome.text().startswith(f"The last sync ran to the end: {waiting} events sent")
    assert read_summary(sync_ctx.ui_conn).last_failure is None
    assert hq.held(device_id) == waiting


def test_an_event_hq_refuses_is_shown_with_hqs_reason(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    page = _enrolled_page(sync_ctx, hq, qtbot)
    device_id, waiting = _own(sync_ctx)
    raw = sqlite3.connect(sync_ctx.data_dir / "fieldapp.db", isolation_level=None)
    try:
        # Always a change (a fixed name could be the author already: the demo data vary).
        raw.execute(
            "UPDATE events SET author = author || '-altered' WHERE origin = ? AND seq = 2",
            (device_id,),
        )
    finally:
        raw.close()
    _sync_now(page, qtbot)
    try:
        qtbot.waitUntil(lambda: page.quarantined_value.text() == "1")
    except WaitTimeout:  # say what the page and the profile hold instead
        pytest.fail(
            f"no refusal shown: outcome {page.outcome.text()!r}, quarantined "
            f"{page.quarantined_value.text()!r}, profile {read_summary(sync_ctx.ui_conn)!r}"
        )
    assert page.quarantine_title.isVisible() and page.quarantine.isVisible()
    refused = page.quarantine.text()
    assert refused.startswith("<b>Event #2</b>, refused since ")
    assert "its content was changed after it was recorded" in refused
    # Everything but the refused event is at HQ; what follows it waits for the acknowledgement.
    assert hq.held(device_id) == waiting - 1
    assert page.waiting_value.text() == str(waiting - 1)
    assert page.acknowledged_value.text() == "1"
    assert page.outcome.text().startswith(
        f"The last sync ran to the end: {waiting} events sent, 0 received from HQ, 0 photos "
        f"and signatures uploaded. {waiting - 1} events still wait for HQ."
    )


def test_a_second_click_while_syncing_starts_nothing(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    page = _enrolled_page(sync_ctx, hq, qtbot)
    ended: list[object] = []
    page.runner.finished.connect(ended.append)
    hq.line.hold()
    qtbot.mouseDClick(page.sync_button, Qt.MouseButton.LeftButton)
    _click(qtbot, page.sync_button)
    assert sync_ctx.sync.busy == "sync"
    assert not sync_ctx.sync.sync()  # the watcher or a menu asking now: refused too
    qtbot.waitUntil(hq.line.waiting.is_set)
    with qtbot.waitSignal(page.runner.finished, timeout=15_000):
        hq.line.release()
    qtbot.waitUntil(lambda: page.waiting_value.text() == "0")
    assert len(ended) == 1
    assert hq.line.count("/health") == 1


def test_a_revoked_device_says_so_and_cannot_sync(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    page = _enrolled_page(sync_ctx, hq, qtbot)
    hq.hq.revoke("lane 4", "laptop reported stolen")
    with qtbot.waitSignal(page.runner.finished, timeout=15_000):
        _click(qtbot, page.sync_button)
    qtbot.waitUntil(page.revoked.isVisible)
    assert "HQ has revoked this device (since " in page.revoked.text()
    assert "laptop reported stolen" in page.revoked.text()
    assert not page.sync_button.isEnabled()
    assert not page.outcome.isVisible()  # the revocation says it all


def test_a_complete_sync_is_said_so(sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot) -> None:
    page = _enrolled_page(sync_ctx, hq, qtbot)
    page.runner.last_report = SyncReport(pushed=3, accepted=3, pulled=2, attachments_sent=1)
    page.refresh()
    qtbot.waitUntil(page.outcome.isVisible)
    assert page.outcome.text() == (
        "Sync complete: 3 events sent, 2 received from HQ, 1 photos and signatures uploaded. "
        "HQ has every event of this device."
    )
