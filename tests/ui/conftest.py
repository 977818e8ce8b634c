"""Fixtures for the desktop program's tests: an offscreen Qt, a demo profile, a UI context.

Every widget test gets a fresh temporary profile (reference data, the demo
password for every officer, a few finalized records) and a :class:`UiContext`
whose writer and reader threads are shut down after the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_OFFICER, DEMO_PASSWORD, create_demo_profile
from fieldapp.profile import Profile
from fieldapp.store.db import open_reader
from ui.context import UiContext
from ui.tasks import Readers, Writer

UI_RECORDS = 40


@pytest.fixture(scope="session")
def template_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo profile made once per session; tests copy it."""
    data_dir = tmp_path_factory.mktemp("ui-template")
    create_demo_profile(data_dir, records=UI_RECORDS).close()
    return data_dir


@pytest.fixture
def ui_profile(template_profile: Path, tmp_path: Path) -> Iterator[Profile]:
    """An open copy of the demo profile for one test."""
    import sqlite3

    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    source = sqlite3.connect(template_profile / "fieldapp.db")
    target = sqlite3.connect(data_dir / "fieldapp.db")
    source.backup(target)
    source.close()
    target.close()
    profile = Profile.open(data_dir)
    yield profile
    profile.close()


@pytest.fixture
def ctx(ui_profile: Profile, qapp: object) -> Iterator[UiContext]:
    """A UI context over the test profile, signed in as the demo officer."""
    writer = Writer(ui_profile)
    readers = Readers(ui_profile.store.path)
    conn = open_reader(ui_profile.store.path)
    context = UiContext(
        data_dir=ui_profile.data_dir,
        writer=writer,
        readers=readers,
        ui_conn=conn,
        reference_source=ui_profile.reference(),
        demo=True,
    )
    context.officer = Authenticator(ui_profile.store).sign_in(DEMO_OFFICER, DEMO_PASSWORD)
    context.shift = ui_profile.services.shifts.open(DEMO_OFFICER, "US-SYS")
    yield context
    context.stop_sync()
    writer.shutdown()
    readers.shutdown()
    conn.close()
