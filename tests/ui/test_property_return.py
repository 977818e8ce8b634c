"""A detained person's property given back (or handed to the next agency) through its dialog."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from fieldapp.services import queries
from tests.ui.custody_driver import (
    PERSON,
    ctrl_enter,
    events,
    personal_seizure,
    stored,
    tick,
)
from tests.ui.encounter_driver import choose, type_into
from tests.ui.signature_driver import draw
from ui.context import UiContext
from ui.records.returns import PropertyReturnDialog
from ui.records.view import RecordView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def seizure_id(ctx: UiContext, samples: Any) -> str:
    """A finalized seizure of a person's passport (P1), phone (P2) and backpack (P3)."""
    return personal_seizure(ctx, samples)


@pytest.fixture
def open_return(ctx: UiContext, qtbot: QtBot) -> Callable[[str], PropertyReturnDialog]:
    """The return dialog of a seizure, shown and active, as the record view will open it."""

    def show(seizure: str) -> PropertyReturnDialog:
        dialog = PropertyReturnDialog(ctx, seizure)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isActiveWindow())
        return dialog

    return show


def _toggle(qtbot: QtBot, items: QListWidget, number: str) -> None:
    """Tick or untick one exhibit with the keyboard: go to its line, press Space."""
    row = next(
        r for r in range(items.count()) if items.item(r).data(Qt.ItemDataRole.UserRole) == number
    )
    items.setFocus()
    items.setCurrentRow(row)
    qtbot.keyClick(items, Qt.Key.Key_Space)


def _record(ctx: UiContext, record_id: str) -> dict[str, Any]:
    return queries.get_record(ctx.ui_conn, record_id).current


def _submit(ctx: UiContext, qtbot: QtBot, dialog: PropertyReturnDialog) -> dict[str, Any]:
    with qtbot.waitSignal(ctx.signals.records_changed) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed.args == [[dialog.return_id, dialog.seizure_id]]
    return _record(ctx, dialog.return_id)


def _transfer_away(ctx: UiContext, seizure: str, exhibits: list[str], sequence: int) -> None:
    """A hand-over of some exhibits to Mexico's FGR, recorded through the core."""
    assert ctx.officer is not None
    actor = ctx.officer.actor
    data = {
        "seizure_id": seizure,
        "sequence": sequence,
        "exhibit_numbers": exhibits,
        "transferred_at": f"2024-05-01T1{sequence}:00:00-07:00",
        "released_by": {
            "officer_id": "off-demo",
            "name": "Demo Officer",
            "agency": "CBP-OFO",
            "id_number": "DEMO-0001",
            "country": "US",
        },
        "received_by": {
            "name": "Luis Nanez",
            "agency": "FGR",
            "id_number": "FGR-4471",
            "country": "MX",
        },
        "purpose": "transfer_to_agency",
        "route": "Official vehicle to FGR Tijuana",
        "seal_intact": True,
        "condition": "sealed",
    }
    ctx.writer.call(lambda p: p.services.custody.transfer(data, actor))


def test_selected_exhibits_go_back_to_the_person_with_a_signature(
    ctx: UiContext,
    seizure_id: str,
    open_return: Callable[[str], PropertyReturnDialog],
    qtbot: QtBot,
) -> None:
    dialog = open_return(seizure_id)
    assert dialog.offered_exhibits() == ["P1", "P2", "P3"]
    assert dialog.returned_to.value() == PERSON  # from the seizure, not typed again
    assert dialog.signature.name.text() == PERSON
    assert not dialog.agency.isVisible()
    _toggle(qtbot, dialog.items, "P3")  # the backpack stays for now
    draw(dialog.signature.pad)
    saved = _submit(ctx, qtbot, dialog)
    assert saved["exhibit_numbers"] == ["P1", "P2"]
    assert saved["outcome"] == "returned_to_person"
    assert saved["returned_to"] == PERSON
    assert saved["person_ref"] == "P1"
    assert saved["officer_id"] == "off-demo"
    assert saved["declined_to_sign"] is False
    content = stored(ctx, saved["signature_hash"])
    assert content.startswith(PNG_MAGIC)
    assert hashlib.sha256(content).hexdigest() == saved["signature_hash"]
    assert saved["returned_at"].startswith(dialog.returned_at.value()[:16])


