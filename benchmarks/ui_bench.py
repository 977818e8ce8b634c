"""Benchmarks of the desktop program: start-up, the records list at 100,000, memory.

Registered in ``benchmarks/run.py``; each prints JSON lines through its ``emit``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
Emit = Callable[..., None]


def _probe(args: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "startup_probe.py"), *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    proc.wait(timeout=60)
    if line.strip() != "SHOWN":
        raise RuntimeError(f"startup probe failed: {line!r}")
    return elapsed


def bench_startup(emit: Emit, data_dir: Path, quick: bool) -> None:
    """Process start to sign-in window painted, cold process each time (p50)."""
    n = 5 if quick else 15
    _probe([str(data_dir)])  # the first run also warms the OS file cache
    shown = [_probe([str(data_dir)]) for _ in range(n)]
    base = [_probe(["--baseline"]) for _ in range(n)]
    emit(
        "startup_to_login_p50",
        statistics.median(shown) * 1000,
        "ms",
        n,
        statistics.median(base) * 1000,
        baseline_is="import PySide6 + QApplication",
    )


def _context(data_dir: Path) -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication

    from fieldapp.profile import Profile
    from fieldapp.store.db import open_reader
    from ui.context import UiContext
    from ui.tasks import Readers, Writer

    app = QApplication.instance() or QApplication([])
    profile = Profile.open(data_dir)
    ctx = UiContext(
        data_dir=data_dir,
        writer=Writer(profile),
        readers=Readers(profile.store.path),
        ui_conn=open_reader(profile.store.path),
        reference_source=profile.reference(),
    )
    return app, (profile, ctx)


def _wait(app: Any, done: Callable[[], bool], limit: float = 30.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("the list did not answer")
        time.sleep(0.0005)


def bench_records_list(emit: Emit, data_dir: Path, quick: bool) -> None:
    """Records list at full size: model ready and first rows painted; search as you type."""
    from PySide6.QtWidgets import QTableView

    from fieldapp.services.queries import RecordFilter
    from ui.records.model import RecordsTableModel

    app, (profile, ctx) = _context(data_dir)
    total = None
    ready: list[float] = []
    rounds = 3 if quick else 7
    for _ in range(rounds):
        started = time.perf_counter()
        model = RecordsTableModel(ctx, RecordFilter(record_types=None))
        view = QTableView()
        view.setModel(model)
        view.resize(1280, 800)
        view.show()
        _wait(app, lambda m=model: not m.busy and m.rowCount() > 0)
        view.viewport().repaint()
        ready.append((time.perf_counter() - started) * 1000)
        total = model.rowCount()
        view.close()
        view.deleteLater()
        model.deleteLater()
        app.processEvents()
    emit(
        f"records_list_ready_painted_{total}_p50",
        statistics.median(ready),
        "ms",
        rounds,
        target_ms=150,
    )

    model = RecordsTableModel(ctx, RecordFilter(record_types=None))
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    _wait(app, lambda: not model.busy)
    words = [
        "fent",
        "garcía",
        "meth",
        "tijuana",
        "toyota",
        "asylum",
        "glock",
        "martínez",
        "spare tire",
        "laredo",
        "hernández",
        "nogales",
        "cocaine",
        "pills",
    ]
    typed = [w[:k] for w in words for k in range(2, len(w) + 1)]
    if quick:
        typed = typed[::3]
    samples: list[float] = []
    for text in typed:
        started = time.perf_counter()
        model.set_filter(RecordFilter(record_types=None, text=text))
        _wait(app, lambda: not model.busy)
        view.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    emit(
        f"records_search_as_you_type_{total}_p95",
        p95,
        "ms",
        len(samples),
        p50=round(statistics.median(samples), 3),
        target_ms=50,
    )
    # Resident memory with the whole list loaded (Linux reports kilobytes).
    model.set_filter(RecordFilter(record_types=None))
    _wait(app, lambda: not model.busy)
    view.scrollToBottom()
    view.viewport().repaint()
    rss_mb = _rss_mb()
    emit(f"memory_rss_with_{model.rowCount()}_records_listed", rss_mb, "MB", 1, target_mb=250)
    view.close()
    ctx.writer.shutdown()
    ctx.readers.shutdown()
    ctx.ui_conn.close()
    profile.close()


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def bench_entry_stall(emit: Emit, data_dir: Path, quick: bool) -> None:
    """Longest event-loop stall while an officer types and drafts save, over a scripted session.

    Each of the records is opened in a new encounter form, filled, typed into
    (autosaves fire while typing goes on) and finalized. A 1 ms heartbeat timer
    measures the longest gap in the UI thread's event loop while typing, saving
    and finalizing; building a new form is reported on its own.
    """
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest

    from fieldapp.auth import Authenticator
    from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD
    from fieldapp.synthetic import Generator
    from ui.forms.encounter import EncounterForm

    app, (profile, ctx) = _context(data_dir)
    ctx.officer = Authenticator(profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    ctx.shift = profile.services.shifts.open(DEMO_OFFICER, "US-SYS")
    generator = Generator(ctx.reference, seed=99, device_code=profile.store.device.device_code)
    count = 20 if quick else 200
    clock = QElapsedTimer()
    clock.start()
    state = {"last": clock.elapsed(), "max": 0, "watch": False}

    def beat() -> None:
        now = clock.elapsed()
        if state["watch"]:
            state["max"] = max(state["max"], now - state["last"])
        state["last"] = now

    heartbeat = QTimer()
    heartbeat.setInterval(1)
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    opened: list[float] = []
    finalized = 0
    index = 0
    while finalized < count:
        data, seizures = generator.encounter_bundle(index)
        index += 1
        if seizures:
            continue  # seizures are entered in their own editor; kept out of this script
        for key in ("id", "reference_number"):
            data.pop(key, None)
        data["officer_id"] = DEMO_OFFICER
        data["actions"] = dict(data["actions"], seizure_ids=[])
        started = time.perf_counter()
        form = EncounterForm(ctx)
        form.resize(1280, 800)
        form.show()
        form.set_data(data)
        app.processEvents()
        opened.append((time.perf_counter() - started) * 1000)
        done: list[object] = []
        form.finalized.connect(done.append)
        state["last"] = clock.elapsed()
        state["watch"] = True
        text = form.narrative.text
        text.setFocus()
        for chunk in ("Follow-up note", " typed at the checkpoint", " while saving."):
            QTest.keyClicks(text, chunk)
            _spin(app, 0.3)  # the autosave timer fires while the officer pauses
        form.finalize()
        _wait(app, lambda done=done: bool(done), limit=30)
        state["watch"] = False
        finalized += 1
        form.close()
        form.deleteLater()
        app.processEvents()
    heartbeat.stop()
    emit(
        f"entry_session_{count}_records_longest_stall",
        float(state["max"]),
        "ms",
        count,
        target_ms=50,
        form_open_p50_ms=round(statistics.median(opened), 1),
        form_open_max_ms=round(max(opened), 1),
    )
    ctx.writer.shutdown()
    ctx.readers.shutdown()
    ctx.ui_conn.close()
    profile.close()


def _spin(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)
