"""The verification QR code, encoded by segno and drawn as plain PDF rectangles.

reportlab's own QR widget encodes in pure Python and then draws each dark
module as a separate shape object: together most of a receipt's rendering
time. segno encodes the same payload in a fraction of that time, and one PDF
path of rectangles, a rectangle per run of dark modules in a row, draws it.
"""

from __future__ import annotations

from typing import Any

import segno
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

__all__ = ["QUIET_ZONE", "QrCode", "qr_runs"]

QUIET_ZONE = 4
"""Light modules around the code, as the QR standard asks, so a reader finds its edges."""

# Level M survives a crease or a smudge over 15 % of the code and keeps a
# verification URL with a 64-digit hash at version 9 (53 modules a side).
_ERROR_LEVEL = "m"


def qr_runs(payload: str) -> tuple[int, list[tuple[int, int, int]]]:
    """Encode ``payload``; return the module count a side and its dark runs.

    Each run is ``(row, first column, length)``, rows counted from the top.
    """
    code = segno.make_qr(payload, error=_ERROR_LEVEL, boost_error=False)
    matrix = code.matrix
    runs: list[tuple[int, int, int]] = []
    for row, modules in enumerate(matrix):
        start = -1
        for column, dark in enumerate(modules):
            if dark and start < 0:
                start = column
            elif not dark and start >= 0:
                runs.append((row, start, column - start))
                start = -1
        if start >= 0:
            runs.append((row, start, len(modules) - start))
    return len(matrix), runs


class QrCode(Flowable):  # type: ignore[misc]
    """A square QR code of ``size`` points, quiet zone included."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.modules, self.runs = qr_runs(payload)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The code's fixed size (platypus layout protocol)."""
        return self.size, self.size

    def draw(self) -> None:
        """Fill one path of rectangles: fast to write, and crisp at any printer resolution."""
        canvas: Any = self.canv
        unit = self.size / (self.modules + 2 * QUIET_ZONE)
        top = self.size - QUIET_ZONE * unit
        path = canvas.beginPath()
        for row, column, length in self.runs:
            path.rect(
                (QUIET_ZONE + column) * unit,
                top - (row + 1) * unit,
                length * unit,
                unit,
            )
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
