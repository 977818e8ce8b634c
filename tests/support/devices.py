"""Field devices for the sync tests and benchmarks: real profiles with synthetic records.

Each profile is a real store with its own device id and Ed25519 key.
:func:`finalize_synthetic` records the way an officer does (drafts finalized
through the application services), each item's photos real files in the
profile's attachment store, so that a sync uploads them; :func:`append_synthetic`
fills a profile with exactly N finalized-record events the way ``fieldapp seed``
does (the same validation, canonical JSON, hashes, signatures and projections,
many to a transaction), without photos, for the large pushes.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from fieldapp.attachments import AttachmentStore
from fieldapp.canonical import to_plain
from fieldapp.events import Kind
from fieldapp.models import Encounter, Seizure
from fieldapp.profile import Profile
from fieldapp.services import Actor
from fieldapp.synthetic import Generator

_BATCH = 500
_PNG = b"\x89PNG\r\n\x1a\n"


def _photos(seizure: dict[str, Any], files: AttachmentStore | None) -> dict[str, Any]:
    """The seizure with each item's made-up photo hashes replaced: by real files kept in
    ``files`` (small pictures whose bytes are derived from the made-up hash), or by none."""
    items = []
    for item in seizure.get("items", []):
        hashes = []
        if files is not None:
            for fake in item.get("photo_hashes", []):
                picture = _PNG + bytes.fromhex(fake) * 8
                hashes.append(files.add_bytes(picture, f"{fake[:8]}.png").sha256)
        items.append(dict(item, photo_hashes=hashes))
    return dict(seizure, items=items)


def new_profile(data_dir: Path) -> Profile:
    """A new profile (its own device id and key) with the bundled reference data."""
    return Profile.open(data_dir, create=True)


def _generator(profile: Profile, seed: int | None) -> Generator:
    store = profile.store
    if seed is None:
        seed = int.from_bytes(hashlib.sha256(store.device.device_id.encode()).digest()[:4], "big")
    return Generator(profile.reference(), seed=seed, device_code=store.device.device_code)


def own_head(profile: Profile) -> int:
    """The seq of the device's latest own event (0 before the first)."""
    row = profile.store.conn.execute(
        "SELECT head_seq FROM origins WHERE origin = ?", (profile.store.device.device_id,)
    ).fetchone()
    return 0 if row is None else int(row[0])


def finalize_synthetic(
    profile: Profile, bundles: int, *, start: int = 0, seed: int | None = None
) -> list[str]:
    """Capture and finalize ``bundles`` synthetic encounters (with their seizures) through the
    drafts and finalize services, each in its own durable transaction; the new record ids."""
    services = profile.services
    generator = _generator(profile, seed)
    files = AttachmentStore(profile.data_dir)
    made: list[str] = []
    for encounter, seizures in generator.bundles(bundles, start=start):
        actor = Actor(encounter["officer_id"])
        data: dict[str, Any] = copy.deepcopy(encounter)
        for key in ("id", "reference_number"):
            data.pop(key, None)
        data["actions"] = dict(data["actions"], seizure_ids=[])
        draft = services.drafts.create(actor, "encounter", data)
        for seizure in seizures:
            child: dict[str, Any] = _photos(copy.deepcopy(seizure), files)
            for key in ("id", "seizure_number", "encounter_id"):
                child.pop(key, None)
            services.drafts.create(actor, "seizure", child, parent_id=draft.id)
        made.extend(services.finalizer.finalize(draft.id, actor).record_ids)
    return made


def append_synthetic(profile: Profile, events: int, *, seed: int | None = None) -> int:
    """Add exactly ``events`` finalized-record events (synthetic encounters and seizures)."""
    store = profile.store
    generator = _generator(profile, seed)
    done = 0
    index = 0
    while done < events:
        with store.transaction() as db:
            in_batch = 0
            while done < events and in_batch < _BATCH:
                encounter, seizures = generator.encounter_bundle(index)
                index += 1
                records = [("encounter", to_plain(Encounter.model_validate(encounter)))]
                records += [
                    ("seizure", to_plain(Seizure.model_validate(_photos(s, None))))
                    for s in seizures
                ]
                for record_type, payload in records:
                    if done == events:
                        break
                    store.append(
                        db,
                        record_id=payload["id"],
                        record_type=record_type,
                        kind=Kind.FINALIZED,
                        author=payload["officer_id"],
                        payload=payload,
                    )
                    done += 1
                    in_batch += 1
    return done
