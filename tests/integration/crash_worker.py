"""Crash-test worker: finalizes records in a loop until it is killed with SIGKILL.

Run as ``python crash_worker.py DATA_DIR SEED``. It imports the core, then waits
for a line on stdin before touching the database (so the test can start it
ahead of time), then opens the store and prints ``READY``.

It prints, each on its own line and flushed only *after* the call returned:

* ``F <record id>`` for every record a finalize made,
* ``A <event id>`` for every addendum appended.

Whatever it printed must be in the database after any kill: a finalize that
returned was durable. Drafts left by a killed run are finalized first (the
recovery an officer is offered after a crash).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

from fieldapp.services.actor import Actor, Role
from fieldapp.services.facade import FieldServices
from fieldapp.store.store import Store

OFFICER = Actor("off-0001", Role.OFFICER)
START = "2024-05-01T10:00:00-07:00"
END = "2024-05-01T10:20:00-07:00"


def encounter(n: int) -> dict[str, Any]:
    return {
        "agency": "cbp",
        "officer_id": OFFICER.officer_id,
        "started_at": START,
        "ended_at": END,
        "checkpoint": "US-SYS",
        "location": {"landmark": f"Vehicle lane {n % 12}"},
        "stop_type": "vehicle",
        "vehicle": {
            "plate": f"CRASH{n:03d}"[-8:],
            "plate_issuer": "CA",
            "make": "Nissan",
            "model": "Sentra",
            "colour": "gris",
            "vin": {"empty": "no_information"},
            "year": 2015,
        },
        "reason": "Routine primary inspection",
        "grounds": "Border search authority",
        "search_object": {"empty": "not_applicable"},
        "legal_power": "us_19_usc_1582",
        "people": [
            {
                "person_ref": "P1",
                "role": "driver",
                "name": f"Persona Ñúñez {n}",
                "date_of_birth": {"empty": "no_information"},
                "age_range": "age_30_49",
                "nationality": "MX",
                "document": {"empty": "not_applicable"},
                "language": "es",
            }
        ],
        "result": "no_action",
        "receipt": {"given": False, "medium": "none", "how_to_obtain_record": "Port office."},
        "narrative": "Inspección de rutina. " * (1 + n % 40),
    }


def seizure() -> dict[str, Any]:
    return {
        "seized_at": START,
        "checkpoint": "US-SYS",
        "found_location": "rear quarter panel",
        "custody_start": "discovered_in_search",
        "reason": "evidence",
        "seized_from": {
            "name": {"empty": "no_information", "reason": "refused"},
            "address": {"empty": "no_information"},
            "contact": {"empty": "no_information"},
        },
        "legal_power": "us_19_usc_1595a",
        "officer_id": OFFICER.officer_id,
        "witness_id": "off-0003",
        "items": [
            {
                "exhibit_number": "E1",
                "category": "drug",
                "description": "Bundles",
                "quantity": {"amount": "12", "unit": "ea"},
                "gross_weight": {"amount": "6.350", "unit": "kg"},
                "condition": "sealed",
                "field_test": {"result": "positive", "kit": "NIK U", "tested_at": END},
            }
        ],
    }


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    if not sys.stdin.readline():  # the test never said go
        return
    store = Store.in_dir(data_dir)
    services = FieldServices(store)
    say("READY")
    for draft in services.drafts.unfinished():
        if draft.parent_id is None:
            if "narrative" not in draft.data:  # killed before the first autosave
                services.drafts.save(
                    draft.id, encounter(seed), expected_revision=draft.revision, actor=OFFICER
                )
            for record_id in services.finalizer.finalize(draft.id, OFFICER).record_ids:
                say(f"F {record_id}")
    finalized: list[str] = []
    n = seed * 1000
    while True:
        n += 1
        draft = services.drafts.create(OFFICER, "encounter", {"reason": "typing..."})
        services.drafts.save(
            draft.id, encounter(n), expected_revision=draft.revision, actor=OFFICER
        )
        if n % 2:
            services.drafts.create(OFFICER, "seizure", seizure(), parent_id=draft.id)
        done = services.finalizer.finalize(draft.id, OFFICER)
        for record_id in done.record_ids:
            say(f"F {record_id}")
        finalized.append(draft.id)
        if n % 3 == 0:
            # A retry after a lost answer must not make the records twice.
            again = services.finalizer.finalize(draft.id, OFFICER)
            assert again.already_finalized and set(again.record_ids) == set(done.record_ids)
        if n % 4 == 0:
            target = rng.choice(finalized)
            event = services.amendments.add_addendum(
                target, OFFICER, reason="Nota", text=f"Addendum {n}"
            )
            say(f"A {event.id}")


if __name__ == "__main__":
    main()
