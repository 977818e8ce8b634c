"""Both sides of a hand-over sign in the custody-transfer dialog; the PNGs are kept by hash."""

from __future__ import annotations

import hashlib
import importlib.machinery
import sys
import types
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.services import queries
from tests.ui.custody_driver import ctrl_enter, events, fill_transfer, stored, tick
from tests.ui.encounter_driver import type_text
from tests.ui.signature_driver import draw
from ui.context import UiContext
from ui.records import custody
from ui.records.custody import CustodyTransferDialog
from ui.records.view import RecordView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _seizure(ctx: UiContext) -> tuple[str, str]:
    """A seizure of the fixture and its first exhibit number."""
    seizure_id = str(
        ctx.ui_conn.execute(
            "SELECT id FROM records WHERE record_type = 'seizure' ORDER BY rowid LIMIT 1"
        ).fetchone()[0]
    )
    record = queries.get_record(ctx.ui_conn, seizure_id)
    return seizure_id, str(record.current["items"][0]["exhibit_number"])


@pytest.fixture
def open_dialog(ctx: UiContext, qtbot: QtBot) -> Callable[[], tuple[RecordView, str]]:
    """The record view of a seizure with its custody-transfer dialog open; the exhibit."""

    def show() -> tuple[RecordView, str]:
        seizure_id, exhibit = _seizure(ctx)
        view = RecordView(ctx, seizure_id)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: ctx.writer.pending == 0)  # the read is logged
        qtbot.mouseClick(view.custody_button, Qt.MouseButton.LeftButton)
        return view, exhibit

    return show


def _dialog(view: RecordView) -> CustodyTransferDialog:
    dialog = view.findChild(CustodyTransferDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _transfer(ctx: UiContext, transfer_id: str) -> dict[str, Any]:
    return queries.get_record(ctx.ui_conn, transfer_id).current


def _recorded_events(ctx: UiContext, record_id: str) -> int:
    return int(
        ctx.ui_conn.execute(
            "SELECT count(*) FROM events WHERE record_id = ?", (record_id,)
        ).fetchone()[0]
    )


def test_both_sides_sign_and_each_png_is_stored_under_its_hash(
    ctx: UiContext, open_dialog: Callable[[], tuple[RecordView, str]], qtbot: QtBot
) -> None:
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    assert dialog.released_signature.name.text() == "Demo Officer"
    assert not dialog.released_signature.declined.isVisible()  # the officer may not decline
    fill_transfer(dialog, qtbot, [exhibit])
    assert dialog.received_signature.name.text() == "Luis Nanez"
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    marks = _transfer(ctx, dialog.transfer_id)["signatures"]
    assert [m["role"] for m in marks] == ["released_by", "received_by"]
    assert not any(m["declined"] for m in marks)
    for mark in marks:
        content = stored(ctx, mark["sha256"])
        assert content.startswith(PNG_MAGIC)
        assert hashlib.sha256(content).hexdigest() == mark["sha256"]
    assert marks[0]["sha256"] != marks[1]["sha256"]
    qtbot.waitUntil(lambda: exhibit in view.chains)
    signed = "Released by: ✓ signed · Received by: ✓ signed"
    assert signed in view.document.toPlainText()
    own = RecordView(ctx, dialog.transfer_id)  # the transfer's own record says so too
    qtbot.addWidget(own)
    assert signed in own.document.toPlainText()


def test_a_refusal_without_a_note_is_stopped_beside_the_pad(
    ctx: UiContext, open_dialog: Callable[[], tuple[RecordView, str]], qtbot: QtBot
) -> None:
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    before = events(ctx)
    fill_transfer(dialog, qtbot, [exhibit], sign=False)
    draw(dialog.released_signature.pad)
    tick(qtbot, dialog.received_signature.declined)
    assert dialog.received_signature.note.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    problem = dialog.received_signature.problem
    assert problem.isVisible() and "note" in problem.text()
    assert not dialog.released_signature.problem.isVisible()
    assert ctx.writer.pending == 0
    assert events(ctx) == before
    # With the note, the hand-over is recorded with the refusal and what was said.
    type_text(dialog.received_signature.note, "Dijo que firma solo el acta de la FGR")
    assert not problem.isVisible()
    with qtbot.waitSignal(ctx.signals.records_changed):
        ctrl_enter(qtbot, dialog)
    released, received = _transfer(ctx, dialog.transfer_id)["signatures"]
    assert released["role"] == "released_by" and stored(ctx, released["sha256"])
    assert received == {
        "role": "received_by",
        "sha256": None,
        "declined": True,
        "note": "Dijo que firma solo el acta de la FGR",
    }
    qtbot.waitUntil(lambda: exhibit in view.chains)
    assert "declined to sign — “Dijo que firma solo el acta de la FGR”" in (
        view.document.toPlainText()
    )


def test_the_releasing_officer_must_sign(
    ctx: UiContext, open_dialog: Callable[[], tuple[RecordView, str]], qtbot: QtBot
) -> None:
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    before = events(ctx)
    fill_transfer(dialog, qtbot, [exhibit], sign=False)
    draw(dialog.received_signature.pad)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    problem = dialog.released_signature.problem
    assert problem.isVisible() and "signs" in problem.text()
    assert not dialog.received_signature.problem.isVisible()
    assert events(ctx) == before
    # Signing clears the sentence; then it goes through.
    draw(dialog.released_signature.pad)
    assert not problem.isVisible()
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(_transfer(ctx, dialog.transfer_id)["signatures"]) == 2


def test_an_empty_dialog_says_everything_missing_at_once(
    ctx: UiContext, open_dialog: Callable[[], tuple[RecordView, str]], qtbot: QtBot
) -> None:
    view, _ = open_dialog()
    dialog = _dialog(view)
    ctrl_enter(qtbot, dialog)
    assert dialog.receiver.problem.isVisible()
    assert dialog.released_signature.problem.isVisible()
    assert dialog.received_signature.problem.isVisible()
    assert ctx.writer.pending == 0


def test_a_second_ok_records_the_hand_over_once(
    ctx: UiContext, open_dialog: Callable[[], tuple[RecordView, str]], qtbot: QtBot
) -> None:
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    transfer_id = dialog.transfer_id
    fill_transfer(dialog, qtbot, [exhibit])
    with qtbot.waitSignal(ctx.signals.records_changed):
        ctrl_enter(qtbot, dialog)
        ctrl_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: ctx.writer.pending == 0)
    assert _recorded_events(ctx, transfer_id) == 1
    assert len(_transfer(ctx, transfer_id)["signatures"]) == 2


