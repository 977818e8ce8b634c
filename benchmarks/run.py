"""The project's one benchmark runner: prints one JSON line per figure.

    python benchmarks/run.py [--quick] [--only NAME ...]

Each line carries the figure, its unit, its sample size and, where there is
one, the raw baseline measured in the same run and the ratio to it. ``--quick``
runs every benchmark at a smaller size (about a minute in all). Later issues
add their benchmarks to ``BENCHMARKS``.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.canonical import canonical_json
from fieldapp.profile import Profile
from fieldapp.seeding import seed_records
from fieldapp.services import Actor, queries
from fieldapp.synthetic import Generator


def emit(
    name: str, value: float, unit: str, n: int, baseline: float | None = None, **extra: Any
) -> None:
    """Print one figure as a JSON line."""
    line: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit, "n": n}
    if baseline is not None:
        line["baseline"] = round(baseline, 3)
        line["ratio"] = round(value / baseline, 2) if baseline else None
    line.update(extra)
    print(json.dumps(line), flush=True)


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _ten_item_bundle(gen: Generator, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """An encounter and a seizure of exactly 10 items, taken from realistic bundles."""
    i = index
    while True:
        encounter, seizures = gen.encounter_bundle(i)
        i += 1
        # A seizure with a witness, so that drug and currency items may join it.
        witnessed = [s for s in seizures if isinstance(s.get("witness_id"), str)]
        if witnessed:
            break
    seizure = dict(witnessed[0])
    pool = list(seizure["items"])
    j = i
    while len(pool) < 10:
        _, more = gen.encounter_bundle(j)
        j += 1
        for s in more:
            pool.extend(s["items"])
    items = []
    for n, item in enumerate(pool[:10], start=1):
        items.append(dict(item, exhibit_number=str(n)))
    seizure["items"] = items
    seizure["packages"] = []
    return encounter, seizure


def _finalize_samples(profile: Profile, n: int) -> tuple[list[float], list[bytes]]:
    """Finalize ``n`` encounters with a 10-item seizure; times (ms) and the payloads logged."""
    services = profile.services
    gen = Generator(profile.reference(), seed=7, device_code=profile.store.device.device_code)
    samples: list[float] = []
    payload_sizes: list[bytes] = []
    for k in range(n):
        encounter, seizure = _ten_item_bundle(gen, k * 3)
        actor = Actor(encounter["officer_id"])
        for key in ("id", "reference_number"):
            encounter.pop(key, None)
        encounter["actions"] = dict(encounter["actions"], seizure_ids=[])
        draft = services.drafts.create(actor, "encounter", encounter)
        for key in ("id", "seizure_number", "encounter_id"):
            seizure.pop(key, None)
        services.drafts.create(actor, "seizure", seizure, parent_id=draft.id)
        started = time.perf_counter()
        result = services.finalizer.finalize(draft.id, actor)
        samples.append((time.perf_counter() - started) * 1000)
        payload_sizes.extend(canonical_json(e.payload) for e in result.events)
    return samples, payload_sizes


def bench_finalize(work: Path, quick: bool) -> None:
    """Finalize an encounter with a 10-item seizure, end to end, durable."""
    n = 200 if quick else 2000
    with Profile.open(work / "finalize", create=True) as profile:
        samples, payload_sizes = _finalize_samples(profile, n)
    # Baseline: the same bytes, inserted durably into a bare WAL database.
    base_path = work / "baseline.db"
    conn = sqlite3.connect(base_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
    base: list[float] = []
    for k in range(n):
        pair = payload_sizes[2 * k : 2 * k + 2]
        started = time.perf_counter()
        conn.execute("BEGIN")
        for body in pair:
            conn.execute("INSERT INTO t (body) VALUES (?)", (body,))
        conn.execute("COMMIT")
        base.append((time.perf_counter() - started) * 1000)
    conn.close()
    emit("finalize_10_items_p50", statistics.median(samples), "ms", n, statistics.median(base))
    emit("finalize_10_items_p99", percentile(samples, 99), "ms", n, percentile(base, 99))


#: Seconds the plain seeding took in this run (the encrypted figures' baseline).
SEED_WALL: dict[str, float] = {}

#: What the search benchmark types: every prefix of these words.
SEARCH_WORDS = [
    "fent",
    "fentanyl",
    "garcía",
    "meth",
    "rear quarter",
    "tijuana",
    "toyota",
    "asylum",
    "currency",
    "glock",
    "martínez",
    "spare tire",
    "pills",
    "laredo",
    "hernández",
    "honda",
    "mx",
    "nogales",
    "usd",
    "cocaine",
]


def _search_samples(conn: sqlite3.Connection, rounds: int) -> list[float]:
    """Every prefix of :data:`SEARCH_WORDS` searched ``rounds`` times; times in ms."""
    typed = [word[:k] for word in SEARCH_WORDS for k in range(2, len(word) + 1)]
    samples: list[float] = []
    for _ in range(rounds):
        for text in typed:
            started = time.perf_counter()
            queries.search(conn, text, limit=50)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def _seeded(work: Path, quick: bool) -> Path:
    """A profile with the benchmark's record count, seeded once per run (timed)."""
    data_dir = work / "seeded"
    if (data_dir / "fieldapp.db").exists():
        return data_dir
    count = 5000 if quick else 100_000
    started = time.perf_counter()
    with Profile.open(data_dir, create=True) as profile:
        seed_records(profile, count)
    wall = time.perf_counter() - started
    SEED_WALL["plain"] = wall
    emit(f"seed_{count}_records_wall", wall, "s", count, records_per_s=round(count / wall))
    return data_dir


