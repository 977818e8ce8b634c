"""Turning pydantic's errors and reference-data checks into per-field problems."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from fieldapp.errors import Problem, RecordInvalid
from fieldapp.models import RECORD_MODELS, RecordModel

_PLAIN = {
    "missing": "this field is required",
    "extra_forbidden": "this field is not part of the record",
    "timezone_aware": "the time must include its time zone",
}


def problems_from(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located at its field."""
    out = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if isinstance(p, str | int))
        # Unions report the branch tried ("str", "NoInformation") in the
        # location; the officer only cares about the field.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p[:1].isupper()))
        loc = tuple(p for p in loc if p not in ("str", "int", "date", "bool", "decimal"))
        message = _PLAIN.get(item["type"], item["msg"])
        out.append(Problem(path=prefix + loc, code=item["type"], message=message))
    # A union error is reported once per branch; keep the first per field and code.
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    unique = []
    for problem in out:
        key = (problem.path, problem.code)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def validate(record_type: str, data: Any, what: str | None = None) -> RecordModel:
    """Validate ``data`` as a record of ``record_type`` (structure and business rules)."""
    model = RECORD_MODELS.get(record_type)
    if model is None:
        raise RecordInvalid(
            "record", [Problem((), "unknown_record_type", f"unknown record type {record_type!r}")]
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RecordInvalid(what or record_type.replace("_", " "), problems_from(exc)) from exc


def reference_problems(
    record_type: str, data: dict[str, Any], reference: dict[str, Any] | None
) -> list[Problem]:
    """Codes that must exist in the device's reference data (checkpoint, legal power, ...)."""
    if reference is None:
        return []
    codes = {
        "checkpoint": {c["code"] for c in reference.get("checkpoints", [])},
        "legal_power": {p["code"] for p in reference.get("legal_powers", [])},
        "officer": {o["id"] for o in reference.get("officers", [])},
        "unit": {u["code"] for u in reference.get("units", [])},
    }
    problems: list[Problem] = []

    def need(kind: str, value: Any, path: tuple[str | int, ...], label: str) -> None:
        if isinstance(value, str) and value and value not in codes[kind]:
            problems.append(
                Problem(path, f"unknown_{kind}", f"{label} {value!r} is not in the reference data")
            )

    if record_type in ("encounter", "seizure"):
        need("checkpoint", data.get("checkpoint"), ("checkpoint",), "checkpoint")
        need("legal_power", data.get("legal_power"), ("legal_power",), "legal power")
        need("officer", data.get("officer_id"), ("officer_id",), "officer")
    if record_type == "seizure":
        need("officer", data.get("witness_id"), ("witness_id",), "witness")
        for index, item in enumerate(data.get("items") or []):
            for name in ("quantity", "gross_weight"):
                value = item.get(name)
                if isinstance(value, dict) and "unit" in value:
                    need("unit", value["unit"], ("items", index, name, "unit"), "unit")
    return problems


def check(problems: Iterable[Problem], what: str) -> None:
    """Raise :class:`RecordInvalid` if there is any problem."""
    found = list(problems)
    if found:
        raise RecordInvalid(what, found)
