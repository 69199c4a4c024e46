"""Safe cells for every CSV or XLSX file Jaring writes. No Django here.

Uploaded files carry whatever a person typed, and the files we hand back are opened in Excel,
LibreOffice or WPS. Two things must never happen: a value turning into a formula (OWASP "CSV
injection"), and an identifier such as a NIK turning into a number (``3.5E+15``, last digits lost).
"""

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, TypeVar

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

T = TypeVar("T")

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection: = + - @,
#: tab, carriage return), plus their full-width forms as a cheap margin: no name or NIK starts with one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_TRIGGER_SET = frozenset(FORMULA_TRIGGERS)
ESCAPE = "'"

#: Workbook options that stop XlsxWriter from guessing: text stays text, whatever it looks like.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "default_date_format": "dd-mm-yyyy",
}

#: Excel's built-in "Text" number format ("@"). The index, not the string: given "@", XlsxWriter stores a
#: custom format 164, while Excel itself writes 49 for Text, which is what readers look for.
TEXT_FORMAT = 49

Target = str | os.PathLike[str] | IO[bytes]


def safe_cell(value: T) -> T | str:
    """Return ``value`` as it may be written to a cell, with a leading ``'`` where it could run.

    Only strings change; numbers, dates and None are returned as they are, since a number cell cannot
    hold a formula. A string that looks like a negative number (``"-5"``) is prefixed too, as OWASP
    advises: values reach us as text, and telling ``"-5"`` from ``"-5+cmd|' /C calc'!A0"`` takes a
    parser an attacker can probe, while the apostrophe costs nothing that matters. Numeric data must
    therefore be passed as numbers, not as text.

    XlsxWriter writes a string of the form ``<r>…</r>`` into the file's XML unescaped (that is how it
    stores rich text), so such a value could inject a formula cell; it is prefixed as well.
    """
    if not isinstance(value, str) or not value:
        return value
    first = value[0]  # a set lookup on the first character: this runs for every cell of a 100,000-row file
    if first in _TRIGGER_SET or (first == "<" and _looks_like_rich_xml(value)):
        return ESCAPE + value
    return value


def restore_cell(value: T) -> T | str:
    """Undo :func:`safe_cell` on a value read back from a file we wrote (a report fixed and re-uploaded).

    Only an apostrophe that :func:`safe_cell` would have added is removed, so ``"'=1+1"`` becomes
    ``"=1+1"`` while ``"'Ali"`` stays as it is.
    """
    if isinstance(value, str) and value.startswith(ESCAPE) and safe_cell(value[1:]) != value[1:]:
        return value[1:]
    return value


def _looks_like_rich_xml(value: str) -> bool:
    return value.startswith("<r>") and value.endswith("</r>")


def new_workbook(target: Target, *, constant_memory: bool = False) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook that never turns text into formulas, numbers or links.

    ``constant_memory`` keeps only one row in memory (for large reports), at the price that rows must
    be written in order, top to bottom, and every string is written inline.
    """
    options = {**WORKBOOK_OPTIONS, "constant_memory": constant_memory}
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    return xlsxwriter.Workbook(target, options)


def write_row(
    sheet: Worksheet,
    row: int,
    values: Sequence[Any],
    cell_format: Format | None = None,
    *,
    first_col: int = 0,
    formats: Mapping[int, Format] | None = None,
) -> None:
    """Write ``values`` across ``row``; text through :func:`safe_cell` and ``write_string``, always.

    ``formats`` maps a position in ``values`` to a format that replaces ``cell_format`` for that cell.
    Empty values are written only when they carry a format (a highlighted empty cell).
    """
    for index, value in enumerate(values):
        fmt = formats.get(index, cell_format) if formats else cell_format
        write_cell(sheet, row, first_col + index, value, fmt)


def write_cell(sheet: Worksheet, row: int, col: int, value: Any, cell_format: Format | None = None) -> None:
    """Write one value with the XlsxWriter method for its type; anything unknown is written as text.

    Aware datetimes are refused by XlsxWriter: convert them to the office's local time and drop the
    zone first, since a spreadsheet cell has no time zone.
    """
    if value is None or value == "":
        if cell_format is not None:
            sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, value, cell_format)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, cell_format)
    else:
        sheet.write_string(row, col, safe_cell(str(value)), cell_format)