def bench_seed(work: Path, quick: bool) -> None:
    """`fieldapp seed --records 100000` wall time (5,000 with --quick)."""
    _seeded(work, quick)


def bench_search(work: Path, quick: bool) -> None:
    """Full-text search as typed, over every seeded record: p95 and p50."""
    data_dir = _seeded(work, quick)
    with Profile.open(data_dir) as profile:
        conn = profile.store.reader()
        total = queries.count_records(conn, queries.RecordFilter(record_types=None))
        samples = _search_samples(conn, 3 if quick else 5)
        conn.close()
    emit(
        f"search_{total}_records_p95",
        percentile(samples, 95),
        "ms",
        len(samples),
        p50=round(statistics.median(samples), 3),
    )


BENCH_OFFICER, BENCH_PASSWORD = "off-demo", "benchmark-password"


def _encrypted_seeded(work: Path, quick: bool) -> Path:
    """The seeded profile again, encrypted from the start (seeding timed against the plain one)."""
    from fieldapp.demo import create_demo_profile

    data_dir = work / "seeded-encrypted"
    if (data_dir / "fieldapp.db").exists():
        return data_dir
    _seeded(work, quick)
    count = 5000 if quick else 100_000
    profile = create_demo_profile(
        data_dir, 0, encrypt=True, officer=BENCH_OFFICER, password=BENCH_PASSWORD
    )
    with profile:
        started = time.perf_counter()
        seed_records(profile, count)
        wall = time.perf_counter() - started
    emit(
        f"seed_{count}_records_encrypted_wall",
        wall,
        "s",
        count,
        SEED_WALL.get("plain"),
        records_per_s=round(count / wall),
    )
    return data_dir


def bench_encrypted(work: Path, quick: bool) -> None:
    """Finalize, seed and search on an encrypted profile, each against the plain figure."""
    from fieldapp.demo import create_demo_profile
    from fieldapp.unlock import unlock

    n = 200 if quick else 2000
    with Profile.open(work / "finalize-plain", create=True) as profile:
        plain, _ = _finalize_samples(profile, n)
    with create_demo_profile(
        work / "finalize-encrypted", 0, encrypt=True, officer=BENCH_OFFICER, password=BENCH_PASSWORD
    ) as profile:
        encrypted, _ = _finalize_samples(profile, n)
    for q, label in ((50, "p50"), (99, "p99")):
        emit(
            f"finalize_10_items_encrypted_{label}",
            percentile(encrypted, q),
            "ms",
            n,
            percentile(plain, q),
        )
    # Plain and encrypted searches alternate, so that the machine's other load
    # falls on both alike.
    rounds = 3 if quick else 5
    data_dir = _encrypted_seeded(work, quick)
    with (
        Profile.open(_seeded(work, quick)) as plain_profile,
        unlock(data_dir, BENCH_OFFICER, BENCH_PASSWORD)[0] as profile,
    ):
        pair = (plain_profile.store.reader(), profile.store.reader())
        total = queries.count_records(pair[0], queries.RecordFilter(record_types=None))
        plain, encrypted = [], []
        for _ in range(rounds):
            plain += _search_samples(pair[0], 1)
            encrypted += _search_samples(pair[1], 1)
        for conn in pair:
            conn.close()
    for q, label in ((50, "p50"), (95, "p95")):
        emit(
            f"search_{total}_records_encrypted_{label}",
            percentile(encrypted, q),
            "ms",
            len(encrypted),
            percentile(plain, q),
        )


