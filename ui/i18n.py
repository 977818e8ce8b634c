"""English and Spanish at run time, without a restart.

English is the language of the source strings, so English means no translator
installed. Switching to Spanish installs a QTranslator for
``resources/i18n/fieldapp_es.qm`` (and Qt's own ``qtbase_es.qm`` for standard
dialog buttons); Qt then sends every widget a ``LanguageChange`` event and each
screen calls its ``retranslate()``. Reference data names follow
``ctx.language``, announced by ``ctx.signals.language_changed``.

The installed translators are children of the application object with known
object names, so any :class:`Translator` (the start-up one, the one on the
settings page) finds and replaces them: Qt's translator list is the one
application-wide state, and nothing else is kept beside it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator

from fieldapp.profile import Profile
from fieldapp.resources import ResourcesNotFoundError, resources_dir
from ui.context import UiContext

log = logging.getLogger(__name__)

#: Languages the program speaks; the first is the source language.
LANGUAGES = ("en", "es")
#: Key of the officer's choice in the profile's ``settings`` table.
SETTING_KEY = "language"

_APP_TRANSLATOR = "fieldapp-translator"
_QT_TRANSLATOR = "fieldapp-qt-translator"


def qm_path(lang: str) -> Path | None:
    """Where the compiled translation of ``lang`` should be, or None without resources."""
    try:
        return resources_dir() / "i18n" / f"fieldapp_{lang}.qm"
    except ResourcesNotFoundError:
        return None


def saved_language(conn: sqlite3.Connection) -> str | None:
    """The language chosen earlier on this profile, if any (one indexed read)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING_KEY,)).fetchone()
    if row is None or row[0] not in LANGUAGES:
        return None
    return str(row[0])


def save_language(profile: Profile, lang: str) -> None:
    """Remember the language on the profile (runs on the writer thread)."""
    with profile.store.transaction() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTING_KEY, lang),
        )


class Translator(QObject):
    """Installs and removes the program's translators and tells the screens."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    @staticmethod
    def installed(app: QCoreApplication) -> str:
        """The language whose translator is installed now ("en" when none)."""
        found = app.findChild(QTranslator, _APP_TRANSLATOR)
        return found.language().split("_")[0] if found is not None else "en"

    def set_language(self, app: QCoreApplication, lang: str, *, remember: bool = True) -> str:
        """Switch the whole program to ``lang``; returns the language actually in use.

        A missing translation file is logged and English is used: the program
        stays usable, only in the source language.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        lang_used = lang
        if self.installed(app) != lang:
            self._remove(app)
            if lang != "en" and not self._install(app, lang):
                lang_used = "en"
        if remember:
            # The officer's choice is kept even if this build lacks the file.
            self.ctx.writer.submit(lambda profile: save_language(profile, lang))
        if lang_used != self.ctx.language:
            self.ctx.language = lang_used
            self.ctx.signals.language_changed.emit(lang_used)
        return lang_used

    def restore(self, app: QCoreApplication) -> str:
        """Use the language remembered on the profile (English if none)."""
        lang = saved_language(self.ctx.ui_conn) or "en"
        return self.set_language(app, lang, remember=False)

    @staticmethod
    def _install(app: QCoreApplication, lang: str) -> bool:
        path = qm_path(lang)
        translator = QTranslator(app)
        translator.setObjectName(_APP_TRANSLATOR)
        if path is None or not translator.load(str(path)):
            log.warning("no translation file %s for %r; the program stays in English", path, lang)
            translator.setParent(None)
            translator.deleteLater()
            return False
        # Qt's own strings (OK, Cancel, Yes, No in standard dialogs); optional.
        qt = QTranslator(app)
        qt.setObjectName(_QT_TRANSLATOR)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{lang}", qt_dir):
            app.installTranslator(qt)
        else:
            qt.setParent(None)
            qt.deleteLater()
        app.installTranslator(translator)
        return True

    @staticmethod
    def _remove(app: QCoreApplication) -> None:
        for name in (_APP_TRANSLATOR, _QT_TRANSLATOR):
            found = app.findChild(QTranslator, name)
            if found is not None:
                app.removeTranslator(found)
                found.setParent(None)
                found.deleteLater()
