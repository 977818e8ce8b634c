"""The frame shared by the record dialogs that take signatures: fields beside signature pads.

The custody-transfer and property-return dialogs lay out the same way: a form
on the left, the signature boxes on the right, both in one scroll area so that
a 1366x768 laptop (or large fonts) scrolls the body while the problem line and
the buttons stay in view.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import KnownError, RecordInvalid
from ui.context import UiContext
from ui.records.problems import ProblemLabel, ProblemRouter


def stacked(*widgets: QWidget) -> QWidget:
    """Widgets one above the other with no margins: a field with its problem line under it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for widget in widgets:
        column.addWidget(widget)
    return box


def lay_out_with_signatures(
    dialog: QDialog,
    captions: Sequence[QLabel],
    fields: Sequence[QWidget],
    signatures: Sequence[QWidget],
    footer: Sequence[QWidget],
) -> tuple[QFormLayout, QScrollArea]:
    """Put the captioned fields beside the signature boxes; ``footer`` stays below the scroll."""
    body = QWidget(dialog)
    form = QFormLayout()
    for label, field in zip(captions, fields, strict=True):
        form.addRow(label, field)
    signing = QVBoxLayout()
    signing.setSpacing(12)
    for capture in signatures:
        signing.addWidget(capture)
    signing.addStretch(1)
    form_column = QVBoxLayout()
    form_column.addLayout(form)
    form_column.addStretch(1)  # spare height goes below the fields, not between them
    columns = QHBoxLayout(body)
    columns.addLayout(form_column, 3)
    columns.addSpacing(12)
    columns.addLayout(signing, 2)
    scroll_area = QScrollArea(dialog)
    scroll_area.setWidgetResizable(True)
    scroll_area.setFrameShape(QFrame.Shape.NoFrame)
    scroll_area.setWidget(body)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll_area, 1)
    for widget in footer:
        layout.addWidget(widget)
    return form, scroll_area


def fit_to_screen(dialog: QWidget, preferred: tuple[int, int]) -> None:
    """Resize to ``preferred``, or to the screen's free area when that is smaller."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    width, height = preferred
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 24), min(height, room.height() - 48)
    dialog.resize(width, height)


def confirm_discard(parent: QWidget, title: str, text: str) -> bool:
    """Ask before throwing away what was typed or signed; whether to discard it."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class WriterSubmission:
    """What a record dialog does around its submit on the writer thread.

    While the writer works, OK is disabled (a second press records nothing
    twice); when the core refuses, each problem goes beside its field and the
    first one is scrolled into view; when the dialog was closed meanwhile, a
    known refusal still reaches the officer through the status line.
    Mixed into a ``QDialog`` that has these attributes.
    """

    ctx: UiContext
    router: ProblemRouter
    general_problem: ProblemLabel
    scroll_area: QScrollArea
    ok_button: QPushButton
    _submitting: bool

    def _set_submitting(self, busy: bool) -> None:
        self._submitting = busy
        self.ok_button.setEnabled(not busy)

    def _refused(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            if not isinstance(error, KnownError):
                raise error
            self.ctx.signals.message.emit(error.message)
            return
        self._set_submitting(False)
        if isinstance(error, RecordInvalid):
            used = self.router.show(error.problems, self.ctx.language)
            if used and used[0] is not self.general_problem:
                self.scroll_area.ensureWidgetVisible(used[0])
        elif isinstance(error, KnownError):
            self.general_problem.show_messages([error.message])
        else:
            raise error
