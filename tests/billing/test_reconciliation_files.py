"""Reading BPJS's status file: .xlsx or .csv, headers as offices write them, every bad row named. No database."""

import codecs
import io
from datetime import date
from decimal import Decimal

import pytest

from jaring.billing.reconciliation.files import StatusFileRefused, parse_period, parse_rupiah, read_status_file
from jaring.core.spreadsheet import new_workbook, write_row

MARCH = date(2026, 3, 1)


def csv_bytes(lines: list[str], *, bom: bool = False) -> bytes:
    data = "\r\n".join(lines).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def xlsx_bytes(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    sheet = book.add_worksheet("Status")
    for number, values in enumerate(rows):
        write_row(sheet, number, values)
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("sep", [";", ","])
def test_a_csv_is_read_with_either_separator_with_or_without_bom(sep, bom):
    lines = [sep.join(["No KPJ", "Nama", "Periode", "Iuran", "Iuran Dibayar"]),
             sep.join(["17010000001", "SUTRISNO", "2026-03", "16800", "16800"]),
             sep.join(["1701 0000 002", "PAIMAN", "03/2026", "Rp16.800", ""])]  # fmt: skip
    read = read_status_file(csv_bytes(lines, bom=bom), "status.csv")
    assert read.problems == []
    assert [(r.kpj, r.month, r.billed, r.paid) for r in read.rows] == [
        ("17010000001", MARCH, Decimal(16800), Decimal(16800)),
        ("17010000002", MARCH, Decimal(16800), Decimal(0)),
    ]
    assert read.rows[0].name == "SUTRISNO" and read.columns["kpj"] == "No KPJ"


def test_an_xlsx_with_a_title_row_numbers_dates_and_long_headers_is_read():
    rows = [["Rekap iuran BPU Kab. Trenggalek"],
            ["Nomor KPJ", "Nama Peserta", "Bulan", "Jumlah Iuran (Rp)", "Dibayar", "Tanggal Bayar", "Kode Iuran"],
            ["17010000001", "SUTRISNO", date(2026, 3, 1), 16800, 16800, date(2026, 4, 2), "35036030079"]]  # fmt: skip
    read = read_status_file(xlsx_bytes(rows), "status.xlsx")
    row = read.rows[0]
    assert (row.kpj, row.month, row.billed, row.paid, row.paid_on, row.kode_iuran, row.row) == (
        "17010000001", MARCH, 16800, 16800, date(2026, 4, 2), "35036030079", 3)  # fmt: skip


def test_a_payment_status_column_stands_for_the_paid_amount():
    lines = ["KPJ,Periode,Tagihan,Status Bayar", "17010000001,2026-03,16800,LUNAS", "17010000002,2026-03,16800,Belum"]
    read = read_status_file(csv_bytes(lines), "s.csv")
    assert [r.paid for r in read.rows] == [Decimal(16800), Decimal(0)]


def test_a_file_without_payment_columns_says_nothing_about_payments():
    read = read_status_file(csv_bytes(["KPJ,Iuran", "17010000001,16800"]), "s.csv")
    assert read.rows[0].paid is None and read.rows[0].month is None


def test_every_bad_row_is_named_with_its_row_number_and_reason():
    lines = ["KPJ;Periode;Iuran;Dibayar", "17010000001;2026-03;16800;16800", ";2026-03;16800;0",
             "1701;2026-03;16800;0", "17010000004;bulan depan;16800;0", "17010000005;2026-03;;0",
             "17010000006;2026-03;16.800,50;0", "17010000001;2026-03;16800;0"]  # fmt: skip
    read = read_status_file(csv_bytes(lines), "s.csv")
    assert [r.kpj for r in read.rows] == ["17010000001"]
    assert [str(p) for p in read.problems] == [
        "Baris 3: KPJ kosong.",
        "Baris 4: KPJ harus 11 angka; tertulis '1701'.",
        "Baris 5: Periode 'bulan depan' tidak terbaca; tulis seperti 2026-03, 03/2026 atau Maret 2026.",
        "Baris 6: Iuran kosong.",
        "Baris 7: Iuran '16.800,50' bukan jumlah rupiah bulat.",
        "Baris 8: KPJ 17010000001 bulan Maret 2026 juga ada di baris 2.",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "kosong"),
        (b"Nama,Iuran\nSUTRISNO,16800\n", "Kolom KPJ tidak ditemukan"),
        (b"KPJ,Nama\n17010000001,SUTRISNO\n", "Kolom iuran"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "bukan Excel atau CSV"),
    ],
)
def test_an_empty_or_unreadable_file_is_refused_with_the_reason(data, message):
    with pytest.raises(StatusFileRefused, match=message):
        read_status_file(data, "s.csv")


@pytest.mark.parametrize(
    "text", ["2026-03", "2026/3", "03/2026", "3-2026", "202603", "Maret 2026", "MAR 2026", "2026-03-15", "15-03-2026"]
)
def test_a_period_is_read_as_indonesian_offices_write_it(text):
    assert parse_period(text) == MARCH


@pytest.mark.parametrize(
    ("text", "amount"),
    [("16800", 16800), ("16.800", 16800), ("16,800", 16800), ("Rp 16.800,00", 16800), ("1.016.800", 1016800),
     ("", None)],
)  # fmt: skip
def test_amounts_are_whole_rupiah_however_written(text, amount):
    assert parse_rupiah(text) == (None if amount is None else Decimal(amount))


@pytest.mark.parametrize("text", ["16.800,50", "-16800", "enam belas ribu", "16800.5"])
def test_an_amount_with_cents_or_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_rupiah(text)
