"""The idle lock: after some minutes without keyboard or mouse, back to the sign-in window.

An application-wide event filter restarts a single-shot timer on every key
press, click, wheel turn or mouse move; when it runs out, ``idle`` is emitted
and the main window signs the officer out (forms save their drafts as they
close). The minutes are a setting kept on the profile (``settings`` table).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

if TYPE_CHECKING:
    from fieldapp.profile import Profile

#: Key of the setting in the profile's ``settings`` table.
SETTING_KEY = "idle_lock_minutes"
DEFAULT_MINUTES = 10.0

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_minutes(conn: sqlite3.Connection) -> float:
    """The minutes of inactivity after which the program locks (the setting, else 10)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING_KEY,)).fetchone()
        minutes = float(row[0]) if row is not None else DEFAULT_MINUTES
    except (sqlite3.Error, ValueError):
        return DEFAULT_MINUTES
    return minutes if minutes > 0 else DEFAULT_MINUTES


class IdleWatch(QObject):
    """Emits ``idle`` once nobody has touched the program for ``timeout_ms``."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, timeout_ms))
        self.timer.timeout.connect(self.idle)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any input restarts the countdown; nothing is filtered out."""
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        """Stop watching (the window is going away)."""
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def save_idle_minutes(profile: Profile, minutes: int) -> None:
    """Remember the idle-lock minutes on the profile (runs on the writer thread)."""
    with profile.store.transaction() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTING_KEY, str(minutes)),
        )
