"""Example record data as a form would submit it, and helpers to look for rule errors.

Tests start from a minimal valid record and break one rule at a time.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

START = "2024-05-01T10:00:00-07:00"
END = "2024-05-01T10:20:00-07:00"


def minimal_encounter_data() -> dict[str, Any]:
    """JSON-like data for the smallest valid encounter: one pedestrian, no action."""
    return {
        "id": "enc-1",
        "reference_number": "SYS-2024-000001",
        "agency": "cbp",
        "officer_id": "off-1",
        "started_at": START,
        "ended_at": END,
        "checkpoint": "san_ysidro",
        "location": {"landmark": "Pedestrian lane 4"},
        "stop_type": "pedestrian",
        "vehicle": {"empty": "not_applicable"},
        "reason": "Routine primary inspection",
        "grounds": "Border search authority",
        "search_object": {"empty": "not_applicable"},
        "legal_power": "usc_19_1582",
        "people": [
            {
                "person_ref": "P1",
                "role": "pedestrian",
                "name": {"empty": "no_information", "reason": "refused"},
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
        "narrative": "Pedestrian inspected at lane 4 and released.",
    }


def vehicle_data() -> dict[str, Any]:
    """JSON-like data for a vehicle with some details refused or unknown."""
    return {
        "plate": "7ABC123",
        "plate_issuer": "CA",
        "make": "Nissan",
        "model": "Sentra",
        "colour": "gris",
        "vin": {"empty": "no_information"},
        "year": 2015,
    }


def minimal_seizure_data() -> dict[str, Any]:
    """JSON-like data for the smallest valid seizure: one plain item, no witness needed."""
    return {
        "id": "sz-1",
        "seizure_number": "2024-2504-000001-01",
        "encounter_id": "enc-1",
        "seized_at": START,
        "checkpoint": "san_ysidro",
        "found_location": "rear quarter panel, driver side",
        "custody_start": "discovered_in_search",
        "reason": "evidence",
        "seized_from": {
            "name": {"empty": "no_information", "reason": "refused"},
            "address": {"empty": "no_information"},
            "contact": "+52 664 000 0000",
        },
        "legal_power": "usc_19_1595a",
        "officer_id": "off-1",
        "witness_id": {"empty": "not_applicable"},
        "items": [other_item_data("E1")],
    }


def other_item_data(exhibit_number: str) -> dict[str, Any]:
    """An item of category ``other`` with a quantity."""
    return {
        "exhibit_number": exhibit_number,
        "category": "other",
        "description": "Mochila azul",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "used",
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
            "counted_by": "off-1",
            "witnessed_by": "off-2",
        },
    }


def firearm_item_data(exhibit_number: str) -> dict[str, Any]:
    """A firearm with make, model and calibre, serial number unknown."""
    return {
        "exhibit_number": exhibit_number,
        "category": "firearm",
        "description": "Pistol",
        "make": "Glock",
        "model": "19",
        "serial_number": {"empty": "no_information"},
        "calibre": "9mm",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "unloaded",
    }


def minimal_custody_transfer_data() -> dict[str, Any]:
    """JSON-like data for a valid transfer from CBP to Mexico's FGR."""
    return {
        "id": "ct-1",
        "seizure_id": "sz-1",
        "sequence": 1,
        "exhibit_numbers": ["E1"],
        "transferred_at": END,
        "released_by": {
            "officer_id": "off-1",
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


def minimal_property_return_data() -> dict[str, Any]:
    """JSON-like data for a signed return of property to its owner."""
    return {
        "id": "pr-1",
        "seizure_id": "sz-1",
        "exhibit_numbers": ["E1"],
        "returned_at": END,
        "returned_to": "María López",
        "officer_id": "off-1",
        "outcome": "returned_to_person",
        "signature_hash": "ab" * 32,
    }


def validation_errors(model: type[BaseModel], data: Any) -> list[ErrorDetails]:
    """The errors pydantic reports for ``data``; fails the test if ``data`` is valid."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return exc.errors()
    raise AssertionError(f"{model.__name__} accepted data that should be invalid")


def find_error(errors: list[ErrorDetails], code: str, loc: tuple[str | int, ...]) -> ErrorDetails:
    """The error with this type code at this location; fails the test if there is none."""
    for error in errors:
        if error["type"] == code and tuple(error["loc"]) == loc:
            return error
    raise AssertionError(f"no {code!r} error at {loc!r}; got {errors!r}")
