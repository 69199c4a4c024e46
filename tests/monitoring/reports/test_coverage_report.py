"""The coverage report of a region: the dashboard's tables as a file, in full for the regency's officers and
with small counts withheld for a monitor or in the public version."""

import pytest

from jaring.audit.models import AuditEvent
from jaring.monitoring.reports.services import ReportNotFound, coverage_report_render

from .helpers import pdf_text, xlsx_values


def render(user, code="35.03", fmt="xlsx", **kwargs):
    return coverage_report_render(code=code, year=2026, fmt=fmt, actor=user, **kwargs)


def region_row(rows, name: str) -> list:
    return next(row for row in rows if row[:2] == [name, f"35.03.{'01' if name == 'Panggul' else '11'}"])


def test_the_verifier_gets_every_count_per_kecamatan(users, billed):
    rows = xlsx_values(render(users["verifikator"]).content)
    assert region_row(rows, "Panggul")[2] == 3
    assert region_row(rows, "Trenggalek")[2] == 1
    assert ["Wilayah", ": Kabupaten Trenggalek (35.03)"] in rows


def test_without_a_region_the_reader_gets_their_own_scope(users, billed):
    rows = xlsx_values(render(users["perencana"], code=None).content)
    assert ["Wilayah", ": Kabupaten Trenggalek (35.03)"] in rows


def test_a_monitor_gets_small_counts_withheld(users, billed):
    report = render(users["pemantau"])
    rows = xlsx_values(report.content)
    assert region_row(rows, "Panggul")[2] == "x"
    assert region_row(rows, "Trenggalek")[2] == "x"
    assert report.filename == "cakupan-35.03-2026-publik.xlsx"
    assert not any("SUTRISNO" in str(cell) for row in rows for cell in row)


def test_a_figure_that_does_not_exist_is_left_empty_not_withheld(users, billed):
    """No workforce denominator is loaded: the coverage-rate table has covered workers and the target (100%)."""
    full = xlsx_values(render(users["verifikator"]).content)
    assert ["Panggul", "35.03.01", 3, 100] in full
    public = xlsx_values(render(users["pemantau"]).content)
    assert ["Panggul", "35.03.01", "x", "x", 100] in public  # covered withheld, and the rate computed from it


def test_the_public_version_withholds_small_counts_for_an_officer_too(users, billed):
    text = pdf_text(render(users["verifikator"], fmt="pdf", public=True).content)
    assert "kepesertaan berlaku di Kabupaten Trenggalek: x terlindungi" in text
    assert "Angka 1 sampai 4 ditulis x" in text
    assert "Halaman 1 dari" in text


def test_the_pdf_states_the_scope_year_and_figures(users, billed):
    text = pdf_text(render(users["verifikator"], fmt="pdf").content)
    assert "LAPORAN CAKUPAN KEPESERTAAN BPJS KETENAGAKERJAAN" in text
    assert "Pada April 2026, 4 kepesertaan berlaku di Kabupaten Trenggalek" in text
    assert "Panggul 35.03.01 3" in text


def test_a_village_operator_gets_her_desa_but_not_the_regency(users, billed):
    rows = xlsx_values(render(users["operator_besuki"], code="35.03.01.2001").content)
    assert ["Wilayah", ": Desa Besuki (35.03.01.2001)"] in rows
    with pytest.raises(ReportNotFound):
        render(users["operator_besuki"])


def test_a_download_is_audited(users, billed):
    render(users["pemantau"], fmt="pdf")
    event = AuditEvent.objects.get(action="report.coverage")
    assert (event.actor, event.region_code, event.detail["aggregate_only"]) == (users["pemantau"], "35.03", True)
