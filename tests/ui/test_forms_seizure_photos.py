"""Photos of a seized item: stored by hash off the UI thread, shown as thumbnails, removable."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldapp.attachments import AttachmentStore
from tests.ui.seizure_driver import (
    add_seizure,
    encounter_draft,
    finish_editing,
    focus,
    make_png,
    new_item,
    show_section,
    stored,
    wait_saved,
)
from ui.context import UiContext
from ui.forms.items import COLUMNS
from ui.forms.photos import THUMB


def drag_enter(*args: Any) -> QDragEnterEvent:
    """A drag entering at (10, 10): Qt 6.12 takes a QPointF, earlier versions a QPoint."""
    try:
        return QDragEnterEvent(QPointF(10, 10), *args)
    except TypeError:
        return QDragEnterEvent(QPoint(10, 10), *args)


def test_an_attached_photo_is_stored_by_hash_and_shown(
    ctx: UiContext, qtbot: Any, tmp_path: Path
) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    new_item(qtbot, items, "Mobile")
    finish_editing(qtbot, items)
    photos = items.detail.photos
    picture = make_png(tmp_path / "phone.png")
    sha = hashlib.sha256(picture.read_bytes()).hexdigest()

    photos.pick_files = lambda: [picture]
    qtbot.mouseClick(photos.attach_button, Qt.MouseButton.LeftButton)
    assert photos.busy and photos.status.text() == "Storing the photo…"
    qtbot.waitUntil(lambda: photos.hashes() == [sha])
    assert items.model.items[0].photo_hashes == [sha]
    assert AttachmentStore(ctx.data_dir).verify(sha)
    assert photos.status.text() == ""

    qtbot.waitUntil(lambda: photos.has_thumbnail(sha))
    shown = photos.thumbnails.item(0)
    assert shown.data(Qt.ItemDataRole.UserRole) == sha
    pixmap = shown.icon().pixmap(THUMB, THUMB)
    assert pixmap.width() == THUMB and pixmap.height() == THUMB * 3 // 4  # aspect kept
    assert pixmap.toImage().pixelColor(THUMB // 2, 10) == QColor("#c0392b")
    assert "phone.png" in shown.toolTip()
    assert items.model.index(0, COLUMNS.index("details")).data().endswith("1 photo")

    wait_saved(qtbot, editor)
    assert stored(ctx, editor.draft_id or "")["items"][0]["photo_hashes"] == [sha]


def test_the_same_photo_twice_is_one_hash_and_removing_keeps_the_file(
    ctx: UiContext, qtbot: Any, tmp_path: Path
) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    new_item(qtbot, editor.items, "Mobile")
    finish_editing(qtbot, editor.items)
    photos = editor.items.detail.photos
    first = make_png(tmp_path / "a.png")
    copy = tmp_path / "copy of a.png"
    copy.write_bytes(first.read_bytes())
    second = make_png(tmp_path / "b.png", "#2e86c1")
    photos.pick_files = lambda: [first, copy, second]
    qtbot.mouseClick(photos.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not photos.busy)
    assert len(photos.hashes()) == 2

    removed = photos.hashes()[0]
    photos.confirm_remove = lambda sha: True
    photos.thumbnails.setCurrentRow(0)
    focus(qtbot, photos.thumbnails)
    QTest.keyClick(photos.thumbnails, Qt.Key.Key_Delete)
    assert removed not in photos.hashes() and len(photos.hashes()) == 1
    assert AttachmentStore(ctx.data_dir).has(removed)  # content-addressed: the file stays
    wait_saved(qtbot, editor)
    assert stored(ctx, editor.draft_id or "")["items"][0]["photo_hashes"] == photos.hashes()


def test_a_dropped_photo_is_attached_and_a_non_photo_refused(
    ctx: UiContext, qtbot: Any, tmp_path: Path
) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    new_item(qtbot, editor.items, "Mobile")
    finish_editing(qtbot, editor.items)
    photos = editor.items.detail.photos
    picture = make_png(tmp_path / "dropped.png")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo", encoding="utf-8")

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture)), QUrl.fromLocalFile(str(notes))])
    where = photos.thumbnails.viewport()
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only where the drag was let in first, as a real drag does.
    enter = drag_enter(*args)
    assert QApplication.sendEvent(where, enter) and enter.isAccepted()
    assert QApplication.sendEvent(where, QDropEvent(QPointF(10, 10), *args))
    qtbot.waitUntil(lambda: not photos.busy)
    assert photos.hashes() == [hashlib.sha256(picture.read_bytes()).hexdigest()]
    assert photos.error.isVisible()
    assert photos.error.text() == (
        "notes.txt is not a photo this program can keep (JPEG, PNG, HEIC or WebP); "
        "it was not attached."
    )


def test_a_photo_lands_on_its_item_even_after_moving_on(
    ctx: UiContext, qtbot: Any, tmp_path: Path
) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    new_item(qtbot, items, "Mobile")
    finish_editing(qtbot, items)
    photos = items.detail.photos
    picture = make_png(tmp_path / "first.png")
    photos.attach([picture])
    new_item(qtbot, items, "Vehicle")  # the officer moves on before the photo is stored
    finish_editing(qtbot, items)
    qtbot.waitUntil(lambda: not photos.busy)
    sha = hashlib.sha256(picture.read_bytes()).hexdigest()
    assert items.model.items[0].photo_hashes == [sha]
    assert items.model.items[1].photo_hashes == []
    assert photos.hashes() == []
    wait_saved(qtbot, editor)
    saved = stored(ctx, editor.draft_id or "")["items"]
    assert [i["photo_hashes"] for i in saved] == [[sha], []]
