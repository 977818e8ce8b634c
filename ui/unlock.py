"""Unlocking an encrypted profile when the program starts: officer id and password.

The database cannot be read before the key is unwrapped, so this small window
comes before everything that needs the profile (the writer, the readers, the
sign-in window). argon2id and, for a profile made before encryption, the
one-time encryption of the file take from a fraction of a second to a few
seconds, so the work runs on a worker thread and the answer comes back by signal.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.auth import Officer
from fieldapp.errors import KnownError
from fieldapp.profile import Profile
from ui.credentials_form import credential_widgets
from ui.sign_in_messages import SignInMessages


class UnlockDialog(QDialog):
    """Asks for an officer's credentials and opens the profile with them."""

    #: (profile, officer) or the exception, from the worker thread.
    _answered = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        demo_hint: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.demo_hint = demo_hint
        #: The opened profile and the officer signed in, once accepted.
        self.result_pair: tuple[Profile, Officer] | None = None
        self._worker: threading.Thread | None = None
        self._trying = ""
        """The officer id of the unlock under way (for the lockout sentence)."""
        self._messages = SignInMessages(self)

        shared = credential_widgets(self)
        self.title = shared.title
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.officer_edit, self.password_edit = shared.officer_edit, shared.password_edit
        self.officer_label, self.password_label = shared.officer_label, shared.password_label
        self.message = shared.message
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("demo_hint")
        self.hint.setVisible(demo_hint is not None)

        form = QFormLayout()
        form.addRow(self.officer_label, self.officer_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow("", self.message)
        form.addRow("", self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.hint)

        self.unlock_button.clicked.connect(self.unlock)
        self.password_edit.returnPressed.connect(self.unlock)
        self.officer_edit.returnPressed.connect(self.password_edit.setFocus)
        self._answered.connect(self._done)
        self.setMinimumWidth(460)
        self.retranslate()
        self.officer_edit.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Checkpoint field capture"))
        self.title.setText(self.tr("Sign in to open this laptop's records"))
        self.explanation.setText(
            self.tr(
                "The records on this laptop are encrypted. Sign in with your officer id and "
                "password; it works without a network."
            )
        )
        self.officer_label.setText(self.tr("Officer id"))
        self.password_label.setText(self.tr("Password"))
        self.unlock_button.setText(self.tr("Sign in"))
        if self.demo_hint is not None:
            officer, password = self.demo_hint
            self.hint.setText(
                self.tr("Demo sign-in: officer {officer}, password {password}")
                .replace("{officer}", officer)
                .replace("{password}", password)
            )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def unlock(self) -> None:
        """Check the credentials and open the profile on a worker thread."""
        if self._worker is not None:
            return
        officer, password = self.officer_edit.text().strip(), self.password_edit.text()
        if not officer or not password:
            self._say(self.tr("Type your officer id and your password."))
            return
        self._trying = officer
        self.unlock_button.setEnabled(False)
        self.unlock_button.setText(self.tr("Checking…"))

        def work() -> None:
            from fieldapp.unlock import unlock

            try:
                answer: object = unlock(self.data_dir, officer, password)
            except BaseException as exc:  # handed to the UI thread, raised there if a bug
                answer = exc
            self._answered.emit(answer)

        self._worker = threading.Thread(target=work, name="unlock", daemon=True)
        self._worker.start()

    def _done(self, answer: object) -> None:
        if self._worker is not None:
            self._worker.join()
        self._worker = None
        if not Shiboken.isValid(self):  # pragma: no cover - closed meanwhile
            if isinstance(answer, tuple):
                answer[0].close()
            return
        self.unlock_button.setEnabled(True)
        self.unlock_button.setText(self.tr("Sign in"))
        if isinstance(answer, tuple):
            self.result_pair = (answer[0], answer[1])
            self.password_edit.clear()
            self.accept()
            return
        if not isinstance(answer, KnownError):
            raise answer  # type: ignore[misc]
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._say(self._messages.failure(answer, self._trying))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
