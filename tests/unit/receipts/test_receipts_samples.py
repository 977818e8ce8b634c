"""The synthetic receipt inputs are records the program would accept, and never change."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from fieldapp.models import CustodyTransfer, Seizure
from fieldapp.receipts.samples import (
    sample_seizure,
    sample_signatures,
    sample_transfer,
    signature_png,
)


def test_sample_records_pass_every_rule() -> None:
    for items in (1, 12, 30):
        seizure = Seizure.model_validate(sample_seizure(items))
        assert len(seizure.items) == items
        assert len({item.exhibit_number for item in seizure.items}) == items
    seizure_data = sample_seizure(12)
    for intact in (True, False):
        transfer = CustodyTransfer.model_validate(sample_transfer(seizure_data, seal_intact=intact))
        assert set(transfer.exhibit_numbers) <= {i["exhibit_number"] for i in seizure_data["items"]}


def test_signature_pictures_are_transparent_pngs_and_reproducible() -> None:
    png = signature_png(4)
    with Image.open(io.BytesIO(png)) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (360, 120))
        alpha = image.getchannel("A")
        assert alpha.getextrema() == (0, 255)  # ink on a transparent background
    assert hashlib.sha256(png).digest() == hashlib.sha256(signature_png(4)).digest()
    assert signature_png(4) != signature_png(5)


def test_sample_signatures() -> None:
    assert [s.role for s in sample_signatures()] == ["officer", "witness", "person"]
    declined = sample_signatures(person="declined")[-1]
    assert declined.declined and declined.png is None and declined.note
    assert [s.role for s in sample_signatures(person="none")] == ["officer", "witness"]
    both = sample_signatures(roles=("released_by", "received_by"))
    assert [s.role for s in both] == ["released_by", "received_by"]
