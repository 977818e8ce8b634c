"""A photo upload through a hostile network: cut mid-file, it resumes from what HQ holds.

The real sync client sends a five-chunk photo through the fault proxy to the
real HQ server (``fieldapp-hq serve``). A connection cut in the middle of a
chunk costs that chunk, not the file: the next attempt asks HQ how much it
holds and sends only the rest, and HQ ends up with the file intact.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from fieldapp.attachments import AttachmentStore
from fieldapp.services import Actor, Role
from sync.hq import schema, uploads
from sync.protocol import ATTACHMENT_CHUNK_BYTES
from tests.integration.faults.harness import BACKENDS, Device, Site
from tests.integration.faults.proxy import Fault

CHUNK = ATTACHMENT_CHUNK_BYTES
PATCH = b"PATCH /api/v1/attachments/"


def _with_photo(device: Device, samples: Any) -> bytes:
    """A five-chunk photo of the device's own (HQ is shared by the session's tests), kept on
    the device and named by a finalized seizure."""
    photo = b"\xff\xd8\xff\xe0" + random.randbytes(4 * CHUNK + 4321)
    sha = AttachmentStore(device.profile.data_dir).add_bytes(photo, "bundles.jpg").sha256
    item = {**samples.drug_item("E1"), "photo_hashes": [sha]}
    officer = Actor(samples.OFFICER_ID, Role.OFFICER)
    samples.bundle(device.profile.services, officer, seizure=samples.seizure(items=[item]))
    return photo


def _held_at_hq(site: Site, photo: bytes) -> bytes | None:
    att = schema.attachments
    sha = hashlib.sha256(photo).hexdigest()
    with site.hq.storage.read() as conn:
        value = conn.execute(select(att.c.data).where(att.c.sha256 == sha)).scalar()
    return None if value is None else bytes(value)


def _partial_at_hq(site: Site, device: Device, photo: bytes) -> int:
    with site.hq.storage.read() as conn:
        return uploads.state(conn, hashlib.sha256(photo).hexdigest(), device.device_id).offset


@pytest.mark.parametrize("site", BACKENDS, indirect=True)
def test_an_upload_cut_midway_resumes_at_the_next_sync_without_starting_over(
    site: Site, make_device: Callable[..., Device], samples: Any
) -> None:
    device = make_device(site, bundles=0)
    photo = _with_photo(device, samples)
    # The third chunk is cut 100 kB in, and this client does not retry: the sync fails.
    site.proxy.script([Fault.cut_request(100_000, match=PATCH, skip=2)])
    report = device.client(attempts=1).sync()
    assert report.error is not None and "cannot be reached" in report.error, report.sentence()
    [cut] = site.proxy.fired()
    assert cut.outcome == "cut" and not cut.request_whole.is_set()
    assert _held_at_hq(site, photo) is None
    assert _partial_at_hq(site, device, photo) == 2 * CHUNK  # the two chunks before the cut, kept

    site.proxy.clear()
    again = device.client().sync()
    assert again.ok, again.sentence()
    assert again.attachments_sent == 1
    sent = sum(link.up_bytes for link in site.proxy.scripted())
    assert len(photo) - 2 * CHUNK < sent < len(photo)
    assert _held_at_hq(site, photo) == photo
    assert _partial_at_hq(site, device, photo) == len(photo)


@pytest.mark.parametrize("site", BACKENDS, indirect=True)
def test_a_cut_chunk_and_a_lost_answer_are_mended_within_one_sync(
    site: Site, make_device: Callable[..., Device], samples: Any
) -> None:
    device = make_device(site, bundles=0)
    photo = _with_photo(device, samples)
    # The third chunk is cut on its way (HQ never gets it whole); its retry reaches HQ,
    # which keeps it, but the answer is lost: the next retry is refused (409) and the
    # device asks HQ where to go on from.
    site.proxy.script(
        [
            Fault.cut_request(100_000, match=PATCH, skip=2),
            Fault.cut_response(20, match=PATCH),
        ]
    )
    report = device.client().sync()
    assert report.ok, report.sentence()
    assert report.attachments_sent == 1
    assert [link.outcome for link in site.proxy.fired()] == ["cut", "cut"]
    assert _held_at_hq(site, photo) == photo
    # Beyond the file, only the part cut off and the one chunk refused as held went up.
    sent = sum(link.up_bytes for link in site.proxy.scripted())
    assert len(photo) + CHUNK + 100_000 < sent < len(photo) + CHUNK + 100_000 + 32 * 1024