def bench_login(work: Path, quick: bool) -> None:
    """Signing in to an encrypted profile: argon2id, key unwrap, database opened (cold start)."""
    from fieldapp import keys
    from fieldapp.demo import create_demo_profile
    from fieldapp.unlock import unlock

    data_dir = work / "login"
    create_demo_profile(
        data_dir, 0, encrypt=True, officer=BENCH_OFFICER, password=BENCH_PASSWORD
    ).close()
    n = 5 if quick else 20
    samples: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        profile, _ = unlock(data_dir, BENCH_OFFICER, BENCH_PASSWORD)
        samples.append((time.perf_counter() - started) * 1000)
        profile.close()
    derive: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        keys.derive(BENCH_PASSWORD, b"0123456789abcdef", keys.DEFAULT_PARAMS)
        derive.append((time.perf_counter() - started) * 1000)
    emit(
        "login_unlock_p50",
        statistics.median(samples),
        "ms",
        n,
        statistics.median(derive),
        p95=round(percentile(samples, 95), 3),
        kdf=f"argon2id t={keys.DEFAULT_PARAMS.time_cost} m={keys.DEFAULT_PARAMS.memory_cost}KiB "
        f"p={keys.DEFAULT_PARAMS.parallelism}",
    )


def bench_verify(work: Path, quick: bool) -> None:
    """`verify` over every event of the seeded profile."""
    data_dir = _seeded(work, quick)
    with Profile.open(data_dir) as profile:
        started = time.perf_counter()
        report = profile.store.verify()
        wall = time.perf_counter() - started
    assert report.ok, report.summary()
    emit(
        f"verify_{report.events}_events",
        report.events / wall,
        "events/s",
        report.events,
        wall_s=round(wall, 2),
    )


def bench_rebuild(work: Path, quick: bool) -> None:
    """`rebuild` of every record of the seeded profile."""
    data_dir = _seeded(work, quick)
    with Profile.open(data_dir) as profile:
        started = time.perf_counter()
        count = profile.store.rebuild()
        wall = time.perf_counter() - started
    emit(f"rebuild_{count}_records", count / wall, "records/s", count, wall_s=round(wall, 2))


