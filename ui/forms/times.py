"""A date and time at a checkpoint: typed as wall-clock time, stored with the zone's offset.

Officers read the checkpoint's clock; the record needs an aware time. The
field holds wall-clock time and the checkpoint's IANA zone turns it into ISO
8601 with offset. It may instead hold a kind of "empty" (e.g. unknown), like
the other fields in :mod:`ui.forms.widgets`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLabel, QWidget

from ui.forms.fields import Empty, EmptyChoice, JsonDict, empty_of, quiet_wheel

_UTC = QTimeZone(QTimeZone.Initialization.UTC)


def now_in(timezone: str) -> dt.datetime:
    """The current time at a checkpoint, whole seconds."""
    return dt.datetime.now(zoneinfo.ZoneInfo(timezone)).replace(microsecond=0)


class _WallClockEdit(QDateTimeEdit):
    """A date-time editor of wall-clock time; "N" sets it to now; the wheel needs focus."""

    now_requested = Signal()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not quiet_wheel(self, event):
            super().wheelEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field like every other one; digits typed fill the sections
        # in turn, and the arrow keys move between them.
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_N and not event.modifiers():
            self.now_requested.emit()
            return
        super().keyPressEvent(event)


class DateTimeField(QWidget):
    """A date and time at the checkpoint, stored as ISO 8601 with that zone's offset.

    The editor holds wall-clock time (what the officer reads on the
    checkpoint's clock); the checkpoint's IANA zone turns it into an aware
    time. ``empties`` (e.g. unknown) may be chosen instead of a time.
    """

    changed = Signal()

    def __init__(
        self,
        timezone: str,
        empties: Sequence[Empty] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.timezone = timezone
        self.edit = _WallClockEdit(self)
        self.edit.setTimeZone(_UTC)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setCalendarPopup(False)
        self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.zone_label = QLabel(self)
        self.zone_label.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.zone_label)
        self.choice: EmptyChoice | None = None
        if empties:
            self.choice = EmptyChoice(empties, self)
            layout.addWidget(self.choice)
            self.choice.currentIndexChanged.connect(self._chosen)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.set_time(now_in(timezone))
        self.edit.dateTimeChanged.connect(self._edited)
        self.edit.now_requested.connect(lambda: self.set_time(now_in(self.timezone), notify=True))
        self.retranslate()

    def _edited(self) -> None:
        if self.choice is not None and self.choice.empty() is not None:
            self.choice.blockSignals(True)
            self.choice.set_empty(None)
            self.choice.blockSignals(False)
        self.changed.emit()

    def _chosen(self) -> None:
        self.changed.emit()

    def set_timezone(self, timezone: str) -> None:
        """Read the wall-clock time in another zone (the checkpoint changed)."""
        self.timezone = timezone
        self._zone_text()
        self.changed.emit()

    def _zone_text(self) -> str:
        moment = self._aware()
        offset = moment.strftime("%z")
        text = f"{self.timezone} (UTC{offset[:3]}:{offset[3:]})"
        self.zone_label.setText(text)
        return text

    def _aware(self) -> dt.datetime:
        value = self.edit.dateTime()
        d, t = value.date(), value.time()
        naive = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
        return naive.replace(tzinfo=zoneinfo.ZoneInfo(self.timezone))

    def set_time(self, moment: dt.datetime, notify: bool = False) -> None:
        """Show an aware time in the checkpoint's zone."""
        local = moment.astimezone(zoneinfo.ZoneInfo(self.timezone))
        value = QDateTime(
            QDate(local.year, local.month, local.day),
            QTime(local.hour, local.minute, local.second),
            _UTC,
        )
        self.edit.blockSignals(not notify)
        self.edit.setDateTime(value)
        self.edit.blockSignals(False)
        if self.choice is not None and notify:
            self.choice.set_empty(None)
        self._zone_text()

    def value(self) -> str | JsonDict:
        """ISO 8601 with offset, or the chosen empty marker."""
        if self.choice is not None and self.choice.empty() is not None:
            return self.choice.empty().marker  # type: ignore[union-attr]
        return self._aware().isoformat()

    def set_value(self, value: object) -> None:
        """Show a stored value; text that is not a time leaves the field as it is."""
        empty = empty_of(value)
        if self.choice is not None:
            self.choice.blockSignals(True)
            self.choice.set_empty(empty)
            self.choice.blockSignals(False)
        if isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return
            if moment.tzinfo is not None:
                self.set_time(moment)

    def retranslate(self) -> None:
        if self.choice is not None:
            self.choice.retranslate()
        self.edit.setToolTip(self.tr("Type the time at the checkpoint; press N for now."))
        self._zone_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
