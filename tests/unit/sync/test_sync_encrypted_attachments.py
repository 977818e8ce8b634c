"""The sync client reads an encrypted profile's photos as plain bytes with their own hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx2
import pytest

from fieldapp import keys
from fieldapp.attachments import MAGIC, AttachmentStore
from fieldapp.demo import create_demo_profile
from sync.client import SyncClient

PNG = b"\x89PNG\r\n\x1a\n" + b"a drawn signature " * 50


def test_uploads_are_the_plain_photo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_PARAMS", keys.KdfParams(1, 1024, 1))
    with create_demo_profile(tmp_path / "p", records=2, encrypt=True) as profile:
        AttachmentStore(profile.data_dir).add_bytes(PNG, "signature.png")
        stored = sorted((profile.data_dir / "attachments").glob("??/*"))
        assert stored and all(p.read_bytes().startswith(MAGIC) for p in stored)
        transport = httpx2.MockTransport(lambda request: httpx2.Response(503))
        with SyncClient(profile, base_url="http://127.0.0.1:1", transport=transport) as client:
            for path in stored:
                digest = path.parent.name + path.name
                data = client._local_file(digest)
                assert data is not None and hashlib.sha256(data).hexdigest() == digest
                assert data != path.read_bytes()
