"""``jaring report coverage|village|yearly``: the system prints any region's report to a file, audited as the
command line."""

import pytest
from django.core.management import CommandError, call_command

from jaring.audit.models import AuditEvent

from ...conftest import BESUKI
from .helpers import pdf_text, xlsx_values


def test_the_coverage_report_is_written_in_full_or_public(billed, tmp_path):
    out = tmp_path / "cakupan.xlsx"
    call_command("report", "coverage", "--scope", "3503", "--year", "2026", "--out", str(out))
    assert any(row[:3] == ["Panggul", "35.03.01", 3] for row in xlsx_values(out.read_bytes()))
    call_command("report", "coverage", "--scope", "35.03", "--year", "2026", "--public", "--out", str(out))
    assert any(row[:3] == ["Panggul", "35.03.01", "x"] for row in xlsx_values(out.read_bytes()))
    event = AuditEvent.objects.filter(action="report.coverage").first()
    assert (event.actor, event.actor_label) == (None, "baris perintah")


def test_the_village_list_is_written_as_pdf_from_the_file_name(billed, candidates, tmp_path):
    out = tmp_path / "besuki.pdf"
    call_command("report", "village", "--village", BESUKI, "--program", "pr-2026", "--month", "2026-01",
                 "--out", str(out))  # fmt: skip
    text = pdf_text(out.read_bytes())
    assert "SUTRISNO" in text and "iuran Januari 2026 sudah dibayar untuk 2 orang" in text
    assert candidates["SUTRISNO"].person.nik not in text
    assert "oleh baris perintah" in text


def test_the_yearly_report_is_written(billed, tmp_path):
    out = tmp_path / "tahunan.pdf"
    call_command("report", "yearly", "--regency", "35.03", "--year", "2026", "--format", "pdf", "--out", str(out))
    assert "LAPORAN TAHUNAN KEPADA BUPATI TRENGGALEK" in pdf_text(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["village", "--village", BESUKI, "--program", "pr-2099", "--out", "x.pdf"], "Program 'pr-2099' tidak ada"),
        (["yearly", "--regency", "35.99", "--out", "x.pdf"], "Wilayah 35.99 tidak ada"),
        (["coverage", "--scope", "3x", "--out", "x.pdf"], "tidak sah"),
        (["coverage", "--scope", "35.03", "--out", "laporan.txt"], "Sebutkan --format pdf atau xlsx"),
    ],
)
def test_a_wrong_argument_is_said_in_indonesian(billed, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        call_command("report", *args)
