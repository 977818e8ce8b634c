"""The settings page: language, idle lock, and which profile and device this is.

Switching the language takes effect at once on every open screen (see
:mod:`ui.i18n`) and is remembered on the profile. The profile folder, device id
and device code are shown so that HQ staff and support can identify the
device without a command line.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from fieldapp import __version__
from ui.context import UiContext
from ui.i18n import LANGUAGES, Translator
from ui.idle import idle_minutes, save_idle_minutes

#: Each language is offered under its own name, whatever the current language.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class SettingsPage(QWidget):
    """Language switch and the identity of this profile and device."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.translator = Translator(ctx, self)

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.language_label = QLabel(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language")
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.language_combo.setCurrentIndex(LANGUAGES.index(ctx.language))
        self.language_label.setBuddy(self.language_combo)

        self.idle_label = QLabel(self)
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setObjectName("idle_lock_minutes")
        self.idle_spin.setRange(1, 120)
        self.idle_spin.setValue(max(1, round(idle_minutes(ctx.ui_conn))))
        self.idle_label.setBuddy(self.idle_spin)

        device = ctx.writer.profile.store.device
        self.folder_label, self.folder_value = QLabel(self), QLabel(str(ctx.data_dir), self)
        self.device_label, self.device_value = QLabel(self), QLabel(device.device_id, self)
        self.code_label, self.code_value = QLabel(self), QLabel(device.device_code, self)
        self.version_label, self.version_value = QLabel(self), QLabel(__version__, self)
        for value in (self.folder_value, self.device_value, self.code_value, self.version_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_value.setObjectName("profile_folder")
        self.device_value.setObjectName("device_id")
        self.code_value.setObjectName("device_code")

        self.language_combo.setMinimumWidth(200)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(24)
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.idle_label, self.idle_spin)
        form.addRow(self.folder_label, self.folder_value)
        form.addRow(self.device_label, self.device_value)
        form.addRow(self.code_label, self.code_value)
        form.addRow(self.version_label, self.version_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)

        self.language_combo.currentIndexChanged.connect(self._language_picked)
        self.idle_spin.valueChanged.connect(self._idle_picked)
        ctx.signals.language_changed.connect(self._language_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.heading.setText(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language"))
        self.language_combo.setToolTip(self.tr("Changes every screen at once."))
        self.idle_label.setText(self.tr("Lock after &idle"))
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setToolTip(
            self.tr("Without keyboard or mouse for this long, the program locks; drafts are kept.")
        )
        self.folder_label.setText(self.tr("Profile folder"))
        self.device_label.setText(self.tr("Device id"))
        self.code_label.setText(self.tr("Device code"))
        self.version_label.setText(self.tr("Program version"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> str:
        """Switch the program's language; returns the language in use afterwards."""
        app = QCoreApplication.instance()
        if app is None:  # pragma: no cover - a widget exists only inside an application
            return self.ctx.language
        used = self.translator.set_language(app, lang)
        if used != lang:
            self.ctx.signals.message.emit(
                self.tr("{0} is not available in this build; the program stays in English.").format(
                    LANGUAGE_NAMES[lang]
                )
            )
        self._language_changed(used)
        return used

    def _idle_picked(self, minutes: int) -> None:
        """Remember the idle-lock minutes; they apply from the next sign-in."""
        self.ctx.writer.submit(lambda profile: save_idle_minutes(profile, minutes))

    def _language_picked(self, index: int) -> None:
        lang = self.language_combo.itemData(index)
        if lang and lang != self.ctx.language:
            self.set_language(str(lang))

    def _language_changed(self, lang: str) -> None:
        index = LANGUAGES.index(lang)
        if self.language_combo.currentIndex() != index:
            self.language_combo.blockSignals(True)
            self.language_combo.setCurrentIndex(index)
            self.language_combo.blockSignals(False)
