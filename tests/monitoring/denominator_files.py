"""Denominator tables as a regency office would type them, for the tests: .xlsx or CSV with ; ."""

import io

from jaring.core.spreadsheet import new_workbook, write_row

HEADER = ["Kode Wilayah", "Desa/Kelurahan", "Jumlah Pekerja", "Pekerja Informal", "Sumber"]
SOURCE = "BPS Kabupaten Trenggalek dalam Angka 2026"


def table_xlsx(rows: list[list], header: list[str] = HEADER) -> bytes:
    buffer = io.BytesIO()
    with new_workbook(buffer) as book:
        sheet = book.add_worksheet("Penyebut")
        write_row(sheet, 0, header)
        for number, values in enumerate(rows, start=1):
            write_row(sheet, number, values)
    return buffer.getvalue()


def table_csv(rows: list[list], header: list[str] = HEADER) -> bytes:
    return "\n".join(";".join(str(v) for v in line) for line in [header, *rows]).encode()
