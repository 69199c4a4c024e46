"""The registration file for BPJS as .xlsx or .csv, from plain headers and rows. No Django here.

Text stays text: the NIK and every identifier are written as strings in cells formatted as Text, so Excel
never turns a NIK into 3.5E+15; a value that could run as a formula is escaped (``jaring.core.spreadsheet``).
The CSV is UTF-8 with a byte-order mark, which is how Excel on Windows knows it is UTF-8 (names with é, ñ …).
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO

from jaring.core.spreadsheet import TEXT_FORMAT, new_workbook, safe_cell, write_cell

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
SHEET = "Pendaftaran"
#: Wide enough for a NIK or a name; the header row is frozen and filterable.
WIDTHS = {"nik": 20, "full_name": 30, "street": 28, "address": 50, "funding_source": 30, "kk_number": 20}


def format_of(filename: str, default: str = "xlsx") -> str:
    """``.csv`` → "csv", ``.xlsx`` → "xlsx"; anything else ``default``."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return suffix if suffix in FORMATS else default


def write_registration(
    target: IO[bytes], *, fmt: str, headers: Sequence[str], fields: Sequence[str], rows: Iterable[Sequence]
) -> None:
    """Write the file in ``fmt``; ``fields`` names what each column holds (for widths and text formats)."""
    if fmt == "csv":
        _write_csv(target, headers, rows)
    else:
        _write_xlsx(target, headers, fields, rows)


def _write_xlsx(target: IO[bytes], headers: Sequence[str], fields: Sequence[str], rows) -> None:
    book = new_workbook(target, constant_memory=True)
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "num_format": TEXT_FORMAT})
    text = book.add_format({"num_format": TEXT_FORMAT})
    day = book.add_format({"num_format": "dd-mm-yyyy"})
    money = book.add_format({"num_format": "#,##0"})
    for col, name in enumerate(fields):
        sheet.set_column(col, col, WIDTHS.get(name, 16), text)
    count = 0
    for col, header in enumerate(headers):
        write_cell(sheet, 0, col, header, bold)
    for count, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            fmt = day if isinstance(value, date) else money if isinstance(value, Decimal) else text
            write_cell(sheet, count, col, value, fmt if value not in (None, "") else None)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(count, 1), max(len(headers) - 1, 0))
    book.close()


def _write_csv(target: IO[bytes], headers: Sequence[str], rows) -> None:
    stream = io.TextIOWrapper(target, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(stream)
    writer.writerow([safe_cell(h) for h in headers])
    for values in rows:
        writer.writerow([_csv_text(value) for value in values])
    stream.flush()
    stream.detach()  # leave ``target`` open for the caller


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, Decimal | int):
        return str(int(value)) if isinstance(value, Decimal) and value == value.to_integral() else str(value)
    return safe_cell(str(value))
