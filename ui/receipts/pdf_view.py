"""A receipt's PDF on screen, on paper and on disk: always the exact bytes, never a re-drawing.

:class:`PdfPreview` shows PDF bytes page under page, fit to the width, with
"page x of y" and zoom. :func:`print_pdf` renders each page with QtPdf at the
printer's resolution (in bands, so a 1200 dpi printer never needs a
half-gigabyte image) and :func:`save_pdf` writes the bytes whole or not at all.
The printer and the file get the PDF whose hash the ``receipt_issued`` event
records (decision 009).
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMargins,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: Pages are never rasterized finer than this, whatever the printer claims.
MAX_PRINT_DPI = 600
#: Image rows rendered at once when printing (a band of a page).
_BAND_ROWS = 1024
#: Zoom factors offered by zoom in / zoom out (1.0 is the page at its real size).
ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
#: Fitting to the width never enlarges a page more than this (an 80 mm roll stays a roll).
MAX_FIT_ZOOM = 1.25
_POINTS_PER_INCH = 72.0


class PrintFailed(Exception):
    """The printer could not be used (none chosen, gone, refused a page): not a bug."""


def open_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A document over ``pdf``; its buffer is its child, so it lives exactly as long."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


# -- the preview -------------------------------------------------------------------------------

#: The documents shown last, by any preview: each stays alive until this many newer ones
#: were shown, however soon its preview is closed (QtPdf's render thread may still use it).
_RECENT: collections.deque[QPdfDocument] = collections.deque(maxlen=8)


class PdfPreview(QWidget):
    """PDF bytes shown page under page: fit to width, "page x of y", zoom in and out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf: bytes | None = None
        #: Whether the zoom follows the view's width (until the officer zooms).
        self.fitting = True
        # The document shown and the one before it: a page being rendered in
        # QtPdf's thread never loses its document under it.
        self._documents: list[QPdfDocument] = []

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        # Always there, so fitting the width cannot make it come and go (and refit).
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setDocumentMargins(QMargins(14, 14, 14, 14))
        self.view.setPageSpacing(14)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMargin(24)
        self.message.setAutoFillBackground(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.page_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_out_button = QToolButton(self)
        self.fit_button = QToolButton(self)
        self.fit_button.setCheckable(True)
        self.zoom_in_button = QToolButton(self)
        for button in (self.zoom_out_button, self.fit_button, self.zoom_in_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.zoom_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button.clicked.connect(self.fit_width)
        self.view.pageNavigator().currentPageChanged.connect(self._update_labels)
        self.view.zoomFactorChanged.connect(self._update_labels)
        self.view.viewport().installEventFilter(self)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            ("Ctrl+=", self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            ("Ctrl+0", self.fit_width),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.retranslate()
        self.show_message("")

    # -- what is shown ---------------------------------------------------------------------

    @property
    def document(self) -> QPdfDocument | None:
        """The document shown, or None while a message stands in its place."""
        if self.stack.currentWidget() is not self.view:
            return None
        return self.view.document()

    def pdf(self) -> bytes | None:
        """The exact bytes shown, or None."""
        return self._pdf if self.document is not None else None

    def page_count(self) -> int:
        """How many pages the shown document has (0 when none is shown)."""
        document = self.document
        return document.pageCount() if document is not None else 0

    def set_pdf(self, pdf: bytes) -> bool:
        """Show these bytes (keeping the reading place); False if they are not a PDF."""
        # No parent: the document must not die with this widget. QtPdf renders pages
        # in a thread of its own, which may still be at a page of it when the widget
        # goes; the last few shown are kept alive a while longer (_RECENT).
        document = open_pdf(pdf)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            self.show_message(self.tr("This receipt cannot be shown."))
            return False
        _RECENT.append(document)
        bar = self.view.verticalScrollBar()
        place = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        again = self.stack.currentWidget() is self.view
        self.view.setDocument(document)
        self._documents.append(document)
        while len(self._documents) > 2:
            self._documents.pop(0)  # freed once it has left _RECENT too
        self._pdf = pdf
        self.stack.setCurrentWidget(self.view)
        self._fit()
        if again and place > 0:
            # After the view has laid the new pages out.
            QTimer.singleShot(0, self, lambda: bar.setValue(round(place * bar.maximum())))
        self._update_labels()
        return True

    def show_message(self, text: str, problem: bool = False) -> None:
        """A sentence in the document's place: preparing, or (``problem``) why there is none."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if problem else "")
        self.stack.setCurrentWidget(self.message)
        self._update_labels()

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom factor in use (1.0: the page at its real size on this screen)."""
        return float(self.view.zoomFactor())

    def _fit_zoom(self) -> float:
        document = self.view.document()
        if document is None or document.pageCount() < 1:
            return 1.0
        widest = max(document.pagePointSize(p).width() for p in range(document.pageCount()))
        width = widest * self.logicalDpiX() / _POINTS_PER_INCH
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        if width <= 0 or usable <= 0:
            return 1.0
        return max(ZOOM_STEPS[0] / 2, min(MAX_FIT_ZOOM, usable / width))

    def _fit(self) -> None:
        if self.fitting:
            factor = self._fit_zoom()
            if abs(factor - self.zoom()) > 0.001:
                self.view.setZoomFactor(factor)
        self._update_labels()

    def zoom_in(self) -> None:
        """One step larger."""
        current = self.zoom()
        self._set_zoom(next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """One step smaller."""
        current = self.zoom()
        smaller = [z for z in ZOOM_STEPS if z < current - 0.01]
        self._set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def fit_width(self) -> None:
        """Pages as wide as the view, up to a little over their real size (the default)."""
        self.fitting = True
        self._fit()

    def _set_zoom(self, factor: float) -> None:
        self.fitting = False
        self.view.setZoomFactor(factor)
        self._update_labels()

    def _update_labels(self, *_args: object) -> None:
        count = self.page_count()
        if count:
            current = self.view.pageNavigator().currentPage() + 1
            self.page_label.setText(
                self.tr("Page {page} of {count}").format(page=min(current, count), count=count)
            )
        else:
            self.page_label.setText("")
        self.fit_button.setChecked(self.fitting)
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %" if count else "")
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(bool(count))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit to width changes the zoom as the view is resized."""
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    # -- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.fit_button.setText(self.tr("Fit width"))
        self.fit_button.setToolTip(self.tr("Pages as wide as the preview (Ctrl+0)"))
        self.view.setAccessibleName(self.tr("Receipt preview"))
        self._update_labels()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# -- paper -------------------------------------------------------------------------------------


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print ``pdf`` on ``printer``; returns the number of pages printed.

    Each page is drawn as large as the printer's page rectangle allows, keeping
    its proportions, centred across and from the top. The printer's page range
    is honoured, and its copy count when the print system does not make the
    copies itself. When the printer writes a PDF file, the page's own text is
    laid invisibly over its picture so that the file can still be searched.
    Safe to call off the UI thread (Qt paints on printers in any thread).

    Raises:
        PrintFailed: the bytes are not a PDF, or the printer refused to start
            or to take a new page.
    """
    document = open_pdf(pdf)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintFailed("the receipt is not a readable PDF")
        order = _page_order(printer, document.pageCount())
        if not order:
            raise PrintFailed("the chosen page range has no page of this receipt")
        searchable = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("the printer could not be started")
        try:
            for number, page in enumerate(order):
                if number and not printer.newPage():
                    raise PrintFailed("the printer did not take the next page")
                _paint_page(painter, printer, document, page, searchable)
        finally:
            painter.end()
        return len(order)
    finally:
        # Owned by Python (no parent): freed here, on the thread that made it.
        document.close()


def _page_order(printer: QPrinter, count: int) -> list[int]:
    """The pages to print (0-based), copies included, in the order they go to paper."""
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = min(last, (printer.toPage() or count) - 1)
    pages = list(range(first, last + 1))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def _paint_page(
    painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int, searchable: bool
) -> None:
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    points = document.pagePointSize(page)
    if points.width() <= 0 or points.height() <= 0:
        raise PrintFailed("a page of the receipt has no size")
    scale = min(area.width() / points.width(), area.height() / points.height())  # px per point
    target = QRectF(
        (area.width() - points.width() * scale) / 2,
        0.0,
        points.width() * scale,
        points.height() * scale,
    )
    resolution = max(1, printer.resolution())
    # Image pixels per device pixel: 1 up to MAX_PRINT_DPI, fewer on finer printers.
    density = min(1.0, MAX_PRINT_DPI / resolution)
    image_size = QSize(
        max(1, round(target.width() * density)), max(1, round(target.height() * density))
    )
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, density < 1.0)
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(image_size)
    rows_per_device_px = target.height() / image_size.height()
    for top in range(0, image_size.height(), _BAND_ROWS):
        rows = min(_BAND_ROWS, image_size.height() - top)
        options.setScaledClipRect(QRect(0, top, image_size.width(), rows))
        band = document.render(page, QSize(image_size.width(), rows), options)
        if band.isNull():
            raise PrintFailed("a page of the receipt could not be drawn")
        painter.drawImage(
            QRectF(
                target.left(),
                target.top() + top * rows_per_device_px,
                target.width(),
                rows * rows_per_device_px,
            ),
            band,
        )
    if searchable:
        _paint_text(painter, document, page, target, scale)


def _paint_text(
    painter: QPainter, document: QPdfDocument, page: int, target: QRectF, scale: float
) -> None:
    """The page's text, line by line at its own place, fully transparent."""
    text = document.getAllText(page).text()
    painter.save()
    painter.setPen(QColor(0, 0, 0, 0))
    font = QFont(painter.font())
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group().strip()
        if not line:
            continue
        box = document.getSelectionAtIndex(page, match.start(), len(match.group()))
        bounds = box.boundingRectangle()
        if bounds.isEmpty():
            continue
        font.setPixelSize(max(1, round(bounds.height() * scale * 0.8)))
        painter.setFont(font)
        baseline = QPointF(
            target.left() + bounds.left() * scale, target.top() + bounds.bottom() * scale
        )
        painter.drawText(baseline, line)
    painter.restore()


# -- disk --------------------------------------------------------------------------------------


def save_pdf(pdf: bytes, path: Path) -> None:
    """Write ``pdf`` to ``path`` whole or not at all (temporary file, flush, rename).

    Raises:
        OSError: the folder cannot be written, the disk is full, ... (nothing is
            left behind).
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
