"""The report builders on plain data: what the .xlsx holds and the PDF says, without a database."""

import datetime as dt
from decimal import Decimal

from jaring.monitoring.reports.documents.cells import printed
from jaring.monitoring.reports.documents.coverage_report import CoverageData, coverage_document
from jaring.monitoring.reports.documents.model import Column, Kind, Table, Withheld
from jaring.monitoring.reports.documents.village_list import Recipient, VillageList, village_list_document
from jaring.monitoring.reports.documents.xlsx import document_xlsx
from jaring.monitoring.reports.documents.yearly_data import (
    DecreeLine,
    MoneyLine,
    ProgramLine,
    RegionLine,
    YearlyData,
    end_cause,
)
from jaring.monitoring.reports.documents.yearly_report import yearly_document
from jaring.monitoring.reports.pdf import document_pdf

from .helpers import pdf_text, xlsx_values

PRINTED = dt.datetime(2026, 5, 12, 10, 15)


def village(recipients: list[Recipient]) -> VillageList:
    return VillageList(
        regency="Kabupaten Trenggalek",
        district="Panggul",
        village="Besuki",
        is_kelurahan=False,
        program="Bantuan iuran pekerja rentan 2026",
        decrees=[("188.45/27/2026", dt.date(2025, 12, 20)), ("188.45/30/2026", dt.date(2026, 3, 10))],
        month=dt.date(2026, 5, 1),
        printed_at=PRINTED,
        printed_by="Sri Wahyuni",
        recipients=recipients,
    )


SUTRISNO = Recipient("3503********0001", "SUTRISNO", "Jl. Raya, RT 001 RW 002", "Petani tembakau", "APBDes Besuki",
                     "17010000001", "Aktif", dt.date(2026, 1, 1), True)  # fmt: skip
PAIMAN = Recipient("3503********0002", "=PAIMAN", "", "Buruh tani", "APBD Trenggalek", "", "", None, None)


def test_the_village_list_workbook_holds_the_heading_the_rows_and_the_sign_off():
    rows = xlsx_values(document_xlsx(village_list_document(village([SUTRISNO, PAIMAN]))))
    assert rows[0] == ["DAFTAR PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN"]
    assert ["Kecamatan", ": Panggul"] in rows
    assert [
        "Nomor SK",
        ": 188.45/27/2026 tanggal 20 Desember 2025, diubah dengan 188.45/30/2026 tanggal 10 Maret 2026",
    ] in rows
    sutrisno = next(r for r in rows if "SUTRISNO" in r)
    assert sutrisno[:3] == [1, "3503********0001", "SUTRISNO"]
    assert sutrisno[-4:] == ["17010000001", "Aktif", dt.datetime(2026, 1, 1), "Lunas"]
    paiman = next(r for r in rows if "'=PAIMAN" in r)  # a name that would be a formula stays text
    assert paiman[-1] == "Belum ditagih"
    assert ["Kepala Desa Besuki"] in rows


def test_the_village_list_pdf_has_page_numbers_the_figures_and_the_village_heads_sign_off():
    text = pdf_text(document_pdf(village_list_document(village([SUTRISNO, PAIMAN]))))
    assert "DAFTAR PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN" in text
    assert "3503********0001" in text and "17010000001" in text
    assert "Jumlah penerima: 2 orang; iuran Mei 2026 sudah dibayar untuk 1 orang." in text
    assert "Kepala Desa Besuki" in text
    assert "Halaman 1 dari 1" in text
    assert "Dicetak : 12 Mei 2026 pukul 10.15 oleh Sri Wahyuni" in text


def test_a_kelurahan_list_is_signed_by_the_lurah():
    data = village([])
    kelurahan = VillageList(**{**{f: getattr(data, f) for f in data.__slots__}, "is_kelurahan": True})
    doc = village_list_document(kelurahan)
    assert doc.signature.lines == ["Mengetahui,", "Lurah Besuki"]
    assert doc.subtitle[1] == "KELURAHAN BESUKI"


def test_withheld_counts_read_less_than_five_and_empty_figures_a_dash():
    assert printed(Withheld(5), Kind.COUNT) == "x"
    assert printed(None, Kind.MONEY) == "—"
    assert printed(Decimal(2_016_000_000), Kind.MONEY) == "Rp2.016.000.000"
    assert printed(Decimal("43.25"), Kind.PERCENT) == "43,3%"
    assert printed(dt.date(2026, 5, 1), Kind.MONTH) == "Mei 2026"


def coverage(aggregate_only: bool) -> CoverageData:
    table = Table(
        [Column("Wilayah", Kind.TEXT, 30), Column("Kepesertaan", Kind.COUNT), Column("Ditagih", Kind.MONEY)],
        [["Panggul", 1_250, Decimal(21_000_000)], ["Trenggalek", Withheld(5), None]],
    )
    return CoverageData("Kabupaten Trenggalek", "35.03", 2026, dt.date(2026, 3, 1), PRINTED, "pantau",
                        aggregate_only, 5, 1_253, 1_250, Withheld(5), [("Cakupan per wilayah", table)])  # fmt: skip


