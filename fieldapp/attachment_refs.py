"""Which attachment files (photos, signatures) a record's data names, by SHA-256.

Records name their files by hash in a few places (fieldapp.models: seizure
items' ``photo_hashes``, custody signatures, signature marks), and an
addendum's correction can name them by path. Both HQ (which files a device
must upload) and the device (which files a wipe may remove) walk payloads the
same way, with this.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["KEY_WORDS", "attachment_refs", "may_name_files"]

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# A list of hashes, or one hash.
_LIST_KEYS = frozenset({"photo_hashes", "signature_hashes"})
_ONE_KEYS = frozenset({"signature_hash"})
# A signature mark is {"role", "sha256", ...} inside a "signatures" list.
_MARK_LISTS = frozenset({"signatures"})

#: Every key that can name a file contains one of these; a JSON text without them names none.
KEY_WORDS = ("photo_hashes", "signature_hash", "signatures")


def may_name_files(text: str) -> bool:
    """False when a payload's JSON text certainly names no file (its walk can be skipped)."""
    return any(word in text for word in KEY_WORDS)


def _hashes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str) and _HEX64.match(item)]


def attachment_refs(payload: Any) -> set[str]:
    """Every attachment hash a payload names, however deep (including corrections)."""
    found: set[str] = set()
    stack: list[Any] = [payload]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key in _LIST_KEYS or key in _ONE_KEYS:
                found.update(_hashes(value))
            elif key in _MARK_LISTS and isinstance(value, list):
                found.update(
                    h for m in value if isinstance(m, dict) for h in _hashes(m.get("sha256"))
                )
            stack.append(value)
        # An addendum's correction {"path": "items.0.photo_hashes", "value": [...]}.
        path = node.get("path")
        if isinstance(path, str) and path.rsplit(".", 1)[-1] in _LIST_KEYS | _ONE_KEYS:
            found.update(_hashes(node.get("value")))
    return found
