"""HQ's batch signature check agrees with the core's, event by event, across chunks."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.crypto import SigningKey, VerifyingKey
from sync.hq.signatures import BatchSignatures, verify_hash
from sync.protocol import WireEvent

KEY = SigningKey.generate()
OTHER = SigningKey.generate()
PUBLIC = bytes.fromhex(KEY.public_hex())


def _digest(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def _wire(seq: int, digest: str, signature: str) -> WireEvent:
    return WireEvent.model_construct(seq=seq, hash=digest, signature=signature)


def test_a_good_signature_passes_and_every_alteration_fails() -> None:
    digest = _digest(1)
    signature = KEY.sign_hash(digest)
    assert verify_hash(PUBLIC, digest, signature)
    assert not verify_hash(PUBLIC, _digest(2), signature)  # another hash
    assert not verify_hash(PUBLIC, digest, OTHER.sign_hash(digest))  # another key
    flipped = signature[:10] + ("0" if signature[10] != "0" else "1") + signature[11:]
    assert not verify_hash(PUBLIC, digest, flipped)
    assert not verify_hash(PUBLIC, digest, signature[:-2])  # too short
    assert not verify_hash(PUBLIC, digest, "zz" * 64)  # not hex
    assert not verify_hash(PUBLIC, "", signature)
    assert not verify_hash(PUBLIC, digest, "")


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(0, 10**6),
    position=st.integers(0, 127),
    flip=st.integers(1, 15),
    message_flip=st.booleans(),
)
def test_the_verdict_is_the_cores_verdict(
    n: int, position: int, flip: int, message_flip: bool
) -> None:
    digest = _digest(n)
    signature = KEY.sign_hash(digest)
    text = digest if message_flip else signature
    index = position % len(text)
    altered = text[:index] + format(int(text[index], 16) ^ flip, "x") + text[index + 1 :]
    pair = (altered, signature) if message_flip else (digest, altered)
    core = VerifyingKey(KEY.public_hex()).verify_hash(*pair)
    assert verify_hash(PUBLIC, *pair) is core is False
    assert verify_hash(PUBLIC, digest, signature) is True


def test_a_batch_names_exactly_the_bad_events_across_chunks() -> None:
    bad = {0, 63, 64, 65, 130, 199}
    wires = []
    for seq in range(1, 201):
        digest = _digest(seq)
        signer = OTHER if seq - 1 in bad else KEY
        wires.append(_wire(seq, digest, signer.sign_hash(digest)))
    checks = BatchSignatures(KEY.public_hex(), wires)
    verdicts = [checks.ok(i) for i in range(len(wires))]
    assert {i for i, ok in enumerate(verdicts) if not ok} == bad
    checks.cancel()  # harmless once done


def test_an_empty_batch_checks_nothing() -> None:
    checks = BatchSignatures(KEY.public_hex(), [])
    checks.cancel()
