"""HQ finds every file a record names: no attachment field of the record models escapes it.

HQ learns which photos and signatures to expect by walking event payloads for
the keys the record models use (``sync.hq.attachments``). If a model gained a
new attachment field under another name, devices would never be asked for
those files; these tests fail first.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.models import RecordModel
from sync.hq.attachments import attachment_refs
from tests.strategies import custody_transfers, encounters, property_returns, seizures

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _every_hash(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_every_hash(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_every_hash(v) for v in value))
    return {value} if isinstance(value, str) and _HEX64.match(value) else set()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(encounters(), seizures(), custody_transfers(), property_returns()))
def test_every_hash_a_record_holds_is_an_attachment_hq_expects(record: RecordModel) -> None:
    payload = record.model_dump(mode="json", by_alias=True)
    assert attachment_refs(payload) == _every_hash(payload)


def test_the_strategies_do_name_files() -> None:
    """The property above means something only if records with files are generated."""
    named: list[int] = []

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(seizures(), custody_transfers()))
    def count(record: RecordModel) -> None:
        named.append(len(_every_hash(record.model_dump(mode="json", by_alias=True))))

    count()
    assert sum(1 for n in named if n) >= 5
