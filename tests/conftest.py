"""Shared fixtures: a store in a temporary folder, the services over it, actors, sample records.

The sample records use codes from the bundled reference data (checkpoint
``US-SYS``, officers ``off-0001`` ... ``off-0005``, units ``kg`` and ``ea``), and
the store is seeded with that reference data, so finalizing checks them the way
it does on an officer's laptop.
"""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fieldapp.models.reference import ReferenceData
from fieldapp.reference import load_reference
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.store.store import Store

OFFICER_ID = "off-0001"
WITNESS_ID = "off-0003"
SUPERVISOR_ID = "off-0002"
AUDITOR_ID = "off-0005"
CHECKPOINT = "US-SYS"
OTHER_CHECKPOINT = "US-OTM"
PERSON_NAME = "José Ñúñez Peña"
PLATE = "7ABC123"
START = "2024-05-01T10:00:00-07:00"
END = "2024-05-01T10:20:00-07:00"


def vehicle_data() -> dict[str, Any]:
    """A vehicle with the VIN unknown."""
    return {
        "plate": PLATE,
        "plate_issuer": "CA",
        "make": "Nissan",
        "model": "Sentra",
        "colour": "gris",
        "vin": {"empty": "no_information"},
        "year": 2015,
    }


def drug_item_data(exhibit_number: str) -> dict[str, Any]:
    """A drug item with gross weight and a positive field test."""
    return {
        "exhibit_number": exhibit_number,
        "category": "drug",
        "category_code": "drug_methamphetamine",
        "description": "Crystalline substance in 12 bundles",
        "quantity": {"amount": "12", "unit": "ea"},
        "gross_weight": {"amount": "6.350", "unit": "kg"},
        "condition": "sealed bundles",
        "field_test": {"result": "positive", "kit": "NIK U", "tested_at": END},
    }


def currency_item_data(exhibit_number: str) -> dict[str, Any]:
    """A currency item counted in USD and MXN by two officers."""
    return {
        "exhibit_number": exhibit_number,
        "category": "currency",
        "description": "Bundled bank notes",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "bundled with rubber bands",
        "currency_count": {
            "lines": [
                {"currency": "USD", "denomination": "100", "count": 50},
                {"currency": "MXN", "denomination": "500", "count": 20},
            ],
            "counted_by": OFFICER_ID,
            "witnessed_by": WITNESS_ID,
        },
    }


_REFERENCE: ReferenceData | None = None


def _reference() -> ReferenceData:
    global _REFERENCE
    if _REFERENCE is None:
        _REFERENCE = load_reference()
    return _REFERENCE


def seed_reference(store: Store) -> None:
    """Give a store the bundled reference data, as a new profile gets it."""
    ref = _reference()
    store.set_reference(ref.version, ref.model_dump(mode="json"))


def encounter_draft_data(**changes: Any) -> dict[str, Any]:
    """A valid vehicle encounter as a form submits it (no id or reference number yet)."""
    data: dict[str, Any] = {
        "agency": "cbp",
        "officer_id": OFFICER_ID,
        "started_at": START,
        "ended_at": END,
        "checkpoint": CHECKPOINT,
        "location": {"landmark": "Vehicle lane 4"},
        "stop_type": "vehicle",
        "vehicle": vehicle_data(),
        "reason": "Routine primary inspection",
        "grounds": "Border search authority",
        "search_object": {"empty": "not_applicable"},
        "legal_power": "us_19_usc_1582",
        "people": [
            {
                "person_ref": "P1",
                "role": "driver",
                "name": PERSON_NAME,
                "date_of_birth": {"empty": "no_information"},
                "age_range": "age_30_49",
                "nationality": "MX",
                "document": {"empty": "not_applicable"},
                "language": "es",
            }
        ],
        "result": "no_action",
        "receipt": {
            "given": True,
            "medium": "paper",
            "how_to_obtain_record": "Ask at the port office with the receipt number.",
        },
        "narrative": "Vehicle inspected at lane 4; bundles found in the rear quarter panel.",
    }
    data.update(changes)
    return data


def seizure_draft_data(**changes: Any) -> dict[str, Any]:
    """A valid seizure of a drug and a currency item, witnessed (no id or number yet)."""
    data: dict[str, Any] = {
        "seized_at": START,
        "checkpoint": CHECKPOINT,
        "found_location": "rear quarter panel, driver side",
        "custody_start": "discovered_in_search",
        "reason": "evidence",
        "seized_from": {
            "name": PERSON_NAME,
            "person_ref": "P1",
            "address": {"empty": "no_information"},
            "contact": "+52 664 000 0000",
        },
        "legal_power": "us_19_usc_1595a",
        "officer_id": OFFICER_ID,
        "witness_id": WITNESS_ID,
        "items": [drug_item_data("E1"), currency_item_data("E2")],
    }
    data.update(changes)
    return data


def transfer_data(seizure_id: str, exhibits: list[str], **changes: Any) -> dict[str, Any]:
    """A valid hand-over of some exhibits of a seizure from CBP to Mexico's FGR."""
    data: dict[str, Any] = {
        "seizure_id": seizure_id,
        "sequence": 1,
        "exhibit_numbers": list(exhibits),
        "transferred_at": END,
        "released_by": {
            "officer_id": OFFICER_ID,
            "name": "Ana Pérez",
            "agency": "cbp",
            "id_number": "A-123",
            "country": "US",
        },
        "received_by": {
            "name": "Luis Ñáñez",
            "agency": "fgr",
            "id_number": {"empty": "no_information"},
            "country": "MX",
        },
        "purpose": "transfer_to_agency",
        "route": "Vehículo oficial, garita a FGR Tijuana",
        "seal_intact": True,
        "condition": "sealed",
    }
    data.update(changes)
    return data


