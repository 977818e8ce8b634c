"""Sign a :class:`SignaturePad` as a person would: press, drag, release.

``QTest.mouseMove`` sends moves with no button held, which a pad rightly
ignores, so the events are built here with the left button down.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from ui.signatures.pad import SignaturePad

# A looping scrawl, in fractions of the pad's width and height.
SCRAWL = [(0.1 + 0.04 * i, 0.5 + (0.25 if i % 2 else -0.2)) for i in range(18)]


def _send(pad: SignaturePad, kind: QEvent.Type, point: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        point,
        pad.mapToGlobal(point),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pad, event)


def draw(pad: SignaturePad, points: Sequence[tuple[float, float]] = SCRAWL) -> None:
    """Draw one stroke through ``points`` (fractions of the pad's size)."""
    width, height = pad.width(), pad.height()
    at = [QPointF(x * width, y * height) for x, y in points]
    left = Qt.MouseButton.LeftButton
    _send(pad, QEvent.Type.MouseButtonPress, at[0], left)
    for point in at[1:]:
        _send(pad, QEvent.Type.MouseMove, point, left)
    _send(pad, QEvent.Type.MouseButtonRelease, at[-1], Qt.MouseButton.NoButton)
