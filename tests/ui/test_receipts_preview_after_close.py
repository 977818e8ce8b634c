"""A preview asked for after the profile's writer closed is dropped, not a crash.

A receipt dialog left open when the program (or a test) closes the profile
may still have its debounce timer running; when it fires, there is no writer
to render on and nobody to show a preview to.
"""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from fieldapp.profile import Profile
from ui.context import UiContext
from ui.receipts.previews import PreviewMaker
from ui.tasks import Writer


def test_a_preview_after_the_writer_closed_is_dropped(
    ctx: UiContext, ui_profile: Profile, qtbot: QtBot
) -> None:
    rendered: list[Any] = []
    writer = Writer(ui_profile)
    ctx_closing = UiContext(
        data_dir=ctx.data_dir,
        writer=writer,
        readers=ctx.readers,
        ui_conn=ctx.ui_conn,
        reference_source=ctx.reference_source,
    )
    maker = PreviewMaker(ctx_closing, lambda: lambda _p: rendered.append(1) or b"%PDF")
    made: list[bytes] = []
    maker.made.connect(made.append)

    maker.now()  # while open: rendered on the writer
    qtbot.waitUntil(lambda: made == [b"%PDF"])

    maker.later()
    writer.shutdown()
    assert writer.closed
    qtbot.wait(500)  # the debounce timer fires with the writer gone
    maker.now()
    assert rendered == [1] and made == [b"%PDF"]
