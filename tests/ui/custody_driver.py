"""A detained person's own property, finalized, and the custody dialogs driven as an officer does.

Shared by the custody-signature and property-return tests: a seizure of a
person's passport, phone and backpack (``detained_person_property``), ticking
boxes on their indicator, and the hand-over filled in field by field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog
from pytestqt.qtbot import QtBot

from fieldapp.attachments import AttachmentStore
from tests.ui.signature_driver import draw
from ui.context import UiContext
from ui.records.custody import CustodyTransferDialog

PERSON = "José Ñúñez Peña"
#: A second hand: another signature than the driver's own scrawl (another PNG, another hash).
OTHER_SCRAWL = [(0.15 + 0.05 * i, 0.3 + 0.04 * (i % 5)) for i in range(14)]


def _item(number: str, category: str, description: str) -> dict[str, Any]:
    return {
        "exhibit_number": number,
        "category": category,
        "description": description,
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "good",
    }


def personal_seizure(ctx: UiContext, samples: Any) -> str:
    """Finalize an encounter whose seizure is a detained person's own property; its id."""
    assert ctx.officer is not None
    actor = ctx.officer.actor
    seizure = samples.seizure(
        detained_person_property=True,
        reason="safekeeping",
        items=[
            _item("P1", "document", "Mexican passport"),
            _item("P2", "electronic_device", "Mobile phone, black"),
            _item("P3", "other", "Backpack with clothes"),
        ],
    )
    bundle = ctx.writer.call(lambda p: samples.bundle(p.services, actor, seizure=seizure))
    return str(bundle.seizure_id)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator, as a person does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def fill_transfer(
    dialog: CustodyTransferDialog, qtbot: QtBot, exhibits: list[str], *, sign: bool = True
) -> None:
    """A hand-over of ``exhibits`` to Mexico's FGR, typed in; both sides sign unless told."""
    dialog.choose_exhibits(exhibits)
    tick(qtbot, dialog.receiver.to_other)
    qtbot.keyClicks(dialog.receiver.name, "Luis Nanez")
    dialog.receiver.agency.setCurrentIndex(dialog.receiver.agency.findData("FGR"))
    qtbot.keyClicks(dialog.receiver.id_number, "FGR-4471")
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("transfer_to_agency"))
    qtbot.keyClicks(dialog.route, "Official vehicle to FGR Tijuana")
    qtbot.keyClicks(dialog.condition, "sealed bundles")
    if sign:
        draw(dialog.released_signature.pad)
        draw(dialog.received_signature.pad, OTHER_SCRAWL)


def ctrl_enter(qtbot: QtBot, dialog: QDialog) -> None:
    """Press Ctrl+Enter where the cursor is in the dialog, as the officer does."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def events(ctx: UiContext) -> int:
    """How many events the profile holds."""
    return int(ctx.ui_conn.execute("SELECT count(*) FROM events").fetchone()[0])


def stored(ctx: UiContext, sha256: str) -> bytes:
    """A stored attachment's content, checked against its name."""
    store = AttachmentStore(ctx.data_dir)
    assert store.verify(sha256)
    return store.read_bytes(sha256)
