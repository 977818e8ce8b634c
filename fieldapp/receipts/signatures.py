"""Signature boxes of the receipts: a drawn signature, "declined to sign", or a line to sign on.

A signature drawn on screen arrives as PNG bytes and is scaled into its box,
keeping its proportions. A person who declines to sign gets the bilingual
"declined to sign" and the officer's note in place of the signature. With no
mark at all the box is an empty line, to be signed by hand on the paper.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from fieldapp.models.custody import SignatureRole
from fieldapp.receipts import labels as L
from fieldapp.receipts.pages import ReceiptRefused

__all__ = ["CheckedSignature", "SignatureArea", "SignatureImage", "by_role", "declined_text"]

_MAX_PIXELS = (900, 300)

_ROLE_NAMES = {
    SignatureRole.OFFICER: "officer's",
    SignatureRole.WITNESS: "witness's",
    SignatureRole.PERSON: "person's",
    SignatureRole.RELEASED_BY: "releasing officer's",
    SignatureRole.RECEIVED_BY: "receiving officer's",
}


@dataclass(frozen=True)
class SignatureImage:
    """One signature to print: the drawn PNG, or "declined to sign" with the officer's note.

    ``png`` is None when the signer declined; a mark that is neither drawn nor
    declined prints as an empty line to sign by hand.
    """

    role: str
    """A :class:`~fieldapp.models.custody.SignatureRole` value."""
    png: bytes | None
    declined: bool = False
    note: str | None = None


@dataclass(frozen=True)
class CheckedSignature:
    """A signature whose role, picture and note were checked."""

    image: Any | None  # a reportlab ImageReader
    declined: bool
    note: str


def by_role(
    signatures: Sequence[SignatureImage], allowed: Iterable[SignatureRole]
) -> Mapping[SignatureRole, CheckedSignature]:
    """Check the signatures handed to a renderer and index them by role.

    Raises:
        ValueError: a role that is unknown or does not sign this receipt, or a
            role given twice (the caller's mistake, not the officer's).
        ReceiptRefused: a signature both drawn and declined, declined without the
            officer's note, or a picture that cannot be read.
    """
    permitted = frozenset(allowed)
    out: dict[SignatureRole, CheckedSignature] = {}
    for signature in signatures:
        try:
            role = SignatureRole(signature.role)
        except ValueError:
            raise ValueError(f"unknown signature role {signature.role!r}") from None
        if role not in permitted:
            raise ValueError(f"a {role.value} signature does not belong on this receipt")
        if role in out:
            raise ValueError(f"the {role.value} signature is given twice")
        whose = _ROLE_NAMES[role]
        if signature.declined:
            if signature.png is not None:
                raise ReceiptRefused(
                    f"The {whose} signature is both drawn and marked declined to sign; "
                    "keep one of the two."
                )
            note = (signature.note or "").strip()
            if not note:
                raise ReceiptRefused(
                    f"The {whose} signature is marked declined to sign without the "
                    "officer's note; add the note before printing the receipt."
                )
            out[role] = CheckedSignature(None, True, note)
        elif signature.png is not None:
            out[role] = CheckedSignature(_read_image(signature.png, whose), False, "")
    return out


def _read_image(png: bytes, whose: str) -> Any:
    """The signature flattened onto white paper, in grey levels, at most print resolution.

    A pad's transparent RGBA picture would be embedded as colour plus an alpha
    mask: four times the bytes to compress for ink that prints black anyway.
    """
    try:
        with Image.open(io.BytesIO(png)) as opened:
            opened.load()
            drawn = opened.convert("RGBA")
    except Exception as exc:  # PIL raises many kinds for a damaged picture
        raise ReceiptRefused(
            f"The {whose} signature is not a picture that can be printed; draw it again."
        ) from exc
    if drawn.width < 2 or drawn.height < 2:
        raise ReceiptRefused(f"The {whose} signature is an empty picture; draw it again.")
    paper = Image.new("RGBA", drawn.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(paper, drawn).convert("L")
    # A high-density pad can send thousands of pixels a side; the box prints
    # some 60 x 15 mm, which 300 dpi covers with fewer.
    flat.thumbnail(_MAX_PIXELS, Image.Resampling.LANCZOS)
    return ImageReader(flat)


class SignatureArea(Flowable):  # type: ignore[misc]
    """The space above a signature line: a drawn signature scaled in, or blank to sign on."""

    def __init__(self, width: float, height: float, image: Any | None = None) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.image = image

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fill the cell's width at a fixed height (platypus layout protocol)."""
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        """The picture, as large as fits with its proportions kept, sitting on the line."""
        canvas: Any = self.canv
        if self.image is not None:
            pixels_w, pixels_h = self.image.getSize()
            room_h = self.height - 3
            scale = min(self.width / pixels_w, room_h / pixels_h)
            w, h = pixels_w * scale, pixels_h * scale
            canvas.drawImage(self.image, 0, 2, w, h)
        canvas.saveState()
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.6)
        canvas.line(0, 1, self.width, 1)
        canvas.restoreState()


def declined_text() -> str:
    """The bilingual "declined to sign" printed in capitals in place of a signature."""
    english, spanish = L.LABELS["declined"]
    return f"{english.upper()} / {spanish.upper()}"
