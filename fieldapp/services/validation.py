"""Turning pydantic's errors and reference-data checks into per-field problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from fieldapp.errors import Problem, RecordInvalid, format_path
from fieldapp.models import RECORD_MODELS, RecordModel

_PLAIN = {
    "missing": "this field is required",
    "extra_forbidden": "this field is not part of the record",
    "timezone_aware": "the time must include its time zone",
}


_FIELD = re.compile(r"^[a-z_][a-z0-9_]*$")
# Names pydantic gives the branches of a union; never field names in our models.
_TYPE_TAGS = frozenset(
    {"str", "int", "float", "bool", "date", "datetime", "time", "decimal", "list", "dict", "none"}
)
_EMPTY_BRANCHES = ("NotApplicable", "NoInformation")
_MISSING = object()


def _is_field(part: Any) -> bool:
    if isinstance(part, int):
        return True
    return isinstance(part, str) and bool(_FIELD.match(part)) and part not in _TYPE_TAGS


def _lookup(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list):
            if not -len(data) <= part < len(data):
                return _MISSING
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            if part not in data:
                return _MISSING
            data = data[part]
        else:
            return _MISSING
    return data


def _keep(loc: tuple[Any, ...], data: Any) -> bool:
    """Whether an error belongs to the union branch the input was meant for.

    For ``Vehicle | NotApplicable`` pydantic reports the failures of every
    branch; an officer who typed a vehicle wants the vehicle's errors, one who
    chose "not applicable" wants that branch's.
    """
    for index, part in enumerate(loc):
        if _is_field(part):
            continue
        value = _lookup(data, tuple(p for p in loc[:index] if _is_field(p)))
        meant_empty = isinstance(value, dict) and "empty" in value
        is_empty_branch = isinstance(part, str) and any(b in part for b in _EMPTY_BRANCHES)
        return meant_empty == is_empty_branch
    return True


def problems_from(
    error: ValidationError, prefix: tuple[str | int, ...] = (), data: Any = _MISSING
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located at its field.

    ``data`` is the input that was validated; with it, errors of union branches
    the input was not meant for are left out.
    """
    items = error.errors(include_url=False)
    if data is not _MISSING:
        kept = [item for item in items if _keep(tuple(item["loc"]), data)]
        items = kept or items
    out = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for item in items:
        loc = tuple(p for p in item["loc"] if _is_field(p))
        message = _PLAIN.get(item["type"], item["msg"])
        # Rule messages name their field already; the Problem carries the location.
        field_prefix = format_path(loc) + ": "
        if message.startswith(field_prefix):
            message = message[len(field_prefix) :]
        key = (loc, item["type"])
        if key not in seen:
            seen.add(key)
            out.append(Problem(path=prefix + loc, code=item["type"], message=message))
    return out


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
        raise RecordInvalid(
            what or record_type.replace("_", " "), problems_from(exc, data=data)
        ) from exc


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
