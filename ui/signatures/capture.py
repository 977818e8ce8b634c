"""One signer's box: who signs, the pad, Clear, and "declined to sign" with a note.

Declining is an explicit choice, never the absence of ink: a receipt that
says "declined to sign" must show that the officer said so, and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.records.problems import ProblemLabel
from ui.signatures.pad import SignaturePad

ROLES = ("officer", "witness", "person", "released_by", "received_by")


@dataclass(frozen=True)
class SignatureValue:
    """What one signer gave: a drawn signature (PNG), or a refusal with the officer's note."""

    role: str
    png: bytes | None
    declined: bool = False
    note: str | None = None


class SignatureCapture(QWidget):
    """A signature pad for one role, with its caption, Clear and "declined to sign"."""

    changed = Signal()

    def __init__(
        self,
        role: str,
        name: str = "",
        *,
        can_decline: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if role not in ROLES:
            raise ValueError(f"unknown signature role {role!r}")
        self.role = role
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.name = QLabel(name, self)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(self)
        self.clear_button.setAutoDefault(False)
        self.declined = QCheckBox(self)
        self.declined.setVisible(can_decline)
        self.note = QLineEdit(self)
        self.note.setVisible(False)
        self.problem = ProblemLabel(self)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.name, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.pad, 1, 0, 1, 2)
        grid.addWidget(self.declined, 2, 0)
        grid.addWidget(self.clear_button, 2, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.note, 3, 0, 1, 2)
        grid.addWidget(self.problem, 4, 0, 1, 2)

        self.clear_button.clicked.connect(self.pad.clear)
        self.pad.changed.connect(self._pad_changed)
        self.declined.toggled.connect(self._declined_changed)
        self.note.textChanged.connect(self._note_changed)
        self.retranslate()

    def set_name(self, name: str) -> None:
        """Show who is to sign (a name, or nothing when unknown)."""
        self.name.setText(name)

    # -- state ---------------------------------------------------------------------

    def is_signed(self) -> bool:
        """Whether something that counts as a signature was drawn."""
        return not self.pad.is_empty()

    def is_declined(self) -> bool:
        """Whether the officer marked that this signer declined to sign."""
        return self.declined.isChecked()

    def value(self) -> SignatureValue | None:
        """The signature, the refusal, or ``None`` when neither was given."""
        if self.is_declined():
            note = self.note.text().strip()
            return SignatureValue(self.role, None, True, note or None)
        if self.is_signed():
            return SignatureValue(self.role, self.pad.to_png(), False, None)
        return None

    def check(self, required: bool = True) -> bool:
        """Show what is missing beside the pad; whether the box is complete.

        ``required``: whether an empty box is a problem (the person's signature
        on a receipt is; a witness who is not present may sign on paper later).
        """
        if self.is_declined():
            if not self.note.text().strip():
                self.problem.show_messages(
                    [self.tr("Say in a note why the signature was not given.")]
                )
                return False
        elif not self.is_signed() and required:
            if self.declined.isVisible():
                message = self.tr("Sign in the box, or mark that the signature was declined.")
            else:
                message = self.tr("Sign in the box.")
            self.problem.show_messages([message])
            return False
        self.problem.clear_messages()
        return True

    def _pad_changed(self) -> None:
        # Drawing after "declined" means the person changed their mind.
        if self.is_signed() and self.declined.isChecked():
            self.declined.setChecked(False)
        if self.problem.isVisible():
            self.check(required=False)
        self.changed.emit()

    def _declined_changed(self, declined: bool) -> None:
        self.note.setVisible(declined)
        self.pad.setEnabled(not declined)
        if declined:
            self.pad.clear()
            self.note.setFocus()
        if self.problem.isVisible():
            self.check(required=False)
        self.changed.emit()

    def _note_changed(self) -> None:
        if self.problem.isVisible():
            self.check(required=False)
        self.changed.emit()

    # -- language ------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        titles = {
            "officer": self.tr("Signature of the officer"),
            "witness": self.tr("Signature of the witness"),
            "person": self.tr("Signature of the person"),
            "released_by": self.tr("Signature of the officer releasing custody"),
            "received_by": self.tr("Signature of the person receiving custody"),
        }
        self.title.setText(titles[self.role])
        self.clear_button.setText(self.tr("C&lear"))
        self.clear_button.setToolTip(self.tr("Erase the signature and sign again"))
        self.declined.setText(self.tr("Declined to sign"))
        self.note.setPlaceholderText(self.tr("Officer's note: what was said or why"))
        self.pad.setAccessibleName(titles[self.role])
        self.pad.setToolTip(self.tr("Sign here with the mouse, a pen or a finger"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
