"""Signatures drawn on screen: the pad, and one signer's box with "declined to sign"."""

from __future__ import annotations

from ui.signatures.capture import SignatureCapture, SignatureValue
from ui.signatures.pad import SignaturePad

__all__ = ["SignatureCapture", "SignaturePad", "SignatureValue"]
