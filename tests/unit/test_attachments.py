"""Photo attachments: stored once by content hash, written atomically, checked, refused clearly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fieldapp import attachments
from fieldapp.attachments import MAX_BYTES, AttachmentStore, sniff_media_type
from fieldapp.errors import KnownError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(200))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"photo" * 100


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _stored_files(store: AttachmentStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def test_hash_is_sha256_of_the_file_and_names_the_stored_copy(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "profile")
    source = _write(tmp_path / "evidence.png", PNG)
    added = store.add_file(source)
    assert added.sha256 == hashlib.sha256(PNG).hexdigest()
    assert added.size == len(PNG)
    assert added.media_type == "image/png"
    assert added.original_name == "evidence.png"
    stored = store.path_of(added.sha256)
    assert stored == tmp_path / "profile" / "attachments" / added.sha256[:2] / added.sha256[2:]
    assert stored.read_bytes() == PNG
    assert store.has(added.sha256)
    assert store.read_bytes(added.sha256) == PNG


def test_adding_the_same_bytes_twice_stores_one_file(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    first = store.add_file(_write(tmp_path / "a.jpg", JPEG))
    second = store.add_file(_write(tmp_path / "copy of a.jpg", JPEG))
    assert first.sha256 == second.sha256
    assert second.original_name == "copy of a.jpg"
    assert _stored_files(store) == [store.path_of(first.sha256)]


def test_a_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    store.add_file(_write(tmp_path / "a.png", PNG))
    store.add_file(_write(tmp_path / "b.jpg", JPEG))
    store.add_file(_write(tmp_path / "again.png", PNG))
    names = [p.name for p in _stored_files(store)]
    assert len(names) == 2
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")]


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AttachmentStore(tmp_path)

    def full_disk(out: object, chunk: bytes) -> None:
        raise attachments._write_error(OSError(28, "No space left on device"))

    monkeypatch.setattr(attachments, "_write", full_disk)
    with pytest.raises(KnownError, match="disk is full"):
        store.add_file(_write(tmp_path / "a.png", PNG))
    assert _stored_files(store) == []


def test_verify_detects_a_modified_or_missing_file(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    sha = store.add_file(_write(tmp_path / "a.png", PNG)).sha256
    assert store.verify(sha)
    path = store.path_of(sha)
    path.write_bytes(PNG + b"tampered")
    assert not store.verify(sha)
    path.unlink()
    assert not store.verify(sha)
    assert not store.has(sha)


def test_adding_again_repairs_a_damaged_copy(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    source = _write(tmp_path / "a.png", PNG)
    sha = store.add_file(source).sha256
    store.path_of(sha).write_bytes(b"garbage")
    store.add_file(source)
    assert store.verify(sha)


def test_a_file_that_is_not_an_image_is_refused_with_a_sentence(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    with pytest.raises(KnownError) as caught:
        store.add_file(_write(tmp_path / "notes.txt", b"just some text, not a photo"))
    assert caught.value.message == (
        "notes.txt is not a photo this program can keep (JPEG, PNG, HEIC or WebP); "
        "it was not attached."
    )
    assert _stored_files(store) == []


def test_a_file_over_25_mb_is_refused(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    big = tmp_path / "huge.jpg"
    with big.open("wb") as fh:
        fh.write(JPEG)
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(KnownError, match=r"huge\.jpg is 25\.0 MB; a photo can be at most 25\.0"):
        store.add_file(big)
    assert _stored_files(store) == []


def test_a_file_of_exactly_25_mb_is_accepted(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    big = tmp_path / "big.jpg"
    with big.open("wb") as fh:
        fh.write(JPEG)
        fh.truncate(MAX_BYTES)
    assert store.add_file(big).size == MAX_BYTES


def test_missing_and_unreadable_files_are_refused_with_a_sentence(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    with pytest.raises(KnownError, match=r"gone\.png cannot be attached: it is not a file"):
        store.add_file(tmp_path / "gone.png")
    with pytest.raises(KnownError, match="is not a file"):
        store.add_file(tmp_path)


def test_a_read_error_becomes_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AttachmentStore(tmp_path)
    source = _write(tmp_path / "locked.png", PNG)

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(KnownError) as caught:
        store.add_file(source)
    assert (
        caught.value.message
        == "locked.png cannot be read (Permission denied); it was not attached."
    )


def test_a_bad_hash_is_not_a_path(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    with pytest.raises(KnownError, match="is not a photo reference"):
        store.path_of("../../etc/passwd")
    with pytest.raises(KnownError, match="is not on this device"):
        store.read_bytes("0" * 64)


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00", "image/heif"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00", None),  # an MP4 video
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_media_type_is_read_from_the_magic_bytes(head: bytes, media_type: str | None) -> None:
    assert sniff_media_type(head) == media_type


def test_bytes_drawn_on_screen_are_stored_like_a_file(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    added = store.add_bytes(PNG, "signature-person.png")
    assert added.sha256 == hashlib.sha256(PNG).hexdigest()
    assert (added.size, added.media_type, added.original_name) == (
        len(PNG),
        "image/png",
        "signature-person.png",
    )
    assert store.read_bytes(added.sha256) == PNG
    assert store.verify(added.sha256)
    # The same picture from a file is the same attachment, stored once.
    assert store.add_file(_write(tmp_path / "again.png", PNG)).sha256 == added.sha256
    assert store.add_bytes(PNG, "twice.png").sha256 == added.sha256
    assert _stored_files(store) == [store.path_of(added.sha256)]


def test_bytes_that_are_not_a_picture_are_refused(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    for data in (b"", b"<svg></svg>"):
        with pytest.raises(KnownError) as caught:
            store.add_bytes(data, "signature.svg")
        assert caught.value.message.startswith("signature.svg is not a photo this program can keep")
    assert _stored_files(store) == []


def test_bytes_over_25_mb_are_refused(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    with pytest.raises(KnownError, match=r"big\.jpg is 25\.0 MB"):
        store.add_bytes(JPEG + bytes(MAX_BYTES), "big.jpg")
    assert _stored_files(store) == []


def test_bytes_on_a_full_disk_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AttachmentStore(tmp_path)

    def full_disk(out: object, chunk: bytes) -> None:
        raise attachments._write_error(OSError(28, "No space left on device"))

    monkeypatch.setattr(attachments, "_write", full_disk)
    with pytest.raises(KnownError, match="disk is full"):
        store.add_bytes(PNG, "signature.png")
    assert _stored_files(store) == []
