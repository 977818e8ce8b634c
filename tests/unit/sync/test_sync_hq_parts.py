"""Small parts of HQ: codes, attachment references, protocol sentences, database URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.hq.attachments import attachment_refs
from sync.hq.db import resolve_db_url
from sync.hq.enrollment import normalize_code
from sync.hq.http import _protocol_problem, describe_errors, invalid_sentence

A, B, C, D = ("a" * 64, "b" * 64, "c" * 64, "d" * 64)


def test_codes_are_normalized_the_way_people_type_them() -> None:
    assert normalize_code("abcd-efgh-jkmn-pqrs") == "ABCDEFGHJKMNPQRS"
    assert normalize_code(" O1I0 L ") == "0110" + "1"
    assert normalize_code("AB CD\tEF") == "ABCDEF"


def test_attachment_references_are_found_wherever_records_put_them() -> None:
    payload = {
        "items": [{"photo_hashes": [A, "not a hash"]}, {"photo_hashes": []}],
        "signatures": [{"role": "officer", "sha256": B}, {"role": "person", "declined": True}],
        "signature_hash": C,
        "pdf_sha256": "e" * 64,
        "record_hash": "f" * 64,
        "corrections": [{"path": "items.0.photo_hashes", "value": [D]}],
    }
    assert attachment_refs(payload) == {A, B, C, D}
    assert attachment_refs({"narrative": A}) == set()
    assert attachment_refs([]) == set()


def test_protocol_sentences_say_which_end_needs_updating() -> None:
    assert _protocol_problem("1") is None
    assert _protocol_problem(" 1 ") is None
    for value in (None, "", "one", "-1"):
        problem = _protocol_problem(value)
        assert problem is not None and "does not say" in problem
    assert "no longer accepts" in str(_protocol_problem("0"))
    assert "Update needed at HQ" in str(_protocol_problem("7"))


def test_validation_errors_name_their_field() -> None:
    lines = describe_errors(
        [
            {"loc": ("body", "events", 0, "seq"), "msg": "Input should be a valid integer"},
            {"loc": ("query", "limit"), "msg": "Value error, too big"},
            {"loc": (), "msg": "Field required"},
        ]
    )
    assert lines == [
        "events[0].seq: Input should be a valid integer",
        "limit: too big",
        "Field required",
    ]
    sentence = invalid_sentence([*lines, "four", "five"])
    assert sentence.startswith("The request is not valid: events[0].seq")
    assert sentence.endswith("(and 2 more).")


def test_database_urls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FIELDAPP_HQ_DB", raising=False)
    assert resolve_db_url(None).startswith("sqlite:///")
    assert resolve_db_url(None).endswith("hq.db")
    assert resolve_db_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_db_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_db_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_db_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("FIELDAPP_HQ_DB", "postgresql://env@h/db")
    assert resolve_db_url(None) == "postgresql+psycopg://env@h/db"
    assert resolve_db_url("sqlite:///explicit.db") == "sqlite:///explicit.db"
