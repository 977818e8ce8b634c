"""Opening a shift: which checkpoint the officer is at, and what the shift holds so far.

The officer's last checkpoint is offered first (most shifts are at the same
place as the one before); the list can be searched by name, city or code. Once
the shift is open the dialog shows its counts, including what still waits for
HQ, so the officer starts knowing where things stand.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from fieldapp.models.reference import Checkpoint
from fieldapp.profile import Profile
from fieldapp.services.shifts import Shift, ShiftCounts
from ui.context import UiContext
from ui.status import local_time

_ERROR_STYLE = "color: #b00020;"


class ShiftDialog(QDialog):
    """Pick the checkpoint, open the shift, see its counts; Escape signs out."""

    #: The shift was opened (a :class:`fieldapp.services.shifts.Shift`); ctx.shift is set.
    shift_opened = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shift: Shift | None = None
        self.counts: ShiftCounts | None = None
        self._current: Shift | None = None
        self._opening = False

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.checkpoint_label = QLabel(self)
        self.checkpoint_combo = QComboBox(self)
        self.checkpoint_combo.setObjectName("checkpoint")
        self.checkpoint_combo.setEditable(True)
        self.checkpoint_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.checkpoint_combo.setMaxVisibleItems(16)
        self.checkpoint_combo.setMinimumContentsLength(40)
        completer = QCompleter(self.checkpoint_combo.model(), self.checkpoint_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.checkpoint_combo.setCompleter(completer)
        self.checkpoint_label.setBuddy(self.checkpoint_combo)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()

        self.counts_box = QFrame(self)
        self.counts_box.setObjectName("counts")
        self.counts_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.counts_title = QLabel(self.counts_box)
        self.encounters_label, self.encounters_value = QLabel(), QLabel()
        self.seizures_label, self.seizures_value = QLabel(), QLabel()
        self.drafts_label, self.drafts_value = QLabel(), QLabel()
        self.waiting_label, self.waiting_value = QLabel(), QLabel()
        grid = QFormLayout()
        for label, value in (
            (self.encounters_label, self.encounters_value),
            (self.seizures_label, self.seizures_value),
            (self.drafts_label, self.drafts_value),
            (self.waiting_label, self.waiting_value),
        ):
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addRow(label, value)
        box = QVBoxLayout(self.counts_box)
        box.addWidget(self.counts_title)
        box.addLayout(grid)
        self.counts_box.hide()

        self.sign_out_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.open_button.setDefault(True)
        self.start_button = QPushButton(self)
        self.start_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.checkpoint_label)
        layout.addWidget(self.checkpoint_combo)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.counts_box)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.open_button.clicked.connect(self.open_shift)
        self.start_button.clicked.connect(self.accept)
        self.sign_out_button.clicked.connect(self.reject)
        self.checkpoint_combo.currentIndexChanged.connect(self._selection_changed)
        self.setTabOrder(self.checkpoint_combo, self.open_button)
        self.setTabOrder(self.open_button, self.start_button)
        self.setTabOrder(self.start_button, self.sign_out_button)
        self.resize(620, 420)

        self._fill_checkpoints()
        self.retranslate()
        self.checkpoint_combo.setFocus()
        officer_id = ctx.officer.id if ctx.officer is not None else ""
        ctx.writer.submit(
            lambda profile: (
                profile.services.shifts.current(officer_id),
                profile.services.shifts.last_checkpoint(officer_id),
            ),
            on_done=self._loaded,
        )

    # -- checkpoints -----------------------------------------------------------------------

    def _ordered_checkpoints(self) -> list[Checkpoint]:
        home = None
        if self.ctx.officer is not None:
            agency = self.ctx.reference.agencies_by_code.get(self.ctx.officer.agency)
            home = agency.country if agency is not None else None
        names = self._name
        return sorted(
            self.ctx.reference.checkpoints,
            key=lambda c: (c.country != home, c.country.value, names(c).casefold()),
        )

    def _name(self, checkpoint: Checkpoint) -> str:
        return checkpoint.name_es if self.ctx.language == "es" else checkpoint.name

    def _fill_checkpoints(self) -> None:
        """(Re)build the list in the current language, keeping the selection."""
        combo = self.checkpoint_combo
        keep = self.selected_code()
        combo.blockSignals(True)
        combo.clear()
        country = None
        for cp in self._ordered_checkpoints():
            if country is not None and cp.country != country:
                combo.insertSeparator(combo.count())
            country = cp.country
            text = f"{cp.country.value} · {self._name(cp)} · {cp.city}, {cp.state} · {cp.code}"
            combo.addItem(text, cp.code)
        combo.setCurrentIndex(combo.findData(keep) if keep else -1)
        if not keep:
            combo.setEditText("")
        combo.blockSignals(False)

    def selected_code(self) -> str | None:
        """The checkpoint code chosen (or typed exactly), None if the text matches none."""
        combo = self.checkpoint_combo
        text = combo.currentText().strip()
        if not text:
            return None
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(combo.itemData(index))
        upper = text.upper()
        if upper in self.ctx.reference.checkpoints_by_code:
            return upper
        return None

    def select(self, code: str) -> None:
        """Select a checkpoint by code."""
        self.checkpoint_combo.setCurrentIndex(self.checkpoint_combo.findData(code))

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Open a shift · Checkpoint field capture"))
        name = self.ctx.officer.name if self.ctx.officer is not None else ""
        self.heading.setText(self.tr("Which checkpoint are you at, {0}?").format(name))
        self.checkpoint_label.setText(self.tr("&Checkpoint (type to search by name, city or code)"))
        line = self.checkpoint_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("e.g. San Ysidro or US-SYS"))
        self.open_button.setText(self.tr("&Open shift"))
        self.start_button.setText(self.tr("&Start working"))
        self.sign_out_button.setText(self.tr("Sign o&ut"))
        self.counts_title.setText(self.tr("This shift so far"))
        self.encounters_label.setText(self.tr("Encounters recorded"))
        self.seizures_label.setText(self.tr("Seizures recorded"))
        self.drafts_label.setText(self.tr("Drafts not finalized"))
        self.waiting_label.setText(self.tr("Events waiting for HQ (all shifts)"))
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill_checkpoints()
            self.retranslate()
        super().changeEvent(event)

    def _show_note(self) -> None:
        shift = self.shift or self._current
        if shift is None:
            self.note.hide()
            return
        cp = self.ctx.reference.checkpoints_by_code.get(shift.checkpoint)
        place = self._name(cp) if cp is not None else shift.checkpoint
        since = local_time(shift.opened_at)
        if self.shift is not None:
            text = self.tr("Shift open at {0} since {1}.").format(place, since)
        else:
            text = self.tr(
                "Your shift at {0} has been open since {1}; opening it again continues it."
            ).format(place, since)
        self.note.setText(text)
        self.note.show()

    # -- opening ---------------------------------------------------------------------------

    def _loaded(self, found: tuple[Shift | None, str | None]) -> None:
        if not Shiboken.isValid(self):
            return
        current, last = found
        self._current = current
        code = current.checkpoint if current is not None else last
        if code and self.selected_code() is None:
            self.select(code)
        self._show_note()

    def _selection_changed(self, *_: object) -> None:
        if self.shift is None:
            return
        differs = self.selected_code() != self.shift.checkpoint
        self.open_button.setVisible(differs)
        self.open_button.setDefault(differs)
        self.start_button.setDefault(not differs)

    def open_shift(self) -> None:
        """Open (or continue) the shift at the chosen checkpoint."""
        if self._opening or self.ctx.officer is None:
            return
        code = self.selected_code()
        if code is None:
            self._say(self.tr("Pick a checkpoint from the list."))
            self.checkpoint_combo.setFocus()
            return
        self._say("")
        self._opening = True
        self.open_button.setEnabled(False)
        officer_id = self.ctx.officer.id

        def open_and_count(profile: Profile) -> tuple[Shift, ShiftCounts]:
            shift = profile.services.shifts.open(officer_id, code)
            return shift, profile.services.shifts.counts(shift)

        self.ctx.writer.submit(open_and_count, on_done=self._opened, on_error=self._failed)

    def _opened(self, result: tuple[Shift, ShiftCounts]) -> None:
        if not Shiboken.isValid(self):
            return
        self._opening = False
        self.open_button.setEnabled(True)
        self.shift, self.counts = result
        self.ctx.shift = self.shift
        self._show_counts(self.counts)
        self._show_note()
        self.open_button.hide()
        self.open_button.setDefault(False)
        self.start_button.show()
        self.start_button.setDefault(True)
        self.start_button.setFocus()
        self.shift_opened.emit(self.shift)

    def _failed(self, error: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self._opening = False
        self.open_button.setEnabled(True)
        if not isinstance(error, KnownError):
            raise error
        self._say(error.message)

    def _show_counts(self, counts: ShiftCounts) -> None:
        self.encounters_value.setText(str(counts.encounters))
        self.seizures_value.setText(str(counts.seizures))
        self.drafts_value.setText(str(counts.drafts))
        self.waiting_value.setText(str(counts.waiting_for_hq))
        self.counts_box.show()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
