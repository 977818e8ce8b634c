"""The store's cached reference data follows the profile: another writer's new data is seen.

Two :class:`Store` objects over one file stand for two processes (the program
and ``fieldapp sync`` from the command line).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from fieldapp.models.reference import ReferenceData
from fieldapp.reference import read_stored_reference
from fieldapp.store.store import Store


def _put(store: Store, reference: ReferenceData, version: int) -> None:
    data = reference.model_copy(update={"version": version}).model_dump(mode="json")
    store.set_reference(version, data)


def test_the_same_data_is_handed_out_until_it_is_replaced(
    tmp_store: Store, reference: ReferenceData
) -> None:
    first = tmp_store.reference_data()
    assert first is not None and tmp_store.reference_data() is first
    _put(tmp_store, reference, reference.version + 1)
    again = tmp_store.reference_data()
    assert again is not first and again is not None
    assert tmp_store.reference_data() is again


def test_data_replaced_by_another_process_is_seen(
    tmp_store: Store, reference: ReferenceData
) -> None:
    assert tmp_store.reference_data()["version"] == reference.version  # type: ignore[index]
    with Store(tmp_store.path) as other:
        _put(other, reference, reference.version + 3)
    assert tmp_store.reference_data()["version"] == reference.version + 3  # type: ignore[index]
    with contextlib.closing(tmp_store.reader()) as conn:
        stored = read_stored_reference(conn)
    assert stored is not None and stored.version == reference.version + 3


def test_data_of_a_transaction_rolled_back_is_not_kept(
    tmp_store: Store, reference: ReferenceData
) -> None:
    with pytest.raises(RuntimeError), tmp_store.transaction():
        _put(tmp_store, reference, reference.version + 1)
        assert tmp_store.reference_data()["version"] == reference.version + 1  # type: ignore[index]
        raise RuntimeError("the page was refused")
    assert tmp_store.reference_data()["version"] == reference.version  # type: ignore[index]


def test_a_profile_without_reference_data_has_none(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path / "bare") as store:
        assert store.reference_data() is None
        assert read_stored_reference(store.conn) is None
