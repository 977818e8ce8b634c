"""A signature pad: draw with a mouse, a pen or a finger; clear; export as PNG.

Strokes are kept as lists of points in widget coordinates, not as a bitmap, so
the pad can be resized (a dialog made larger on a touch screen) without
blurring what was drawn, and the PNG is made at export time, cropped to the
ink with a small margin so the receipt can scale it into its box.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

_INK = QColor("#10245a")
_PEN_WIDTH = 2.4
_MARGIN = 8.0
# Strokes shorter than this (a tap, a palm touching the screen) are not a signature.
_MIN_INK_POINTS = 6


class SignaturePad(QWidget):
    """A white box to sign in; ``changed`` fires after every stroke and on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(320, 120)
        self.setFixedHeight(140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(palette)

    # -- what was drawn -------------------------------------------------------------

    def strokes(self) -> list[list[QPointF]]:
        """The strokes drawn so far (copies)."""
        return [list(stroke) for stroke in self._strokes]

    def is_empty(self) -> bool:
        """Whether nothing that counts as a signature has been drawn."""
        return sum(len(stroke) for stroke in self._strokes) < _MIN_INK_POINTS

    def clear(self) -> None:
        """Remove every stroke."""
        if not self._strokes:
            return
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def to_png(self, height: int = 160) -> bytes:
        """The signature as a PNG with a transparent background, cropped to the ink.

        Empty bytes when nothing has been drawn. ``height`` is the image height
        in pixels; the width follows the signature's proportions.
        """
        if self.is_empty():
            return b""
        bounds = self._ink_bounds().adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)
        scale = height / max(bounds.height(), 1.0)
        width = max(1, round(bounds.width() * scale))
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.scale(scale, scale)
        painter.translate(-bounds.left(), -bounds.top())
        self._paint_strokes(painter, _PEN_WIDTH)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())

    def _ink_bounds(self) -> QRectF:
        xs = [p.x() for stroke in self._strokes for p in stroke]
        ys = [p.y() for stroke in self._strokes for p in stroke]
        return QRectF(min(xs), min(ys), max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0))

    # -- input: mouse, pen and touch all end up in the same three steps -------------

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if not self._drawing:
            return
        stroke = self._strokes[-1]
        last = stroke[-1]
        # Skip sub-pixel jitter: it adds points, not ink.
        if abs(point.x() - last.x()) + abs(point.y() - last.y()) >= 1.0:
            stroke.append(point)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start a stroke with the left button."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Extend the current stroke."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Finish the stroke."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        """A pen: the same strokes as the mouse, taken before Qt makes mouse events of them."""
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        """A finger on a touch screen: the first touch point draws."""
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                # From the global position: always filled in, whoever sent the event.
                position = self.mapFromGlobal(points[0].globalPosition())
                if kind == QEvent.Type.TouchBegin:
                    self._begin(position)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._extend(position)
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """The strokes over a white box with a baseline to sign on."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        baseline = self.height() - 28
        painter.setPen(QPen(QColor("#9aa0a6"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.drawText(16, baseline - 4, "✕")
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1))
        else:
            painter.setPen(QPen(QColor("#9aa0a6"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._paint_strokes(painter, _PEN_WIDTH)
        painter.end()

    def _paint_strokes(self, painter: QPainter, width: float) -> None:
        pen = QPen(_INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)
