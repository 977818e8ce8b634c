"""What the receipt dialog says the receipt is: for which record, its number, the next print.

The heading, the seizure or hand-over, the receipt number once issued, whether
the next print is the original or which copy, and the paper (remembered on the
profile for the next receipt).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.services.receipts import IssuedReceipt, ReceiptStatus
from ui.receipts.subject import PAGE_SIZES, ReceiptSubject, saved_page_size


class ReceiptFacts(QWidget):
    """The top of the dialog's side panel: what is printed, and on what paper."""

    def __init__(
        self,
        subject: ReceiptSubject | None,
        conn: sqlite3.Connection,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.subject = subject
        self.status: ReceiptStatus | None = None
        self.issued: IssuedReceipt | None = None
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.subject_value = self._value_label()
        self.receipt_value = self._value_label()
        self.next_value = self._value_label()
        self.page_size = QComboBox(self)
        for size in PAGE_SIZES:
            self.page_size.addItem("", size)
        self.page_size.setCurrentIndex(PAGE_SIZES.index(saved_page_size(conn)))
        self.captions = [QLabel(self) for _ in range(4)]
        self.captions[3].setBuddy(self.page_size)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        for caption, value in zip(
            self.captions,
            (self.subject_value, self.receipt_value, self.next_value, self.page_size),
            strict=True,
        ):
            form.addRow(caption, value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addSpacing(4)
        layout.addLayout(form)
        self.retranslate()

    def _value_label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def page_size_choice(self) -> str:
        """The page size chosen: "letter", "a4" or "thermal80"."""
        return str(self.page_size.currentData() or PAGE_SIZES[0])

    def prints(self) -> int | None:
        """How many times the receipt was printed so far (None until the status is read)."""
        if self.status is None and self.issued is None:
            return None
        prints = self.status.prints if self.status is not None else 0
        if self.issued is not None:
            prints = max(prints, self.issued.copy_number + 1)
        return prints

    def show_status(
        self, status: ReceiptStatus | None, issued: IssuedReceipt | None = None
    ) -> None:
        """The receipt's number and the next print, from the core's status and the last issue."""
        self.status, self.issued = status, issued
        self._show()

    def _show(self) -> None:
        subject = self.subject
        if subject is None:
            for label in (self.subject_value, self.receipt_value, self.next_value):
                label.setText("—")
            return
        if subject.is_transfer:
            if subject.sequence is not None:
                text = self.tr("Hand-over {sequence} of seizure {number}")
            else:
                text = self.tr("Hand-over of seizure {number}")
            self.subject_value.setText(
                text.format(sequence=subject.sequence, number=subject.seizure_number)
            )
        else:
            self.subject_value.setText(subject.seizure_number)
        prints = self.prints()
        if prints is None:
            self.receipt_value.setText(self.tr("Reading…"))
            self.next_value.setText("")
            return
        number = self.issued.receipt_number if self.issued is not None else None
        number = number or (self.status.receipt_number if self.status is not None else None)
        self.receipt_value.setText(number or self.tr("Not issued yet"))
        if prints == 0:
            self.next_value.setText(self.tr("Original"))
        else:
            self.next_value.setText(self.tr("Reprint — this will be copy {n}").format(n=prints))

    def retranslate(self) -> None:
        """Every caption in the current language."""
        if self.subject is not None and self.subject.is_transfer:
            self.heading.setText(self.tr("Custody transfer receipt"))
            subject_caption = self.tr("Transfer")
        else:
            self.heading.setText(self.tr("Custody receipt"))
            subject_caption = self.tr("Seizure")
        captions = (subject_caption, self.tr("Receipt"), self.tr("Next print"), self.tr("P&aper"))
        for label, caption in zip(self.captions, captions, strict=True):
            label.setText(caption)
        names = {
            "letter": self.tr("Letter"),
            "a4": self.tr("A4"),
            "thermal80": self.tr("80 mm roll"),
        }
        for index in range(self.page_size.count()):
            self.page_size.setItemText(index, names[str(self.page_size.itemData(index))])
        self.page_size.setToolTip(self.tr("Remembered for the next receipt"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
