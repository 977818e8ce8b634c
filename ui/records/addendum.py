"""The addendum dialog: a reason, text, and corrections of single fields, the original kept.

A finalized record is never edited in place. The officer says why, writes what
is to be added, and may correct fields one by one (picked from the record's
own fields, with the value they have now). The core checks that the corrected
record is still valid; its problems appear beside the field they concern and
nothing typed is lost.
"""

from __future__ import annotations

import itertools
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import KnownError, Problem, RecordInvalid
from fieldapp.profile import Profile
from fieldapp.services import queries
from ui.context import UiContext
from ui.records.corrections import CorrectionRow, correctable_fields
from ui.records.dialog_frame import confirm_discard
from ui.records.labels import Labels
from ui.records.problems import ProblemLabel, ProblemRouter
from ui.records.sections import RecordHtml


class AddendumDialog(QDialog):
    """Add a dated addendum to a finalized record."""

    def __init__(self, ctx: UiContext, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.labels = Labels(ctx, self)
        self._doc = RecordHtml(self.labels, self)
        self._submitting = False
        self.rows: list[CorrectionRow] = []
        try:
            record = queries.get_record(ctx.ui_conn, record_id)
            self._fields = correctable_fields(record.current)
            reference = str(
                record.current.get("reference_number")
                or record.current.get("seizure_number")
                or self.labels.record_type(record.record_type)
            )
        except KnownError as exc:
            self._fields, reference = [], exc.message

        self.record_label = QLabel(reference, self)
        self.record_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLineEdit(self)
        self.reason_problem = ProblemLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text_problem = ProblemLabel(self)
        self.corrections = QVBoxLayout()
        self.add_correction_button = QPushButton(self)
        self.add_correction_button.setAutoDefault(False)
        self.general_problem = ProblemLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        self.captions = [QLabel(self) for _ in range(4)]
        self.captions[1].setBuddy(self.reason)
        self.captions[2].setBuddy(self.text)
        self.form = QFormLayout()
        self.form.addRow(self.captions[0], self.record_label)
        self.form.addRow(self.captions[1], self._stacked(self.reason, self.reason_problem))
        self.form.addRow(self.captions[2], self._stacked(self.text, self.text_problem))
        box = QVBoxLayout()
        box.addLayout(self.corrections)
        box.addWidget(self.add_correction_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.form.addRow(self.captions[3], box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.router = ProblemRouter(self.general_problem)
        self.add_correction_button.clicked.connect(lambda: self.add_correction())
        self.add_correction_button.setEnabled(bool(self._fields))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        submit = QShortcut(QKeySequence("Ctrl+Return"), self)
        submit.activated.connect(self.submit)
        # In the text, Enter starts a new line; Ctrl+Enter adds the addendum.
        self.text.installEventFilter(self)
        self.resize(720, 520)
        self.retranslate()
        self.reason.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the text submits instead of adding a line."""
        if (
            watched is self.text
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submit()
            return True
        return super().eventFilter(watched, event)

    def _stacked(self, field: QWidget, problem: ProblemLabel) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(problem)
        return column

    def add_correction(self, path: str | None = None) -> CorrectionRow:
        """Add a correction line (with ``path`` chosen, if given) and focus it."""
        row = CorrectionRow(self._fields, self._doc, self)
        row.remove.clicked.connect(lambda: self._remove(row))
        before = self.rows[-1].remove if self.rows else self.text
        for first, second in itertools.pairwise(
            (before, row.field, row.kind, row.value, row.remove, self.add_correction_button)
        ):
            QWidget.setTabOrder(first, second)
        self.rows.append(row)
        self.corrections.addWidget(row)
        if path is not None:
            row.choose(path)
        row.field.setFocus()
        return row

    def _remove(self, row: CorrectionRow) -> None:
        self.rows.remove(row)
        self.corrections.removeWidget(row)
        row.deleteLater()
        self.add_correction_button.setFocus()

    @property
    def dirty(self) -> bool:
        """Whether anything was typed that closing would throw away."""
        return bool(self.reason.text().strip() or self.text.toPlainText().strip() or self.rows)

    # -- submitting ----------------------------------------------------------------------

    def submit(self) -> None:
        """Check what can be checked here, then hand the addendum to the writer."""
        if self._submitting:
            return
        self.router.clear()
        for row in self.rows:
            row.problem.clear_messages()
        failed = False
        if not self.reason.text().strip():
            self.reason_problem.show_messages([self.tr("Say why you add this addendum.")])
            failed = True
        corrections = []
        for row in self.rows:
            try:
                corrections.append(row.correction())
            except ValueError as exc:
                row.problem.show_messages([str(exc)])
                failed = True
        if failed:
            return
        record_id, actor = self.record_id, self._actor()
        if actor is None:
            self.general_problem.show_messages([self.tr("Sign in to add an addendum.")])
            return
        reason, text = self.reason.text().strip(), self.text.toPlainText().strip()

        def add(profile: Profile) -> object:
            return profile.services.amendments.add_addendum(
                record_id, actor, reason=reason, text=text, corrections=corrections
            )

        self._set_submitting(True)
        self.ctx.writer.submit(add, on_done=self._added, on_error=self._refused)

    def _actor(self) -> Any:
        return None if self.ctx.officer is None else self.ctx.officer.actor

    def _set_submitting(self, busy: bool) -> None:
        self._submitting = busy
        self.ok_button.setEnabled(not busy)

    def _added(self, _event: object) -> None:
        # The record changed even if the dialog's window is gone by now.
        self.ctx.signals.records_changed.emit([self.record_id])
        if not shiboken6.isValid(self):
            return
        self._set_submitting(False)
        self.ctx.signals.message.emit(self.tr("Addendum added."))
        self.done(QDialog.DialogCode.Accepted)

    def _refused(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            if not isinstance(error, KnownError):
                raise error
            self.ctx.signals.message.emit(error.message)
            return
        self._set_submitting(False)
        if isinstance(error, RecordInvalid):
            self.show_problems(
                error.problems, about_addendum=error.message.startswith("The addendum")
            )
        elif isinstance(error, KnownError):
            self.general_problem.show_messages([error.message])
        else:
            raise error

    def show_problems(self, problems: tuple[Problem, ...], about_addendum: bool) -> None:
        """Put each problem beside its field: the addendum's own, or a corrected one."""
        router = ProblemRouter(self.general_problem)
        if about_addendum:
            router.add(("reason",), self.reason_problem)
            router.add(("text",), self.text_problem)
            for index, row in enumerate(self.rows):
                router.add(("corrections", index), row.problem)
        else:
            for row in self.rows:
                path = row.path()
                if path is not None:
                    keys = tuple(int(p) if p.isdigit() else p for p in path.split("."))
                    router.add(keys, row.problem)
        self.router = router
        router.show(problems, self.ctx.language)

    def reject(self) -> None:
        """Close, after asking when something typed would be thrown away."""
        if self._submitting:
            return  # the writer answers in a moment; its answer decides
        if self.dirty and not confirm_discard(
            self,
            self.tr("Discard the addendum?"),
            self.tr("What you typed in this addendum will not be kept."),
        ):
            return
        super().reject()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.setWindowTitle(self.tr("Add addendum"))
        captions = (
            self.tr("Record"),
            self.tr("&Reason"),
            self.tr("&Text"),
            self.tr("Corrections"),
        )
        for label, caption in zip(self.captions, captions, strict=True):
            label.setText(caption)
        self.reason.setPlaceholderText(
            self.tr("Why this addendum (e.g. information received later)")
        )
        self.text.setPlaceholderText(
            self.tr("What is added to the record. The original stays as it was finalized.")
        )
        self.add_correction_button.setText(self.tr("Correct a &field…"))
        self.add_correction_button.setToolTip(
            self.tr(
                "The narrative and the identifying numbers cannot be corrected; add text instead"
            )
        )
        self.ok_button.setText(self.tr("Add addendum"))
        self.ok_button.setToolTip(self.tr("Add the addendum (Ctrl+Enter)"))
        for line in self.rows:
            line.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
