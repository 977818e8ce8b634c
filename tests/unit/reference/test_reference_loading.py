"""Loading reference data from files, and finding the bundled resources folder."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fieldapp import resources
from fieldapp.reference import (
    REFERENCE_FILE_NAME,
    default_reference_path,
    load_reference,
    parse_reference,
)


def _bundled() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(default_reference_path().read_text(encoding="utf-8"))
    return result


def _write(tmp_path: Path, data: Any, name: str = "ref.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_resources_dir_holds_the_reference_file() -> None:
    folder = resources.resources_dir()
    assert folder.is_absolute()
    assert (folder / "reference" / REFERENCE_FILE_NAME).is_file()


def test_resources_dir_prefers_the_packaged_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "fieldapp"
    (package / "resources").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()  # someone else's folder
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    assert resources.resources_dir() == package / "resources"


def test_resources_dir_finds_a_source_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fieldapp").mkdir()
    (tmp_path / "resources").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "fieldapp")
    assert resources.resources_dir() == tmp_path / "resources"


def test_resources_dir_missing_gives_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stray top-level resources/ without a pyproject.toml is not a source checkout.
    (tmp_path / "fieldapp").mkdir()
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "fieldapp")
    with pytest.raises(FileNotFoundError, match="cannot find the fieldapp resources") as info:
        resources.resources_dir()
    assert str(tmp_path / "fieldapp" / "resources") in str(info.value)


def test_load_from_explicit_file_and_folder(tmp_path: Path) -> None:
    data = _bundled()
    data["version"] = 7
    file = _write(tmp_path, data, REFERENCE_FILE_NAME)
    assert load_reference(file).version == 7
    assert load_reference(tmp_path).version == 7


def test_default_path_is_the_bundled_file() -> None:
    assert load_reference() == load_reference(default_reference_path())


def test_round_trip_through_json(tmp_path: Path) -> None:
    reference = load_reference()
    path = tmp_path / "out.json"
    path.write_text(reference.model_dump_json(indent=2), encoding="utf-8")
    assert load_reference(path) == reference


def test_numeric_coordinates_stay_exact(tmp_path: Path) -> None:
    data = _bundled()
    text = json.dumps(data).replace('"32.5422"', "32.5422")
    path = tmp_path / "numbers.json"
    path.write_text(text, encoding="utf-8")
    assert load_reference(path).checkpoint("US-SYS").latitude == Decimal("32.5422")


def test_bad_json_names_the_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"version": 1,\n  "agencies": [,]}', encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON") as info:
        load_reference(path)
    assert str(path) in str(info.value)
    assert "line 2" in str(info.value)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(ValueError, match="cannot read reference data file") as info:
        load_reference(path)
    assert str(path) in str(info.value)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "México"}'.encode("latin-1"))
    with pytest.raises(ValueError, match="not valid UTF-8"):
        load_reference(path)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_bundled()).encode("utf-8"))
    assert load_reference(path).version == 1


def test_duplicate_json_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dupe.json"
    path.write_text('{"version": 1, "version": 2}', encoding="utf-8")
    with pytest.raises(ValueError, match="key 'version' appears twice") as info:
        load_reference(path)
    assert str(path) in str(info.value)


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must hold a JSON object, not list"):
        load_reference(_write(tmp_path, []))


def test_invalid_data_names_file_and_entry(tmp_path: Path) -> None:
    data = _bundled()
    data["checkpoints"][0]["timezone"] = "Mars/Olympus_Mons"
    data["officers"][1]["role"] = "sheriff"
    path = _write(tmp_path, data)
    with pytest.raises(ValueError) as info:
        load_reference(path)
    message = str(info.value)
    assert str(path) in message
    assert "2 problem(s)" in message
    code = data["checkpoints"][0]["code"]
    assert f"checkpoints[0] (code {code!r}).timezone: unknown IANA timezone" in message
    assert f"officers[1] (id {data['officers'][1]['id']!r}).role:" in message


def test_cross_reference_errors_name_file_and_entry(tmp_path: Path) -> None:
    data = _bundled()
    data["item_categories"][0]["default_unit"] = "furlong"
    path = _write(tmp_path, data)
    with pytest.raises(ValueError) as info:
        load_reference(path)
    assert str(path) in str(info.value)
    assert "unknown default_unit 'furlong'" in str(info.value)


def test_missing_section_is_named() -> None:
    data = _bundled()
    del data["units"]
    with pytest.raises(ValueError, match="units: Field required"):
        parse_reference(json.dumps(data), source="hq-download")


def test_many_errors_are_summarized() -> None:
    data = _bundled()
    for checkpoint in data["checkpoints"]:
        checkpoint["timezone"] = "Nowhere/Nothing"
    with pytest.raises(ValueError, match=r"\.\.\. and \d+ more"):
        parse_reference(json.dumps(data))