def bench_wipe(work: Path, quick: bool) -> None:
    """A revoked device's remote wipe of the seeded profile, HQ holding all but the last 1 %.

    Baseline, same run: the bare SQL on a second copy (projection rows deleted,
    payloads emptied) without secure delete, index merge, planning or the
    signed event.
    """
    from fieldapp.store.syncstate import SyncState

    source = _seeded(work, quick)
    copies = [work / "wipe-program", work / "wipe-bare"]
    for copy in copies:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy)
    for copy in copies:
        with Profile.open(copy) as profile:
            store = profile.store
            own = store.device.device_id
            head = store.conn.execute(
                "SELECT head_seq FROM origins WHERE origin = ?", (own,)
            ).fetchone()[0]
            store.mark_synced(own, int(head) * 99 // 100)
            state = SyncState(store)
            state.confirm_files(state.acked_seq())
            state.record_revocation("2026-01-01T00:00:00+00:00", "benchmark", True)
    with Profile.open(copies[1]) as profile:
        started = time.perf_counter()
        with profile.store.transaction() as db:
            ids = [r[0] for r in db.execute("SELECT id FROM records WHERE pending_sync = 0")]
            for at in range(0, len(ids), 500):
                chunk = ids[at : at + 500]
                marks = ", ".join("?" * len(chunk))
                db.execute(
                    f"UPDATE events SET payload = '{{}}' WHERE record_id IN ({marks})", chunk
                )
                db.execute(f"DELETE FROM records WHERE id IN ({marks})", chunk)
        bare = time.perf_counter() - started
    with Profile.open(copies[0]) as profile:
        started = time.perf_counter()
        outcome = SyncState(profile.store).wipe()
        wall = time.perf_counter() - started
    assert outcome is not None
    emit(
        f"wipe_{outcome.records_wiped + outcome.records_kept}_records_wall",
        wall,
        "s",
        outcome.records_wiped,
        bare,
        records_wiped=outcome.records_wiped,
        records_kept=outcome.records_kept,
        events_emptied=outcome.events_redacted,
    )
    for copy in copies:
        shutil.rmtree(copy, ignore_errors=True)


def _receipt_rows(seizure: dict[str, Any]) -> list[list[str]]:
    """The item table of a seizure as plain strings, for the bare reportlab baseline."""
    rows = [["Exhibit", "Category", "Description", "Quantity", "Gross weight", "Seals"]]
    seals = {
        number: ", ".join(package["seal_numbers"])
        for package in seizure["packages"]
        for number in package["exhibit_numbers"]
    }
    for item in seizure["items"]:
        weight = item.get("gross_weight") or {}
        rows.append(
            [
                item["exhibit_number"],
                item["category"],
                item["description"][:48],
                f"{item['quantity']['amount']} {item['quantity']['unit']}",
                f"{weight['amount']} {weight['unit']}" if "amount" in weight else "-",
                seals.get(item["exhibit_number"], "-"),
            ]
        )
    return rows


def _bare_reportlab_table(rows: list[list[str]]) -> bytes:
    """One page, one table, reportlab's built-in Helvetica: the least a PDF table costs."""
    import io

    from reportlab.lib.pagesizes import LETTER
    from reportlab.platypus import SimpleDocTemplate, Table

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=LETTER, invariant=1).build([Table(rows)])
    return buffer.getvalue()


def bench_receipt(work: Path, quick: bool) -> None:
    """Render the custody receipt: 12 items (p50, p95), 100 items, 12 on the 80 mm roll.

    Each figure also carries the process's own CPU time (``cpu_p50``), which
    other programs running on the machine inflate far less than the wall time.
    """
    import io

    import pypdf
    from reportlab.lib import rl_accel

    from fieldapp.receipts import render_receipt
    from fieldapp.receipts.samples import (
        ISSUED_AT,
        sample_seizure,
        sample_signatures,
        sample_transfer,
    )
    from fieldapp.reference import load_reference

    reference = load_reference()
    signatures = sample_signatures()
    accel = not rl_accel._py_funcs  # every accelerated function came from the C extension

    def render(items: int, page_size: str = "letter") -> tuple[float, float, bytes]:
        seizure = sample_seizure(items)
        started, cpu = time.perf_counter(), time.process_time()
        pdf = render_receipt(
            seizure,
            None,
            [sample_transfer(seizure)],
            reference,
            receipt_number="US-PHR-DEMO0-R000042",
            record_hash="ab" * 32,
            issued_at=ISSUED_AT,
            verify_url="https://hq.example.org",
            page_size=page_size,  # type: ignore[arg-type]
            signatures=signatures,
            copy_handed_over=True,
        )
        wall = (time.perf_counter() - started) * 1000
        return wall, (time.process_time() - cpu) * 1000, pdf

    def pages(pdf: bytes) -> int:
        return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)

    def cpu_p50(runs: list[tuple[float, float, bytes]]) -> float:
        return round(statistics.median(r[1] for r in runs), 3)

    render(12)  # fonts are parsed once per process, before the first receipt
    rows = _receipt_rows(sample_seizure(12))
    _bare_reportlab_table(rows)
    n = 30 if quick else 200
    twelve: list[tuple[float, float, bytes]] = []
    base: list[float] = []
    for _ in range(n):
        twelve.append(render(12))
        started = time.perf_counter()
        _bare_reportlab_table(rows)
        base.append((time.perf_counter() - started) * 1000)
    walls = [r[0] for r in twelve]
    emit(
        "receipt_12_items_p50",
        statistics.median(walls),
        "ms",
        n,
        statistics.median(base),
        cpu_p50=cpu_p50(twelve),
        pages=pages(twelve[0][2]),
        rl_accel=accel,
    )
    emit("receipt_12_items_p95", percentile(walls, 95), "ms", n, percentile(base, 95))
    runs = 5 if quick else 20
    long = [render(100) for _ in range(runs)]
    emit(
        "receipt_100_items_p50",
        statistics.median(r[0] for r in long),
        "ms",
        runs,
        cpu_p50=cpu_p50(long),
        pages=pages(long[0][2]),
    )
    roll = [render(12, "thermal80") for _ in range(n)]
    emit(
        "receipt_12_items_thermal80_p50",
        statistics.median(r[0] for r in roll),
        "ms",
        n,
        cpu_p50=cpu_p50(roll),
        pages=pages(roll[0][2]),
    )


