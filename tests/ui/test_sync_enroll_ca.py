"""The enrollment form's certificate authority field: chosen with a file picker, kept with the
enrollment, and its problems said beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.store.syncstate import read_enrollment, read_summary
from sync import errors
from sync.hq.tls import TlsFiles, init_tls
from tests.ui.hq_driver import InProcessHq
from ui import sync_enroll
from ui.context import UiContext
from ui.sync_enroll import EnrollForm
from ui.sync_run import CA_FIELD, enroll_problem_field

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[InProcessHq]:
    made = InProcessHq(tmp_path / "hq")
    yield made
    made.close()


@pytest.fixture
def tls_files(tmp_path: Path) -> TlsFiles:
    return init_tls(tmp_path / "tls", ["hq.example.org"]).files


@pytest.fixture
def form(ctx: UiContext, hq: InProcessHq, qtbot: QtBot) -> EnrollForm:
    ctx.sync_client = hq.client
    made = EnrollForm(ctx)
    qtbot.addWidget(made)
    made.show()
    return made


def _enroll(form: EnrollForm, ctx: UiContext, qtbot: QtBot) -> None:
    with qtbot.waitSignal(ctx.sync.enroll_finished, timeout=10_000):
        qtbot.mouseClick(form.enroll_button, Qt.MouseButton.LeftButton)


def test_the_ca_file_is_chosen_with_the_picker_and_kept_with_the_enrollment(
    form: EnrollForm,
    ctx: UiContext,
    hq: InProcessHq,
    tls_files: TlsFiles,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        sync_enroll.QFileDialog,
        "getOpenFileName",
        lambda *args: (str(tls_files.ca_cert), "Certificates (*.crt *.pem *.cer)"),
    )
    qtbot.mouseClick(form.ca_button, Qt.MouseButton.LeftButton)
    assert form.ca_edit.text() == str(tls_files.ca_cert)

    qtbot.keyClicks(form.url_edit, hq.url)
    qtbot.keyClicks(form.code_edit, hq.code("SYS lane 4"))
    with qtbot.waitSignal(form.enrolled, timeout=10_000):
        qtbot.mouseClick(form.enroll_button, Qt.MouseButton.LeftButton)
    enrollment = read_enrollment(ctx.ui_conn)
    assert enrollment is not None
    assert enrollment.hq_ca_pem == tls_files.ca_cert.read_text()


def test_an_https_address_needs_the_ca_file(form: EnrollForm, ctx: UiContext, qtbot: QtBot) -> None:
    qtbot.keyClicks(form.url_edit, "https://hq.example.org")
    qtbot.keyClicks(form.code_edit, "ABCD-EFGH")
    qtbot.mouseClick(form.enroll_button, Qt.MouseButton.LeftButton)
    assert form.ca_error.isVisible() and not form.url_error.isVisible()
    assert form.ca_error.text().startswith("Choose HQ's certificate authority file (ca.crt")
    assert ctx.sync.busy is None
    assert not read_summary(ctx.ui_conn).enrolled


def test_a_file_that_is_no_ca_is_said_beside_the_field(
    form: EnrollForm, ctx: UiContext, hq: InProcessHq, tls_files: TlsFiles, qtbot: QtBot
) -> None:
    qtbot.keyClicks(form.url_edit, hq.url)
    qtbot.keyClicks(form.code_edit, hq.code())
    qtbot.keyClicks(form.ca_edit, str(tls_files.ca_key))
    _enroll(form, ctx, qtbot)
    assert form.ca_error.isVisible()
    assert "is not a PEM certificate" in form.ca_error.text()
    assert not read_summary(ctx.ui_conn).enrolled


def test_a_certificate_from_another_authority_belongs_beside_the_ca_field() -> None:
    assert enroll_problem_field(errors.UntrustedCertificate("not ours")) == CA_FIELD


def test_the_authoritys_fingerprint_typed_in_its_field_enrolls_and_pins_it(
    ctx: UiContext, tmp_path: Path, tls_files: TlsFiles, qtbot: QtBot
) -> None:
    from sync import trust

    ca_pem = trust.read_ca_file(tls_files.ca_cert)
    hq = InProcessHq(tmp_path / "hq-with-ca", ca_pem=ca_pem)
    try:
        ctx.sync_client = hq.client
        form = EnrollForm(ctx)
        qtbot.addWidget(form)
        form.show()
        qtbot.keyClicks(form.url_edit, hq.url)
        qtbot.keyClicks(form.code_edit, hq.code("SYS lane 4"))
        # A fingerprint that is not HQ's authority's: refused beside the field, nothing kept.
        qtbot.keyClicks(form.ca_edit, "ab" * 32)
        _enroll(form, ctx, qtbot)
        assert form.ca_error.isVisible() and "does not match the fingerprint" in (
            form.ca_error.text()
        )
        assert read_enrollment(ctx.ui_conn) is None

        form.ca_edit.clear()
        digest = trust.fingerprint(ca_pem)
        qtbot.keyClicks(form.ca_edit, ":".join(digest[i : i + 2] for i in range(0, 64, 2)))
        with qtbot.waitSignal(form.enrolled, timeout=10_000):
            qtbot.mouseClick(form.enroll_button, Qt.MouseButton.LeftButton)
        enrollment = read_enrollment(ctx.ui_conn)
        assert enrollment is not None and enrollment.hq_ca_pem == ca_pem
    finally:
        hq.close()
