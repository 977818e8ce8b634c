"""Signatures drawn in a custody dialog, kept as PNG attachments named by their hash.

The PNG is made on the UI thread (the pad is a widget); it is stored on the
writer thread, in the same job that records the hand-over, so a record never
names a signature file that is not on the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldapp.attachments import AttachmentStore
from ui.signatures import SignatureValue


def store_signature(data_dir: Path, value: SignatureValue, name: str) -> str | None:
    """Store a drawn signature (writer thread); its SHA-256, or None for a refusal."""
    if value.declined or not value.png:
        return None
    return str(AttachmentStore(data_dir).add_bytes(value.png, name).sha256)


def signature_mark(data_dir: Path, value: SignatureValue, record_id: str) -> dict[str, Any]:
    """One signer's mark as a custody transfer stores it: a signature's hash, or declined."""
    digest = store_signature(data_dir, value, f"{record_id}-{value.role}.png")
    return {
        "role": value.role,
        "sha256": digest,
        "declined": value.declined,
        "note": value.note if value.declined else None,
    }
