"""The receipt dialog, driven as an officer does: preview, sign, print, save, reprint.

Printing goes to a PDF file through a real ``QPrinter`` (the modal print dialog
is replaced through the dialog's ``ask_printer`` seam) and is read back with
pypdf; saving goes through ``ask_save_path``. Records are made by the core, as
finalizing and handing over make them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.services import queries
from fieldapp.services.actor import Role
from fieldapp.synthetic import Generator
from tests.ui.encounter_driver import choose, focus, press
from tests.ui.signature_driver import draw
from ui.context import UiContext
from ui.forms.encounter import EncounterForm
from ui.main_window import MainWindow
from ui.receipts.dialog import ReceiptDialog, default_receipts
from ui.receipts.pdf_view import print_pdf, save_pdf
from ui.receipts.subject import saved_page_size
from ui.records.view import RecordView
from ui.signatures import SignatureCapture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BLANK = {"empty": "no_information", "reason": "unknown"}
WAIT = 20_000


# -- records made by the core --------------------------------------------------------------------


def finalized_seizure(ctx: UiContext, samples: Any, **changes: Any) -> str:
    """Finalize an encounter with one seizure (drug and currency, witnessed); the seizure's id."""
    assert ctx.officer is not None
    actor = ctx.officer.actor
    seizure = samples.seizure(**changes)
    bundle = ctx.writer.call(lambda p: samples.bundle(p.services, actor, seizure=seizure))
    return str(bundle.seizure_id)


def handed_over(ctx: UiContext, samples: Any, seizure_id: str) -> str:
    """Hand exhibit E1 of the seizure to Mexico's FGR; the transfer's id."""
    assert ctx.officer is not None
    actor = ctx.officer.actor
    event = ctx.writer.call(
        lambda p: p.services.custody.transfer(samples.transfer(seizure_id, ["E1"]), actor)
    )
    return str(event.record_id)


def blank_quantity(samples: Any, ctx: UiContext, seizure_id: str) -> None:
    """Blank the first item's quantity behind the program's back.

    As a seizure finalized before quantities were required would be: finalizing
    refuses a blank quantity now, the receipt still must.
    """
    raw = samples.raw(ctx.writer.profile.store)
    raw.execute(
        "UPDATE records SET data = json_set(data, '$.items[0].quantity', json(?)) WHERE id = ?",
        (json.dumps(BLANK), seizure_id),
    )
    raw.close()


def issued_events(ctx: UiContext, record_id: str) -> list[dict[str, Any]]:
    """The ``receipt_issued`` payloads of a record, oldest first."""
    rows = ctx.ui_conn.execute(
        "SELECT payload FROM events WHERE record_id = ? AND kind = 'receipt_issued' ORDER BY pos",
        (record_id,),
    ).fetchall()
    return [json.loads(row[0]) for row in rows]


def all_issued(ctx: UiContext) -> int:
    """How many receipts the profile has issued, of any record."""
    query = "SELECT count(*) FROM events WHERE kind = 'receipt_issued'"
    return int(ctx.ui_conn.execute(query).fetchone()[0])


# -- paper and files -----------------------------------------------------------------------------


def pdf_printer(path: Path, high: bool = False) -> QPrinter:
    """A printer that writes a PDF file, as "Print to file" does."""
    mode = QPrinter.PrinterMode.HighResolution if high else QPrinter.PrinterMode.ScreenResolution
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pages(pdf: bytes) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


# -- the dialog ----------------------------------------------------------------------------------


@pytest.fixture
def open_dialog(ctx: UiContext, qtbot: QtBot) -> Callable[[str], ReceiptDialog]:
    """Show a record's receipt dialog, active, once its status and first preview have arrived."""

    def show(record_id: str) -> ReceiptDialog:
        dialog = ReceiptDialog(ctx, record_id)
        qtbot.addWidget(dialog)
        dialog.resize(1240, 860)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.waitUntil(
            lambda: (
                dialog.status is not None
                and (dialog.preview.page_count() > 0 or dialog.refusal is not None)
            ),
            timeout=WAIT,
        )
        return dialog

    return show


def person(dialog: ReceiptDialog) -> SignatureCapture:
    """The box the person the property was taken from signs in."""
    box = dialog.signatures.person_box
    assert box is not None
    return box


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box on its indicator, as a person does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def ctrl(qtbot: QtBot, key: Qt.Key) -> None:
    """A shortcut pressed where the cursor is."""
    press(qtbot, key, Qt.KeyboardModifier.ControlModifier)


