"""Reading a record, and amending it: addenda and custody transfers through their dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_PASSWORD
from fieldapp.profile import Profile
from fieldapp.services import queries
from fieldapp.store.store import Store
from tests.ui.signature_driver import draw
from ui.context import UiContext
from ui.records.addendum import AddendumDialog
from ui.records.corrections import correctable_fields
from ui.records.custody import CustodyTransferDialog
from ui.records.view import HistoryColumn, RecordView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _encounter_with_seizure(ctx: UiContext) -> tuple[str, str]:
    """An encounter of the fixture and its seizure, one with drugs when there is one."""
    row = ctx.ui_conn.execute(
        "SELECT parent_id, id FROM records WHERE record_type = 'seizure' "
        'ORDER BY data LIKE \'%"category":"drug"%\' DESC, rowid LIMIT 1'
    ).fetchone()
    return str(row[0]), str(row[1])


@pytest.fixture
def open_view(ctx: UiContext, qtbot: QtBot) -> Callable[[str], RecordView]:
    """Show a record's view at a laptop's size (once the read is logged)."""

    def show(record_id: str) -> RecordView:
        view = RecordView(ctx, record_id)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: ctx.writer.pending == 0)
        return view

    return show


def _events(ctx: UiContext) -> int:
    """Events of records (reads of records are logged too, on lines of their own)."""
    return int(
        ctx.ui_conn.execute(
            "SELECT count(*) FROM events WHERE record_type != 'access_log'"
        ).fetchone()[0]
    )


def _sign_in_as_author(ctx: UiContext, record_id: str) -> None:
    """Act as the officer who wrote the record: officers amend only their own records."""
    author = str(
        ctx.ui_conn.execute("SELECT officer_id FROM records WHERE id = ?", (record_id,)).fetchone()[
            0
        ]
    )
    ctx.officer = ctx.writer.call(lambda p: Authenticator(p.store).sign_in(author, DEMO_PASSWORD))


def test_encounter_shows_reference_people_history_and_seizure_link(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    encounter_id, seizure_id = _encounter_with_seizure(ctx)
    record = queries.get_record(ctx.ui_conn, encounter_id)
    view = open_view(encounter_id)
    text = view.document.toPlainText()
    assert record.current["reference_number"] in view.title.text()
    assert record.current["reference_number"] in text
    for person in record.current["people"]:
        if isinstance(person["name"], str):
            assert person["name"] in text
    assert record.current["narrative"][:60] in text
    assert "Seizures of this encounter" in text
    assert not view.custody_button.isVisible()
    assert "waiting for HQ" in view.subtitle.text()
    # History: every event, its short hash shown, the full one in a tooltip and copyable.
    assert view.history.rowCount() == len(record.history) == 1
    digest = record.history[0].hash
    cell = view.history.item(0, HistoryColumn.HASH)
    assert cell is not None
    assert cell.text() == digest[:12] + "…"
    assert digest in cell.toolTip()
    view.history.selectRow(0)
    view.history.setFocus()
    qtbot.keyClick(view.history, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == digest
    history_event = view.history.item(0, HistoryColumn.HQ)
    assert history_event is not None and "waiting" in history_event.text()
    with qtbot.waitSignal(ctx.signals.open_record) as opened:
        view.document.anchorClicked.emit(QUrl(f"record:{seizure_id}"))
    assert opened.args == [seizure_id]


def test_seizure_shows_items_weights_currency_and_chain(
    ctx: UiContext, open_view: Callable[[str], RecordView]
) -> None:
    _, seizure_id = _encounter_with_seizure(ctx)
    record = queries.get_record(ctx.ui_conn, seizure_id)
    view = open_view(seizure_id)
    text = view.document.toPlainText()
    assert record.current["seizure_number"] in text
    for item in record.current["items"]:
        assert item["exhibit_number"] in text
        assert item["description"].split("\n")[0] in text
        weight = item["gross_weight"]
        if "amount" in weight:
            assert f"{weight['amount']} {weight['unit']}" in text
    assert "Chain of custody" in text
    assert "no hand-over recorded yet" in text
    assert view.custody_button.isVisible()


def test_addendum_through_the_dialog_keeps_the_original(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    encounter_id, _ = _encounter_with_seizure(ctx)
    _sign_in_as_author(ctx, encounter_id)
    before = queries.get_record(ctx.ui_conn, encounter_id)
    view = open_view(encounter_id)
    qtbot.mouseClick(view.addendum_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(AddendumDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "Information received later")
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "The driver called back with a phone number.")
    row = dialog.add_correction("grounds")
    assert before.current["grounds"] in row.current.text()
    qtbot.keyClicks(row.value, "Canine alert at primary")
    with qtbot.waitSignal(ctx.signals.records_changed) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed.args == [[encounter_id]]
    qtbot.waitUntil(lambda: view.record is not None and len(view.record.addenda) == 1)
    text = view.document.toPlainText()
    assert "The driver called back with a phone number." in text
    assert "Information received later" in text
    assert f"Grounds: {before.current['grounds']} → Canine alert at primary" in text
    assert f"Canine alert at primary (finalized as {before.current['grounds']})" in text
    after = queries.get_record(ctx.ui_conn, encounter_id)
    assert after.original == before.original
    assert after.current["grounds"] == "Canine alert at primary"
    assert view.history.rowCount() == 2


def test_a_correction_that_breaks_the_record_is_shown_at_the_field(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    encounter_id, _ = _encounter_with_seizure(ctx)
    _sign_in_as_author(ctx, encounter_id)
    events = _events(ctx)
    view = open_view(encounter_id)
    dialog = view.add_addendum()
    qtbot.keyClicks(dialog.reason, "Role was wrong")
    row = dialog.add_correction("people.0.role")
    qtbot.keyClicks(row.value, "boss")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(row.problem.isVisible)
    assert row.problem.text()
    assert not dialog.general_problem.isVisible()
    assert dialog.isVisible()
    # Nothing typed is lost, nothing was added.
    assert dialog.reason.text() == "Role was wrong"
    assert row.value.text() == "boss"
    assert ctx.writer.pending == 0
    assert _events(ctx) == events
    assert view.record is not None and view.record.addenda == []


def test_an_addendum_needs_a_reason(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    encounter_id, _ = _encounter_with_seizure(ctx)
    _sign_in_as_author(ctx, encounter_id)
    events = _events(ctx)
    view = open_view(encounter_id)
    dialog = view.add_addendum()
    qtbot.keyClicks(dialog.text, "Text without a reason")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.reason_problem.isVisible()
    assert _events(ctx) == events
    qtbot.keyClicks(dialog.reason, "Clarification")
    dialog.text.clear()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # Neither text nor a correction: the core's rule, shown beside the text.
    qtbot.waitUntil(dialog.text_problem.isVisible)
    assert _events(ctx) == events


def test_correctable_fields_leave_out_locked_ones(ctx: UiContext) -> None:
    encounter_id, _ = _encounter_with_seizure(ctx)
    record = queries.get_record(ctx.ui_conn, encounter_id)
    paths = dict(correctable_fields(record.current))
    assert paths["people.0.role"] == record.current["people"][0]["role"]
    assert "vehicle.plate" in paths or "vehicle" in paths
    assert not any(p.split(".")[0] in ("narrative", "reference_number", "id") for p in paths)


def _tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator, as a person does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _fill_transfer(dialog: CustodyTransferDialog, qtbot: QtBot, exhibit: str) -> None:
    dialog.choose_exhibits([exhibit])
    _tick(qtbot, dialog.receiver.to_other)
    assert dialog.receiver.to_other.isChecked()
    qtbot.keyClicks(dialog.receiver.name, "Luis Nanez")
    dialog.receiver.agency.setCurrentIndex(dialog.receiver.agency.findData("FGR"))
    qtbot.keyClicks(dialog.receiver.id_number, "FGR-4471")
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("transfer_to_agency"))
    qtbot.keyClicks(dialog.route, "Official vehicle to FGR Tijuana")
    qtbot.keyClicks(dialog.condition, "sealed bundles")
    draw(dialog.released_signature.pad)
    draw(dialog.received_signature.pad)


def test_custody_transfer_through_the_dialog_appears_in_the_chain(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    _, seizure_id = _encounter_with_seizure(ctx)
    record = queries.get_record(ctx.ui_conn, seizure_id)
    exhibit = record.current["items"][0]["exhibit_number"]
    view = open_view(seizure_id)
    qtbot.mouseClick(view.custody_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(CustodyTransferDialog)
    assert dialog is not None
    assert dialog.released_by.currentData() == "off-demo"
    assert dialog.receiver.country.currentText() == "US"
    _fill_transfer(dialog, qtbot, exhibit)
    assert dialog.receiver.country.currentText() == "MX"
    with qtbot.waitSignal(ctx.signals.records_changed) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed.args == [[dialog.transfer_id, seizure_id]]
    qtbot.waitUntil(lambda: exhibit in view.chains)
    link = view.chains[exhibit][0]
    assert link.record_id == dialog.transfer_id
    assert link.data["sequence"] == 1
    assert link.data["received_by"]["agency"] == "FGR"
    assert link.data["released_by"]["officer_id"] == "off-demo"
    text = view.document.toPlainText()
    assert "Official vehicle to FGR Tijuana" in text
    assert "Luis Nanez" in text
    assert "Custody records of this seizure" in text
    assert all(exhibit not in c or c == exhibit for c in view.chains)


def test_a_broken_seal_without_a_reason_is_refused(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    _, seizure_id = _encounter_with_seizure(ctx)
    exhibit = queries.get_record(ctx.ui_conn, seizure_id).current["items"][0]["exhibit_number"]
    events = _events(ctx)
    view = open_view(seizure_id)
    dialog = view.transfer_custody()
    _fill_transfer(dialog, qtbot, exhibit)
    _tick(qtbot, dialog.seal_intact)
    assert not dialog.seal_intact.isChecked()
    assert dialog.seal_reason.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.seal_problem.isVisible)
    assert "seal" in dialog.seal_problem.text().lower()
    assert dialog.isVisible()
    assert _events(ctx) == events
    assert dialog.route.text() == "Official vehicle to FGR Tijuana"
    # With the reason, the same hand-over goes through.
    qtbot.keyClicks(dialog.seal_reason, "Opened for the field test, resealed")
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: exhibit in view.chains)
    assert view.chains[exhibit][0].data["seal_broken_reason"] == (
        "Opened for the field test, resealed"
    )


def test_receiving_officer_must_differ_from_releasing(
    ctx: UiContext, open_view: Callable[[str], RecordView], qtbot: QtBot
) -> None:
    _, seizure_id = _encounter_with_seizure(ctx)
    view = open_view(seizure_id)
    dialog = view.transfer_custody()
    dialog.receiver.officer.setCurrentIndex(dialog.receiver.officer.findData("off-demo"))
    qtbot.keyClicks(dialog.route, "Hand to vault")
    qtbot.keyClicks(dialog.condition, "sealed")
    draw(dialog.released_signature.pad)
    draw(dialog.received_signature.pad)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.receiver.problem.isVisible)
    assert "receives" in dialog.receiver.problem.text()


def test_needs_review_banner_lists_the_concurrent_changes(
    ctx: UiContext,
    ui_profile: Profile,
    other_store: Store,
    samples: Any,
    open_view: Callable[[str], RecordView],
    qtbot: QtBot,
) -> None:
    from fieldapp.services import FieldServices

    encounter_id, _ = _encounter_with_seizure(ctx)
    _sign_in_as_author(ctx, encounter_id)
    assert ctx.officer is not None
    actor = ctx.officer.actor
    ctx.writer.call(lambda p: samples.share_events(p.store, other_store))
    # The same officer amends it on another device, not having seen this one's change.
    FieldServices(other_store).amendments.add_addendum(
        encounter_id,
        actor,
        reason="Colour seen in daylight",
        corrections=[{"path": "location.landmark", "value": "Lane 7"}],
    )
    ctx.writer.call(
        lambda p: p.services.amendments.add_addendum(
            encounter_id,
            actor,
            reason="Lane number",
            corrections=[{"path": "location.landmark", "value": "Lane 9"}],
        )
    )
    ctx.writer.call(lambda p: samples.share_events(other_store, p.store))
    view = open_view(encounter_id)
    assert view.banner.isVisible()
    banner = view.banner.text()
    assert "Needs review" in banner
    assert "Colour seen in daylight" in banner and "Lane number" in banner
    assert "shown" in banner
    assert len(view.concurrent) == 2


def test_switching_to_spanish_rewrites_reference_names(
    ctx: UiContext, open_view: Callable[[str], RecordView]
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    _, seizure_id = _encounter_with_seizure(ctx)
    record = queries.get_record(ctx.ui_conn, seizure_id)
    checkpoint = ctx.reference.checkpoint(record.current["checkpoint"])
    view = open_view(seizure_id)
    assert checkpoint.name in view.document.toPlainText()
    ctx.language = "es"
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert checkpoint.name_es in view.document.toPlainText()
    assert checkpoint.name_es in view.subtitle.text()