def test_a_core_problem_with_a_mark_lands_beside_its_pad(
    ctx: UiContext,
    open_dialog: Callable[[], tuple[RecordView, str]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_mark = custody.signature_mark

    def without_note(*args: Any) -> dict[str, Any]:
        # A mark the dialog never sends: declined with the note lost on the way.
        mark = real_mark(*args)
        return {**mark, "note": None} if mark["declined"] else mark

    monkeypatch.setattr(custody, "signature_mark", without_note)
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    before = events(ctx)
    fill_transfer(dialog, qtbot, [exhibit], sign=False)
    draw(dialog.released_signature.pad)
    tick(qtbot, dialog.received_signature.declined)
    type_text(dialog.received_signature.note, "Refused")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.received_signature.problem.isVisible)
    assert not dialog.released_signature.problem.isVisible()
    assert not dialog.general_problem.isVisible()
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert events(ctx) == before


def test_the_dialog_fits_a_laptop_screen(
    ctx: UiContext, open_dialog: Callable[[], tuple[RecordView, str]], qtbot: QtBot
) -> None:
    view, _ = open_dialog()
    dialog = _dialog(view)
    # 1366x768 less a taskbar and the window's title bar.
    dialog.resize(1366 - 24, 768 - 48 - 32)
    qtbot.waitUntil(lambda: dialog.height() == 768 - 48 - 32)
    assert dialog.scroll_area.verticalScrollBar().maximum() == 0
    assert dialog.scroll_area.horizontalScrollBar().maximum() == 0
    pads = [c.pad for c in dialog.signatures]
    assert all(p.visibleRegion().boundingRect().height() == p.height() for p in pads)


class _FakeReceiptDialog(QDialog):
    """Stands in for the receipt dialog: remembers what it was opened for."""

    opened: ClassVar[list[tuple[Any, str, QWidget | None]]] = []

    def __init__(self, ctx: Any, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _FakeReceiptDialog.opened.append((ctx, record_id, parent))


def test_after_the_hand_over_its_receipt_is_offered(
    ctx: UiContext,
    open_dialog: Callable[[], tuple[RecordView, str]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = types.ModuleType("tests.ui.fake_receipt_dialog")
    module.__spec__ = importlib.machinery.ModuleSpec(module.__name__, None)
    module.ReceiptDialog = _FakeReceiptDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(custody, "RECEIPT_DIALOG", module.__name__)
    _FakeReceiptDialog.opened.clear()
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    transfer_id = dialog.transfer_id
    fill_transfer(dialog, qtbot, [exhibit])
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    question = next(
        (b for b in view.findChildren(QMessageBox) if b.isVisible()),
        None,
    )
    assert question is not None
    assert "Print the transfer receipt?" in question.text()
    assert not _FakeReceiptDialog.opened
    print_button = next(b for b in question.buttons() if "Print" in b.text())
    qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
    assert [(record_id, parent) for _, record_id, parent in _FakeReceiptDialog.opened] == [
        (transfer_id, view)
    ]


def test_without_the_receipt_dialog_nothing_is_asked(
    ctx: UiContext,
    open_dialog: Callable[[], tuple[RecordView, str]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(custody, "RECEIPT_DIALOG", "ui.receipts.not_installed")
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    fill_transfer(dialog, qtbot, [exhibit])
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.offer_receipt(dialog.transfer_id) is None
    assert not [b for b in view.findChildren(QMessageBox) if b.isVisible()]


def test_a_printed_transfer_receipt_shows_its_number_in_the_chain(
    ctx: UiContext,
    open_dialog: Callable[[], tuple[RecordView, str]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fieldapp.attachments import AttachmentStore
    from fieldapp.services.receipts import Receipts

    monkeypatch.setattr(custody, "RECEIPT_DIALOG", "ui.receipts.not_installed")
    view, exhibit = open_dialog()
    dialog = _dialog(view)
    transfer_id, seizure_id = dialog.transfer_id, view.record_id
    fill_transfer(dialog, qtbot, [exhibit])
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: exhibit in view.chains)
    assert "Receipt " not in view.document.toPlainText()
    assert ctx.officer is not None
    actor = ctx.officer.actor
    issued = ctx.writer.call(
        lambda p: Receipts(p.store, AttachmentStore(p.data_dir)).issue_transfer(transfer_id, actor)
    )
    ctx.signals.records_changed.emit([transfer_id, seizure_id])
    assert f"Receipt {issued.receipt_number}" in view.document.toPlainText()
