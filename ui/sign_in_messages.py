"""Why signing in or unlocking failed, as a sentence in the officer's language.

The core's :class:`fieldapp.auth.SignInFailed` and
:class:`fieldapp.keys.UnlockFailed` say what happened in fields (attempts left,
an inactive officer, no key for the officer on this device) beside an English
``message``; the windows show the sentence made here from those fields.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from fieldapp.auth import SignInFailed
from fieldapp.errors import KnownError
from fieldapp.keys import UnlockFailed


class SignInMessages(QObject):
    """Sentences for failed sign-ins and unlocks, in the current language."""

    def failure(self, error: KnownError, officer_id: str) -> str:
        """The sentence for ``error`` when ``officer_id`` tried to sign in or unlock."""
        if isinstance(error, UnlockFailed):
            if error.no_entry_for is not None:
                return self.tr(
                    "{0} has not signed in on this device yet, so the encrypted profile "
                    "cannot be opened with that account. An officer who has signed in here "
                    "before must unlock it first; then sign in at the locked screen."
                ).format(error.no_entry_for)
            return self.tr("Unknown officer id or wrong password.")
        if isinstance(error, SignInFailed):
            if error.locked_until is not None:
                return self.locked(officer_id, error.locked_until.astimezone().strftime("%H:%M"))
            if error.inactive:
                return self.tr("{0} is not an active officer on this device any more.").format(
                    officer_id
                )
            if error.attempts_left is not None:
                return self.tr(
                    "Unknown officer id or wrong password ({0} attempt(s) left before a lockout)."
                ).format(error.attempts_left)
            return self.tr("Unknown officer id or wrong password.")
        # Other expected failures (a damaged profile, a full disk) keep the core's sentence.
        return error.message

    def locked(self, officer_id: str, until: str) -> str:
        """Too many wrong passwords: locked until ``until`` (a wall time such as 14:05)."""
        return self.tr(
            "Too many wrong passwords: {0} is locked on this device until {1}. "
            "Ask a supervisor if you cannot wait."
        ).format(officer_id, until)
