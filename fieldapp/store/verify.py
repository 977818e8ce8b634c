"""Walking the whole log to prove it was not altered behind the program's back.

For every origin the events must run 1, 2, 3 ... without gaps, each linking to
the previous one's hash, each hash matching its content, each signature made by
the origin's key, arrival order agreeing with sequence order, and the last one
matching the head the store recorded when it was appended (which catches a
deleted tail). The first failure is named, with what is wrong with it.

An event emptied by a remote wipe (:mod:`fieldapp.store.wipe`) has no content
left to hash: its links and signature are still checked, and it passes only
when its record is one a ``device_wiped`` event of the log names (that event
is itself hash-checked and signed), so content cannot be removed quietly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.crypto import VerifyingKey
from fieldapp.events import Event
from fieldapp.store.wipe import wiped_record_ids


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of a walk: counts, and the first problem if any."""

    events: int
    origins: int
    problem: str | None = None
    event_id: str | None = None
    wiped: int = 0
    """Events whose content a remote wipe removed (links and signatures checked)."""

    @property
    def ok(self) -> bool:
        """True when every link, hash and signature checked out."""
        return self.problem is None

    def summary(self) -> str:
        """One line for the CLI."""
        if self.ok:
            wiped = (
                f" {self.wiped} of them emptied by HQ's remote wipe (links and signatures checked)."
                if self.wiped
                else ""
            )
            return (
                f"Log intact: {self.events} events from {self.origins} origin(s); "
                f"every link, hash and signature checked.{wiped}"
            )
        return f"Log NOT intact: {self.problem}"


def _describe(event: Event) -> str:
    return (
        f"event {event.id} ({event.origin} #{event.seq}, {event.kind} of "
        f"{event.record_type} {event.record_id})"
    )


def verify_log(
    conn: sqlite3.Connection, progress: Callable[[int], None] | None = None
) -> VerifyReport:
    """Check every event; stop at the first bad one and say what is wrong."""
    origins = {
        row[0]: (row[1], int(row[2]), row[3])
        for row in conn.execute("SELECT origin, public_key, head_seq, head_hash FROM origins")
    }
    keys: dict[str, VerifyingKey] = {}
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    count = 0
    current: str | None = None
    expected_seq = 1
    prev_hash: str | None = None
    last_pos = 0
    seen_origins: set[str] = set()
    may_be_wiped = wiped_record_ids(conn)
    wiped = 0

    def fail(message: str, event_id: str | None = None) -> VerifyReport:
        return VerifyReport(count, len(seen_origins), message, event_id, wiped)

    def tail_check(origin: str, last_seq: int, last_hash: str | None) -> str | None:
        _, head_seq, head_hash = origins[origin]
        if head_seq != last_seq or head_hash != last_hash:
            return (
                f"the log of {origin} ends at #{last_seq}, but #{head_seq} was the last event "
                "recorded: events were removed from its end."
            )
        return None

    for row in cur.execute("SELECT * FROM events ORDER BY origin, seq"):
        try:
            event = Event.from_row(row)
        except (ValueError, TypeError) as exc:
            return fail(f"event {row['id']} cannot be read: {exc}.", row["id"])
        if event.origin != current:
            if current is not None:
                problem = tail_check(current, expected_seq - 1, prev_hash)
                if problem:
                    return fail(problem)
            if event.origin not in origins:
                return fail(f"{_describe(event)} comes from an unknown origin.", event.id)
            current = event.origin
            seen_origins.add(current)
            expected_seq, prev_hash, last_pos = 1, None, 0
            keys[current] = VerifyingKey(origins[current][0])
        what = _describe(event)
        if event.seq != expected_seq:
            missing = "is missing" if event.seq > expected_seq else "is out of order"
            return fail(
                f"{what}: #{expected_seq} {missing}; events were removed or renumbered.",
                event.id,
            )
        if event.prev_hash != prev_hash:
            return fail(
                f"{what} does not link to the previous event's hash: events were "
                "reordered, removed or inserted.",
                event.id,
            )
        if row["wiped_at"] is not None:
            if event.record_id not in may_be_wiped:
                return fail(
                    f"{what} has no content, and no wipe of this device names its record: "
                    "its content was removed.",
                    event.id,
                )
            wiped += 1
            hash_ok = True
        else:
            try:
                hash_ok = event.hash_ok()
            except (TypeError, ValueError):
                hash_ok = False
        if not hash_ok:
            return fail(
                f"{what} does not match its hash: its content was changed after it was recorded.",
                event.id,
            )
        if not event.signature_ok(keys[current]):
            return fail(f"{what} is not signed by {event.origin}'s key: it was forged.", event.id)
        if row["pos"] <= last_pos:
            return fail(f"{what} is stored out of its order: events were reordered.", event.id)
        last_pos = row["pos"]
        prev_hash = event.hash
        expected_seq += 1
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count)
    if current is not None:
        problem = tail_check(current, expected_seq - 1, prev_hash)
        if problem:
            return fail(problem)
    for origin, (_, head_seq, _) in origins.items():
        if origin not in seen_origins and head_seq > 0:
            return fail(f"all {head_seq} events of {origin} are missing: events were removed.")
    return VerifyReport(count, len(seen_origins), wiped=wiped)
