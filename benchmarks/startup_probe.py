"""Started as a fresh process by the startup benchmark: show the sign-in window, say so, exit.

``python benchmarks/startup_probe.py DATA_DIR`` prints ``SHOWN`` once the
sign-in window has been painted, then quits; ``--baseline`` only imports
PySide6's widgets and makes a QApplication, the floor any Qt program pays.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    """Show the sign-in window (or just import Qt) and report."""
    if sys.argv[1] == "--baseline":
        from PySide6.QtWidgets import QApplication

        QApplication([])
        print("SHOWN", flush=True)
        return 0
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import Application

    qt = QApplication([])
    app = Application(Path(sys.argv[1]))
    app.start()

    def shown() -> None:
        window = app.login
        assert window is not None and window.isVisible()
        window.grab()  # painted, not just created
        print("SHOWN", flush=True)
        qt.quit()

    QTimer.singleShot(0, shown)
    qt.exec()
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
