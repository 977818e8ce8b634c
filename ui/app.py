"""The running program: sign in, open a shift, work, and back again.

:class:`Application` owns the profile, the writer and reader threads and the
three windows (sign-in, shift, main), and moves between them. It never calls
``exec()`` itself, so tests drive the whole flow with qtbot; :func:`run_gui`
adds the event loop for the real program.

Once the sign-in window is up it starts the connectivity watcher (which syncs
by itself when events wait and HQ answers) and, for the demo, the demo's own
HQ; both off the UI thread's way to the first window.

A device HQ revoked shows only the lock screen (:mod:`ui.revoked`): at start
when the profile already knows, and as soon as any sync ends saying so (from
the sign-in window, the shift dialog or the main window, whose forms save
their drafts as it closes). Nobody signs in after that.

Quitting closes the windows first (an open form saves its draft as it closes),
stops the watcher and any sync, then waits for the writer to finish everything
submitted, and only then closes the profile (and the demo's HQ): nothing typed
is lost on the way out.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget
from shiboken6 import Shiboken

from fieldapp.auth import Officer
from fieldapp.errors import KnownError
from fieldapp.profile import Profile
from fieldapp.store.db import open_reader
from fieldapp.store.syncstate import read_summary
from ui.context import UiContext
from ui.i18n import Translator
from ui.login import LoginWindow
from ui.tasks import Readers, Writer

if TYPE_CHECKING:
    from sync.report import SyncReport
    from ui.demo_hq import DemoHqService
    from ui.main_window import MainWindow
    from ui.revoked import RevokedWindow
    from ui.shift import ShiftDialog

log = logging.getLogger(__name__)

APP_NAME = "Checkpoint field capture"
#: The program's log, in the profile folder.
LOG_FILENAME = "fieldapp.log"


class Application(QObject):
    """Moves the officer from sign-in to shift to main window, and shuts down cleanly."""

    #: The program should end, with this exit code (run_gui connects it to QApplication.exit).
    finished = Signal(int)

    def __init__(
        self,
        data_dir: Path,
        *,
        demo: bool = False,
        demo_hint: tuple[str, str] | None = None,
        demo_hq_dir: Path | None = None,
        watch: bool = True,
        unlocked: tuple[Profile, Officer] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        #: A profile already opened by the unlock window, and who unlocked it.
        self._unlocked = unlocked
        self.demo = demo
        self.demo_hint = demo_hint
        #: Where the demo's own HQ keeps its files (None: no demo HQ).
        self.demo_hq_dir = demo_hq_dir
        #: Whether to start the connectivity watcher.
        self.watch = watch
        self.demo_hq: DemoHqService | None = None
        self.profile: Profile | None = None
        self._ctx: UiContext | None = None
        self.translator: Translator | None = None
        self.login: LoginWindow | None = None
        self.shift_dialog: ShiftDialog | None = None
        self.main_window: MainWindow | None = None
        #: The lock screen, once HQ revoked this device (then the only window, for good).
        self.locked: RevokedWindow | None = None
        self.stopped = False
        self._exit_code = 0

    @property
    def ctx(self) -> UiContext:
        """The context the screens share (after :meth:`start`)."""
        if self._ctx is None:
            raise RuntimeError("Application.start() has not run")
        return self._ctx

    def start(self) -> None:
        """Open the profile and show the sign-in window; raises KnownError if it cannot."""
        # A device's first start makes its profile (and its device key), ready to enroll.
        unlocked, self._unlocked = self._unlocked, None
        profile = unlocked[0] if unlocked else Profile.open(self.data_dir, create=True)
        try:
            writer = Writer(profile)
            readers = Readers(profile.store.path)
            conn = open_reader(profile.store.path)
            self._ctx = UiContext(
                data_dir=self.data_dir,
                writer=writer,
                readers=readers,
                ui_conn=conn,
                reference_source=profile.reference,
                demo=self.demo,
            )
        except BaseException:
            profile.close()
            raise
        self.profile = profile
        self.translator = Translator(self._ctx, self)
        app = QCoreApplication.instance()
        if app is not None:
            self.translator.restore(app)
        # Whoever starts a sync, one ending "revoked" locks the program.
        self._ctx.sync.finished.connect(self._sync_ended)
        if read_summary(conn).revoked:
            self.show_locked()
        elif unlocked is not None:
            self._signed_in(unlocked[1])  # the unlock window checked the password
        else:
            self.show_login()
        # While the officer types, import what the next windows need (record
        # models, services, forms) on a side thread, so the sign-in window
        # appears first and the main window does not wait either.
        # Started a moment later, so it does not compete with the first paint.
        QTimer.singleShot(
            400, lambda: threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
        )
        # Sync comes after the first paint too: the watcher's first look, the demo's HQ.
        QTimer.singleShot(500, self._start_sync)

    def _start_sync(self) -> None:
        ctx = self._ctx
        if ctx is None or self.stopped:
            return
        if self.watch and ctx.watcher is None:
            from ui.sync_watch import SyncWatcher

            ctx.watcher = SyncWatcher(ctx, parent=self)
            ctx.watcher.start()
        if self.demo_hq_dir is not None and self.demo_hq is None:
            from ui.demo_hq import DemoHqService

            self.demo_hq = DemoHqService(ctx, self.demo_hq_dir, self)
            self.demo_hq.start(delay_ms=0)

    # -- moving between windows ------------------------------------------------------------

    def show_login(self) -> None:
        """The sign-in window (nobody on duty); never once the device is locked."""
        if self.locked is not None:
            return
        ctx = self.ctx
        ctx.officer = None
        ctx.shift = None
        login = LoginWindow(ctx, self.demo_hint)
        login.signed_in.connect(self._signed_in)
        login.quit_requested.connect(self.quit)
        login.show()
        self._replace(login)

    def _signed_in(self, officer: Officer) -> None:
        if self.locked is not None:
            return
        self.ctx.officer = officer
        self.show_shift()

    def show_shift(self) -> None:
        """The shift dialog for the officer signed in."""
        if self.locked is not None:
            return
        from ui.shift import ShiftDialog

        dialog = ShiftDialog(self.ctx)
        dialog.accepted.connect(self._shift_ready)
        dialog.rejected.connect(self.show_login)
        dialog.show()
        self._replace(dialog)

    def _shift_ready(self) -> None:
        if self.locked is not None:
            return
        if self.ctx.shift is None:  # pragma: no cover - the dialog accepts only once open
            self.show_shift()
            return
        from ui.main_window import MainWindow

        window = MainWindow(self.ctx)
        window.left.connect(self._main_left)
        window.show()
        self._replace(window)
        window.tabs.offer_recovery()

    def _main_left(self, reason: str) -> None:
        if self.stopped:
            return
        from ui.main_window import QUIT, REVOKED, SHIFT_CLOSED, SIGN_OUT

        if reason == REVOKED:
            self.show_locked()
        elif reason == SIGN_OUT:
            self.show_login()
        elif reason == SHIFT_CLOSED:
            self.show_shift()
        else:
            assert reason == QUIT, reason
            self._finish(self._exit_code)

    def _sync_ended(self, report: SyncReport) -> None:
        if report.revoked and not self.stopped and self.locked is None:
            self.lock()

    def lock(self) -> None:
        """HQ revoked the device: close the work (forms save their drafts), show the lock screen."""
        if self.stopped or self.locked is not None:
            return
        window = self.main_window
        if window is not None and Shiboken.isValid(window) and window.isVisible():
            # Comes back through the window's ``left`` signal (REVOKED) to show_locked.
            window.leave_revoked()
            if self.locked is None and not self.stopped:
                self.show_locked()  # pragma: no cover - a form refused to close
            return
        self.show_locked()

    def show_locked(self) -> None:
        """The lock screen, the only window from now on (nobody on duty)."""
        if self.stopped or self.locked is not None:
            return
        from ui.revoked import RevokedWindow

        ctx = self.ctx
        ctx.officer = None
        ctx.shift = None
        window = RevokedWindow(ctx)
        window.quit_requested.connect(self.quit)
        window.resize(760, 560)
        window.show()
        self._replace(window)

    def _replace(self, window: QWidget) -> None:
        """Make ``window`` the current one and let the previous one go (without closing it)."""
        old = [self.login, self.shift_dialog, self.main_window, self.locked]
        self.login = window if isinstance(window, LoginWindow) else None
        from ui.main_window import MainWindow
        from ui.shift import ShiftDialog

        self.shift_dialog = window if isinstance(window, ShiftDialog) else None
        self.main_window = window if isinstance(window, MainWindow) else None
        from ui.revoked import RevokedWindow

        self.locked = window if isinstance(window, RevokedWindow) else None
        for previous in old:
            if previous is not None and previous is not window and Shiboken.isValid(previous):
                # hide(), not close(): closing means "quit" for the sign-in window.
                previous.blockSignals(True)
                previous.hide()
                previous.deleteLater()
        # The keyboard goes to the new window at once: no click needed to start typing.
        window.raise_()
        window.activateWindow()

    # -- the end ---------------------------------------------------------------------------

    def quit(self, code: int = 0) -> bool:
        """End the program; False if an open form refused to close (nothing is ended then)."""
        if self.stopped:
            return True
        self._exit_code = code
        window = self.main_window
        if window is not None and Shiboken.isValid(window) and window.isVisible():
            # Closing the main window closes its forms (they save) and comes back
            # through its ``left`` signal to _finish.
            return window.close()
        self._finish(code)
        return True

    def _finish(self, code: int) -> None:
        self.stopped = True
        for widget in (self.login, self.shift_dialog, self.main_window, self.locked):
            if widget is not None and Shiboken.isValid(widget):
                widget.blockSignals(True)
                widget.hide()
                widget.deleteLater()
        self.login = self.shift_dialog = self.main_window = None
        self.shutdown()
        self.finished.emit(code)

    def shutdown(self) -> None:
        """Wait for every write submitted (draft autosaves), then close threads and profile."""
        ctx, self._ctx = self._ctx, None
        if ctx is not None:
            # Syncs first: one under way stops at its next step (what HQ acknowledged and
            # was recorded stays recorded; the rest is sent again next time).
            ctx.stop_sync()
            ctx.writer.shutdown()
            ctx.readers.shutdown()
            ctx.ui_conn.close()
        if self.profile is not None:
            self.profile.close()
            self.profile = None
        demo_hq, self.demo_hq = self.demo_hq, None
        if demo_hq is not None:
            demo_hq.stop()


def _warm_up() -> None:
    try:
        import fieldapp.services.facade  # noqa: F401
        import ui.main_window
        import ui.shift  # noqa: F401
    except Exception:  # pragma: no cover - the real import will report it
        log.exception("warm-up import failed")


class DemoSeeder(QObject):
    """Makes the demo profile on a worker thread, reporting progress by signal."""

    progress = Signal(int, int)
    finished = Signal()

    def __init__(self, data_dir: Path, records: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.records = records
        self.error: BaseException | None = None
        self.cancelled = False
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-seeder")

    def start(self) -> None:
        """Start seeding."""
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the current batch; what was made is thrown away with the folder."""
        self._cancel.set()

    def join(self) -> None:
        """Wait for the worker (it has finished once ``finished`` was emitted)."""
        self._thread.join()

    def _run(self) -> None:
        from fieldapp.demo import create_demo_profile

        try:
            create_demo_profile(
                self.data_dir,
                self.records,
                progress=self.progress.emit,
                cancelled=self._cancel.is_set,
            ).close()
        except BaseException as exc:  # handed to the UI thread, raised there
            self.error = exc
        self.cancelled = self._cancel.is_set()
        self.finished.emit()


