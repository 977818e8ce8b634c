"""The status bar and the sync page tell the truth: waiting events, enrollment, last sync."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.profile import Profile
from fieldapp.services import queries
from ui.context import UiContext
from ui.status import StatusBar, local_time
from ui.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _waiting(ctx: UiContext) -> int:
    return int(
        ctx.ui_conn.execute("SELECT count(*) FROM events WHERE synced_at IS NULL").fetchone()[0]
    )


def _set(ctx: UiContext, key: str, value: str) -> None:
    def write(profile: Profile) -> None:
        with profile.store.transaction() as db:
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))

    ctx.writer.call(write)


def _add_addendum(ctx: UiContext) -> None:
    """An officer adds an addendum, as the record view does: a write, then records_changed."""
    assert ctx.officer is not None
    actor = ctx.officer.actor
    record = queries.list_records(ctx.ui_conn, queries.RecordFilter(("encounter",)), limit=1)[0]
    ctx.writer.submit(
        lambda profile: profile.services.amendments.add_addendum(
            record.id, actor, reason="late detail", text="The driver gave a second name."
        ),
        on_done=lambda _event: ctx.signals.records_changed.emit([record.id]),
    )


def _cell(page: SyncPage, row: int, column: int) -> str:
    item = page.table.item(row, column)
    assert item is not None
    return item.text()


@pytest.fixture
def bar(ctx: UiContext, qtbot: QtBot) -> StatusBar:
    status = StatusBar(ctx)
    qtbot.addWidget(status)
    status.show()
    qtbot.waitUntil(lambda: status._facts is not None)
    return status


def test_it_shows_waiting_events_and_updates_after_a_write(
    bar: StatusBar, ctx: UiContext, qtbot: QtBot
) -> None:
    before = _waiting(ctx)
    assert before > 0
    assert bar.waiting_label.text() == f"Events waiting for HQ: {before}"
    _add_addendum(ctx)
    qtbot.waitUntil(lambda: bar.waiting_label.text() == f"Events waiting for HQ: {before + 1}")


def test_it_says_the_device_is_not_enrolled_and_never_synced(bar: StatusBar) -> None:
    assert bar.hq_label.text() == "Not enrolled with HQ"
    assert bar.last_sync_label.text() == "Last sync: never"


def test_enrollment_and_last_sync_come_from_the_settings(
    bar: StatusBar, ctx: UiContext, qtbot: QtBot
) -> None:
    _set(ctx, "hq_url", "https://hq.example.org")
    _set(ctx, "last_sync_at", "2026-03-01T04:05:00+00:00")
    bar.refresh()
    qtbot.waitUntil(lambda: bar.hq_label.text() == "HQ: enrolled (https://hq.example.org)")
    assert bar.last_sync_label.text() == f"Last sync: {local_time('2026-03-01T04:05:00+00:00')}"


def test_it_shows_the_officer_on_duty_and_the_checkpoint(bar: StatusBar) -> None:
    assert bar.officer_label.text() == "On duty: Demo Officer (off-demo) · San Ysidro Port of Entry"


def test_saving_indicator_follows_the_writer(bar: StatusBar, ctx: UiContext, qtbot: QtBot) -> None:
    assert bar.saving_label.text() == "All changes saved"
    release = threading.Event()
    ctx.writer.submit(lambda profile: release.wait(5))
    assert bar.saving_label.text() == "Saving…"
    release.set()
    qtbot.waitUntil(lambda: bar.saving_label.text() == "All changes saved")


def test_messages_are_shown(bar: StatusBar, ctx: UiContext) -> None:
    ctx.signals.message.emit("Receipt printed.")
    assert bar.currentMessage() == "Receipt printed."


def test_the_sync_page_counts_by_kind_of_record(ctx: UiContext, qtbot: QtBot) -> None:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.state is not None)
    waiting = _waiting(ctx)
    assert page.waiting_value.text() == str(waiting)
    assert page.last_sync_value.text() == "never"
    assert "not enrolled" in page.enrollment.text()
    rows = {
        _cell(page, r, 0): (_cell(page, r, 1), _cell(page, r, 2))
        for r in range(page.table.rowCount())
    }
    encounters, seizures = (
        queries.count_records(ctx.ui_conn, queries.RecordFilter((kind,)))
        for kind in ("encounter", "seizure")
    )
    assert rows["Encounters"] == (str(encounters), str(encounters))
    assert rows["Seizures"] == (str(seizures), str(seizures))
    assert page.never_value.text() == str(encounters + seizures)

    # HQ confirms everything up to now: nothing waits, nothing is "never synced".
    def synced(profile: Profile) -> None:
        store = profile.store
        head = store.conn.execute(
            "SELECT max(seq) FROM events WHERE origin = ?", (store.device.device_id,)
        ).fetchone()[0]
        store.mark_synced(store.device.device_id, head)

    ctx.writer.call(synced)
    _add_addendum(ctx)
    qtbot.waitUntil(lambda: page.waiting_value.text() == "1")
    assert page.never_value.text() == "0"
    assert page.table.rowCount() == 1
    assert _cell(page, 0, 1) == "1"