def return_data(seizure_id: str, exhibits: list[str], **changes: Any) -> dict[str, Any]:
    """A valid, signed return of a detained person's property."""
    data: dict[str, Any] = {
        "seizure_id": seizure_id,
        "exhibit_numbers": list(exhibits),
        "returned_at": END,
        "returned_to": "María López",
        "officer_id": OFFICER_ID,
        "outcome": "returned_to_person",
        "signature_hash": "ab" * 32,
    }
    data.update(changes)
    return data


def share_events(source: Store, target: Store) -> int:
    """Make ``source``'s key known to ``target`` and give it every event ``source`` holds."""
    target.register_origin(source.device.device_id, source.device.public_hex, "peer")
    return target.ingest(list(source.events()))


@dataclass(frozen=True)
class FinalizedBundle:
    """An encounter finalized with one seizure (a drug and a currency item)."""

    encounter_id: str
    seizure_id: str
    draft_id: str


def finalize_bundle(
    services: FieldServices,
    actor: Actor,
    encounter: dict[str, Any] | None = None,
    seizure: dict[str, Any] | None = None,
    with_seizure: bool = True,
) -> FinalizedBundle:
    """Create an encounter draft (with a seizure child draft) and finalize it."""
    draft = services.drafts.create(
        actor, "encounter", copy.deepcopy(encounter or encounter_draft_data())
    )
    child_id = ""
    if with_seizure:
        child = services.drafts.create(
            actor, "seizure", copy.deepcopy(seizure or seizure_draft_data()), parent_id=draft.id
        )
        child_id = child.id
    done = services.finalizer.finalize(draft.id, actor)
    assert done.record_ids == ((draft.id, child_id) if with_seizure else (draft.id,))
    return FinalizedBundle(encounter_id=draft.id, seizure_id=child_id, draft_id=draft.id)


def open_store(data_dir: Path, *, seeded: bool = True) -> Store:
    """A store in ``data_dir``, seeded with the bundled reference data unless told otherwise."""
    store = Store.in_dir(data_dir)
    if seeded:
        seed_reference(store)
    return store


def raw_connection(store: Store) -> sqlite3.Connection:
    """A plain sqlite3 connection to the store's file: edits behind the program's back."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


class Samples:
    """Helpers handed to tests by the :func:`samples` fixture (conftest is not imported)."""

    OFFICER_ID = OFFICER_ID
    WITNESS_ID = WITNESS_ID
    SUPERVISOR_ID = SUPERVISOR_ID
    AUDITOR_ID = AUDITOR_ID
    CHECKPOINT = CHECKPOINT
    OTHER_CHECKPOINT = OTHER_CHECKPOINT
    PERSON_NAME = PERSON_NAME
    PLATE = PLATE

    encounter = staticmethod(encounter_draft_data)
    seizure = staticmethod(seizure_draft_data)
    drug_item = staticmethod(drug_item_data)
    transfer = staticmethod(transfer_data)
    property_return = staticmethod(return_data)
    share_events = staticmethod(share_events)
    currency_item = staticmethod(currency_item_data)
    bundle = staticmethod(finalize_bundle)
    open_store = staticmethod(open_store)
    raw = staticmethod(raw_connection)
    seed_reference = staticmethod(seed_reference)


@pytest.fixture
def samples() -> type[Samples]:
    """Sample data builders and helpers (see :class:`Samples`)."""
    return Samples


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Store]:
    """A second device's store (its own key and id), seeded, closed afterwards."""
    store = open_store(tmp_path / "other-device")
    yield store
    store.close()


@pytest.fixture
def reference() -> ReferenceData:
    """The bundled reference data."""
    return _reference()


@pytest.fixture
def tmp_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store (seeded with reference data) in a temporary folder, closed afterwards."""
    store = open_store(tmp_path / "profile")
    yield store
    store.close()


@pytest.fixture
def services(tmp_store: Store) -> FieldServices:
    """The application services over :func:`tmp_store`."""
    return FieldServices(tmp_store)


@pytest.fixture
def actor() -> Actor:
    """An officer on duty."""
    return Actor(OFFICER_ID, Role.OFFICER)


@pytest.fixture
def supervisor() -> Actor:
    """A supervisor, who may resolve conflicts."""
    return Actor(SUPERVISOR_ID, Role.SUPERVISOR)


@pytest.fixture
def auditor() -> Actor:
    """An auditor, who reads but does not write."""
    return Actor(AUDITOR_ID, Role.AUDITOR)


@pytest.fixture
def finalized(services: FieldServices, actor: Actor) -> FinalizedBundle:
    """An encounter with a drug + currency seizure, captured as drafts and finalized."""
    return finalize_bundle(services, actor)


@pytest.fixture
def make_finalized(services: FieldServices, actor: Actor) -> Callable[..., FinalizedBundle]:
    """Finalize more encounters: ``make_finalized(encounter=..., seizure=..., with_seizure=)``."""

    def make(**kwargs: Any) -> FinalizedBundle:
        return finalize_bundle(services, actor, **kwargs)

    return make
