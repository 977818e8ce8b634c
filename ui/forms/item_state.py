"""One seized item as the editor holds it, and its conversion to and from the record's form.

The editor keeps what the officer typed, as typed (amounts as text, fields of
other categories that were filled before a category switch), so nothing is
lost while editing; :meth:`ItemState.to_data` gives the ``Item`` of
``fieldapp/models/seizure.py`` in its JSON form, with only the fields that
apply to the item's category.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldapp.models.reference import Dimension, ItemCategoryRef, ReferenceData
from ui.forms.currency import blank_count, count_from_item, item_fields, notes
from ui.forms.widgets import JsonDict

#: Descriptive fields each category shows (each may be unknown); a firearm needs all four.
DETAILS: dict[str, tuple[str, ...]] = {
    "firearm": ("make", "model", "serial_number", "calibre"),
    "ammunition": ("make", "calibre"),
    "vehicle": ("vin", "plate", "make", "model"),
    "electronic_device": ("make", "model", "serial_number"),
    "document": ("serial_number",),
}
ALL_DETAILS = ("make", "model", "serial_number", "calibre", "vin", "plate")
_HANDLED = {
    "exhibit_number",
    "category",
    "category_code",
    "description",
    "quantity",
    "gross_weight",
    "condition",
    "field_test",
    "photo_hashes",
    "currency_count",
    "count_deferred_reason",
    *ALL_DETAILS,
}
NOT_RECORDED = {"empty": "no_information", "reason": "not_recorded"}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _is_empty(value: Any) -> bool:
    return isinstance(value, dict) and "empty" in value


@dataclass(eq=False)
class ItemState:
    """An item being edited; identity matters (the photo strip appends to its list)."""

    exhibit_number: str
    category: str | None = None
    category_code: str | None = None
    description: str = ""
    quantity: str = ""
    unit: str | None = None
    condition: str = ""
    gross_weight: str = ""
    gross_unit: str | None = None
    test_result: str | None = None
    test_kit: str = ""
    #: ISO time, or the "not recorded" marker, or None when not set yet.
    tested_at: Any = None
    details: dict[str, Any] = field(default_factory=dict)
    photo_hashes: list[str] = field(default_factory=list)
    currency: JsonDict = field(default_factory=blank_count)
    #: A currency item's quantity is its number of notes until the officer types one.
    quantity_follows_count: bool = True
    extra: JsonDict = field(default_factory=dict)

    def set_category(self, ref: ItemCategoryRef, reference: ReferenceData) -> None:
        """Switch to a reference category; units follow unless the officer chose others."""
        old = reference.item_categories_by_code.get(self.category_code or "")
        if self.unit is None or (old is not None and self.unit == old.default_unit):
            self.unit = ref.default_unit
        self.category_code = ref.code
        self.category = ref.kind.value
        if self.category == "drug" and self.gross_unit is None:
            unit = reference.units_by_code.get(ref.default_unit)
            self.gross_unit = (
                ref.default_unit if unit and unit.dimension is Dimension.MASS else "kg"
            )
        if self.category == "currency":
            self.sync_quantity()

    def sync_quantity(self) -> None:
        """Let a currency item's quantity follow its count of notes."""
        if self.category != "currency" or not self.quantity_follows_count:
            return
        if self.currency.get("deferred"):
            return
        count = notes(self.currency)
        self.quantity = str(count) if count else ""
        if self.unit is None:
            self.unit = "ea"

    def to_data(self) -> JsonDict:
        """The item as the record stores it (JSON form), for its category only."""
        out: JsonDict = dict(self.extra)
        out["exhibit_number"] = self.exhibit_number.strip()
        if self.category:
            out["category"] = self.category
        if self.category_code:
            out["category_code"] = self.category_code
        out["description"] = self.description
        amount = self.quantity.strip()
        if amount:
            out["quantity"] = {"amount": amount, **({"unit": self.unit} if self.unit else {})}
        else:
            out["quantity"] = NOT_RECORDED
        out["condition"] = self.condition
        out["photo_hashes"] = list(self.photo_hashes)
        if self.category == "drug":
            gross = self.gross_weight.strip()
            if gross:
                unit = {"unit": self.gross_unit} if self.gross_unit else {}
                out["gross_weight"] = {"amount": gross, **unit}
            if self.test_result:
                test: JsonDict = {"result": self.test_result}
                if self.test_result != "not_tested":
                    if self.test_kit.strip():
                        test["kit"] = self.test_kit.strip()
                    if isinstance(self.tested_at, str):
                        test["tested_at"] = self.tested_at
                out["field_test"] = test
        if self.category == "currency":
            out.update(item_fields(self.currency))
        for name in DETAILS.get(self.category or "", ()):
            value = self.details.get(name)
            if value is not None and not (isinstance(value, str) and not value.strip()):
                out[name] = value
        return out

    @classmethod
    def from_data(cls, data: JsonDict) -> ItemState:
        """An item read back from a draft."""
        state = cls(exhibit_number=_text(data.get("exhibit_number")))
        state.extra = {k: v for k, v in data.items() if k not in _HANDLED}
        state.category = data.get("category") if isinstance(data.get("category"), str) else None
        code = data.get("category_code")
        state.category_code = code if isinstance(code, str) else None
        state.description = _text(data.get("description"))
        state.condition = _text(data.get("condition"))
        quantity = data.get("quantity")
        if isinstance(quantity, dict) and not _is_empty(quantity):
            state.quantity = str(quantity.get("amount", ""))
            state.unit = quantity.get("unit") or None
        gross = data.get("gross_weight")
        if isinstance(gross, dict) and not _is_empty(gross):
            state.gross_weight = str(gross.get("amount", ""))
            state.gross_unit = gross.get("unit") or None
        test = data.get("field_test")
        if isinstance(test, dict) and not _is_empty(test):
            state.test_result = test.get("result") or None
            state.test_kit = _text(test.get("kit"))
            state.tested_at = test.get("tested_at") or NOT_RECORDED
        for name in ALL_DETAILS:
            value = data.get(name)
            if value is not None and value != {"empty": "not_applicable"}:
                state.details[name] = value
        hashes = data.get("photo_hashes")
        state.photo_hashes = [h for h in hashes if isinstance(h, str)] if hashes else []
        state.currency = count_from_item(data)
        state.quantity_follows_count = not state.quantity or (
            state.category == "currency" and state.quantity == str(notes(state.currency))
        )
        state.sync_quantity()
        return state
