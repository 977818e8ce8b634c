"""Save a screenshot of each main screen to docs/screenshots/ (offscreen, demo profile).

    uv run python scripts/screenshots.py [--out DIR]

The sign-in window, the shift dialog, the encounters list, a new encounter
form, an encounter form with a seizure, a record with its history, the drafts
page, the settings page in Spanish, a seizure's receipt dialog and the lock screen
of a laptop HQ revoked.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD, create_demo_profile
from fieldapp.store.db import open_reader
from ui.context import UiContext
from ui.tasks import Readers, Writer

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let background reads arrive and the widgets repaint."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def save(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    """Show, settle and grab one widget."""
    widget.show()
    settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    """Make the demo profile and save the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    font = app.font()
    font.setPointSizeF(10.5)
    app.setFont(font)
    data_dir = Path(tempfile.mkdtemp(prefix="fieldapp-shots-"))
    profile = create_demo_profile(data_dir, records=400)
    ctx = UiContext(
        data_dir=data_dir,
        writer=Writer(profile),
        readers=Readers(profile.store.path),
        ui_conn=open_reader(profile.store.path),
        reference_source=profile.reference(),
        demo=True,
    )
    from ui.login import LoginWindow

    login = LoginWindow(ctx, (DEMO_OFFICER, DEMO_PASSWORD))
    login.resize(*SIZE)
    save(app, login, out, "01-sign-in")
    login.close()

    ctx.officer = Authenticator(profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    from ui.shift import ShiftDialog

    shift = ShiftDialog(ctx)
    save(app, shift, out, "02-shift")
    shift.close()
    ctx.shift = profile.services.shifts.open(DEMO_OFFICER, "US-SYS")

    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.select_page("encounters")
    save(app, window, out, "03-encounters")

    window.tabs.open_form()
    save(app, window, out, "04-new-encounter")

    # A realistic draft with a seizure, as an officer would have it half-way.
    from fieldapp.synthetic import Generator

    generator = Generator(ctx.reference, seed=11, device_code=profile.store.device.device_code)
    index = 0
    while True:
        encounter, seizures = generator.encounter_bundle(index)
        index += 1
        if seizures and any(i["category"] == "drug" for i in seizures[0]["items"]):
            break
    for key in ("id", "reference_number"):
        encounter.pop(key)
    encounter["actions"] = dict(encounter["actions"], seizure_ids=[])
    seizure = seizures[0]
    for key in ("id", "seizure_number", "encounter_id"):
        seizure.pop(key, None)
    actor = ctx.officer.actor
    draft = ctx.writer.call(lambda p: p.services.drafts.create(actor, "encounter", encounter))
    ctx.writer.call(
        lambda p: p.services.drafts.create(actor, "seizure", seizure, parent_id=draft.id)
    )
    window.tabs.open_form(draft.id)
    settle(app, 1.5)
    save(app, window, out, "05-encounter-with-seizure")

    record_id = ctx.ui_conn.execute(
        "SELECT parent_id FROM records WHERE record_type = 'seizure' AND parent_id IS NOT NULL "
        "ORDER BY rowid DESC LIMIT 1"
    ).fetchone()[0]
    window.tabs.open_record(record_id)
    save(app, window, out, "06-record")

    from ui.receipts.dialog import ReceiptDialog

    seizure_id = ctx.ui_conn.execute(
        "SELECT id FROM records WHERE record_type = 'seizure' "
        "AND json_extract(data, '$.witness_id') IS NOT NULL ORDER BY rowid DESC LIMIT 1"
    ).fetchone()[0]
    receipt = ReceiptDialog(ctx, seizure_id, window)
    receipt.resize(1240, 800)
    receipt.show()
    settle(app, 1.5)  # the preview is made on the writer thread
    save(app, receipt, out, "10-receipt")
    receipt.close()

    window.select_page("drafts")
    window.tabs.setCurrentIndex(0)
    save(app, window, out, "07-drafts")

    from ui.i18n import Translator

    Translator(ctx).set_language(app, "es", remember=False)
    window.select_page("settings")
    window.tabs.setCurrentIndex(0)
    save(app, window, out, "08-settings-es")
    window.select_page("encounters")
    save(app, window, out, "09-encounters-es")
    Translator(ctx).set_language(app, "en", remember=False)

    window.close()

    # Last, as it changes the profile for good: HQ revoked the laptop, which wiped what HQ
    # held (here: the first half of its events) and has not told HQ yet.
    from fieldapp.profile import Profile
    from fieldapp.store.syncstate import SyncState
    from ui.revoked import RevokedWindow

    def revoke(p: Profile) -> None:
        state = SyncState(p.store)
        device_id = p.store.device.device_id
        head = p.store.conn.execute(
            "SELECT head_seq FROM origins WHERE origin = ?", (device_id,)
        ).fetchone()[0]
        p.store.mark_synced(device_id, int(head) // 2)
        state.confirm_files(int(head) // 2)
        state.record_revocation(None, "Laptop reported stolen at the checkpoint", True)
        state.wipe()

    ctx.writer.call(revoke)
    ctx.officer = ctx.shift = None
    locked = RevokedWindow(ctx)
    locked.resize(900, 640)
    save(app, locked, out, "11-locked")
    Translator(ctx).set_language(app, "es", remember=False)
    save(app, locked, out, "12-locked-es")
    Translator(ctx).set_language(app, "en", remember=False)
    locked.close()

    ctx.writer.shutdown()
    ctx.readers.shutdown()
    ctx.ui_conn.close()
    profile.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
