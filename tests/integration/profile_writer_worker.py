"""A second program writing the same profile: finalizes records until it has made enough.

Run as ``python profile_writer_worker.py DATA_DIR COUNT``. It imports the core,
prints ``LOADED`` and waits for a line on stdin (so the test can start every
worker before any of them touches the database), then opens (or creates) the
profile, seeds reference data if it has none, and finalizes ``COUNT``
encounters, each with a seizure. It prints ``F <record id>`` for each record,
flushed after the finalize returned, and ``DONE`` at the end. Any error ends it
with a traceback and a non-zero exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fieldapp.services import Actor, FieldServices, Role  # noqa: E402
from fieldapp.store.store import Store  # noqa: E402
from tests.conftest import finalize_bundle, seed_reference  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    data_dir, count = Path(sys.argv[1]), int(sys.argv[2])
    say("LOADED")
    if not sys.stdin.readline():  # the test never said go
        return
    with Store.in_dir(data_dir) as store:
        if store.reference_data() is None:
            seed_reference(store)
        services = FieldServices(store)
        actor = Actor("off-0001", Role.OFFICER)
        for _ in range(count):
            bundle = finalize_bundle(services, actor)
            say(f"F {bundle.encounter_id}")
            say(f"F {bundle.seizure_id}")
    say("DONE")


if __name__ == "__main__":
    main()
