"""Kill-test worker: wipes a revoked profile (``python wipe_worker.py DATA_DIR``).

It opens the store, prints ``READY``, waits for a line on stdin, then runs
the wipe and prints ``WIPED <records removed>`` once it returned. The test
kills it with SIGKILL at chosen moments in between.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState


def main(data_dir: Path) -> None:
    store = Store.in_dir(data_dir)
    state = SyncState(store)
    print("READY", flush=True)
    sys.stdin.readline()
    outcome = state.wipe()
    print(f"WIPED {0 if outcome is None else outcome.records_wiped}", flush=True)
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