def test_the_coverage_report_withholds_small_counts_and_says_why():
    doc = coverage_document(coverage(aggregate_only=True))
    rows = xlsx_values(document_xlsx(doc))
    assert ["Panggul", 1_250, 21_000_000] in rows
    assert ["Trenggalek", "x"] in rows
    text = pdf_text(document_pdf(doc))
    assert "Pada Maret 2026, 1.253 kepesertaan berlaku di Kabupaten Trenggalek: 1.250 terlindungi" in text
    assert "dan x menunggak iuran." in text
    assert "Angka 1 sampai 4 ditulis x" in text


def test_the_full_coverage_report_has_no_note_on_withheld_counts():
    doc = coverage_document(coverage(aggregate_only=False))
    assert not any(section.notes for section in doc.sections)


def yearly(**changes) -> YearlyData:
    data = {
        "regency": "Kabupaten Trenggalek",
        "regent_title": "Bupati Trenggalek",
        "signing_place": "Trenggalek",
        "year": 2026,
        "month": dt.date(2026, 12, 1),
        "printed_at": PRINTED,
        "printed_by": "Heri Yulianto",
        "programs": [
            ProgramLine(
                "Bantuan iuran pekerja rentan 2026", "pekerja_rentan", "Januari–Desember 2026", 3_050, 1_800, 3_050
            )
        ],
        "decrees": [
            DecreeLine("Bantuan iuran pekerja rentan 2026", False, "188.45/27/2026", dt.date(2025, 12, 20), 3_050),
            DecreeLine("Bantuan iuran pekerja rentan 2026", True, "188.45/30/2026", dt.date(2026, 3, 10), 3_050, 2, 2),
        ],
        "registered": 3_040,
        "members": 3_050,
        "covered": 3_009,
        "arrears": 41,
        "by_category": {"pekerja_rentan": 3_050},
        "ends": {"Meninggal dunia": 2, "Pindah keluar kabupaten": 1},
        "replacements": 2,
        "money": [
            MoneyLine("APBD Trenggalek", Decimal(600_000_000), Decimal(500_000_000), Decimal(480_000_000)),
            MoneyLine("APBDes Besuki", Decimal(20_000_000), Decimal(10_000_000), Decimal(5_000_000)),
        ],
        "regions": [RegionLine("Panggul", 300, 290, 10), RegionLine("Munjungan", 120, 120, 0)],
    }
    return YearlyData(**{**data, **changes})


def test_the_yearly_report_opens_with_plain_sentences():
    summary = yearly_document(yearly()).sections[0].paragraphs
    assert summary[0] == (
        "Sampai Desember 2026, 3.009 pekerja rentan terlindungi Jaminan Kecelakaan Kerja dan Jaminan Kematian "
        "BPJS Ketenagakerjaan dengan iuran yang dibayar pemerintah daerah, dari 3.050 kepesertaan yang berlaku; "
        "41 kepesertaan menunggak iuran."
    )
    assert summary[1] == (
        "Penerima ditetapkan dengan Keputusan Bupati Trenggalek Nomor 188.45/27/2026 tanggal 20 Desember 2025 untuk "
        "3.050 orang, dan diubah 1 kali (Nomor 188.45/30/2026 tanggal 10 Maret 2026)."
    )
    assert "Sepanjang 2026, 3 kepesertaan berakhir: 2 meninggal dunia dan 1 pindah keluar kabupaten; 2 penerima " \
           "pengganti ditetapkan dari daftar tunggu." in summary  # fmt: skip
    assert (
        "Iuran yang ditagihkan sebesar Rp510.000.000 dan telah dibayar Rp485.000.000 (78,2% dari alokasi "
        "Rp620.000.000); tunggakan Rp25.000.000." in summary
    )
    assert (
        "Kepesertaan terbanyak di Kecamatan Panggul (300) dan paling sedikit di Kecamatan Munjungan (120)." in summary
    )


def test_a_regency_without_a_program_is_told_so():
    summary = yearly_document(yearly(programs=[], decrees=[], money=[], regions=[], ends={})).sections[0].paragraphs
    assert summary[0] == "Pada tahun 2026, Kabupaten Trenggalek belum memiliki program bantuan iuran."


def test_the_yearly_workbook_totals_the_money_per_source():
    rows = xlsx_values(document_xlsx(yearly_document(yearly())))
    assert ["Jumlah", 620_000_000, 510_000_000, 485_000_000, 25_000_000, 78.2] in rows
    assert ["Berakhir tahun 2026: meninggal dunia", 2] in rows
    assert ["Jumlah", 420, 410, 10] in rows


def test_the_cause_of_an_end_is_read_from_its_reason():
    assert end_cause("Meninggal dunia 12-03-2026 (dilaporkan oleh op.besuki)") == "Meninggal dunia"
    assert end_cause("Dihapus dari daftar penerima oleh SK perubahan 30/2026: Pindah keluar kabupaten") == (
        "Pindah keluar kabupaten"
    )
    assert end_cause("Iuran tidak dibayar 4 bulan berturut-turut (Januari–April 2026)") == (
        "Menunggak iuran melewati batas"
    )
    assert end_cause("Dihapus dari daftar penerima oleh SK perubahan 30/2026: salah ketik") == (
        "Dihapus oleh SK perubahan"
    )
    assert end_cause("") == "Sebab lain"
