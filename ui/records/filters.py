"""The records list's filter bar: when, where, what kind, how it ended, what is not yet at HQ.

Each choice narrows the list at once (the query runs off the UI thread). The
first entry of every list means "any", so the bar reads as a sentence and
needs no separate captions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import shiboken6
from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.models import EncounterResult, SeizureReason, StopType
from fieldapp.services.queries import RecordFilter
from ui.context import UiContext
from ui.records.labels import Labels, ui_locale

_ANY = None


class Period:
    """The choices of the period list (their index in it)."""

    ANY = 0
    TODAY = 1
    WEEK = 2
    MONTH = 3
    BETWEEN = 4


class FilterBar(QWidget):
    """Filters for a records list; ``apply`` puts the choices into a :class:`RecordFilter`."""

    #: Any choice changed.
    changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        record_types: tuple[str, ...] | None = ("encounter", "seizure"),
        needs_review: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_types = record_types
        self.labels = Labels(ctx, self)
        types = record_types or ("encounter", "seizure", "custody_transfer", "property_return")
        self._encounters = "encounter" in types
        self._seizures = "seizure" in types

        self.period = QComboBox(self)
        self.since = QDateEdit(self)
        self.until = QDateEdit(self)
        today = QDate.currentDate()
        for edit, date in ((self.since, today.addDays(-7)), (self.until, today)):
            edit.setCalendarPopup(True)
            edit.setDate(date)
            edit.setVisible(False)
        self.checkpoint = QComboBox(self)
        self._fill_checkpoints()
        self.kind = QComboBox(self)
        self.kind.addItem("", (record_types, None))
        if self._encounters and self._seizures:
            self.kind.addItem("", (("encounter",), None))
            self.kind.addItem("", (("seizure",), None))
        if self._encounters:
            for stop in StopType:
                self.kind.addItem("", (("encounter",), stop.value))
        self.kind.setVisible(self.kind.count() > 1)
        self.result = QComboBox(self)
        self.result.addItem("", _ANY)
        if self._encounters:
            for result in EncounterResult:
                self.result.addItem("", ("encounter", result.value))
        if self._seizures:
            for reason in SeizureReason:
                self.result.addItem("", ("seizure", reason.value))
        self.seizure = QComboBox(self)
        for value in (_ANY, True, False):
            self.seizure.addItem("", value)
        self.seizure.setVisible(self._encounters)
        self.unsynced = QCheckBox(self)
        self.review = QCheckBox(self)
        self._fixed_review = needs_review
        self.review.setChecked(needs_review)
        self.review.setVisible(not needs_review)
        self.clear_button = QPushButton(self)
        self.clear_button.setAutoDefault(False)

        # Compact closed combos, so the bar fits a 1280-pixel laptop screen in
        # either language; their lists open wide enough to read every entry.
        for combo, length in (
            (self.period, 8),
            (self.kind, 10),
            (self.result, 9),
            (self.seizure, 10),
            (self.checkpoint, 12),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(length)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

        # Two rows: one row of every filter is wider than a 1280-pixel laptop
        # screen at a readable font size, in Spanish above all.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        top: tuple[QWidget, ...] = (self.period, self.since, self.until, self.checkpoint, self.kind)
        for widget in top:
            first.addWidget(widget)
        first.addStretch(1)
        bottom: tuple[QWidget, ...] = (self.result, self.seizure, self.unsynced, self.review)
        for widget in bottom:
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        layout.addLayout(first)
        layout.addLayout(second)

        self.period.currentIndexChanged.connect(self._period_changed)
        for combo in (self.checkpoint, self.kind, self.result, self.seizure):
            combo.currentIndexChanged.connect(self.changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.changed)
        for box in (self.unsynced, self.review):
            box.toggled.connect(self.changed)
        self.clear_button.clicked.connect(self.clear)
        ctx.signals.reference_changed.connect(self._reference_changed)
        self.retranslate()

    # -- the filter ----------------------------------------------------------------------

    def apply(self, flt: RecordFilter) -> RecordFilter:
        """``flt`` narrowed by the bar's choices (its search text is kept)."""
        record_types, category = self.kind.currentData()
        result = self.result.currentData()
        since, until = self.date_range()
        return dataclasses.replace(
            flt,
            record_types=record_types,
            category=category,
            since=since,
            until=until,
            checkpoint=self.checkpoint.currentData(),
            result=None if result is None else result[1],
            has_seizure=self.seizure.currentData() if self._encounters else None,
            unsynced_only=self.unsynced.isChecked(),
            needs_review=self.review.isChecked(),
        )

    def date_range(self) -> tuple[str | None, str | None]:
        """The period as times with their offset: from local midnight, up to (not including)."""
        choice = self.period.currentIndex()
        today = dt.date.today()
        first: dt.date | None = None
        last: dt.date | None = None
        if choice == Period.TODAY:
            first = last = today
        elif choice == Period.WEEK:
            first, last = today - dt.timedelta(days=6), today
        elif choice == Period.MONTH:
            first, last = today - dt.timedelta(days=29), today
        elif choice == Period.BETWEEN:
            first = _day(self.since.date())
            last = _day(self.until.date())
            if last < first:
                first, last = last, first
        if first is None or last is None:
            return None, None
        return _midnight(first), _midnight(last + dt.timedelta(days=1))

    def clear(self) -> None:
        """Back to every record (the page's own limits, such as needs review, stay)."""
        self.blockSignals(True)
        try:
            for combo in (self.period, self.checkpoint, self.kind, self.result, self.seizure):
                combo.setCurrentIndex(0)
            self.unsynced.setChecked(False)
            if not self._fixed_review:
                self.review.setChecked(False)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def _fill_checkpoints(self) -> None:
        """The checkpoint choices from the reference data in use, keeping the one chosen."""
        chosen = self.checkpoint.currentData()
        blocked = self.checkpoint.blockSignals(True)
        self.checkpoint.clear()
        self.checkpoint.addItem("", _ANY)
        for checkpoint in sorted(self.ctx.reference.checkpoints, key=lambda c: c.code):
            self.checkpoint.addItem("", checkpoint.code)
        index = self.checkpoint.findData(chosen) if chosen is not None else 0
        self.checkpoint.setCurrentIndex(max(0, index))
        self.checkpoint.blockSignals(blocked)
        if chosen is not None and index < 0:
            self.changed.emit()  # the chosen checkpoint is gone: the list widens

    def _reference_changed(self) -> None:
        """New reference data from HQ: new checkpoints appear without reopening the page."""
        if not shiboken6.isValid(self):
            return
        self._fill_checkpoints()
        self.retranslate()

    def _period_changed(self, index: int) -> None:
        between = index == Period.BETWEEN
        self.since.setVisible(between)
        self.until.setVisible(between)
        self.changed.emit()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.labels.retranslate()
        labels = self.labels
        for index, text in enumerate(
            (
                self.tr("Any time"),
                self.tr("Today"),
                self.tr("Last 7 days"),
                self.tr("Last 30 days"),
                self.tr("Between dates…"),
            )
        ):
            if index < self.period.count():
                self.period.setItemText(index, text)
            else:
                self.period.addItem(text)
        self.period.setToolTip(self.tr("When the records happened"))
        locale = ui_locale(self.ctx)
        date_format = locale.dateFormat(locale.FormatType.ShortFormat)
        self.since.setDisplayFormat(date_format)
        self.until.setDisplayFormat(date_format)
        self.since.setToolTip(self.tr("From this day"))
        self.until.setToolTip(self.tr("To this day (included)"))
        self.checkpoint.setItemText(0, self.tr("Any checkpoint"))
        for index in range(1, self.checkpoint.count()):
            code = self.checkpoint.itemData(index)
            self.checkpoint.setItemText(index, f"{code} — {labels.checkpoint(code)}")
        for index in range(self.kind.count()):
            types, category = self.kind.itemData(index)
            if index == 0:
                text = self.tr("All types")
            elif category is not None:
                text = self.tr("Encounters: {stop}").format(stop=labels.code("stop_type", category))
            elif types == ("encounter",):
                text = self.tr("Encounters")
            else:
                text = self.tr("Seizures")
            self.kind.setItemText(index, text)
        self.result.setItemText(0, self.tr("Any result"))
        for index in range(1, self.result.count()):
            record_type, code = self.result.itemData(index)
            self.result.setItemText(index, labels.result(record_type, code))
        for index, text in enumerate(
            (self.tr("With or without seizure"), self.tr("With a seizure"), self.tr("No seizure"))
        ):
            self.seizure.setItemText(index, text)
        self.unsynced.setText(self.tr("Not yet at HQ"))
        self.unsynced.setToolTip(self.tr("Only records with changes not yet synced to HQ"))
        self.review.setText(self.tr("Needs review"))
        self.review.setToolTip(self.tr("Only records with concurrent changes to review"))
        self.clear_button.setText(self.tr("Clear filters"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _midnight(day: dt.date) -> str:
    """The start of ``day`` in the device's time zone, with its offset."""
    return dt.datetime.combine(day, dt.time()).astimezone().isoformat()


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
