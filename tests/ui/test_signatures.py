"""The signature pad and one signer's box: drawing, clearing, PNG export, declining."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEventPoint, QImage, QPointingDevice, QTouchEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.signature_driver import draw
from ui.signatures import SignatureCapture, SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    widget.resize(400, 140)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_an_untouched_pad_is_empty_and_exports_nothing(pad: SignaturePad) -> None:
    assert pad.is_empty()
    assert pad.to_png() == b""


def test_drawing_with_the_mouse_makes_a_cropped_transparent_png(
    pad: SignaturePad, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(pad.changed):
        draw(pad)
    assert not pad.is_empty()
    png = pad.to_png(height=100)
    assert png.startswith(PNG_MAGIC)
    image = QImage.fromData(png)
    assert image.height() == 100
    # Cropped to the ink: the scrawl is wider than tall, and far narrower than the pad.
    assert 100 < image.width() < 400 * 100 / 60
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0  # background left transparent
    inked = sum(
        image.pixelColor(x, y).alpha() > 0
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    assert inked > 50


def test_moves_without_a_pressed_button_draw_nothing(pad: SignaturePad, qtbot: QtBot) -> None:
    qtbot.mouseMove(pad, pad.rect().center())
    qtbot.mouseMove(pad, pad.rect().topLeft() + pad.rect().center() / 2)
    assert pad.is_empty()


def test_a_tap_is_not_a_signature(pad: SignaturePad, qtbot: QtBot) -> None:
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center())
    assert pad.is_empty()


def test_clear_removes_the_ink(pad: SignaturePad, qtbot: QtBot) -> None:
    draw(pad)
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty()
    assert pad.strokes() == []


def test_a_finger_draws_like_the_mouse(pad: SignaturePad) -> None:
    device = QPointingDevice.primaryPointingDevice()
    points = [QPointF(40 + 12 * i, 40 + (30 if i % 2 else 0)) for i in range(10)]

    def touch(kind: QEvent.Type, point: QPointF, state: QEventPoint.State) -> None:
        touch_point = QEventPoint(1, state, point, pad.mapToGlobal(point))
        QApplication.sendEvent(
            pad, QTouchEvent(kind, device, Qt.KeyboardModifier.NoModifier, [touch_point])
        )

    touch(QEvent.Type.TouchBegin, points[0], QEventPoint.State.Pressed)
    for point in points[1:-1]:
        touch(QEvent.Type.TouchUpdate, point, QEventPoint.State.Updated)
    touch(QEvent.Type.TouchEnd, points[-1], QEventPoint.State.Released)
    assert not pad.is_empty()
    assert len(pad.strokes()) == 1


@pytest.fixture
def capture(qtbot: QtBot) -> SignatureCapture:
    widget = SignatureCapture("person", "María Núñez")
    widget.resize(420, 260)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_signed_box_gives_the_png(capture: SignatureCapture) -> None:
    draw(capture.pad)
    assert capture.check()
    value = capture.value()
    assert value is not None
    assert value.role == "person" and not value.declined and value.note is None
    assert value.png is not None and value.png.startswith(PNG_MAGIC)


def test_an_empty_box_says_what_to_do_beside_the_pad(capture: SignatureCapture) -> None:
    assert capture.value() is None
    assert not capture.check()
    assert capture.problem.isVisible()
    assert "declined" in capture.problem.text()
    assert capture.check(required=False)  # a box that may stay empty


def test_declining_needs_the_officers_note(capture: SignatureCapture, qtbot: QtBot) -> None:
    draw(capture.pad)
    qtbot.mouseClick(capture.declined, Qt.MouseButton.LeftButton)
    assert capture.is_declined()
    assert capture.pad.is_empty()  # a refusal carries no ink
    assert capture.note.isVisible()
    assert not capture.check()
    assert "note" in capture.problem.text()
    qtbot.keyClicks(capture.note, "Refused, said he would sign at the port")
    assert not capture.problem.isVisible()  # the sentence goes as soon as it is answered
    value = capture.value()
    assert value is not None
    assert value.declined and value.png is None
    assert value.note == "Refused, said he would sign at the port"


def test_signing_after_declining_undoes_the_refusal(
    capture: SignatureCapture, qtbot: QtBot
) -> None:
    qtbot.mouseClick(capture.declined, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(capture.declined, Qt.MouseButton.LeftButton)
    draw(capture.pad)
    value = capture.value()
    assert value is not None and not value.declined and value.png


def test_clear_button_erases(capture: SignatureCapture, qtbot: QtBot) -> None:
    draw(capture.pad)
    qtbot.mouseClick(capture.clear_button, Qt.MouseButton.LeftButton)
    assert capture.value() is None


def test_an_officer_box_without_decline(qtbot: QtBot) -> None:
    widget = SignatureCapture("officer", can_decline=False)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.declined.isVisible()
    assert not widget.check()
    assert "declined" not in widget.problem.text()


def test_unknown_role_is_refused(qapp: object) -> None:
    with pytest.raises(ValueError, match="role"):
        SignatureCapture("bystander")
