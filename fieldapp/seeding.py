"""Filling a profile with realistic synthetic finalized records (demo, tests, benchmarks).

Records go through the same validation, canonical JSON, hashing, signing and
projection as an officer's finalize, only many to a transaction, so that a
hundred thousand records take minutes rather than hours of fsyncs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fieldapp.attachments import AttachmentStore
from fieldapp.canonical import to_plain
from fieldapp.events import Kind
from fieldapp.models import Encounter, Seizure
from fieldapp.profile import Profile
from fieldapp.synthetic import Generator

BATCH = 500


def seed_records(
    profile: Profile,
    count: int,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    real_photos: bool = False,
) -> int:
    """Add ``count`` synthetic encounters (about a third with seizures); returns how many."""
    store = profile.store
    seed = int.from_bytes(hashlib.sha256(store.device.device_id.encode()).digest()[:4], "big")
    photo_sink = None
    if real_photos:
        attachments = AttachmentStore(profile.data_dir)

        def photo_sink(png: bytes) -> str:
            return attachments.add_bytes(png, "photo.png").sha256

    generator = Generator(
        profile.reference(),
        seed=seed,
        device_code=store.device.device_code,
        photo_sink=photo_sink,
    )
    done = 0
    while done < count:
        if cancelled is not None and cancelled():
            break
        size = min(BATCH, count - done)
        with store.transaction() as db:
            start = store.next_counter(db, "seed_index") - 1
            if size > 1:
                db.execute(
                    "UPDATE counters SET value = value + ? WHERE name = 'seed_index'", (size - 1,)
                )
            for encounter, seizures in generator.bundles(size, start=start):
                # Validate again here: what is logged must be what the models accept.
                records = [("encounter", to_plain(Encounter.model_validate(encounter)))]
                records += [("seizure", to_plain(Seizure.model_validate(s))) for s in seizures]
                for record_type, payload in records:
                    store.append(
                        db,
                        record_id=payload["id"],
                        record_type=record_type,
                        kind=Kind.FINALIZED,
                        author=payload["officer_id"],
                        payload=payload,
                    )
        done += size
        if progress is not None:
            progress(done, count)
    return done