class DemoProgress(QProgressDialog):
    """The progress window shown while the demo profile is made."""

    def __init__(self, records: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, max(records, 1))
        self.setMinimumDuration(300)
        self.setMinimumWidth(420)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(APP_NAME)
        self.setLabelText(self.tr("Making the demo profile: made-up encounters and seizures…"))
        self.setCancelButtonText(self.tr("Cancel"))


def build_demo_profile(data_dir: Path, records: int) -> bool:
    """Seed the demo profile off the UI thread with a progress window; False if cancelled."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    seeder = DemoSeeder(data_dir, records)
    dialog = DemoProgress(records)
    terminal = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        if terminal:
            print(f"\rseeding: {done}/{total}", end="", file=sys.stderr, flush=True)

    seeder.progress.connect(report)
    dialog.canceled.connect(seeder.cancel)
    loop = QEventLoop()
    seeder.finished.connect(loop.quit)
    seeder.start()
    loop.exec()
    seeder.join()
    dialog.close()
    dialog.deleteLater()
    if terminal:
        print(file=sys.stderr)
    if seeder.error is not None:
        raise seeder.error
    return not seeder.cancelled


def log_to_profile(data_dir: Path) -> logging.Handler | None:
    """Keep the program's log in the profile folder (what the status bar points to)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            data_dir / LOG_FILENAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:  # an unwritable folder is reported when the profile opens
        log.warning("cannot write the log in %s: %s", data_dir, exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    if not root.handlers:  # warnings still reach a terminal the program was started from
        terminal = logging.StreamHandler()
        terminal.setLevel(logging.WARNING)
        root.addHandler(terminal)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


def unlock_at_start(
    data_dir: Path, demo: bool, hint: tuple[str, str] | None
) -> tuple[Profile, Officer] | Literal[False] | None:
    """Open an encrypted profile (or encrypt a plain one) with an officer's password.

    None when no password is needed (a new profile, or the plain demo one);
    False when the officer closed the window instead.
    """
    from fieldapp.profile import is_encrypted
    from fieldapp.unlock import needs_password
    from ui.unlock import UnlockDialog

    if not (is_encrypted(data_dir) or (not demo and needs_password(data_dir))):
        return None
    dialog = UnlockDialog(data_dir, hint)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_pair is None:
        return False
    return dialog.result_pair


def run_gui(data_dir: Path, demo: bool = False, demo_hq_dir: Path | None = None) -> int:
    """Run the desktop program on the profile in ``data_dir`` until the officer quits.

    With ``demo_hq_dir``, a throwaway HQ is started there (after the first
    window) and the profile enrolled with it; HQ and its folder go at exit.
    """
    from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD

    log_to_profile(data_dir)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    font = app.font()
    if font.pointSizeF() < 10.5:  # read at arm's length, at night: not the smallest size
        font.setPointSizeF(10.5)
        app.setFont(font)
    # Windows come and go (sign-in, shift, main); the program ends when Application says.
    app.setQuitOnLastWindowClosed(False)
    hint = (DEMO_OFFICER, DEMO_PASSWORD) if demo else None
    try:
        unlocked = unlock_at_start(data_dir, demo, hint)
    except KnownError as exc:
        print(f"fieldapp: {exc.message}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    if unlocked is False:
        return 0
    controller = Application(
        data_dir,
        demo=demo,
        demo_hint=hint,
        demo_hq_dir=demo_hq_dir,
        unlocked=unlocked,
    )
    try:
        controller.start()
    except KnownError as exc:
        print(f"fieldapp: {exc.message}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    controller.finished.connect(app.exit)
    app.aboutToQuit.connect(controller.quit)

    # Ctrl+C in the terminal (or a polite kill) quits cleanly: pending writes finished, the
    # demo folder removed. Python runs signal handlers only between bytecodes, so a timer
    # wakes it now and then while Qt's loop runs.
    def stop(signum: int, _frame: object) -> None:
        controller.quit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        controller.quit()