def print_to(dialog: ReceiptDialog, qtbot: QtBot, path: Path, high: bool = False) -> list[Any]:
    """Ctrl+P, choosing a printer that writes ``path``; the outcome of the work."""
    dialog.ask_printer = lambda: pdf_printer(path, high)
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT) as done:
        ctrl(qtbot, Qt.Key.Key_P)
    return list(done.args)


def test_the_preview_shows_the_receipts_pages(
    ctx: UiContext, samples: Any, open_dialog: Callable[[str], ReceiptDialog], qtbot: QtBot
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)

    view = dialog.preview.view
    document = view.document()
    assert document is not None and document is dialog.preview.document
    assert view.pageMode() == QPdfView.PageMode.MultiPage
    assert dialog.preview.fitting and dialog.preview.fit_button.isChecked()
    shown = dialog.preview.pdf()
    assert shown is not None
    text = pages(shown)
    assert document.pageCount() == len(text) >= 1
    assert dialog.preview.page_label.text() == f"Page 1 of {len(text)}"
    assert "PREVIEW" in text[0]
    assert dialog.facts.heading.text() == "Custody receipt"
    assert (
        dialog.facts.subject_value.text()
        == queries.get_record(ctx.ui_conn, seizure_id).current["seizure_number"]
    )
    assert dialog.facts.receipt_value.text() == "Not issued yet"
    assert dialog.facts.next_value.text() == "Original"
    # The person, the seizing officer and the witness each have a box; the person's first.
    assert [box.role for box in dialog.signatures.boxes] == ["person", "officer", "witness"]
    assert person(dialog).name.toolTip() == samples.PERSON_NAME
    assert QApplication.focusWidget() is person(dialog).pad
    assert issued_events(ctx, seizure_id) == []  # a preview writes nothing

    # Zoom in, then back to the page width.
    fitted = view.zoomFactor()
    assert 0.5 < fitted <= 1.25
    qtbot.mouseClick(dialog.preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.zoomFactor() > fitted and not dialog.preview.fitting
    assert dialog.preview.zoom_label.text() == f"{round(view.zoomFactor() * 100)} %"
    qtbot.mouseClick(dialog.preview.fit_button, Qt.MouseButton.LeftButton)
    assert view.zoomFactor() == pytest.approx(fitted) and dialog.preview.fitting

    # A signature is on the preview a moment after the last stroke.
    draw(person(dialog).pad)
    qtbot.waitUntil(lambda: dialog.preview.pdf() != shown, timeout=WAIT)


def test_signed_and_printed_the_paper_is_the_issued_receipt(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    draw(person(dialog).pad)

    printed = tmp_path / "printed.pdf"
    assert print_to(dialog, qtbot, printed, high=True) == ["printed"]

    issued = dialog.last_issued
    assert issued is not None and issued.copy_number == 0
    [event] = issued_events(ctx, seizure_id)
    assert event["receipt_number"] == issued.receipt_number
    assert event["pdf_sha256"] == hashlib.sha256(issued.pdf).hexdigest()
    paper = pages(printed.read_bytes())
    assert len(paper) == len(pages(issued.pdf))
    assert issued.receipt_number in paper[0]
    # The dialog now shows the issued receipt, and the next print is a copy.
    assert dialog.preview.pdf() == issued.pdf
    assert "PREVIEW" not in pages(issued.pdf)[0]
    qtbot.waitUntil(lambda: dialog.facts.receipt_value.text() == issued.receipt_number)
    assert dialog.facts.next_value.text() == "Reprint — this will be copy 1"
    assert issued.receipt_number in dialog.note.text() and "original" in dialog.note.text()
    assert not person(dialog).isEnabled()


def test_save_as_pdf_writes_exactly_the_bytes_the_event_records(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    tick(qtbot, person(dialog).declined)
    assert person(dialog).note.hasFocus()
    QTest.keyClicks(person(dialog).note, "Said he would not sign anything")

    target = tmp_path / "out" / "receipt.pdf"
    target.parent.mkdir()
    dialog.ask_save_path = lambda: str(target)
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT) as done:
        ctrl(qtbot, Qt.Key.Key_S)
    assert done.args == ["saved"]

    [event] = issued_events(ctx, seizure_id)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == event["pdf_sha256"]
    assert "DECLINED TO SIGN" in " ".join(pages(target.read_bytes())).upper()
    assert sorted(p.name for p in target.parent.iterdir()) == ["receipt.pdf"]  # no temporary

    # Saving again writes the same receipt: no second issue.
    again = tmp_path / "out" / "again.pdf"
    dialog.ask_save_path = lambda: str(again)
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT):
        ctrl(qtbot, Qt.Key.Key_S)
    assert again.read_bytes() == target.read_bytes()
    assert len(issued_events(ctx, seizure_id)) == 1


def test_a_second_print_is_a_copy(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    draw(person(dialog).pad)
    assert print_to(dialog, qtbot, tmp_path / "original.pdf") == ["printed"]
    assert print_to(dialog, qtbot, tmp_path / "copy.pdf") == ["printed"]

    first, second = issued_events(ctx, seizure_id)
    assert (first["copy_number"], second["copy_number"]) == (0, 1)
    assert first["receipt_number"] == second["receipt_number"]
    copy = " ".join(pages((tmp_path / "copy.pdf").read_bytes()))
    assert "COPY" in copy and "COPIA" in copy
    assert "COPY" not in " ".join(pages((tmp_path / "original.pdf").read_bytes()))
    status = ctx.writer.call(lambda p: default_receipts(p).status(seizure_id))
    assert (status.receipt_number, status.prints) == (first["receipt_number"], 2)
    qtbot.waitUntil(lambda: dialog.facts.next_value.text() == "Reprint — this will be copy 2")

    # Opened again later, the dialog knows it is a reprint and asks for no signature.
    dialog.close()
    later = open_dialog(seizure_id)
    assert later.facts.next_value.text() == "Reprint — this will be copy 2"
    assert later.signatures.isHidden() and later.signature_note.isVisible()
    assert "COPY" in pages(later.preview.pdf() or b"")[0]
    assert print_to(later, qtbot, tmp_path / "later.pdf") == ["printed"]
    assert [e["copy_number"] for e in issued_events(ctx, seizure_id)] == [0, 1, 2]


def test_a_second_press_never_issues_twice(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    draw(person(dialog).pad)
    dialog.ask_printer = lambda: pdf_printer(tmp_path / "once.pdf")
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT):
        ctrl(qtbot, Qt.Key.Key_P)
        assert dialog.busy and not dialog.print_button.isEnabled()
        ctrl(qtbot, Qt.Key.Key_P)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        ctrl(qtbot, Qt.Key.Key_S)
        press(qtbot, Qt.Key.Key_Escape)  # no closing while the receipt is issued
        assert dialog.isVisible()
    assert len(issued_events(ctx, seizure_id)) == 1


def test_the_person_signs_or_declines_with_a_note_before_the_original(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    box = person(dialog)
    asked: list[bool] = []
    dialog.ask_printer = lambda: asked.append(True) or None  # type: ignore[func-returns-value]

    ctrl(qtbot, Qt.Key.Key_P)
    assert box.problem.isVisible()
    assert dialog.problem.text().startswith("The person signs the receipt")
    assert QApplication.focusWidget() is box.pad
    tick(qtbot, box.declined)
    ctrl(qtbot, Qt.Key.Key_P)
    assert box.problem.text() == "Say in a note why the signature was not given."
    assert not asked and issued_events(ctx, seizure_id) == []

    QTest.keyClicks(box.note, "Refused to sign")
    assert print_to(dialog, qtbot, tmp_path / "declined.pdf") == ["printed"]
    assert not box.problem.isVisible()


def test_a_refused_receipt_says_why_and_issues_nothing(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    blank_quantity(samples, ctx, seizure_id)
    before = all_issued(ctx)
    dialog = open_dialog(seizure_id)

    sentence = dialog.refusal
    assert sentence is not None and "E1" in sentence and "blank quantity" in sentence
    assert dialog.preview.document is None and dialog.preview.message.text() == sentence
    assert dialog.preview.message.isVisible()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert not dialog.signatures.isEnabled()
    dialog.ask_printer = lambda: pdf_printer(tmp_path / "never.pdf")
    ctrl(qtbot, Qt.Key.Key_P)
    ctrl(qtbot, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: not dialog.previews.running, timeout=WAIT)
    assert all_issued(ctx) == before
    assert not (tmp_path / "never.pdf").exists()


def test_a_refusal_when_issuing_is_one_sentence_and_nothing_is_issued(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    draw(person(dialog).pad)
    blank_quantity(samples, ctx, seizure_id)  # after the preview was made

    printed = tmp_path / "never.pdf"
    assert print_to(dialog, qtbot, printed) == ["failed"]
    assert dialog.problem.isVisible()
    assert "blank quantity" in dialog.problem.text() and "\n" not in dialog.problem.text()
    assert issued_events(ctx, seizure_id) == [] and not printed.exists()
    assert dialog.last_issued is None and not dialog.busy
    assert dialog.print_button.isEnabled() and person(dialog).is_signed()  # nothing lost


def test_an_unwritable_folder_is_a_sentence_and_the_receipt_is_kept(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    draw(person(dialog).pad)
    missing = tmp_path / "no such folder" / "receipt.pdf"
    dialog.ask_save_path = lambda: str(missing)
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert done.args == ["failed"]
    assert dialog.problem.isVisible()
    assert "could not be saved" in dialog.problem.text()
    assert "recorded as issued" in dialog.problem.text()
    assert dialog.save_button.isEnabled()

    good = tmp_path / "receipt.pdf"
    dialog.ask_save_path = lambda: str(good)
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert done.args == ["saved"] and not dialog.problem.isVisible()
    [event] = issued_events(ctx, seizure_id)
    assert hashlib.sha256(good.read_bytes()).hexdigest() == event["pdf_sha256"]


def test_a_transfer_gets_a_transfer_receipt(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    transfer_id = handed_over(ctx, samples, seizure_id)
    dialog = open_dialog(transfer_id)
    assert dialog.facts.heading.text() == "Custody transfer receipt"
    number = queries.get_record(ctx.ui_conn, seizure_id).current["seizure_number"]
    assert dialog.facts.subject_value.text() == f"Hand-over 1 of seizure {number}"
    assert dialog.signatures.boxes == [] and dialog.signatures.isHidden()
    assert dialog.signature_note.text().startswith("The signatures given at the hand-over")
    assert "PREVIEW" in pages(dialog.preview.pdf() or b"")[0]

    printed = tmp_path / "transfer.pdf"
    assert print_to(dialog, qtbot, printed) == ["printed"]
    issued = dialog.last_issued
    assert issued is not None
    paper = " ".join(pages(printed.read_bytes()))
    assert issued.receipt_number in paper
    assert "FGR" in paper or "Ñáñez" in paper
    assert issued_events(ctx, seizure_id) == []  # the seizure's own receipt is not issued


def test_the_record_view_prints_then_reprints(
    ctx: UiContext, samples: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    view = RecordView(ctx, seizure_id)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    assert view.receipt_button.isVisible() and view.receipt_button.isEnabled()
    assert view.receipt_button.text() == "&Print receipt…"
    focus(qtbot, view.custody_button)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.receipt_button

    press(qtbot, Qt.Key.Key_Space)
    dialog = view.findChild(ReceiptDialog)
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=WAIT)
    draw(person(dialog).pad)
    assert print_to(dialog, qtbot, tmp_path / "from-view.pdf") == ["printed"]
    qtbot.waitUntil(lambda: view.receipt_button.text() == "&Reprint receipt…")
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # An encounter has no receipt button of its own.
    parent = queries.get_record(ctx.ui_conn, seizure_id).current["encounter_id"]
    encounter = RecordView(ctx, parent)
    qtbot.addWidget(encounter)
    assert encounter.receipt_button.isHidden()


def test_an_auditor_sees_the_receipt_and_issues_nothing(
    ctx: UiContext, samples: Any, open_dialog: Callable[[str], ReceiptDialog], qtbot: QtBot
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    assert ctx.officer is not None
    ctx.officer = dataclasses.replace(ctx.officer, role=Role.AUDITOR)
    view = RecordView(ctx, seizure_id)
    qtbot.addWidget(view)
    assert view.receipt_button.isEnabled() and view.receipt_button.text() == "&View receipt…"

    dialog = open_dialog(seizure_id)
    assert dialog.preview.page_count() > 0
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.note.text() == "Auditors read receipts but do not issue them."
    ctrl(qtbot, Qt.Key.Key_P)
    assert issued_events(ctx, seizure_id) == []


def test_finalizing_an_encounter_with_a_seizure_offers_its_receipt(
    ctx: UiContext, qtbot: QtBot
) -> None:
    assert ctx.officer is not None
    actor = ctx.officer.actor
    generator = Generator(ctx.reference, seed=3)
    index = 0
    while True:
        encounter, seizures = generator.encounter_bundle(index)
        index += 1
        if len(seizures) == 1:
            break
    encounter = {k: v for k, v in encounter.items() if k not in ("id", "reference_number")}
    encounter["actions"] = dict(encounter["actions"], seizure_ids=[])
    seizure = {
        k: v for k, v in seizures[0].items() if k not in ("id", "seizure_number", "encounter_id")
    }
    draft = ctx.writer.call(lambda p: p.services.drafts.create(actor, "encounter", encounter))
    ctx.writer.call(
        lambda p: p.services.drafts.create(actor, "seizure", seizure, parent_id=draft.id)
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tabs.open_form(draft.id)
    form = window.tabs.currentWidget()
    assert isinstance(form, EncounterForm)
    qtbot.waitUntil(lambda: form.is_loaded, timeout=WAIT)
    qtbot.waitUntil(lambda: form.seizures.editor is not None, timeout=WAIT)
    # Offscreen, the window loses activation while the form loads; a person clicks back in.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: form.isAncestorOf(QApplication.focusWidget()))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # finalize

    qtbot.waitUntil(lambda: window.tabs.receipt_offer is not None, timeout=WAIT)
    offer = window.tabs.receipt_offer
    box = offer.box  # type: ignore[attr-defined]
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "Print the receipt now?"
    [(seizure_id, number)] = offer.seizures  # type: ignore[attr-defined]
    assert number in box.informativeText()
    assert queries.get_record(ctx.ui_conn, seizure_id).record_type == "seizure"

    qtbot.mouseClick(offer.print_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: isinstance(offer.dialog, ReceiptDialog), timeout=WAIT)  # type: ignore[attr-defined]
    dialog = offer.dialog  # type: ignore[attr-defined]
    assert dialog.subject is not None and dialog.subject.record_id == seizure_id
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=WAIT)
    dialog.reject()


def test_the_paper_is_remembered_and_the_preview_follows_it(
    ctx: UiContext, samples: Any, open_dialog: Callable[[str], ReceiptDialog], qtbot: QtBot
) -> None:
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    assert dialog.page_size.currentText() == "Letter"
    letter = dialog.printer_page_size().size(QPageSize.Unit.Millimeter)
    assert round(letter.width()) == 216

    choose(qtbot, dialog.page_size, "80")
    assert dialog.page_size_choice() == "thermal80"

    def roll_width() -> float:
        document = dialog.preview.document
        return document.pagePointSize(0).width() if document is not None else 0.0

    qtbot.waitUntil(lambda: 0 < roll_width() < 300, timeout=WAIT)  # 80 mm is 227 points
    roll = dialog.printer_page_size().size(QPageSize.Unit.Millimeter)
    assert round(roll.width()) == 80
    qtbot.waitUntil(lambda: saved_page_size(ctx.ui_conn) == "thermal80", timeout=WAIT)
    dialog.close()
    again = open_dialog(seizure_id)
    assert again.page_size_choice() == "thermal80"
    choose(qtbot, again.page_size, "A4")
    assert round(again.printer_page_size().size(QPageSize.Unit.Millimeter).width()) == 210


def test_qtpdf_is_loaded_only_when_a_receipt_is_opened() -> None:
    code = (
        "import sys, ui.main_window, ui.main_tabs, ui.records.view, ui.receipts.offer; "
        "print('PySide6.QtPdf' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"


def test_print_pdf_keeps_to_the_page_range_and_save_pdf_replaces_whole(
    qapp: QApplication, tmp_path: Path
) -> None:
    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number in (1, 2, 3):
        canvas.drawString(72, 720, f"Page number {number}")
        canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()

    printer = pdf_printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(pdf, printer) == 2
    assert pages((tmp_path / "range.pdf").read_bytes()) == ["Page number 2", "Page number 3"]

    target = tmp_path / "saved.pdf"
    target.write_bytes(b"old")
    save_pdf(pdf, target)
    assert target.read_bytes() == pdf
    with pytest.raises(OSError):
        save_pdf(pdf, tmp_path / "missing" / "x.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["range.pdf", "saved.pdf"]  # nothing else


def test_once_enrolled_the_qr_code_links_to_hqs_verification_page(
    ctx: UiContext,
    samples: Any,
    open_dialog: Callable[[str], ReceiptDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    from fieldapp.crypto import SigningKey
    from fieldapp.store.syncstate import SyncState

    hq_key = SigningKey.generate().public_hex()
    ctx.writer.call(
        lambda p: SyncState(p.store).save_enrollment(
            hq_url="https://hq.example.org/",
            device_name="laptop-7",
            token="t" * 32,
            hq_public_key=hq_key,
        )
    )
    seizure_id = finalized_seizure(ctx, samples)
    dialog = open_dialog(seizure_id)
    draw(person(dialog).pad)
    target = tmp_path / "receipt.pdf"
    dialog.ask_save_path = lambda: str(target)
    with qtbot.waitSignal(dialog.work_done, timeout=WAIT):
        ctrl(qtbot, Qt.Key.Key_S)
    [event] = issued_events(ctx, seizure_id)
    text = "".join(pages(target.read_bytes())).replace("\n", "")
    assert f"https://hq.example.org/verify/{event['receipt_number']}" in text
