"""Opening a profile from the command line with an officer's credentials.

Commands read ``FIELDAPP_OFFICER`` and ``FIELDAPP_PASSWORD`` (for automation),
or ask in the terminal (the password without echo). An encrypted profile
opens only this way. A plain profile that an officer can sign in to (made
before encryption) is encrypted in place by the first command given
credentials; without credentials, or when nobody could sign in to it yet (not
enrolled), it is opened as it is, as before
(docs/decisions/017-encryption-at-rest.md).
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from fieldapp.auth import Officer
from fieldapp.errors import KnownError
from fieldapp.profile import Profile, exists, is_encrypted

ENV_OFFICER = "FIELDAPP_OFFICER"
ENV_PASSWORD = "FIELDAPP_PASSWORD"


def from_environment() -> tuple[str, str] | None:
    """``(officer, password)`` from the environment, when both are set."""
    officer = os.environ.get(ENV_OFFICER, "").strip()
    password = os.environ.get(ENV_PASSWORD)
    return (officer, password) if officer and password else None


def ask(
    prompt: Callable[[str], str] = input,
    secret: Callable[[str], str] = getpass.getpass,
) -> tuple[str, str] | None:
    """The environment's credentials, else the terminal's answers; None without a terminal."""
    found = from_environment()
    if found is not None:
        return found
    if not sys.stdin.isatty():
        return None
    officer = os.environ.get(ENV_OFFICER, "").strip() or prompt("Officer id: ").strip()
    return officer, secret(f"Password for {officer}: ")


def open_signed_in(data_dir: Path) -> tuple[Profile, Officer | None]:
    """The profile opened with an officer's credentials (None: a plain profile, nobody asked)."""
    if not exists(data_dir):
        return Profile.open(data_dir), None  # says there is no profile
    from fieldapp.auth import Authenticator
    from fieldapp.unlock import unlock

    if not is_encrypted(data_dir):
        profile = Profile.open(data_dir)
        try:
            if not Authenticator(profile.store).has_credentials():
                return profile, None  # plain, and nobody could sign in to it yet
            credentials = ask()
        except BaseException:
            profile.close()
            raise
        if credentials is None:
            return profile, None
        profile.close()
        return unlock(data_dir, *credentials)
    credentials = ask()
    if credentials is None:
        raise KnownError(
            f"The profile in {data_dir} is encrypted: set FIELDAPP_OFFICER and "
            "FIELDAPP_PASSWORD, or run the command in a terminal to be asked."
        )
    return unlock(data_dir, *credentials)


def create_for_seed(data_dir: Path) -> Profile:
    """A new profile for ``fieldapp seed``: encrypted when credentials are in the environment.

    Every officer of the bundled reference data gets that password (a test or
    demonstration profile, never an officer's real one).
    """
    credentials = from_environment()
    if credentials is None:
        return Profile.open(data_dir, create=True)
    from fieldapp.demo import create_demo_profile

    officer, password = credentials
    return create_demo_profile(data_dir, 0, encrypt=True, officer=officer, password=password)


def open_or_create(data_dir: Path) -> Profile:
    """For enrollment: an existing profile opened with credentials, else a new plain one."""
    if exists(data_dir):
        return open_signed_in(data_dir)[0]
    return Profile.open(data_dir, create=True)
