"""The village office's recipient list: the desa's current recipients with masked NIKs, their KPJ, membership
and this month's payment; for the desa's operator and the regency's officers, never for a monitor."""

import datetime as dt

import pytest

from jaring.audit.models import AuditEvent
from jaring.core.privacy import mask_nik
from jaring.monitoring.reports.services import ReportNotFound, ReportRefused, village_list_render

from ...billing.conftest import JANUARY
from ...conftest import BESUKI, NGARES
from .helpers import pdf_text, xlsx_values


def render(user, fmt="xlsx", village=BESUKI, **kwargs):
    return village_list_render(village_code=village, program_code="pr-2026", fmt=fmt, actor=user, **kwargs)


def test_the_village_operator_gets_her_desas_recipients_with_masked_niks_only(users, billed, candidates):
    report = render(users["operator_besuki"], month=JANUARY)
    rows = xlsx_values(report.content)
    cells = [str(cell) for row in rows for cell in row]
    for name in ("SUTRISNO", "PAIMAN", "WAGIYO"):
        nik = candidates[name].person.nik
        assert mask_nik(nik) in cells
        assert not any(nik in cell for cell in cells)
    assert "AGUS" not in cells  # Ngares
    sutrisno = next(row for row in rows if "SUTRISNO" in row)
    assert sutrisno[-4:-1] == [
        "17010000001",
        "Menunggak",
        dt.datetime(2026, 1, 1),
    ]  # lapsed: nothing paid since January
    assert sutrisno[-1] == "Belum dibayar"  # the APBDes has not paid January
    assert next(row for row in rows if "PAIMAN" in row)[-1] == "Lunas"
    assert report.filename == f"penerima-pr-2026-{BESUKI}.xlsx"


def test_the_pdf_names_the_regency_kecamatan_desa_and_decree_with_page_numbers(users, billed, candidates, decree):
    text = pdf_text(render(users["verifikator"], fmt="pdf", month=JANUARY).content)
    assert "Kabupaten/Kota : Kabupaten Trenggalek" in text
    assert "Kecamatan : Panggul" in text
    assert "Desa/Kelurahan : Desa Besuki" in text
    assert f"Nomor SK : {decree.number} tanggal 20 Desember 2025" in text
    assert "Jumlah penerima: 3 orang; iuran Januari 2026 sudah dibayar untuk 2 orang." in text
    assert mask_nik(candidates["SUTRISNO"].person.nik) in text
    assert candidates["SUTRISNO"].person.nik not in text
    assert "Kepala Desa Besuki" in text
    assert "Halaman 1 dari 1" in text


def test_a_month_not_yet_billed_reads_not_billed(users, billed):
    rows = xlsx_values(render(users["bpjs"], month=JANUARY.replace(month=6)).content)
    assert next(row for row in rows if "SUTRISNO" in row)[-1] == "Belum ditagih"


def test_a_recipient_removed_by_an_amendment_leaves_the_list_and_the_replacement_joins(users, amended):
    rows = xlsx_values(render(users["pejabat"]).content)
    names = {cell for row in rows for cell in row}
    assert "WAGIYO" not in names
    sumini = next(row for row in rows if "SUMINI" in row)
    assert "Belum terdaftar" in sumini  # no membership with BPJS yet


def test_every_download_is_audited_with_its_reader(users, billed):
    render(users["operator_besuki"], fmt="pdf")
    event = AuditEvent.objects.get(action="report.village_list")
    assert (event.actor, event.region_code, event.detail["rows"]) == (users["operator_besuki"], BESUKI, 3)


def test_the_operator_of_another_desa_gets_nothing(users, billed):
    with pytest.raises(ReportNotFound):
        render(users["operator_ngares"])
    assert not AuditEvent.objects.filter(action="report.village_list").exists()


def test_a_monitor_is_refused_the_names(users, billed):
    with pytest.raises(ReportRefused):
        render(users["pemantau"])


def test_a_regency_officer_gets_any_desa_of_the_regency(users, billed):
    rows = xlsx_values(render(users["perencana"], village=NGARES).content)
    assert any("AGUS" in row for row in rows)
    assert not any("SUTRISNO" in row for row in rows)
