"""The yearly report to the regent: the year's programs, decrees, memberships and their ends, money and
coverage, in sentences and tables; for the regency's verifier, planner and approving official."""

import pytest

from jaring.monitoring.reports.services import ReportNotFound, ReportRefused, yearly_report_render

from .helpers import pdf_text, xlsx_values


def render(user, fmt="pdf", regency="35.03"):
    return yearly_report_render(regency_code=regency, year=2026, fmt=fmt, actor=user)


def test_the_report_tells_the_year_in_sentences(users, amended, decree):
    text = " ".join(pdf_text(render(users["verifikator"]).content).split())
    assert "LAPORAN TAHUNAN KEPADA BUPATI TRENGGALEK" in text
    assert "Sampai April 2026, 4 pekerja rentan terlindungi" in text
    assert f"Penerima ditetapkan dengan Keputusan Bupati Trenggalek Nomor {decree.number} tanggal 20 Desember 2025 " \
           f"untuk 4 orang, dan diubah 1 kali (Nomor {amended.number} tanggal 10 Maret 2026)." in text  # fmt: skip
    assert "Sebanyak 4 penerima telah terdaftar di BPJS Ketenagakerjaan dengan nomor KPJ." in text
    assert "Sepanjang 2026, 1 kepesertaan berakhir: 1 meninggal dunia; 1 penerima pengganti ditetapkan dari " \
           "daftar tunggu." in text  # fmt: skip
    assert "Iuran yang ditagihkan sebesar Rp201.600 dan telah dibayar Rp50.400 (2,3% dari alokasi Rp2.217.600); " \
           "tunggakan Rp151.200." in text  # fmt: skip
    assert "Halaman 1 dari" in text


def test_the_workbook_holds_the_decrees_money_and_kecamatan(users, amended, decree):
    rows = xlsx_values(render(users["pejabat"], fmt="xlsx").content)
    numbers = [row[2] for row in rows if len(row) > 2 and row[1] in ("SK Bupati", "SK perubahan")]
    assert numbers == [decree.number, amended.number]
    assert ["APBD Trenggalek", 2_016_000, 151_200, 50_400, 100_800, 2.5] in rows
    assert ["Panggul", 3, 3, 0] in rows
    assert ["Berakhir tahun 2026: meninggal dunia", 1] in rows


def test_only_the_regencys_verifier_planner_and_official_get_it(users, billed):
    assert render(users["perencana"], fmt="xlsx").filename == "laporan-tahunan-35.03-2026.xlsx"
    for role in ("operator_besuki", "bpjs", "pemantau"):
        with pytest.raises(ReportRefused):
            render(users[role])


def test_another_regency_is_not_found(users, billed):
    with pytest.raises(ReportNotFound):
        render(users["verifikator"], regency="35.04")
