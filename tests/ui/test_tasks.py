"""The writer and reader threads: results on the UI thread, failures reported, order kept."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from fieldapp.errors import NotFound
from fieldapp.profile import Profile
from fieldapp.services import queries
from ui.context import UiContext


def test_writer_runs_in_order_off_the_ui_thread(ctx: UiContext, qtbot: QtBot) -> None:
    ui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def op(n: int):  # type: ignore[no-untyped-def]
        return lambda profile: (n, threading.get_ident())

    for n in range(5):
        ctx.writer.submit(op(n), on_done=lambda r: seen.append((r[0], threading.get_ident())))
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert [n for n, _ in seen] == [0, 1, 2, 3, 4]
    assert all(thread == ui_thread for _, thread in seen)
    worker_thread = ctx.writer.call(lambda profile: threading.get_ident())
    assert worker_thread != ui_thread


def test_writer_failure_goes_to_on_error(ctx: UiContext, qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def fail(profile: Profile) -> None:
        profile.services.drafts.get("nope")

    ctx.writer.submit(fail, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], NotFound)


def test_unhandled_failure_is_signalled(ctx: UiContext, qtbot: QtBot) -> None:
    def fail(profile: Profile) -> None:
        raise NotFound("There is no such thing.")

    with qtbot.waitSignal(ctx.writer.unhandled) as blocker:
        ctx.writer.submit(fail)
    assert str(blocker.args[0]) == "There is no such thing."


def test_readers_use_their_own_connections(ctx: UiContext, qtbot: QtBot) -> None:
    results: list[int] = []
    ctx.readers.submit(lambda conn: queries.count_records(conn), on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results[0] > 0
