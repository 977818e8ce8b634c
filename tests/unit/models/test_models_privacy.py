"""What a record's validation error shows when it is printed or logged."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from fieldapp.models.encounter import Encounter


def test_a_validation_error_printed_or_logged_never_shows_the_values_typed(samples: Any) -> None:
    data = samples.encounter(id="01900000-0000-7000-8000-000000000001", reference_number="X")
    data["people"][0]["date_of_birth"] = "Quetzalsecret Ortiz"
    data["vehicle"]["year"] = "PLATE-SECRET-9"
    with pytest.raises(ValidationError) as raised:
        Encounter.model_validate(data)
    text = str(raised.value) + repr(raised.value)
    assert "Quetzalsecret" not in text and "PLATE-SECRET-9" not in text
    # The form still gets each field's problem, to show beside it.
    assert any(e["loc"][:2] == ("people", 0) for e in raised.value.errors())
