"""The widgets both sign-in windows share: title, officer id, password, and the refusal line.

The sign-in window (``ui.login``, opening a shift on an open profile) and the
unlock window (``ui.unlock``, opening an encrypted profile) ask for the same
two things and say a refusal the same way; they differ in what they do with
the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

#: A refusal beside the fields: dark red, readable on the default palette.
ERROR_STYLE = "color: #b00020;"


@dataclass(frozen=True)
class CredentialWidgets:
    """The shared widgets, made as children of one window."""

    title: QLabel
    officer_edit: QLineEdit
    password_edit: QLineEdit
    officer_label: QLabel
    password_label: QLabel
    message: QLabel


def credential_widgets(parent: QWidget) -> CredentialWidgets:
    """A large bold title, the officer and password fields with buddy labels, a hidden message."""
    title = QLabel(parent)
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    title.setFont(font)
    officer_edit = QLineEdit(parent)
    officer_edit.setObjectName("officer")
    password_edit = QLineEdit(parent)
    password_edit.setObjectName("password")
    password_edit.setEchoMode(QLineEdit.EchoMode.Password)
    officer_label = QLabel(parent)
    officer_label.setBuddy(officer_edit)
    password_label = QLabel(parent)
    password_label.setBuddy(password_edit)
    message = QLabel(parent)
    message.setObjectName("message")
    message.setWordWrap(True)
    message.setStyleSheet(ERROR_STYLE)
    message.hide()
    return CredentialWidgets(
        title, officer_edit, password_edit, officer_label, password_label, message
    )
