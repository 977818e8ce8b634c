"""The shared field widgets of the capture forms, in one place to import them from.

The two kinds of "empty" (not applicable; unknown / refused / not recorded),
fields with an error label under them, enum combos, and the checkpoint-time
field. They live in :mod:`ui.forms.fields` and :mod:`ui.forms.times`.
"""

from __future__ import annotations

from ui.forms.fields import (
    Empty,
    EmptyChoice,
    EnumCombo,
    ErrorLabel,
    FieldBox,
    JsonDict,
    OptionalText,
    Path,
    Rows,
    Slot,
    empty_labels,
    empty_of,
    focus_target,
    line_edit,
    quiet_wheel,
)
from ui.forms.times import DateTimeField, now_in

__all__ = [
    "DateTimeField",
    "Empty",
    "EmptyChoice",
    "EnumCombo",
    "ErrorLabel",
    "FieldBox",
    "JsonDict",
    "OptionalText",
    "Path",
    "Rows",
    "Slot",
    "empty_labels",
    "empty_of",
    "focus_target",
    "line_edit",
    "now_in",
    "quiet_wheel",
]
