"""Ed25519 device keys: signing events and checking other origins' signatures.

An event is signed over the raw 32 bytes of its SHA-256 ``hash``; signatures and
public keys travel as lowercase hex.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)


@dataclass(frozen=True)
class SigningKey:
    """An origin's private key, able to sign event hashes."""

    private: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh random key pair."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_hex(cls, text: str) -> SigningKey:
        """Load a key saved with :meth:`private_hex`."""
        return cls(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text)))

    def private_hex(self) -> str:
        """The raw private key as hex, for the device's own encrypted store."""
        raw = self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return raw.hex()

    def public_hex(self) -> str:
        """The raw public key as hex, shared with HQ and other verifiers."""
        return self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

    def sign_hash(self, hash_hex: str) -> str:
        """Sign an event hash (hex) and return the signature as hex."""
        return self.private.sign(bytes.fromhex(hash_hex)).hex()


class VerifyingKey:
    """An origin's public key; checks signatures made by its :class:`SigningKey`."""

    def __init__(self, public_hex: str) -> None:
        self.public_hex = public_hex
        self._key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))

    def verify_hash(self, hash_hex: str, signature_hex: str) -> bool:
        """True when ``signature_hex`` is this key's signature of ``hash_hex``."""
        try:
            self._key.verify(bytes.fromhex(signature_hex), bytes.fromhex(hash_hex))
        except (InvalidSignature, ValueError):
            return False
        return True
