"""Canonical JSON: the one byte form that hashes and signatures are made over.

Both ends (device and HQ) call :func:`canonical_json`, so a record hashes the
same wherever it is checked. The rules: keys sorted, no whitespace, UTF-8 (not
ASCII escapes), decimals as strings in plain notation, datetimes as ISO 8601
with their offset, dates as ISO 8601. Floats are refused because their text
form is not stable across languages and libraries.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import uuid
from decimal import Decimal
from typing import Any

import orjson

__all__ = [
    "canonical_dumps",
    "canonical_json",
    "canonical_text",
    "canonical_text_of_json",
    "sha256_hex",
    "to_plain",
]


def _decimal_text(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written: amounts must be finite numbers")
    # Plain notation ("0.0001", "100"): scientific forms like "1E+2" would give
    # two texts for one amount depending on how it was typed.
    return format(value, "f")


def to_plain(value: Any) -> Any:
    """Turn models, decimals, datetimes and enums into JSON-ready values."""
    # Exact-type checks first: plain JSON values are by far the most common,
    # and this walk runs on every payload that is hashed.
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                if not isinstance(key, str):
                    raise TypeError(f"canonical JSON needs text keys, got {key!r}")
                key = str(key)
            out[key] = to_plain(item)
        return out
    if kind is list or kind is tuple:
        return [to_plain(item) for item in value]
    return _convert(value)


def _convert(value: Any) -> Any:
    if getattr(type(value), "__canonical_json__", False):
        # Record models serialize straight to canonical plain values (in Rust).
        return value.model_dump(mode="json", by_alias=True)
    if hasattr(value, "model_dump") and hasattr(value, "model_fields"):  # a pydantic model
        return to_plain(value.model_dump(mode="python", by_alias=True))
    if isinstance(value, dict):
        return to_plain(dict(value))
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return to_plain(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{value} has no time zone; every time must carry its offset")
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, float):
        raise TypeError("floats are not allowed in canonical JSON; use Decimal")
    raise TypeError(f"cannot write {type(value).__name__} as canonical JSON")


def canonical_dumps(plain: Any) -> str:
    """Canonical text of a value already made plain by :func:`to_plain`."""
    return json.dumps(
        plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def canonical_text(value: Any) -> str:
    """The canonical JSON of ``value`` as text."""
    return canonical_dumps(to_plain(value))


def canonical_text_of_json(value: Any) -> str:
    """:func:`canonical_text` of a value parsed from JSON that held no float, NaN or Infinity.

    For such values (dicts with text keys, lists, text, whole numbers, true,
    false, null) orjson writes the very same bytes as :func:`canonical_dumps`,
    ten times faster; what it cannot write (a whole number beyond 64 bits,
    text that is not valid Unicode, very deep nesting) goes the usual way, so
    the answer, or the error, is always :func:`canonical_text`'s. HQ uses this
    for every pushed event; a property test holds the two equal.
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return canonical_text(value)


def canonical_json(value: Any) -> bytes:
    """The canonical JSON of ``value`` as UTF-8 bytes."""
    return canonical_text(value).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """Lowercase hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()