def _demo_profile(work: Path) -> Path:
    """A small demo profile (officers with the demo password) for the UI benchmarks."""
    from fieldapp.demo import create_demo_profile

    data_dir = work / "demo"
    if not (data_dir / "fieldapp.db").exists():
        create_demo_profile(data_dir, records=300).close()
    return data_dir


def bench_startup(work: Path, quick: bool) -> None:
    """Start to sign-in window shown, cold process (baseline: PySide6 import)."""
    import ui_bench

    ui_bench.bench_startup(emit, _demo_profile(work), quick)


def bench_records_list(work: Path, quick: bool) -> None:
    """The records list over the seeded profile: ready, search as you type, memory."""
    import ui_bench

    ui_bench.bench_records_list(emit, _seeded(work, quick), quick)


def bench_entry_stall(work: Path, quick: bool) -> None:
    """Longest UI stall during a scripted entry session."""
    import ui_bench

    ui_bench.bench_entry_stall(emit, _demo_profile(work), quick)


def bench_push_sqlite(work: Path, quick: bool) -> None:
    """Push 10,000 events of one device to HQ on SQLite over loopback (2,000 with --quick)."""
    import sync_bench

    sync_bench.bench_push_sqlite(emit, work, quick)


def bench_push_postgres(work: Path, quick: bool) -> None:
    """Push 10,000 events of one device to HQ on PostgreSQL over loopback."""
    import sync_bench

    sync_bench.bench_push_postgres(emit, work, quick)


def bench_concurrent(work: Path, quick: bool) -> None:
    """50 devices x 200 events at once, two HQ processes on one PostgreSQL (10 with --quick)."""
    import sync_bench

    sync_bench.bench_concurrent(emit, work, quick)


def bench_bytes_per_event(work: Path, quick: bool) -> None:
    """Bytes on the wire per pushed event, gzip (baseline: uncompressed JSON)."""
    import sync_bench

    sync_bench.bench_bytes_per_event(emit, work, quick)


BENCHMARKS: dict[str, Callable[[Path, bool], None]] = {
    "finalize": bench_finalize,
    "seed": bench_seed,
    "search": bench_search,
    "encrypted": bench_encrypted,
    "login": bench_login,
    "verify": bench_verify,
    "rebuild": bench_rebuild,
    "wipe": bench_wipe,
    "receipt": bench_receipt,
    "startup": bench_startup,
    "records_list": bench_records_list,
    "entry_stall": bench_entry_stall,
    "push_sqlite": bench_push_sqlite,
    "push_postgres": bench_push_postgres,
    "concurrent": bench_concurrent,
    "bytes_per_event": bench_bytes_per_event,
}


def main() -> int:
    """Run the chosen benchmarks in a temporary folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, about a minute")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=sorted(BENCHMARKS),
        metavar="NAME",
        help=f"run only these: {', '.join(BENCHMARKS)}",
    )
    args = parser.parse_args()
    print(
        json.dumps(
            {
                "name": "machine",
                "python": platform.python_version(),
                "platform": platform.platform(),
                "sqlite": sqlite3.sqlite_version,
            }
        ),
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    try:
        for name in args.only or BENCHMARKS:
            BENCHMARKS[name](work, args.quick)
    finally:
        if "sync_bench" in sys.modules:
            sys.modules["sync_bench"].stop_postgres()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
