"""The program the crash test kills: an officer typing an encounter until it is autosaved.

Run as ``python crash_app.py DATA_DIR``. It signs in as the demo officer on the
profile in DATA_DIR, opens an encounter form, types :data:`TYPED` into it key
by key, waits for the autosave, prints ``SAVED <draft id>`` and keeps running
until it is killed (the test sends SIGKILL, as a power cut would).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: What the officer types: (field, text). Accents and ñ included.
TYPED = {
    "reason": "Alerta de placas en primaria",
    "grounds": "Nerviosismo y respuestas contradictorias",
    "plate": "BCN4411",
    "make": "Nissan",
    "name": "Peña Muñoz, José Ángel",
    "narrative": "Se revisó el vehículo con consentimiento; sin hallazgos.",
}


class _Bot:
    """The few qtbot calls the form driver needs, for a program without pytest."""

    def __init__(self) -> None:
        self.widgets: list[Any] = []

    def addWidget(self, widget: Any) -> None:
        self.widgets.append(widget)

    def waitExposed(self, widget: Any) -> None:
        self.waitUntil(lambda: widget.windowHandle() is not None and widget.isVisible())

    def wait(self, ms: int) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def waitUntil(self, condition: Callable[[], Any], timeout: int = 5000) -> None:
        from PySide6.QtTest import QTest

        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the form did not get there in time")
            QTest.qWait(10)


def main(data_dir: Path) -> int:
    repo = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(repo))
    from encounter_driver import choose, show_form, type_into
    from PySide6.QtWidgets import QApplication

    from fieldapp.auth import Authenticator
    from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
    from fieldapp.profile import Profile
    from fieldapp.store.db import open_reader
    from ui.context import UiContext
    from ui.tasks import Readers, Writer

    app = QApplication(sys.argv[:1])
    profile = Profile.open(data_dir)
    ctx = UiContext(
        data_dir=data_dir,
        writer=Writer(profile),
        readers=Readers(profile.store.path),
        ui_conn=open_reader(profile.store.path),
        reference_source=profile.reference(),
    )
    ctx.officer = Authenticator(profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    ctx.shift = profile.services.shifts.open(DEMO_OFFICER, "US-SYS")
    bot = _Bot()
    form = show_form(ctx, bot)
    choose(bot, form.stop.stop_type, "Vehicle")
    type_into(bot, form.stop.reason, TYPED["reason"])
    type_into(bot, form.stop.grounds, TYPED["grounds"])
    type_into(bot, form.vehicle.fields["plate"], TYPED["plate"])
    type_into(bot, form.vehicle.fields["make"], TYPED["make"])
    type_into(bot, form.people.cards()[0].name, TYPED["name"])
    type_into(bot, form.narrative.text, TYPED["narrative"])
    saver = form.saver
    bot.waitUntil(
        lambda: saver.draft_id is not None and not saver.dirty and not saver.saving,
        timeout=15_000,
    )
    print("SAVED", saver.draft_id, flush=True)
    return app.exec()  # typing on, until the power goes


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
