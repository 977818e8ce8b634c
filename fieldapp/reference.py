"""Load reference data (checkpoints, officers, agencies, ...) from a JSON file or the profile.

The bundled seed lives in ``resources/reference/reference.json``; HQ later sends
newer versions in the same shape. Every failure becomes a ``ValueError`` whose
message names the file and the problem, because the people who fix these files
are HQ administrators reading a dialog or a log line, not developers.

:func:`read_stored_reference` reads the data a profile has in use (HQ's latest,
or the bundled seed) over any connection, so a program can take up new data
from HQ while it runs, without touching the writer.
"""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fieldapp.models.reference import ReferenceData
from fieldapp.resources import resources_dir

__all__ = [
    "REFERENCE_FILE_NAME",
    "default_reference_path",
    "load_reference",
    "parse_reference",
    "read_stored_reference",
]

REFERENCE_FILE_NAME = "reference.json"

# Error lines beyond this many are summarized; a wholly wrong file would otherwise produce
# a message thousands of lines long.
_MAX_ERRORS_SHOWN = 20


def default_reference_path() -> Path:
    """Path of the bundled reference data file."""
    return resources_dir() / "reference" / REFERENCE_FILE_NAME


def load_reference(path: Path | None = None) -> ReferenceData:
    """Read and validate reference data.

    Args:
        path: a reference JSON file, or a folder holding ``reference.json``;
            by default the bundled file.

    Raises:
        ValueError: the file cannot be read, is not UTF-8 JSON, or its content is
            invalid; the message names the file and every problem found.
    """
    if path is None:
        path = default_reference_path()
    elif path.is_dir():
        path = path / REFERENCE_FILE_NAME
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read reference data file {path}: {exc.strerror or exc}") from exc
    return parse_reference(raw, source=str(path))


def parse_reference(raw: bytes | str, *, source: str = "<reference data>") -> ReferenceData:
    """Validate reference data given as JSON text; ``source`` names it in error messages."""
    try:
        # utf-8-sig: Windows editors such as Notepad may prepend a byte-order mark.
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"reference data file {source} is not valid UTF-8 (byte {exc.start})"
        ) from exc
    try:
        # parse_float=Decimal keeps coordinates exactly as written instead of as binary floats.
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"reference data file {source} is not valid JSON: {exc.msg} "
            f"(line {exc.lineno}, column {exc.colno})"
        ) from exc
    except _DuplicateKeyError as exc:
        raise ValueError(f"reference data file {source} is not valid: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(
            f"reference data file {source} must hold a JSON object, not {type(data).__name__}"
        )
    try:
        return ReferenceData.model_validate(data)
    except ValidationError as exc:
        lines = [_describe(error, data) for error in exc.errors(include_url=False)]
        if len(lines) > _MAX_ERRORS_SHOWN:
            hidden = len(lines) - _MAX_ERRORS_SHOWN
            lines = [*lines[:_MAX_ERRORS_SHOWN], f"... and {hidden} more"]
        raise ValueError(
            f"reference data file {source} is invalid ({exc.error_count()} problem(s)):\n  "
            + "\n  ".join(lines)
        ) from exc


def read_stored_reference(conn: sqlite3.Connection) -> ReferenceData | None:
    """The reference data the profile has in use, or None before it has any (any connection).

    Raises:
        ValueError: the stored data cannot be read by this version of the program.
    """
    row = conn.execute("SELECT data FROM reference WHERE id = 1").fetchone()
    if row is None:
        return None
    try:
        return ReferenceData.model_validate(json.loads(row[0]))
    except ValidationError as exc:
        raise ValueError(
            f"the profile's reference data cannot be read by this version of the program "
            f"({exc.error_count()} problem(s))"
        ) from exc


class _DuplicateKeyError(ValueError):
    pass


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; in a hand-edited file that silently
    # drops the first value, so refuse it instead.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(f"key {key!r} appears twice in one object")
        result[key] = value
    return result


def _describe(error: Any, data: dict[str, Any]) -> str:
    """Turn one pydantic error into a line that names the entry by its code, not only its index.

    ``checkpoints.3.timezone`` becomes ``checkpoints[3] (code 'US-SYS').timezone``.
    """
    parts: list[str] = []
    node: Any = data
    for item in error["loc"]:
        if isinstance(item, int):
            label = f"[{item}]"
            node = node[item] if isinstance(node, list) and 0 <= item < len(node) else None
            if isinstance(node, dict):
                for key in ("code", "id"):
                    if isinstance(node.get(key), str):
                        label += f" ({key} {node[key]!r})"
                        break
            parts.append(label)
        else:
            node = node.get(item) if isinstance(node, dict) else None
            parts.append(f".{item}" if parts else str(item))
    where = "".join(parts) or "top level"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"
