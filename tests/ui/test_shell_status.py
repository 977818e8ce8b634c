"""The status bar tells the truth: waiting events, enrollment, last sync, the last failure."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.crypto import SigningKey
from fieldapp.profile import Profile
from fieldapp.services import Actor, Role, queries
from fieldapp.store.syncstate import SyncState
from ui.context import UiContext
from ui.status import StatusBar, local_time

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _waiting(ctx: UiContext) -> int:
    """This device's events HQ has not acknowledged."""
    return int(
        ctx.ui_conn.execute(
            "SELECT count(*) FROM events WHERE synced_at IS NULL AND origin = "
            "(SELECT value FROM identity WHERE key = 'device_id')"
        ).fetchone()[0]
    )


def _enroll(ctx: UiContext, url: str = "https://hq.example.org") -> None:
    """Record an enrollment as the sync client does after HQ's answer."""
    key = SigningKey.generate().public_hex()

    def write(profile: Profile) -> None:
        SyncState(profile.store).save_enrollment(
            hq_url=url, device_name="lane 4", token="t0ken", hq_public_key=key
        )

    ctx.writer.call(write)


def _add_addendum(ctx: UiContext) -> None:
    """An officer adds an addendum, as the record view does: a write, then records_changed."""
    assert ctx.officer is not None
    record = queries.list_records(ctx.ui_conn, queries.RecordFilter(("encounter",)), limit=1)[0]
    # Officers amend their own records: act as the one who wrote it.
    actor = Actor(record.officer_id, Role.OFFICER)
    ctx.writer.submit(
        lambda profile: profile.services.amendments.add_addendum(
            record.id, actor, reason="late detail", text="The driver gave a second name."
        ),
        on_done=lambda _event: ctx.signals.records_changed.emit([record.id]),
    )


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


def test_enrollment_last_sync_and_failure_come_from_the_sync_state(
    bar: StatusBar, ctx: UiContext, qtbot: QtBot
) -> None:
    _enroll(ctx)
    at = dt.datetime(2026, 3, 1, 4, 5, tzinfo=dt.UTC)
    ctx.writer.call(lambda profile: SyncState(profile.store, lambda: at).record_success())
    bar.refresh()
    qtbot.waitUntil(lambda: bar.hq_label.text() == "HQ: enrolled (https://hq.example.org)")
    assert bar.last_sync_label.text() == f"Last sync: {local_time(at.isoformat())}"
    assert not bar.sync_label.isVisible()

    reason = "HQ at https://hq.example.org cannot be reached: no connection could be made."
    ctx.writer.call(lambda profile: SyncState(profile.store).record_failure(reason))
    bar.refresh()
    qtbot.waitUntil(lambda: bar.sync_label.text() == "Last sync failed")
    assert bar.sync_label.toolTip() == reason
    assert bar.last_sync_label.text() == f"Last sync: {local_time(at.isoformat())}"

    ctx.writer.call(lambda profile: SyncState(profile.store).record_revoked("laptop stolen"))
    bar.refresh()
    qtbot.waitUntil(lambda: bar.hq_label.text() == "HQ: this device is revoked")
    assert bar.hq_label.toolTip() == "laptop stolen"


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
