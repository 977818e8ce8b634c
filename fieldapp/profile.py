"""Profiles: where an officer's device keeps its data, and opening it ready for use.

The default profile lives in the platform's user data folder (platformdirs:
``%LOCALAPPDATA%`` on Windows, ``~/Library/Application Support`` on macOS,
``~/.local/share`` on Linux); ``--data-dir`` or ``FIELDAPP_DATA_DIR`` choose
another one, and the demo uses a throwaway one.

A profile with a ``keyring.json`` is encrypted: it opens only with the key an
officer's password unwraps (:func:`fieldapp.unlock.unlock`).
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from fieldapp.errors import KnownError
from fieldapp.store.store import DB_FILENAME, Store

if TYPE_CHECKING:
    from fieldapp.keys import KeyRing
    from fieldapp.models.reference import ReferenceData
    from fieldapp.services import FieldServices

APP_NAME = "checkpoint-fieldapp"
ENV_DATA_DIR = "FIELDAPP_DATA_DIR"


def default_data_dir() -> Path:
    """The default profile folder on this platform."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``FIELDAPP_DATA_DIR``, else the platform default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def exists(data_dir: Path) -> bool:
    """True when the folder already holds a profile."""
    return (data_dir / DB_FILENAME).is_file()


def is_encrypted(data_dir: Path) -> bool:
    """True when the profile's database is (or is being) encrypted: it has a keyring."""
    from fieldapp.keys import KeyRing

    return KeyRing.path_in(data_dir).is_file()


class Profile:
    """An opened profile: its store, services and reference data."""

    def __init__(self, data_dir: Path, store: Store) -> None:
        self.data_dir = data_dir
        self.store = store

    @cached_property
    def services(self) -> FieldServices:
        """The application services over this profile's store (built on first use)."""
        # Imported here: the services pull in every record model, which the
        # sign-in window does not need to appear.
        from fieldapp.services import FieldServices

        return FieldServices(self.store)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        create: bool = False,
        key: bytes | None = None,
        keyring: KeyRing | None = None,
    ) -> Profile:
        """Open a profile; with ``create``, make it and load the bundled reference data.

        An encrypted profile needs its ``key`` (see :func:`fieldapp.unlock.unlock`).
        """
        if not create and not exists(data_dir):
            raise KnownError(
                f"There is no profile in {data_dir}. Create one with `fieldapp seed` "
                "or enroll this device."
            )
        if key is None and is_encrypted(data_dir):
            raise KnownError(
                f"The profile in {data_dir} is encrypted: sign in to open it (the command "
                "line reads FIELDAPP_OFFICER and FIELDAPP_PASSWORD, or asks)."
            )
        store = Store.in_dir(data_dir, key=key, keyring=keyring)
        profile = cls(data_dir, store)
        if store.reference_data() is None:
            from fieldapp.reference import load_reference

            profile.load_reference(load_reference())
        return profile

    def load_reference(self, reference: ReferenceData) -> None:
        """Cache reference data (bundled now; from HQ once enrolled)."""
        self.store.set_reference(reference.version, reference.model_dump(mode="json"))

    def reference(self) -> ReferenceData:
        """The cached reference data as models."""
        # Imported here: the models are not needed for the sign-in window.
        from fieldapp.models.reference import ReferenceData
        from fieldapp.reference import load_reference

        raw = self.store.reference_data()
        if raw is None:
            return load_reference()
        return ReferenceData.model_validate(raw)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
