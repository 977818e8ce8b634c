"""The signature boxes of an original seizure receipt: the person, the seizing officer, the witness.

The person's box comes first and must be filled in: a signature, or "declined
to sign" with the officer's note. An officer who does not sign on screen signs
the paper (the receipt then has an empty line). A copy carries the original's
signatures, so the boxes are for the first print only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from fieldapp.errors import Problem
from fieldapp.services.receipts import SignatureInput
from ui.context import UiContext
from ui.messages import problem_text
from ui.receipts.subject import ReceiptSubject
from ui.records.labels import Labels
from ui.signatures import SignatureCapture


class SignaturePanel(QWidget):
    """The boxes to sign in, under a heading, scrolling when the window is short."""

    #: Something was drawn, cleared, declined or noted in one of the boxes.
    changed = Signal()

    def __init__(
        self, ctx: UiContext, subject: ReceiptSubject | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.labels = Labels(ctx, self)
        self.person_box: SignatureCapture | None = None
        self.officer_box: SignatureCapture | None = None
        self.witness_box: SignatureCapture | None = None
        if subject is not None and not subject.is_transfer:
            if subject.person_present:
                self.person_box = SignatureCapture("person", self._person_name(subject))
            self.officer_box = SignatureCapture(
                "officer", self.labels.officer_name(subject.officer_id or ""), can_decline=False
            )
            if subject.witness_id:
                self.witness_box = SignatureCapture(
                    "witness", self.labels.officer_name(subject.witness_id), can_decline=False
                )
        #: The boxes shown, the person's first: it is the one that must be filled in.
        self.boxes = [
            box for box in (self.person_box, self.officer_box, self.witness_box) if box is not None
        ]
        #: The boxes whose marks went to the core last, in order (its problems name them by index).
        self.sent: list[SignatureCapture] = []

        self.heading = QLabel(self)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        for box in self.boxes:
            _ElidedName(box.name)
            column.addWidget(box)
            box.changed.connect(self.changed)
        column.addStretch(1)
        self.area = QScrollArea(self)
        self.area.setWidget(holder)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.area, 1)
        self.retranslate()

    def _person_name(self, subject: ReceiptSubject) -> str:
        name = subject.seized_from
        if isinstance(name, str):
            return name
        if isinstance(name, dict):
            return self.labels.empty(name)
        return ""

    def focus_chain(self) -> list[QWidget]:
        """The boxes' fields in Tab order."""
        chain: list[QWidget] = []
        for box in self.boxes:
            chain += [box.pad, box.declined, box.note, box.clear_button]
        return chain

    def inputs(self, preview: bool = False) -> tuple[SignatureInput, ...]:
        """What each box holds, for the core (empty boxes are left out: signed on paper).

        For the preview, "declined" counts only once its note is written: the
        core refuses a refusal without a note, and the note is being typed.
        """
        out = []
        sent = []
        for box in self.boxes:
            value = box.value()
            if value is None or (preview and value.declined and not value.note):
                continue
            out.append(SignatureInput(value.role, value.png, value.declined, value.note))
            sent.append(box)
        if not preview:
            self.sent = sent
        return tuple(out)

    def check(self) -> bool:
        """Show what is missing beside each box (the person's is required), and go there."""
        missing = [box for box in self.boxes if not box.check(required=box is self.person_box)]
        if not missing:
            return True
        first = missing[0]
        self.area.ensureWidgetVisible(first)
        (first.note if first.is_declined() else first.pad).setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def show_problems(self, problems: Sequence[Problem]) -> bool:
        """Put the core's objections to the signatures sent last beside their boxes."""
        shown = False
        for problem in problems:
            path = problem.path
            index = path[1] if len(path) > 1 and path[0] == "signatures" else None
            if isinstance(index, int) and index < len(self.sent):
                self.sent[index].problem.show_messages([problem_text(problem, self.ctx.language)])
                shown = True
        return shown

    def retranslate(self) -> None:
        """Every caption in the current language (the boxes translate themselves)."""
        self.heading.setText(self.tr("Signatures"))
        self.hint.setText(
            self.tr(
                "They are printed on the original. An officer who does not sign here "
                "signs the paper."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.labels.retranslate()
            self.retranslate()
        super().changeEvent(event)


class _ElidedName(QObject):
    """Keeps a signer's name on one line beside the box's title, shortened with "…" if need be.

    A long name must neither widen the panel past its pad nor be cut off
    mid-letter; the whole name is in the tooltip.
    """

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label
        self.name = label.text()
        label.setWordWrap(False)
        label.setMinimumWidth(0)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setToolTip(self.name)
        label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Shorten the name again whenever the label is resized."""
        if watched is self.label and event.type() == QEvent.Type.Resize:
            metrics = self.label.fontMetrics()
            text = metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, self.label.width())
            if text != self.label.text():
                self.label.setText(text)
        return False
