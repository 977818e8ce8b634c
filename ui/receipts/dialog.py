"""The receipt dialog: see the receipt, take the signatures, print it or save it as PDF.

It says what the receipt is for (a seizure, or a custody transfer), whether the
next print is the original or a copy, and offers the page size, the signature
boxes of an original seizure receipt and the preview beside them. The core
makes the preview on the writer thread (it writes nothing), again a moment
after the last stroke or at once when the page size changes.

Print… asks for the printer first, then issues the receipt on the writer thread
and prints exactly the bytes the core recorded (their hash is in the
``receipt_issued`` event) on a background thread; Save as PDF… issues and
writes those bytes to a file. While that runs the actions are disabled, so a
second press never issues twice. Once issued, the dialog shows the issued
receipt, and every further print is a copy (COPY / COPIA n).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPageSize, QResizeEvent, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.attachments import AttachmentStore
from fieldapp.errors import KnownError, RecordInvalid
from fieldapp.profile import Profile
from fieldapp.services.actor import Role
from fieldapp.services.receipts import IssuedReceipt, Receipts, ReceiptStatus
from ui.context import UiContext
from ui.receipts.facts import ReceiptFacts
from ui.receipts.paper import choose_pdf_file, choose_printer, page_size_for
from ui.receipts.pdf_view import PdfPreview, PrintFailed, print_pdf, save_pdf
from ui.receipts.previews import Job, PreviewMaker
from ui.receipts.signing import SignaturePanel
from ui.receipts.subject import (
    NoReceipt,
    ReceiptSubject,
    read_subject,
    save_page_size,
    verify_url,
)
from ui.records.problems import ProblemLabel

log = logging.getLogger(__name__)

_PANEL_WIDTH = 440
_PANEL_MIN_WIDTH = 360

#: Makes the core's receipt service on the writer thread (tests may replace it).
ReceiptsFactory = Callable[[Profile], Receipts]


def default_receipts(profile: Profile) -> Receipts:
    """The core's receipts over the profile's store and its attachments (the signatures)."""
    return Receipts(profile.store, AttachmentStore(profile.data_dir))


def _translate(text: str) -> str:
    """The dialog's own translation of ``text``, for when the dialog itself is gone."""
    return QCoreApplication.translate("ReceiptDialog", text)


