"""Checking the signatures of a pushed batch: on every core, while the rest is checked.

An event's Ed25519 signature is over its claimed hash, so it can be checked
before, and apart from, its content (whose hash :mod:`sync.hq.ingest` checks
itself). Signatures are most of a push's work, so a batch's are checked in a
pool of threads shared by all requests, in chunks, while the request's thread
goes on with the other checks and asks for each verdict when it needs it.

The check is libsodium's (PyNaCl) rather than OpenSSL's (``cryptography``,
which the device signs with): both implement RFC 8032 Ed25519 over the same
raw keys and signatures, and libsodium's check takes about half the time, so
HQ keeps up with many devices. libsodium is the stricter of the two (it also
refuses small-order keys and non-canonical signatures), so nothing OpenSSL
would refuse is taken. Both libraries release the GIL while checking.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

from nacl.bindings import crypto_sign_BYTES, crypto_sign_open
from nacl.exceptions import BadSignatureError, CryptoError

from sync.protocol import WireEvent

__all__ = ["BatchSignatures", "verify_hash"]

_THREADS = max(2, os.cpu_count() or 2)
_pool = ThreadPoolExecutor(max_workers=_THREADS, thread_name_prefix="hq-verify")
_CHUNK = 64


def verify_hash(public_key: bytes, hash_hex: str, signature_hex: str) -> bool:
    """True when ``signature_hex`` is the signature of ``hash_hex`` by ``public_key`` (raw)."""
    try:
        signature = bytes.fromhex(signature_hex)
        message = bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if len(signature) != crypto_sign_BYTES:
        return False
    try:
        crypto_sign_open(signature + message, public_key)
    except (BadSignatureError, CryptoError, ValueError, TypeError):
        return False
    return True


def _verify_chunk(public_key: bytes, pairs: list[tuple[str, str]]) -> list[bool]:
    return [verify_hash(public_key, digest, signature) for digest, signature in pairs]


class BatchSignatures:
    """Whether each event of a batch is signed by the device's key, checked in the background."""

    def __init__(self, public_key_hex: str, wires: list[WireEvent]) -> None:
        key = bytes.fromhex(public_key_hex)
        pairs = [(w.hash, w.signature) for w in wires]
        self._chunks: list[Future[list[bool]]] = [
            _pool.submit(_verify_chunk, key, pairs[at : at + _CHUNK])
            for at in range(0, len(pairs), _CHUNK)
        ]

    def ok(self, index: int) -> bool:
        """The verdict for the ``index``-th event (waits for its chunk)."""
        return self._chunks[index // _CHUNK].result()[index % _CHUNK]

    def cancel(self) -> None:
        """Drop the checks not started yet (the batch failed or is done)."""
        for chunk in self._chunks:
            chunk.cancel()