def test_declining_needs_the_officers_note(
    ctx: UiContext,
    seizure_id: str,
    open_return: Callable[[str], PropertyReturnDialog],
    qtbot: QtBot,
) -> None:
    dialog = open_return(seizure_id)
    before = events(ctx)
    choose(qtbot, dialog.returned_to.choice, "Refused")  # the person will not give a name
    tick(qtbot, dialog.signature.declined)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.signature.problem.isVisible()
    assert "note" in dialog.signature.problem.text()
    assert ctx.writer.pending == 0
    assert events(ctx) == before
    type_into(qtbot, dialog.signature.note, "Se negó a firmar; recibió sus pertenencias")
    saved = _submit(ctx, qtbot, dialog)
    assert saved["declined_to_sign"] is True
    assert saved["signature_hash"] is None
    assert saved["officer_note"] == "Se negó a firmar; recibió sus pertenencias"
    assert saved["returned_to"] == {"empty": "no_information", "reason": "refused"}


def test_a_hand_over_to_the_next_agency_names_the_agency(
    ctx: UiContext,
    seizure_id: str,
    open_return: Callable[[str], PropertyReturnDialog],
    qtbot: QtBot,
) -> None:
    dialog = open_return(seizure_id)
    before = events(ctx)
    tick(qtbot, dialog.to_agency)
    assert dialog.agency.isVisible()
    # Someone of the next agency signs, not the person: the name is theirs to type.
    assert dialog.returned_to.edit.text() == ""
    assert dialog.returned_to_caption.text().replace("&", "") == "Received by"
    assert "receiving custody" in dialog.signature.title.text()
    type_into(qtbot, dialog.returned_to.edit, "Sofía Treviño")
    assert dialog.signature.name.text() == "Sofía Treviño"
    draw(dialog.signature.pad)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.agency_problem.isVisible)
    assert "agency" in dialog.agency_problem.text()
    assert not dialog.general_problem.isVisible()
    assert events(ctx) == before
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.agency, "INM")
    saved = _submit(ctx, qtbot, dialog)
    assert saved["outcome"] == "handed_to_next_agency"
    assert saved["receiving_agency"] == "INM"
    assert saved["returned_to"] == "Sofía Treviño"
    assert saved["person_ref"] == "P1"  # still the person's own property
    # Back to "returned to the person", the person's name came back too.
    dialog2 = open_return(seizure_id)
    tick(qtbot, dialog2.to_agency)
    tick(qtbot, dialog2.to_person)
    assert dialog2.returned_to.value() == PERSON


def test_only_exhibits_still_held_are_offered(
    ctx: UiContext,
    seizure_id: str,
    open_return: Callable[[str], PropertyReturnDialog],
    qtbot: QtBot,
) -> None:
    first = open_return(seizure_id)
    _toggle(qtbot, first.items, "P2")
    _toggle(qtbot, first.items, "P3")
    draw(first.signature.pad)
    assert _submit(ctx, qtbot, first)["exhibit_numbers"] == ["P1"]
    _transfer_away(ctx, seizure_id, ["P3"], 1)
    again = open_return(seizure_id)
    assert again.offered_exhibits() == ["P2"]  # P1 is back with the person, P3 with FGR
    draw(again.signature.pad)
    _submit(ctx, qtbot, again)
    last = open_return(seizure_id)
    assert last.offered_exhibits() == []
    assert last.nothing_left.isVisible()
    assert "Nothing is left to return" in last.nothing_left.text()
    assert not last.ok_button.isEnabled()
    ctrl_enter(qtbot, last)
    assert ctx.writer.pending == 0


