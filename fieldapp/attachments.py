"""Photo attachments: files stored once, named by the SHA-256 of their content.

A seizure item refers to its photos by hash (``Item.photo_hashes``), so the hash
is the photo's identity: the same picture attached twice is one file, a file
cannot be swapped without its hash changing, and sync can upload idempotently
by hash. Files live under ``<data_dir>/attachments/ab/cdef...`` (the first two
hex digits name a folder, so no folder grows past a few thousand entries).

Each file is written whole or not at all: the bytes go to a temporary file in
the same folder, are flushed to disk, and only then renamed into place.

Pictures made in memory (signatures drawn on screen) go in through
``add_bytes`` with the same checks and the same atomic write.

The API is deliberately narrow (add, locate, check, read, and remove for a
remote wipe): on an encrypted profile the files are encrypted at rest inside
this class (AES-256-GCM under a key derived from the database key, the
file's hash as associated data), and callers do not notice. The name stays
the hash of the plain content, and ``read_bytes`` and ``verify`` are the only
ways in; they return and check the plain content (docs/decisions/017-encryption-at-rest.md).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldapp.errors import DiskFull, KnownError
from fieldapp.keys import subkey
from fieldapp.store.db import open_keys

#: Largest photo accepted, in bytes (phones make 3-12 MB; scans of forms a little more).
MAX_BYTES = 25 * 1024 * 1024
_CHUNK = 1024 * 1024
_HASH = re.compile(r"^[0-9a-f]{64}$")
#: First bytes of an encrypted file, followed by a 12-byte nonce and the AES-GCM ciphertext.
MAGIC = b"FCAPENC1"
_NONCE = 12
_DB_FILENAME = "fieldapp.db"  # fieldapp.store.store.DB_FILENAME (not imported: no cycle)
_HEIF_BRANDS = {
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"heim": "image/heic",
    b"heis": "image/heic",
    b"hevc": "image/heic-sequence",
    b"hevx": "image/heic-sequence",
    b"mif1": "image/heif",
    b"msf1": "image/heif-sequence",
}


@dataclass(frozen=True)
class Attachment:
    """A stored file: its hash (its name), size in bytes, media type, and the name it came with."""

    sha256: str
    size: int
    media_type: str
    original_name: str


def sniff_media_type(head: bytes) -> str | None:
    """The image type the first bytes of a file announce, or None if it is not a photo we take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return _HEIF_BRANDS.get(head[8:12])
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder for this
    # (and NTFS journals the rename), so there it is skipped.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AttachmentStore:
    """Content-addressed photo files under ``<data_dir>/attachments``.

    ``key`` is the profile's database key; without it, the key of the profile's
    database if this process has it open, else the files are kept plain.
    """

    def __init__(self, data_dir: Path, key: bytes | None = None) -> None:
        self.root = Path(data_dir) / "attachments"
        if key is None:
            key = open_keys.get(Path(data_dir) / _DB_FILENAME)
        self._aead = AESGCM(subkey(key, "attachments")) if key is not None else None

    @property
    def encrypted(self) -> bool:
        """Whether new files are written encrypted."""
        return self._aead is not None

    def _seal(self, sha256: str, data: bytes) -> bytes:
        if self._aead is None:
            return data
        nonce = os.urandom(_NONCE)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, sha256.encode("ascii"))

    def _open(self, sha256: str, raw: bytes) -> bytes:
        if not raw.startswith(MAGIC):
            return raw
        if self._aead is None:
            raise KnownError(
                f"The photo {sha256[:12]}… is encrypted; sign in to the profile to see it."
            )
        start = len(MAGIC)
        try:
            return self._aead.decrypt(
                raw[start : start + _NONCE], raw[start + _NONCE :], sha256.encode("ascii")
            )
        except InvalidTag as exc:
            raise KnownError(
                f"The photo {sha256[:12]}… is damaged or belongs to another profile."
            ) from exc

    def path_of(self, sha256: str) -> Path:
        """Where the file with this hash is (or would be) stored."""
        if not _HASH.match(sha256):
            raise KnownError(f"{sha256!r} is not a photo reference (a SHA-256 hash).")
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        """Whether a file with this hash is stored."""
        return self.path_of(sha256).is_file()

    def verify(self, sha256: str) -> bool:
        """Whether the stored file is there and still has the content its name promises."""
        try:
            data = self._open(sha256, self.path_of(sha256).read_bytes())
        except (OSError, KnownError):
            return False
        return hashlib.sha256(data).hexdigest() == sha256

    def read_bytes(self, sha256: str) -> bytes:
        """The content of a stored file (for thumbnails, uploads and receipts)."""
        path = self.path_of(sha256)
        try:
            return self._open(sha256, path.read_bytes())
        except FileNotFoundError as exc:
            raise KnownError(
                f"The photo {sha256[:12]}… is not on this device; it may not have "
                "been synced down yet."
            ) from exc
        except OSError as exc:
            raise KnownError(
                f"The photo {sha256[:12]}… cannot be read: {exc.strerror or exc}."
            ) from exc

    def add_file(self, path: Path | str) -> Attachment:
        """Store a copy of a photo file; adding the same bytes again returns the same hash."""
        source = Path(path)
        name = source.name
        try:
            if not source.is_file():
                raise KnownError(f"{name} cannot be attached: it is not a file.")
            size = source.stat().st_size
            if size > MAX_BYTES:
                raise _too_large(name, size)
            with source.open("rb") as fh:
                head = fh.read(_CHUNK)
                media_type = sniff_media_type(head)
                if media_type is None:
                    raise _not_a_photo(name)
                digest, size = self._copy_in(fh, head, name)
        except KnownError:
            raise
        except OSError as exc:
            raise KnownError(
                f"{name} cannot be read ({exc.strerror or exc}); it was not attached."
            ) from exc
        return Attachment(sha256=digest, size=size, media_type=media_type, original_name=name)

    def add_bytes(self, data: bytes, name: str) -> Attachment:
        """Store a picture made in memory (a signature drawn on screen) as :meth:`add_file` does.

        ``name`` is only remembered as the attachment's original name and used in messages.
        """
        if len(data) > MAX_BYTES:
            raise _too_large(name, len(data))
        media_type = sniff_media_type(data[:_CHUNK])
        if media_type is None:
            raise _not_a_photo(name)
        digest, size = self._copy_in(io.BytesIO(), data, name)
        return Attachment(sha256=digest, size=size, media_type=media_type, original_name=name)

    def _copy_in(self, fh: BinaryIO, head: bytes, name: str) -> tuple[str, int]:
        """Read the rest of an open file, hash it, and store it (encrypted when keyed)."""
        content = bytearray()
        chunk = head
        while chunk:
            content += chunk
            if len(content) > MAX_BYTES:  # the file grew while we read it
                raise _too_large(name, len(content))
            chunk = fh.read(_CHUNK)
        data = bytes(content)
        sha = hashlib.sha256(data).hexdigest()
        if self.verify(sha):
            return sha, len(data)
        self._write_atomically(sha, self._seal(sha, data))
        return sha, len(data)

    def _write_atomically(self, sha256: str, blob: bytes) -> None:
        """Put ``blob`` in place as the file of ``sha256``: whole, durable, or not at all."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".tmp", dir=self.root)
        except OSError as exc:
            raise _write_error(exc) from exc
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                _write(out, blob)
                _flush(out)
            final = self.path_of(sha256)
            try:
                final.parent.mkdir(exist_ok=True)
                tmp.replace(final)
                _fsync_dir(final.parent)
            except OSError as exc:
                raise _write_error(exc) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def remove(self, sha256: str) -> bool:
        """Overwrite a stored file with zeros and delete it (a remote wipe); False if absent.

        The overwrite makes the bytes unreadable on disks that write in place;
        on an SSD only the encryption at rest does (the old blocks may remain).
        """
        path = self.path_of(sha256)
        try:
            size = path.stat().st_size
            with path.open("r+b") as out:
                for at in range(0, size, _CHUNK):
                    out.write(bytes(min(_CHUNK, size - at)))
                _flush(out)
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise _write_error(exc) from exc
        _fsync_dir(path.parent)
        return True

    def encrypt_existing(self) -> int:
        """Encrypt the files stored while the profile was plain (after it was encrypted)."""
        if self._aead is None or not self.root.is_dir():
            return 0
        done = 0
        for path in sorted(self.root.glob("??/*")):
            sha = path.parent.name + path.name
            if not _HASH.match(sha):
                continue
            data = path.read_bytes()
            if data.startswith(MAGIC) or hashlib.sha256(data).hexdigest() != sha:
                continue
            self._write_atomically(sha, self._seal(sha, data))
            done += 1
        return done


def _write(out: BinaryIO, chunk: bytes) -> None:
    try:
        out.write(chunk)
    except OSError as exc:
        raise _write_error(exc) from exc


def _flush(out: BinaryIO) -> None:
    try:
        out.flush()
        os.fsync(out.fileno())
    except OSError as exc:
        raise _write_error(exc) from exc


def _too_large(name: str, size: int) -> KnownError:
    return KnownError(
        f"{name} is {_megabytes(size)}; a photo can be at most {_megabytes(MAX_BYTES)}. "
        "It was not attached."
    )


def _not_a_photo(name: str) -> KnownError:
    return KnownError(
        f"{name} is not a photo this program can keep (JPEG, PNG, HEIC or WebP); "
        "it was not attached."
    )


def _write_error(exc: OSError) -> KnownError:
    if exc.errno == errno.ENOSPC:
        return DiskFull("The disk is full, so the photo was not attached. Free some space.")
    return KnownError(
        f"The photo could not be stored in the data folder ({exc.strerror or exc}); "
        "it was not attached."
    )
