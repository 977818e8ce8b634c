"""Photos of one seized item: attach from files or by dropping them, see thumbnails, remove.

A photo is stored once, named by its SHA-256 (``fieldapp.attachments``), and
the item keeps only the hash. Hashing and copying a 20 MB photo happens on the
writer thread and decoding thumbnails on a reader thread, so the form never
stalls. Removing a photo from an item leaves the file where it is: another
item (or a finalized record) may refer to the same content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.attachments import Attachment, AttachmentStore
from fieldapp.errors import KnownError
from fieldapp.profile import Profile
from ui.context import UiContext
from ui.forms.widgets import ErrorLabel

THUMB = 96
_HASH_ROLE = Qt.ItemDataRole.UserRole


def load_thumbnail(data_dir: Path, sha256: str, size: int = THUMB) -> QImage | None:
    """A small image of a stored photo (runs on a reader thread); None if it cannot be shown."""
    try:
        content = AttachmentStore(data_dir).read_bytes(sha256)
    except KnownError:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # phones store the rotation in EXIF
    full = reader.size()
    if full.isValid():
        reader.setScaledSize(full.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return None if image.isNull() else image


def _store(path: Path, profile: Profile) -> Attachment:
    return AttachmentStore(profile.data_dir).add_file(path)


def _placeholder(text: str) -> QIcon:
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(QColor("#e8eaed"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#5f6368"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class _PhotoList(QListWidget):
    """The thumbnails; takes dropped image files."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 12, THUMB + 12))
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setFixedHeight(THUMB + 30)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops arrive at the viewport
        self.setDropIndicatorShown(False)

    @staticmethod
    def _paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)


class PhotoStrip(QWidget):
    """The photos of the item being edited, as thumbnails, with attach and remove."""

    #: Hashes were added to or removed from an item (maybe one no longer shown).
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._hashes: list[str] = []
        self._names: dict[str, str] = {}
        self._icons: dict[str, QIcon] = {}
        self._loading: set[str] = set()
        self._storing = 0
        self.thumbnails = _PhotoList(self)
        self.attach_button = QPushButton(self)
        self.attach_button.setAutoDefault(False)
        self.remove_button = QPushButton(self)
        self.remove_button.setAutoDefault(False)
        self.status = QLabel(self)
        self.status.setEnabled(False)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnails)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.attach_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.thumbnails.files_dropped.connect(self.attach)
        self.thumbnails.itemSelectionChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.thumbnails)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        #: Asks before taking a photo off the item; tests may replace it.
        self.confirm_remove: Callable[[str], bool] = self._ask_remove
        #: Picks files to attach; tests may replace it.
        self.pick_files: Callable[[], list[Path]] = self._ask_files
        self._update_buttons()
        self.retranslate()

    # -- the item's photos ------------------------------------------------------------------

    def bind(self, hashes: list[str]) -> None:
        """Show (and edit in place) this list of hashes: the item's ``photo_hashes``."""
        self._hashes = hashes
        self.error.clear_text()
        self._refresh()

    def hashes(self) -> list[str]:
        """The hashes shown now."""
        return list(self._hashes)

    def _refresh(self) -> None:
        self.thumbnails.clear()
        for sha in self._hashes:
            item = QListWidgetItem(self._icon(sha), "")
            item.setData(_HASH_ROLE, sha)
            name = self._names.get(sha)
            item.setToolTip(f"{name}\n{sha}" if name else sha)
            self.thumbnails.addItem(item)
        self._update_buttons()

    def _icon(self, sha: str) -> QIcon:
        icon = self._icons.get(sha)
        if icon is not None:
            return icon
        if sha not in self._loading:
            self._loading.add(sha)
            data_dir = self.ctx.data_dir
            self.ctx.readers.submit(
                lambda _conn: load_thumbnail(data_dir, sha),
                on_done=partial(self._thumbnail_ready, sha),
            )
        return _placeholder("…")

    def _thumbnail_ready(self, sha: str, image: QImage | None) -> None:
        if not shiboken6.isValid(self):
            return  # the form was closed while the thumbnail was decoded
        self._loading.discard(sha)
        if image is None:
            icon = _placeholder(self.tr("no preview"))
        else:
            icon = QIcon(QPixmap.fromImage(image))
        self._icons[sha] = icon
        for row in range(self.thumbnails.count()):
            item = self.thumbnails.item(row)
            if item.data(_HASH_ROLE) == sha:
                item.setIcon(icon)

    def has_thumbnail(self, sha: str) -> bool:
        """Whether the thumbnail of this photo was decoded (not just a placeholder)."""
        return sha in self._icons and sha not in self._loading

    # -- attaching --------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for photo files and attach them."""
        paths = self.pick_files()
        if paths:
            self.attach(paths)

    def _ask_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos"),
            str(Path.home()),
            self.tr("Photos (*.jpg *.jpeg *.png *.heic *.heif *.webp);;All files (*)"),
        )
        return [Path(name) for name in names]

    def attach(self, paths: Sequence[Path]) -> None:
        """Store the files on the writer thread and add their hashes to the item shown now."""
        target = self._hashes  # the item's own list: it gets the hash even if the officer moves on
        for path in paths:
            self._storing += 1
            self.ctx.writer.submit(
                partial(_store, Path(path)),
                on_done=partial(self._stored, target),
                on_error=self._failed,
            )
        self.error.clear_text()
        self._show_status()

    def _stored(self, target: list[str], attachment: Attachment) -> None:
        self._storing -= 1
        if attachment.sha256 not in target:
            target.append(attachment.sha256)
        if not shiboken6.isValid(self):
            return  # the item was removed meanwhile; the file stays, unreferenced
        self._names[attachment.sha256] = attachment.original_name
        self.changed.emit()
        if target is self._hashes:
            self._refresh()
        self._show_status()

    def _failed(self, error: BaseException) -> None:
        self._storing -= 1
        if not isinstance(error, KnownError):
            raise error
        if shiboken6.isValid(self):
            self._show_status()
            self.error.show_text(error.message)

    def _show_status(self) -> None:
        if self._storing:
            n = self._storing
            self.status.setText(
                self.tr("Storing the photo…")
                if n == 1
                else self.tr("Storing %1 photos…").replace("%1", str(n))
            )
        else:
            self.status.setText("")

    @property
    def busy(self) -> bool:
        """Whether photos are still being stored."""
        return self._storing > 0

    # -- removing ---------------------------------------------------------------------------

    def remove_selected(self) -> None:
        """Take the selected photo off the item (the stored file stays)."""
        item = self.thumbnails.currentItem()
        if item is None:
            return
        sha = str(item.data(_HASH_ROLE))
        if not self.confirm_remove(sha):
            return
        if sha in self._hashes:
            self._hashes.remove(sha)
        self._refresh()
        self.changed.emit()

    def _ask_remove(self, sha: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Remove photo"), self.tr("Take this photo off the item?")
        )
        return answer == QMessageBox.StandardButton.Yes

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.thumbnails.currentItem() is not None)

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.attach_button.setText(self.tr("Attach photos…"))
        self.attach_button.setToolTip(self.tr("Or drop photo files on the strip."))
        self.remove_button.setText(self.tr("Remove photo"))
        self.thumbnails.setToolTip(self.tr("Drop photo files here"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