class ReceiptDialog(QDialog):
    """Preview, sign, print and save one receipt: a seizure's or a custody transfer's."""

    #: A receipt was issued (the ``IssuedReceipt``), before it is printed or saved.
    receipt_issued = Signal(object)
    #: A print or save ended: "printed", "saved" or "failed" (a sentence is shown).
    work_done = Signal(str)

    def __init__(self, ctx: UiContext, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        #: Seams: the core's receipts, the printer and the file (tests replace them).
        self.receipts_for: ReceiptsFactory = default_receipts
        self.ask_printer: Callable[[], QPrinter | None] = self._ask_printer
        self.ask_save_path: Callable[[], str | None] = self._ask_save_path
        self.status: ReceiptStatus | None = None
        #: The receipt issued last in this dialog (what is shown, and saved again).
        self.last_issued: IssuedReceipt | None = None
        self.busy = False
        self._refusal: str | None = None
        self._no_receipt: NoReceipt | None = None
        self._printer: QPrinter | None = None
        self._verify_url = verify_url(ctx.ui_conn)
        try:
            self.subject: ReceiptSubject | None = read_subject(ctx.ui_conn, record_id)
        except NoReceipt as exc:
            self.subject, self._no_receipt = None, exc

        self._build()
        self._wire()
        self.retranslate()
        self._fit_to_screen()
        self._start()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.facts = ReceiptFacts(self.subject, self.ctx.ui_conn, self)
        self.page_size = self.facts.page_size
        self.signatures = SignaturePanel(self.ctx, self.subject, self)
        self.signatures.setVisible(bool(self.signatures.boxes))
        self.signature_note = QLabel(self)
        self.signature_note.setWordWrap(True)
        self.signature_note.setEnabled(False)
        self.signature_note.setVisible(False)
        self.filler = QWidget(self)

        self.panel = panel = QWidget(self)
        panel.setFixedWidth(_PANEL_WIDTH)
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.facts)
        side.addSpacing(8)
        side.addWidget(self.signature_note)
        side.addWidget(self.signatures, 1)
        side.addWidget(self.filler, 1)  # holds the space when there is nothing to sign
        self.filler.setVisible(not self.signatures.boxes)

        self.preview = PdfPreview(self)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(panel)
        body.addWidget(self.preview, 1)

        self.problem = ProblemLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self)
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self)
        self.save_button.setAutoDefault(False)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        messages = QVBoxLayout()
        messages.setSpacing(2)
        messages.addWidget(self.problem)
        messages.addWidget(self.note)
        footer = QHBoxLayout()
        footer.addLayout(messages, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            footer.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addLayout(body, 1)
        layout.addLayout(footer)

    def _wire(self) -> None:
        self.previews = PreviewMaker(self.ctx, self._preview_job, self)
        self.previews.made.connect(self._previewed)
        self.previews.refused.connect(self._preview_refused)
        self.signatures.changed.connect(self._signature_changed)
        self.page_size.currentIndexChanged.connect(self._page_size_changed)
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.save_receipt)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_receipt),
            (QKeySequence.StandardKey.Save, self.save_receipt),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        self.ctx.signals.records_changed.connect(self._records_changed)
        chain: list[QWidget] = [self.page_size, *self.signatures.focus_chain()]
        chain += [
            self.preview.view,
            self.preview.zoom_out_button,
            self.preview.fit_button,
            self.preview.zoom_in_button,
            self.print_button,
            self.save_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fit_to_screen(self) -> None:
        width, height = 1240, 860
        host = self.parentWidget()
        screen = host.screen() if host is not None else self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.94))
            height = min(height, int(available.height() * 0.94))
        self.setMinimumSize(min(width, 900), min(height, 560))
        self.resize(width, height)

    # -- reading ---------------------------------------------------------------------------

    def _start(self) -> None:
        if self.subject is None:
            self.preview.show_message(self._no_receipt_sentence(), problem=True)
            self._update_actions()
            return
        self.preview.show_message(self.tr("Preparing the preview…"))
        self._load_status()
        self.request_preview()
        boxes = self.signatures.boxes
        (boxes[0].pad if boxes else self.print_button).setFocus()

    def _load_status(self) -> None:
        if self.subject is None:
            return
        target, factory = self.subject.record_id, self.receipts_for
        self.ctx.writer.submit(
            lambda profile: factory(profile).status(target), self._status_read, self._read_failed
        )

    def _status_read(self, status: ReceiptStatus) -> None:
        if not shiboken6.isValid(self):
            return
        self.status = status
        self._show_status()
        self._update_actions()

    def _read_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            if not isinstance(error, KnownError):
                raise error
            return
        if not isinstance(error, KnownError):
            raise error
        self.problem.show_messages([error.message])

    def _records_changed(self, record_ids: list[str]) -> None:
        if self.subject is None or self.subject.record_id not in record_ids:
            return
        self._load_status()
        if self.last_issued is None:
            self.request_preview()  # an addendum may have filled in what was blank

    # -- the preview -----------------------------------------------------------------------

    def request_preview(self) -> None:
        """Have the core make the preview again (one at a time; the latest wins)."""
        self.previews.now()

    def _preview_job(self) -> Job | None:
        if self.subject is None or self.last_issued is not None:
            return None  # once issued, the issued receipt is shown
        subject, factory = self.subject, self.receipts_for
        page_size, url = self.page_size_choice(), self._verify_url
        signatures = self.signatures.inputs(preview=True)

        def preview(profile: Profile) -> bytes:
            return factory(profile).preview(
                subject.record_id, page_size=page_size, verify_url=url, signatures=signatures
            )

        return preview

    def _previewed(self, pdf: bytes) -> None:
        if self.last_issued is None:
            self._refusal = None
            self.signatures.setEnabled(True)
            self.preview.set_pdf(pdf)
            self._update_actions()

    def _preview_refused(self, sentence: str) -> None:
        if self.last_issued is None:
            # Said once, where the receipt would be; nothing can be signed or issued.
            self._refusal = sentence
            self.preview.show_message(sentence, problem=True)
            self.signatures.setEnabled(False)
            self._update_actions()
            self._keep_focus()

    def _signature_changed(self) -> None:
        if self.last_issued is None:
            self.previews.later()

    def _page_size_changed(self) -> None:
        page_size = self.page_size_choice()
        self.ctx.writer.submit(lambda profile: save_page_size(profile, page_size))
        self.request_preview()

    @property
    def refusal(self) -> str | None:
        """Why the core refuses this receipt (a blank quantity, ...), or None."""
        return self._refusal

    # -- what is asked of the core ---------------------------------------------------------

    def page_size_choice(self) -> str:
        """The page size chosen: "letter", "a4" or "thermal80"."""
        return self.facts.page_size_choice()

    def next_is_copy(self) -> bool:
        """Whether the next print is a reprint (the original was issued before)."""
        issued_before = self.status is not None and self.status.prints > 0
        return self.last_issued is not None or issued_before

    def _signatures_ready(self) -> bool:
        """Check the boxes before the original is issued; the person's is required."""
        if self.next_is_copy() or self.signatures.check():
            return True
        self.problem.show_messages(
            [
                self.tr(
                    "The person signs the receipt, or you mark that they declined "
                    "and say why, before it is issued."
                )
            ]
        )
        return False

    # -- actions ---------------------------------------------------------------------------

    def _can_issue(self) -> bool:
        officer = self.ctx.officer
        return officer is not None and officer.role != Role.AUDITOR

    def _ready(self) -> bool:
        return (
            self.subject is not None
            and self.status is not None
            and not self.busy
            and self._can_issue()
            and (self._refusal is None or self.last_issued is not None)
        )

    def print_receipt(self) -> None:
        """Ask for the printer, then issue the receipt and print exactly the issued bytes."""
        if not self._ready() or not self._signatures_ready():
            return
        self.problem.clear_messages()
        printer = self.ask_printer()
        if printer is None or not self._ready():
            return
        one_copy = printer.copyCount() > 1
        if one_copy:
            # Each paper handed over is logged; a second one is a reprint marked COPY.
            printer.setCopyCount(1)
        self._printer = printer
        self._issue(lambda issued: self._print(issued, printer, one_copy))

    def save_receipt(self) -> None:
        """Issue the receipt (once) and write the issued bytes to a PDF file."""
        if not self._ready():
            return
        issued = self.last_issued
        if issued is None and not self._signatures_ready():
            return
        self.problem.clear_messages()
        path = self.ask_save_path()
        if not path or not self._ready():
            return
        if issued is not None:
            self._save(issued, Path(path))  # the receipt shown; saving it again logs nothing new
        else:
            self._issue(lambda done: self._save(done, Path(path)))

    def _issue(self, then: Callable[[IssuedReceipt], None]) -> None:
        subject, factory, officer = self.subject, self.receipts_for, self.ctx.officer
        assert subject is not None and officer is not None
        actor, copy = officer.actor, self.next_is_copy()
        page_size, url = self.page_size_choice(), self._verify_url
        signatures = () if copy else self.signatures.inputs()

        def issue(profile: Profile) -> IssuedReceipt:
            receipts = factory(profile)
            if subject.is_transfer:
                return receipts.issue_transfer(
                    subject.record_id, actor, copy=copy, verify_url=url, page_size=page_size
                )
            return receipts.issue(
                subject.record_id,
                actor,
                copy=copy,
                verify_url=url,
                page_size=page_size,
                signatures=signatures,
            )

        self._set_busy(True, self.tr("Issuing the receipt…"))
        record_id = subject.record_id
        self.ctx.writer.submit(
            issue, lambda issued: self._issued(issued, record_id, then), self._issue_failed
        )

    def _issued(
        self, issued: IssuedReceipt, record_id: str, then: Callable[[IssuedReceipt], None]
    ) -> None:
        if not shiboken6.isValid(self):
            # The record has a new event even though the dialog's window is gone.
            self.ctx.signals.records_changed.emit([record_id])
            self.ctx.signals.message.emit(
                _translate("Receipt {number} was issued.").format(number=issued.receipt_number)
            )
            return
        self.last_issued = issued
        self.ctx.signals.records_changed.emit([record_id])
        self.previews.stop()
        self._refusal = None
        self.preview.set_pdf(issued.pdf)
        for box in self.signatures.boxes:
            box.setEnabled(False)  # they are on the issued receipt now
        self._show_status()
        self.receipt_issued.emit(issued)
        then(issued)

    def _issue_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            if not isinstance(error, KnownError):
                raise error
            self.ctx.signals.message.emit(error.message)
            return
        self._set_busy(False)
        self._printer = None
        if not isinstance(error, KnownError):
            self.work_done.emit("failed")
            raise error
        if isinstance(error, RecordInvalid) and self.signatures.show_problems(error.problems):
            self.problem.show_messages([self.tr("Check the signatures: see beside each box.")])
        else:
            self.problem.show_messages([error.message])
        self.work_done.emit("failed")

    def _print(self, issued: IssuedReceipt, printer: QPrinter, one_copy: bool) -> None:
        self._set_busy(True, self.tr("Printing…"))
        pdf = issued.pdf
        self.ctx.readers.submit(
            lambda _conn: print_pdf(pdf, printer),
            lambda pages: self._printed(issued, pages, one_copy),
            lambda error: self._print_failed(issued, error),
        )

    def _printed(self, issued: IssuedReceipt, pages: int, one_copy: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self._printer = None
        self._set_busy(False)
        which = self._which(issued)
        if pages == 1:
            text = self.tr("Receipt {number} printed ({which}), 1 page.")
        else:
            text = self.tr("Receipt {number} printed ({which}), {pages} pages.")
        text = text.format(number=issued.receipt_number, which=which, pages=pages)
        if one_copy:
            text += " " + self.tr("One paper was printed: every further one is a reprint (copy).")
        self.note.setText(text)
        self.ctx.signals.message.emit(text)
        self.work_done.emit("printed")

    def _print_failed(self, issued: IssuedReceipt, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.ctx.signals.message.emit(
                _translate("Receipt {number} did not print; print it again (a copy).").format(
                    number=issued.receipt_number
                )
            )
            return
        self._printer = None
        self._set_busy(False)
        if not isinstance(error, PrintFailed | OSError):
            self.work_done.emit("failed")
            raise error
        log.warning("receipt %s did not print: %s", issued.receipt_number, error)
        self.problem.show_messages(
            [
                self.tr(
                    "Receipt {number} is recorded as issued but did not print. Check the "
                    "printer and print again (a copy), or save it as PDF."
                ).format(number=issued.receipt_number)
            ]
        )
        self.work_done.emit("failed")

    def _save(self, issued: IssuedReceipt, path: Path) -> None:
        self._set_busy(True, self.tr("Saving…"))
        pdf = issued.pdf
        self.ctx.readers.submit(
            lambda _conn: save_pdf(pdf, path),
            lambda _none: self._saved(issued, path),
            lambda error: self._save_failed(issued, path, error),
        )

    def _saved(self, issued: IssuedReceipt, path: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        text = self.tr("Receipt {number} ({which}) saved to {path}.").format(
            number=issued.receipt_number, which=self._which(issued), path=path
        )
        self.note.setText(text)
        self.ctx.signals.message.emit(text)
        self.work_done.emit("saved")

    def _save_failed(self, issued: IssuedReceipt, path: Path, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.ctx.signals.message.emit(
                _translate("Receipt {number} could not be saved in {folder}.").format(
                    number=issued.receipt_number, folder=path.parent
                )
            )
            return
        self._set_busy(False)
        if not isinstance(error, OSError):
            self.work_done.emit("failed")
            raise error
        reason = error.strerror or str(error)
        self.problem.show_messages(
            [
                self.tr(
                    "Receipt {number} could not be saved in {folder} ({reason}); it is "
                    "recorded as issued. Save it in another folder."
                ).format(number=issued.receipt_number, folder=path.parent, reason=reason)
            ]
        )
        self.work_done.emit("failed")

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if busy:
            self.problem.clear_messages()
        self.note.setText(text)
        self._update_actions()
        if not busy:
            self._keep_focus()

    def _keep_focus(self) -> None:
        """A pad that had the keyboard may be disabled now (issued, refused): Close takes it."""
        focused = self.focusWidget()
        if focused is None or not focused.isEnabled():
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_actions(self) -> None:
        ready = self._ready()
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.page_size.setEnabled(self.subject is not None and not self.busy)
        self.close_button.setEnabled(not self.busy)
        officer = self.ctx.officer
        if self.subject is not None and officer is not None and officer.role == Role.AUDITOR:
            self.note.setText(self.tr("Auditors read receipts but do not issue them."))

    # -- asking the officer ----------------------------------------------------------------

    def _ask_printer(self) -> QPrinter | None:
        return choose_printer(
            self,
            self.printer_page_size(),
            self.preview.page_count(),
            self.tr("Print the receipt"),
            self.windowTitle(),
        )

    def printer_page_size(self) -> QPageSize:
        """The paper to offer in the print dialog: the chosen size (a roll as long as a page)."""
        document = self.preview.document
        first = document.pagePointSize(0) if document is not None else None
        return page_size_for(self.page_size_choice(), first, self.tr("80 mm roll"))

    def _ask_save_path(self) -> str | None:
        return choose_pdf_file(
            self,
            self.tr("Save the receipt as PDF"),
            self._file_name(),
            self.tr("PDF files (*.pdf)"),
        )

    def _file_name(self) -> str:
        issued = self.last_issued
        if issued is not None:
            suffix = f"-copy-{issued.copy_number}" if issued.copy_number else ""
            return f"{issued.receipt_number}{suffix}.pdf"
        number = self.subject.seizure_number if self.subject is not None else "receipt"
        return f"{number}-receipt.pdf"

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The side panel narrows on a small screen; the preview takes the rest."""
        width = int(self.width() * 0.36)
        self.panel.setFixedWidth(max(_PANEL_MIN_WIDTH, min(_PANEL_WIDTH, width)))
        super().resizeEvent(event)

    def reject(self) -> None:
        """Close (Esc), except while the receipt is being issued, printed or saved."""
        if self.busy:
            return  # the writer or the printer answers in a moment; its answer is shown
        super().reject()

    # -- words -----------------------------------------------------------------------------

    def _which(self, issued: IssuedReceipt) -> str:
        if issued.copy_number:
            return self.tr("copy {n}").format(n=issued.copy_number)
        return self.tr("original")

    def _no_receipt_sentence(self) -> str:
        reason = self._no_receipt.reason if self._no_receipt is not None else "missing"
        if reason == "no_seizure":
            return self.tr("This encounter has no seizure, so it has no receipt.")
        if reason == "many_seizures":
            return self.tr(
                "This encounter has {count} seizures: open the receipt from each seizure."
            ).format(count=self._no_receipt.count if self._no_receipt is not None else 0)
        if reason == "other":
            return self.tr("Receipts are printed for seizures and custody transfers.")
        return self.tr("This record cannot be found on this device.")

    def _show_status(self) -> None:
        self.facts.show_status(self.status, self.last_issued)
        subject = self.subject
        if subject is None:
            return
        self.setWindowTitle(self.tr("Receipt — {number}").format(number=subject.seizure_number))
        # A copy prints the original's signatures: nothing to sign when opened for one.
        reprint = self.last_issued is None and bool(self.facts.prints())
        to_sign = bool(self.signatures.boxes) and not reprint
        self.signatures.setVisible(to_sign)
        self.filler.setVisible(not to_sign)
        if subject.is_transfer:
            text = self.tr(
                "The signatures given at the hand-over are printed on it; "
                "any other is signed on the paper."
            )
        else:
            text = self.tr("A copy carries the signatures given on the original.")
        self.signature_note.setText(text)
        self.signature_note.setVisible(subject.is_transfer or reprint)

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.setWindowTitle(self.tr("Receipt"))
        self.print_button.setText(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Issue the receipt and print it (Ctrl+P)"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.save_button.setToolTip(self.tr("Issue the receipt and save it as a PDF file (Ctrl+S)"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self._show_status()
        if self.subject is None:
            self.preview.show_message(self._no_receipt_sentence(), problem=True)
        if not self.busy:
            self._update_actions()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
