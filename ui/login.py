"""Signing in: officer id and password, checked offline on the writer thread.

argon2id takes tens of milliseconds by design, and a failure is written down
(the lockout count survives a restart), so the check runs on the profile's
writer, never on the UI thread. A failure is a sentence right under the
fields; a lockout says when it ends and keeps the button off until then.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.auth import Authenticator, Officer, SignInFailed
from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.profile import Profile
from ui.context import UiContext
from ui.credentials_form import ERROR_STYLE, credential_widgets
from ui.sign_in_messages import SignInMessages

_HINT_STYLE = "background: #eef4fb; border: 1px solid #b8cde6; border-radius: 4px; padding: 8px;"


class LoginWindow(QWidget):
    """The first window: who is signing in on this device."""

    #: The officer whose password was right (a :class:`fieldapp.auth.Officer`).
    signed_in = Signal(object)
    #: The officer closed the window: the program should end.
    quit_requested = Signal()

    def __init__(
        self,
        ctx: UiContext,
        demo_hint: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo_hint = demo_hint
        self._checking = False
        self._has_credentials: bool | None = None
        self._locked: dict[str, dt.datetime] = {}
        self._message_key: tuple[str, tuple[Any, ...]] | None = None
        self._messages = SignInMessages(self)

        shared = credential_widgets(self)
        self.title = shared.title
        self.subtitle = QLabel(self)
        self.officer_edit, self.password_edit = shared.officer_edit, shared.password_edit
        self.officer_label, self.password_label = shared.officer_label, shared.password_label
        self.message = shared.message

        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setMinimumHeight(36)

        self.no_credentials = QLabel(self)
        self.no_credentials.setWordWrap(True)
        self.no_credentials.setStyleSheet(ERROR_STYLE)
        self.no_credentials.hide()

        self.hint = QLabel(self)
        self.hint.setObjectName("demo_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT_STYLE)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setVisible(demo_hint is not None)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.officer_label, self.officer_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow("", self.message)
        form.addRow("", self.sign_in_button)

        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(480)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addWidget(self.no_credentials)
        inner.addLayout(form)
        inner.addWidget(self.hint)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._update_button)

        self.officer_edit.returnPressed.connect(self._officer_entered)
        self.password_edit.returnPressed.connect(self.sign_in)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.officer_edit.textChanged.connect(self._update_button)
        self.setTabOrder(self.officer_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)
        self.officer_edit.setFocus()
        self.resize(640, 520)

        self.retranslate()
        ctx.writer.submit(_has_credentials, on_done=self._credentials_known)

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Sign in · Checkpoint field capture"))
        self.title.setText(self.tr("Checkpoint field capture"))
        self.subtitle.setText(self.tr("Sign in with your officer id and password."))
        self.officer_label.setText(self.tr("&Officer id"))
        self.password_label.setText(self.tr("&Password"))
        self.officer_edit.setPlaceholderText(self.tr("e.g. off-0001 or your badge number"))
        self.sign_in_button.setText(self.tr("Checking…") if self._checking else self.tr("Sign in"))
        self.no_credentials.setText(
            self.tr(
                "This device has no officer credentials yet. Enroll it with HQ, or run "
                "“fieldapp demo” to try the program on made-up records. (Profile folder: {0})"
            ).format(self.ctx.data_dir)
        )
        if self.demo_hint is not None:
            officer, password = self.demo_hint
            self.hint.setText(
                self.tr(
                    "Demo profile: every person, vehicle and seizure in it is made up. "
                    "Sign in as officer <b>{0}</b> with password <b>{1}</b>."
                ).format(_nobreak(officer), _nobreak(password))
            )
        self._show_message_again()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.quit_requested.emit()
        super().closeEvent(event)

    # -- messages --------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self._message_key = None
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _say_locked(self, officer_id: str, until: dt.datetime) -> None:
        self._message_key = ("locked", (officer_id, until.astimezone().strftime("%H:%M")))
        self._show_message_again()

    def _show_message_again(self) -> None:
        if self._message_key is None:
            return
        kind, args = self._message_key
        if kind == "locked":
            self.message.setText(self._messages.locked(*args))
        else:
            self.message.setText(self._messages.failure(*args))
        self.message.show()

    def _say_failure(self, error: KnownError, officer_id: str) -> None:
        self._message_key = ("failed", (error, officer_id))
        self._show_message_again()

    # -- signing in ------------------------------------------------------------------------

    def _credentials_known(self, has: bool) -> None:
        if not Shiboken.isValid(self):
            return
        self._has_credentials = has
        self.no_credentials.setVisible(not has)
        for widget in (self.officer_edit, self.password_edit):
            widget.setEnabled(has)
        self._update_button()

    def _officer_entered(self) -> None:
        if self.password_edit.text():
            self.sign_in()
        else:
            self.password_edit.setFocus()

    def _locked_until(self, officer_id: str) -> dt.datetime | None:
        until = self._locked.get(officer_id)
        if until is not None and until <= now():
            del self._locked[officer_id]
            return None
        return until

    def _update_button(self, *_: object) -> None:
        until = self._locked_until(self.officer_edit.text().strip())
        allowed = not self._checking and self._has_credentials is not False and until is None
        self.sign_in_button.setEnabled(allowed)
        if until is not None:
            remaining = (until - now()).total_seconds()
            self._unlock_timer.start(max(0, int(remaining * 1000)) + 50)
        elif self._message_key is not None and self._message_key[0] == "locked":
            self._say("")

    def sign_in(self) -> None:
        """Check the typed credentials on the writer thread."""
        if not self.sign_in_button.isEnabled():
            return
        officer_id = self.officer_edit.text().strip()
        password = self.password_edit.text()
        if not officer_id:
            self._say(self.tr("Type your officer id."))
            self.officer_edit.setFocus()
            return
        if not password:
            self._say(self.tr("Type your password."))
            self.password_edit.setFocus()
            return
        self._checking = True
        self.sign_in_button.setText(self.tr("Checking…"))
        self._update_button()

        def check(profile: Profile) -> Officer:
            return Authenticator(profile.store).sign_in(officer_id, password)

        self.ctx.writer.submit(
            check,
            on_done=self._succeeded,
            on_error=lambda error: self._failed(officer_id, error),
        )

    def _finish_check(self) -> None:
        self._checking = False
        self.sign_in_button.setText(self.tr("Sign in"))
        self._update_button()

    def _succeeded(self, officer: Officer) -> None:
        if not Shiboken.isValid(self):
            return
        self._finish_check()
        self._say("")
        self.password_edit.clear()
        self.signed_in.emit(officer)

    def _failed(self, officer_id: str, error: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        if not isinstance(error, KnownError):
            raise error
        self.password_edit.clear()
        if isinstance(error, SignInFailed) and error.locked_until is not None:
            self._locked[officer_id] = error.locked_until
            self._finish_check()
            self._say_locked(officer_id, error.locked_until)
            self.officer_edit.setFocus()
            self.officer_edit.selectAll()
            return
        self._finish_check()
        self._say_failure(error, officer_id)
        self.password_edit.setFocus()


def _nobreak(text: str) -> str:
    """Rich text that keeps a credential on one line (ids like off-demo have hyphens)."""
    return f"<nobr>{html.escape(text)}</nobr>"


def _has_credentials(profile: Profile) -> bool:
    return Authenticator(profile.store).has_credentials()
