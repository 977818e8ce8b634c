"""Where a receipt goes: a printer, offered the receipt's own paper, or a PDF file.

The modal dialogs live here, behind two functions, so that the receipt dialog's
seams (``ask_printer``, ``ask_save_path``) are all a test replaces.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSizeF, QStandardPaths
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

#: An 80 mm roll when the receipt's length is not known yet.
_ROLL_MM = QSizeF(80, 297)


def page_size_for(choice: str, first_page: QSizeF | None, roll_name: str) -> QPageSize:
    """The paper for a receipt page size: Letter, A4, or a roll as long as the receipt's page."""
    if choice == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if choice == "thermal80":
        if first_page is not None and not first_page.isEmpty():
            return QPageSize(first_page, QPageSize.Unit.Point, roll_name)
        return QPageSize(_ROLL_MM, QPageSize.Unit.Millimeter, roll_name)
    return QPageSize(QPageSize.PageSizeId.Letter)


def choose_printer(
    parent: QWidget, page_size: QPageSize, pages: int, title: str, document_name: str
) -> QPrinter | None:
    """Ask for a printer (or a file to print to), on the receipt's paper; None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(page_size)
    printer.setDocName(document_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, max(1, pages))
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return printer if accepted else None


def choose_pdf_file(parent: QWidget, title: str, file_name: str, kinds: str) -> str | None:
    """Ask where to save a PDF (in Documents at first); None if cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _kind = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / file_name), kinds)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path or None
