"""``fieldapp-hq enroll-code`` shows the one-time code as a QR code too, for a phone to read."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import segno
from sqlalchemy import func, select

from sync.hq import schema
from sync.hq.cli import enroll_qr_text, main
from sync.hq.service import Headquarters

BLOCKS = ("\u2580", "\u2584", "\u2588")  # upper half, lower half, full block

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def hq_url(hq_db: Path) -> str:
    """HQ on a SQLite file only: printing does not depend on the database."""
    return str(hq_db)


@pytest.fixture
def run(hq_url: str, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``fieldapp-hq --db HQ_URL ARGS...``: (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--db", hq_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _drawn(text: str) -> str:
    out = io.StringIO()
    segno.make(text, error="m", micro=False).terminal(out=out, compact=True)
    return out.getvalue()


def _has_qr(text: str) -> bool:
    return any(block in text for block in BLOCKS)


def test_qr_carries_the_code_under_it_on_stdout(run: Run) -> None:
    status, out, err = run("enroll-code", "--device-name", "lane 4", "--qr")
    assert status == 0
    code, _, qr = out.partition("\n")
    assert len(code) == 19 and code.count("-") == 3
    assert _has_qr(qr) and qr == _drawn(code)
    assert enroll_qr_text(code, None) == code
    assert "cannot be shown again" in err and not _has_qr(err)


def test_qr_carries_hqs_address_when_given(run: Run) -> None:
    status, out, err = run(
        "enroll-code", "--device-name", "lane 5", "--qr", "--hq-url", "https://hq.example.org/"
    )
    assert status == 0
    code, _, qr = out.partition("\n")
    # An https:// HQ: the device's command must name the authority to pin, or it is refused.
    expected = f"fieldapp enroll --hq https://hq.example.org --code {code} --ca ca.crt"
    assert enroll_qr_text(code, "https://hq.example.org") == expected
    assert qr == _drawn(expected)
    assert "https://hq.example.org" in err and "copy ca.crt" in err

    status, out, err = run(
        "enroll-code",
        "--device-name",
        "lane 6",
        "--qr",
        "--hq-url",
        "https://hq.example.org",
        "--system-ca",
    )
    code, _, qr = out.partition("\n")
    assert qr == _drawn(f"fieldapp enroll --hq https://hq.example.org --code {code} --system-ca")
    assert "copy ca.crt" not in err
    # Plain HTTP on the laptop itself (the demo) needs no authority.
    assert enroll_qr_text("C", "http://127.0.0.1:8765") == (
        "fieldapp enroll --hq http://127.0.0.1:8765 --code C"
    )


def test_no_qr_and_no_terminal_print_only_the_code(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run("enroll-code", "--device-name", "lane 6", "--no-qr")
    assert status == 0 and not _has_qr(out) and len(out.strip()) == 19
    status, out, _ = run("enroll-code", "--device-name", "lane 7")  # captured: not a terminal
    assert status == 0 and not _has_qr(out) and len(out.strip()) == 19
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, out, _ = run("enroll-code", "--device-name", "lane 8")
    assert status == 0 and _has_qr(out)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, out, _ = run("enroll-code", "--device-name", "lane 9", "--no-qr")
    assert status == 0 and not _has_qr(out)


def test_qr_and_no_qr_together_is_bad_usage(run: Run) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("enroll-code", "--device-name", "lane 4", "--qr", "--no-qr")
    assert stopped.value.code == 2


def test_a_bad_hq_address_is_refused_before_a_code_is_made(run: Run, hq_url: str) -> None:
    status, out, err = run("enroll-code", "--device-name", "lane 4", "--hq-url", "hq.example")
    assert status == 1 and out == ""
    assert err.startswith("fieldapp-hq: ") and "not HQ's web address" in err
    with Headquarters.open(hq_url) as hq, hq.storage.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.enroll_codes)).scalar() == 0
