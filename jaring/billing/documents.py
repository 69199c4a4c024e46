"""An invoice as .xlsx: a header block, one row per line, a totals row. No Django.

The file is written with XlsxWriter's ``constant_memory`` (one row in memory at a time), so an invoice of
100,000 lines takes little memory. KPJ is text, never a number; amounts carry a rupiah number format. The
total is written as a value, not a formula: a file opened in a viewer that does not calculate (or forwarded
as is) must still show it.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO

from jaring.core.spreadsheet import TEXT_FORMAT, new_workbook, write_cell
from jaring.programs.rates import number

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Tagihan"
COLUMNS = (("No.", 7), ("KPJ", 16), ("Nama", 32), ("Desa/Kelurahan", 24), ("Iuran (Rp)", 14), ("Lunas", 8))
RUPIAH = '"Rp"#,##0'


def write_invoice(target: IO[bytes], *, header: Sequence[tuple[str, object]], lines: Iterable[Sequence],
                  count: int, total: Decimal) -> None:  # fmt: skip
    """``header`` is (label, value) pairs; each of ``lines`` is (no., KPJ, name, desa, amount, paid: bool)."""
    book = new_workbook(target, constant_memory=True)
    sheet = book.add_worksheet(SHEET)
    formats = _formats(book)
    for col, (_, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
    row = _write_header(sheet, header, formats)
    for col, (label, _) in enumerate(COLUMNS):
        write_cell(sheet, row, col, label, formats["head"])
    first = row + 1
    for row, line in enumerate(lines, start=first):
        _write_line(sheet, row, line, formats)
    last = max(row, first - 1) + 1
    write_cell(sheet, last, 0, "Jumlah", formats["bold"])
    write_cell(sheet, last, 1, f"{number(count)} kepesertaan", formats["bold"])
    write_cell(sheet, last, 4, total, formats["total"])
    book.close()


def _formats(book) -> dict:
    return {
        "bold": book.add_format({"bold": True}),
        "head": book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1}),
        "text": book.add_format({"num_format": TEXT_FORMAT}),
        "money": book.add_format({"num_format": RUPIAH}),
        "total": book.add_format({"num_format": RUPIAH, "bold": True, "top": 1}),
        "day": book.add_format({"num_format": "dd-mm-yyyy", "align": "left"}),
    }


def _write_header(sheet, header, formats) -> int:
    write_cell(sheet, 0, 0, "Tagihan iuran BPJS Ketenagakerjaan", formats["bold"])
    for row, (label, value) in enumerate(header, start=1):
        write_cell(sheet, row, 0, label, formats["bold"])
        write_cell(sheet, row, 2, value, _format_of(value, formats))
    return len(header) + 2


def _format_of(value, formats):
    if isinstance(value, Decimal):
        return formats["money"]
    if isinstance(value, date):
        return formats["day"]
    return formats["text"] if isinstance(value, str) else None


def _write_line(sheet, row: int, line: Sequence, formats) -> None:
    number, kpj, name, village, amount, paid = line
    write_cell(sheet, row, 0, number)
    write_cell(sheet, row, 1, kpj, formats["text"])
    write_cell(sheet, row, 2, name)
    write_cell(sheet, row, 3, village)
    write_cell(sheet, row, 4, amount, formats["money"])
    write_cell(sheet, row, 5, "ya" if paid else "belum")
