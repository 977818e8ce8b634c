"""The enrollment form of the Sync page: HQ's address, the one-time code HQ gave, and HQ's
certificate authority file (chosen with a file picker; needed for an https:// address).

A problem is a sentence beside the field it is about (the address, the code)
or under the form when it is about neither; the field with the problem gets
the keyboard. The enrollment itself runs through the program's
:class:`~ui.sync_run.SyncRunner`, off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from ui.context import UiContext
from ui.status import FAILURE_STYLE
from ui.sync_run import CA_FIELD, CODE_FIELD, URL_FIELD, EnrollOutcome


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(FAILURE_STYLE)
    label.hide()
    return label


class EnrollForm(QWidget):
    """HQ address + enrollment code + Enroll; says what went wrong beside the field."""

    #: The device is enrolled now (the :class:`sync.protocol.EnrollResponse`).
    enrolled = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.url_label = QLabel(self)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("hq_url")
        self.url_edit.setPlaceholderText("https://hq.example.org")
        self.url_label.setBuddy(self.url_edit)
        self.url_error = _error_label(self, "hq_url_error")
        self.code_label = QLabel(self)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("enroll_code")
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.code_label.setBuddy(self.code_edit)
        self.code_error = _error_label(self, "enroll_code_error")
        self.ca_label = QLabel(self)
        self.ca_edit = QLineEdit(self)
        self.ca_edit.setObjectName("hq_ca")
        self.ca_edit.setPlaceholderText("ca.crt")
        self.ca_label.setBuddy(self.ca_edit)
        self.ca_button = QPushButton(self)
        self.ca_button.setObjectName("choose_ca")
        self.ca_error = _error_label(self, "hq_ca_error")
        self.error = _error_label(self, "enroll_error")
        self.enroll_button = QPushButton(self)
        self.enroll_button.setObjectName("enroll")
        for edit in (self.url_edit, self.code_edit, self.ca_edit):
            edit.setMinimumWidth(360)
            edit.returnPressed.connect(self.submit)

        url_column = QVBoxLayout()
        url_column.setSpacing(2)
        url_column.addWidget(self.url_edit)
        url_column.addWidget(self.url_error)
        code_column = QVBoxLayout()
        code_column.setSpacing(2)
        code_column.addWidget(self.code_edit)
        code_column.addWidget(self.code_error)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)
        ca_column = QVBoxLayout()
        ca_column.setSpacing(2)
        ca_column.addLayout(ca_row)
        ca_column.addWidget(self.ca_error)
        fields = QFormLayout()
        fields.setHorizontalSpacing(16)
        fields.addRow(self.url_label, url_column)
        fields.addRow(self.code_label, code_column)
        fields.addRow(self.ca_label, ca_column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enroll_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addLayout(fields)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMaximumWidth(720)

        self.enroll_button.clicked.connect(self.submit)
        self.ca_button.clicked.connect(self.choose_ca)
        ctx.sync.enroll_finished.connect(self._finished)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.intro.setText(
            self.tr(
                "To send this device's records to HQ, enroll it once: type HQ's address and "
                "the one-time enrollment code an HQ administrator gave you, and choose HQ's "
                "certificate authority file (ca.crt) HQ gave with it."
            )
        )
        self.url_label.setText(self.tr("HQ &address:"))
        self.code_label.setText(self.tr("Enrollment &code:"))
        self.ca_label.setText(self.tr("HQ's cer&tificate authority:"))
        self.ca_edit.setToolTip(
            self.tr("HQ's ca.crt file, or the fingerprint of it that HQ gave you (SHA-256).")
        )
        self.ca_button.setText(self.tr("C&hoose…"))
        self._show_button()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_button(self) -> None:
        enrolling = self.ctx.sync.busy == "enroll"
        self.enroll_button.setText(self.tr("Enrolling…") if enrolling else self.tr("&Enroll"))
        self.enroll_button.setEnabled(not enrolling)

    # -- enrolling -------------------------------------------------------------------------

    def clear_errors(self) -> None:
        """Hide every problem shown."""
        for label in (self.url_error, self.code_error, self.ca_error, self.error):
            label.clear()
            label.hide()

    def show_error(self, text: str, field: str | None) -> None:
        """A problem beside its field (the keyboard goes there), or under the form."""
        label = {
            URL_FIELD: self.url_error,
            CODE_FIELD: self.code_error,
            CA_FIELD: self.ca_error,
        }.get(field or "", self.error)
        label.setText(text)
        label.show()
        edits = {URL_FIELD: self.url_edit, CODE_FIELD: self.code_edit, CA_FIELD: self.ca_edit}
        edit = edits.get(field or "")
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()

    def choose_ca(self) -> None:
        """Pick HQ's certificate authority file with the system's file picker."""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("HQ's certificate authority"),
            self.ca_edit.text().strip(),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if chosen:
            self.ca_edit.setText(chosen)
            self.ca_error.hide()

    def submit(self) -> None:
        """Enroll with what was typed (checked for blanks first)."""
        if self.ctx.sync.busy == "enroll":
            return
        self.clear_errors()
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        ca = self.ca_edit.text().strip()
        if not url:
            self.show_error(self.tr("Type HQ's address, like https://hq.example.org."), URL_FIELD)
            return
        if not code:
            self.show_error(self.tr("Type the enrollment code HQ gave you."), CODE_FIELD)
            return
        if not ca and url.lower().startswith("https:"):
            self.show_error(
                self.tr(
                    "Choose HQ's certificate authority file (ca.crt, given by HQ with the code), "
                    "or type its fingerprint: it is how this device knows the server is HQ."
                ),
                CA_FIELD,
            )
            return
        if not self.ctx.sync.enroll(url, code, ca or None):
            self.show_error(self.tr("A sync is running; enroll again when it has finished."), None)
            return
        self._show_button()

    def _finished(self, outcome: EnrollOutcome) -> None:
        if not Shiboken.isValid(self):
            return
        self._show_button()
        if not outcome.ok:
            assert outcome.error is not None
            self.show_error(outcome.error, outcome.field)
            return
        self.clear_errors()
        self.code_edit.clear()
        self.enrolled.emit(outcome.answer)
