"""The world misbehaving: foreign or damaged files, newer schemas, a full disk, unwritable folders.

Each fault must end in a :class:`StoreError` subclass carrying a sentence (never a raw
``sqlite3`` or ``OSError``), and must leave what was there untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldapp.errors import (
    DiskFull,
    KnownError,
    NewerDatabase,
    NotADatabase,
    ReadOnlyStore,
    RecordInvalid,
    StoreError,
)
from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q
from fieldapp.store import migrations
from fieldapp.store.db import APPLICATION_ID, Database, open_reader, sqlite_errors
from fieldapp.store.store import DB_FILENAME, Store


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _assert_sentence(exc: KnownError, *words: str) -> None:
    assert exc.message == str(exc)
    assert exc.message.endswith("."), exc.message
    assert len(exc.message.split()) >= 6, exc.message
    for word in words:
        assert word in exc.message, exc.message


def _open_refused(folder: Path, error: type[StoreError]) -> StoreError:
    before = _folder_state(folder)
    try:
        store = Store.in_dir(folder)
    except error as exc:
        caught = exc
    else:
        store.close()
        pytest.fail(f"{error.__name__} not raised: the store opened {folder / DB_FILENAME}")
    assert _folder_state(folder) == before, "the file (or its folder) was changed"
    _assert_sentence(caught)
    return caught


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(8192),
        b"\x00" * 4096,
        "Lista de decomisos\nNombre, cantidad\nJosé, 3\n".encode(),
        b"SQLite",
        b"SQLite format 3\x00" + os.urandom(4080),
    ],
    ids=["random", "zeros", "text", "short", "header-then-garbage"],
)
def test_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    (tmp_path / DB_FILENAME).write_bytes(content)
    error = _open_refused(tmp_path, NotADatabase)
    assert DB_FILENAME in error.message
    assert "not changed" in error.message


def test_another_programs_sqlite_database(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    conn.execute("PRAGMA application_id = 12345")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ana', '555')")
    conn.commit()
    conn.close()
    error = _open_refused(tmp_path, NotADatabase)
    assert "another program" in error.message


def test_plain_sqlite_database_without_application_id(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    conn.execute("CREATE TABLE events (x)")
    conn.commit()
    conn.close()
    _open_refused(tmp_path, NotADatabase)


def test_empty_database_of_another_program_is_not_taken_over(tmp_path: Path) -> None:
    # Another program created the file and stamped it as its own, but has no tables
    # yet. Its application_id says it is not ours: the store must not write into it.
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    _open_refused(tmp_path, NotADatabase)


def test_store_file_damaged_inside(tmp_path: Path, samples: Any) -> None:
    with samples.open_store(tmp_path) as store:
        samples.bundle(FieldServices(store), Actor("off-0001"))
        path = store.path
    data = bytearray(path.read_bytes())
    data[100:3100] = os.urandom(3000)  # the schema page
    path.write_bytes(bytes(data))
    _open_refused(tmp_path, NotADatabase)


def test_newer_schema_refused_with_a_sentence(tmp_path: Path, samples: Any) -> None:
    with samples.open_store(tmp_path) as store:
        samples.bundle(FieldServices(store), Actor("off-0001"))
        path = store.path
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabase) as caught:
        Store(path)
    _assert_sentence(caught.value, "newer version", str(migrations.LATEST + 1))
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST + 1
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    conn.close()


def test_new_store_is_marked_and_migrated(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path / "new" / "deeper") as store:
        conn = store.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        device = store.device
    # Reopening keeps the same identity and does not migrate again.
    with Store.in_dir(tmp_path / "new" / "deeper") as again:
        assert again.device.device_id == device.device_id
        assert again.device.public_hex == device.public_hex
        assert migrations.apply(again.database.db) == []


def _big_draft(services: FieldServices, actor: Actor, samples: Any) -> Any:
    narrative = "Relato detallado del oficial. " * 6000  # about 180 kB
    draft = services.drafts.create(actor, "encounter", samples.encounter(narrative=narrative))
    services.drafts.create(actor, "seizure", samples.seizure(), parent_id=draft.id)
    return draft


def test_disk_full_while_finalizing_loses_nothing(
    services: FieldServices, actor: Actor, samples: Any, finalized: Any
) -> None:
    store = services.store
    draft = _big_draft(services, actor, samples)
    events_before = list(store.events())
    records_before = q.count_records(store.conn, q.RecordFilter(record_types=None))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(DiskFull) as caught:
        services.finalizer.finalize(draft.id, actor)
    _assert_sentence(caught.value, "disk is full", "draft is still here")
    assert isinstance(caught.value.__cause__, sqlite3.Error)

    # Nothing half-written, the draft and its child as they were, the log intact.
    assert list(store.events()) == events_before
    assert q.count_records(store.conn, q.RecordFilter(record_types=None)) == records_before
    kept = services.drafts.get(draft.id)
    assert kept.data == draft.data and kept.revision == draft.revision
    assert len(services.drafts.children(draft.id)) == 1
    report = store.verify()
    assert report.ok and report.events == len(events_before)

    # Autosave also fails with the same sentence, keeping the last saved revision.
    with pytest.raises(DiskFull):
        services.drafts.save(draft.id, {**draft.data, "extra": "x" * 50_000}, actor=actor)
    assert services.drafts.get(draft.id).data == draft.data

    # Space is freed: the same finalize now goes through, with the next number.
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    done = services.finalizer.finalize(draft.id, actor)
    assert len(done.record_ids) == 2
    assert done.events[0].payload["reference_number"].endswith("-000002")
    assert store.verify().ok
    assert services.drafts.unfinished() == []


def test_disk_full_while_creating_a_draft(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    store = services.store
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull):
        services.drafts.create(actor, "encounter", samples.encounter(narrative="y" * 100_000))
    assert services.drafts.unfinished() == []


def test_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "profile"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(ReadOnlyStore) as caught:
        Store.in_dir(blocker)
    _assert_sentence(caught.value, str(blocker))
    assert blocker.read_text() == "a file where the data folder should be"
    with pytest.raises(ReadOnlyStore):
        Store.in_dir(blocker / "nested" / "deeper")


def test_database_path_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).mkdir()
    with pytest.raises(StoreError) as caught:
        Store.in_dir(tmp_path)
    _assert_sentence(caught.value)
    assert (tmp_path / DB_FILENAME).is_dir()


def test_missing_database_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no field-capture database"):
        Database(tmp_path / DB_FILENAME, create=False)
    assert not (tmp_path / DB_FILENAME).exists()


def test_writing_through_a_read_only_connection(tmp_store: Store, finalized: Any) -> None:
    reader = open_reader(tmp_store.path)
    try:
        with pytest.raises(ReadOnlyStore) as caught, sqlite_errors(tmp_store.path):
            reader.execute("DELETE FROM events")
        _assert_sentence(caught.value, "cannot be written")
    finally:
        reader.close()
    assert tmp_store.verify().events == 2


def test_reader_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.txt"
    path.write_text("hola")
    with pytest.raises(NotADatabase):
        open_reader(path)


def test_bad_model_input_names_the_field(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    seizure = samples.seizure(encounter_id={"empty": "not_applicable"})
    seizure["items"][0]["quantity"] = {"amount": 1.5, "unit": "kg"}
    seizure["items"][1]["currency_count"]["lines"][0]["denomination"] = "-5"
    draft = services.drafts.create(actor, "seizure", seizure)
    with pytest.raises(RecordInvalid) as caught:
        services.finalizer.finalize(draft.id, actor)
    fields = {p.field for p in caught.value.problems}
    assert "items[0].quantity.amount" in fields
    assert "items[1].currency_count.lines[0].denomination" in fields
    assert "items[0].quantity.amount" in caught.value.message
    assert list(services.store.events()) == []