def test_a_second_ok_records_the_return_once(
    ctx: UiContext,
    seizure_id: str,
    open_return: Callable[[str], PropertyReturnDialog],
    qtbot: QtBot,
) -> None:
    dialog = open_return(seizure_id)
    draw(dialog.signature.pad)
    with qtbot.waitSignal(ctx.signals.records_changed):
        ctrl_enter(qtbot, dialog)
        ctrl_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: ctx.writer.pending == 0)
    count = ctx.ui_conn.execute(
        "SELECT count(*) FROM events WHERE record_id = ?", (dialog.return_id,)
    ).fetchone()[0]
    assert count == 1


def test_a_seizure_that_is_not_personal_property_is_not_returned_here(
    ctx: UiContext, open_return: Callable[[str], PropertyReturnDialog]
) -> None:
    seizure = str(
        ctx.ui_conn.execute(
            "SELECT id FROM records WHERE record_type = 'seizure' ORDER BY rowid LIMIT 1"
        ).fetchone()[0]
    )
    dialog = open_return(seizure)
    assert not dialog.ok_button.isEnabled()
    assert "Transfer custody" in dialog.general_problem.text()


def test_the_timeline_shows_hand_overs_and_the_return_in_order(
    ctx: UiContext,
    seizure_id: str,
    qtbot: QtBot,
) -> None:
    _transfer_away(ctx, seizure_id, ["P2"], 1)
    _transfer_away(ctx, seizure_id, ["P2"], 2)
    view = RecordView(ctx, seizure_id)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    dialog = PropertyReturnDialog(ctx, seizure_id, view)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.offered_exhibits() == ["P1", "P3"]
    draw(dialog.signature.pad)
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "P1" in view.chains)
    text = view.document.toPlainText()
    seized = text.index("— Seized")
    first = text.index("Hand-over #1: Transfer to another agency")
    second = text.index("Hand-over #2: Transfer to another agency")
    back = text.index("Returned to the person (exhibits P1, P3)")
    assert seized < first < second < back
    # Where each item is now, at a glance.
    assert "seized → returned" in text
    assert "seized → #1 → #2" in text
    assert f"Returned to {PERSON}" in text
    assert "Luis Nanez (FGR-4471) · FGR, MX" in text
    assert "Receiver: ✓ signed" in text
    assert "Released by: not signed · Received by: not signed" in text
    assert "seal intact" in text


def test_the_dialog_follows_a_live_language_switch(
    ctx: UiContext, seizure_id: str, open_return: Callable[[str], PropertyReturnDialog]
) -> None:
    dialog = open_return(seizure_id)
    inm = dialog.agency.findData("INM")
    spanish = ctx.reference.agencies_by_code["INM"].name_es
    assert spanish not in dialog.agency.itemText(inm)
    ctx.language = "es"
    QCoreApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.agency.itemText(inm) == f"INM — {spanish}"
    assert dialog.returned_to_caption.text()


def test_the_record_view_offers_the_return_only_for_personal_property(
    ctx: UiContext, seizure_id: str, qtbot: QtBot
) -> None:
    view = RecordView(ctx, seizure_id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.return_button.isVisible())
    assert view.return_button.isEnabled()
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(PropertyReturnDialog)
    assert dialog is not None and dialog.seizure_id == seizure_id
    dialog.reject()
    other = str(
        ctx.ui_conn.execute(
            "SELECT id FROM records WHERE record_type = 'seizure' "
            "AND json_extract(data, '$.detained_person_property') IS NOT 1 "
            "ORDER BY rowid LIMIT 1"
        ).fetchone()[0]
    )
    plain = RecordView(ctx, other)
    qtbot.addWidget(plain)
    plain.show()
    qtbot.waitUntil(lambda: plain.custody_button.isVisible())
    assert not plain.return_button.isVisible()
