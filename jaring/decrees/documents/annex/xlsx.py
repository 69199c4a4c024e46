"""The annex as an .xlsx workbook (XlsxWriter, constant memory): one sheet that prints like the PDF.

A4 landscape, fitted to the page width, the column header frozen on screen and repeated on every printed
page; NIK written as text (a number would lose its last digits), birth dates as real Excel dates, every
text cell through ``jaring.core.spreadsheet`` so that no name can turn into a formula.
"""

import io
from collections.abc import Iterable

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from jaring.core.spreadsheet import TEXT_FORMAT, new_workbook, safe_cell, write_cell

from .. import titles
from ..contract import AnnexRow, DecreeText
from . import table

CHARS_PER_UNIT = 1.15  # a PDF grid unit (8 px) in Excel's character widths
BORDER = {"border": 1, "valign": "top", "text_wrap": True}
SHADE = "#E4E4E4"


def annex_xlsx(text: DecreeText, rows: Iterable[AnnexRow], *, public: bool = False) -> bytes:
    """The annex by name by address as .xlsx bytes; for ``public``, the caller passes NIKs already masked."""
    out = io.BytesIO()
    workbook = new_workbook(out, constant_memory=True)
    formats = _formats(workbook)
    columns = table.columns(public=public, amendment=text.is_amendment)
    sheet = workbook.add_worksheet("Lampiran")
    header_row = _heading(sheet, text, public, len(columns), formats)
    _page_setup(sheet, text, columns, header_row, public)
    for col, column in enumerate(columns):
        sheet.write_string(header_row, col, column.title, formats["header"])
    keys = [c.key for c in columns]
    for offset, entry in enumerate(table.entries(rows), start=1):
        if entry.kind == "person":
            _person(sheet, header_row + offset, entry.row, keys, formats)
        else:
            _subtotal(sheet, header_row + offset, entry, len(keys), formats)
    workbook.close()
    return out.getvalue()


def _formats(workbook: Workbook) -> dict:
    add = workbook.add_format
    return {
        "cell": add(BORDER),
        "text": add({**BORDER, "num_format": TEXT_FORMAT}),
        "date": add({**BORDER, "num_format": "dd-mm-yyyy", "align": "left"}),
        "number": add({**BORDER, "align": "right"}),
        "header": add({**BORDER, "bold": True, "bg_color": SHADE, "valign": "vcenter", "align": "center"}),
        "village": add({**BORDER, "bold": True}),
        "district": add({**BORDER, "bold": True, "bg_color": "#F0F0F0"}),
        "total": add({**BORDER, "bold": True, "bg_color": SHADE}),
        "heading": add({"valign": "top", "text_wrap": True}),
        "caption": add({"bold": True, "align": "center", "valign": "top", "text_wrap": True}),
    }


def _heading(sheet: Worksheet, text: DecreeText, public: bool, width: int, formats: dict) -> int:
    """LAMPIRAN, then NOMOR, TANGGAL, TENTANG with their values in a cell of their own (so that the colons
    line up), then the caption; returns the row of the column header."""
    (first, value), *rest = table.heading(text)
    _merged(sheet, 0, 0, width - 1, f"{first} {value}", formats["heading"])
    for row, (label, value) in enumerate(rest, start=1):
        _merged(sheet, row, 0, 1, label, formats["heading"])
        _merged(sheet, row, 2, width - 1, f": {value}", formats["heading"])
        if len(value) > 100:  # TENTANG with a long title takes two lines
            sheet.set_row(row, 30)
    captions = table.caption(text, public=public)
    for row, line in enumerate(captions, start=len(rest) + 2):
        _merged(sheet, row, 0, width - 1, line, formats["caption"])
    return len(rest) + len(captions) + 3


def _merged(sheet: Worksheet, row: int, first: int, last: int, value: str, fmt) -> None:
    sheet.merge_range(row, first, row, last, "", fmt)
    write_cell(sheet, row, first, value, fmt)


def _page_setup(sheet: Worksheet, text: DecreeText, columns: list[table.Column], header_row: int, public: bool):
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.units * CHARS_PER_UNIT)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 0)
    footer = f"Lampiran Keputusan {titles.regent(text)} Nomor {titles.number(text)}"
    footer += " (versi publik)" if public else ""
    sheet.set_footer(f"&L&8{footer.replace('&', '&&')}&R&8Halaman &P dari &N")


def _person(sheet: Worksheet, row: int, person: AnnexRow, keys: list[str], formats: dict) -> None:
    for col, key in enumerate(keys):
        value = table.cell(person, key)
        if key == "nik":
            sheet.write_string(row, col, safe_cell(value), formats["text"])
        elif key == "row":
            sheet.write_number(row, col, value, formats["number"])
        else:
            write_cell(sheet, row, col, value, formats["date" if key == "birth_date" else "cell"])


def _subtotal(sheet: Worksheet, row: int, entry: table.Entry, width: int, formats: dict) -> None:
    fmt = formats[entry.kind]
    for col in range(width):
        if col == 1:
            write_cell(sheet, row, col, entry.label, fmt)
        else:
            sheet.write_blank(row, col, None, fmt)
