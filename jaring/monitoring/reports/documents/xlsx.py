"""A report ``Document`` as an .xlsx workbook: one sheet that reads and prints like the PDF. No Django.

Heading, then each section's title, sentences and table, then the sign-off; A4 fitted to the page width with
"Halaman X dari Y" in the footer. Figures are numbers with a number format (rupiah, thousands), identifiers are
text (a NIK or KPJ must not lose digits), and every text cell goes through ``jaring.core.spreadsheet``.
"""

import io

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from jaring.core.spreadsheet import TEXT_FORMAT, new_workbook, write_cell

from .model import Column, Document, Kind, Section, Signature, Table, Withheld

RUPIAH = '"Rp"#,##0'
BORDER = {"border": 1, "valign": "top"}
SHADE = "#E4E4E4"
_NUMBER_FORMATS = {
    Kind.TEXT: None,
    Kind.ID: TEXT_FORMAT,
    Kind.COUNT: "#,##0",
    Kind.MONEY: RUPIAH,
    Kind.PERCENT: '0.0"%"',  # the value is already a percentage (43.2), not a fraction
    Kind.DATE: "dd-mm-yyyy",
    Kind.MONTH: "mmm yyyy",
}
SIGNATURE_BLANK = 4


def document_xlsx(doc: Document) -> bytes:
    out = io.BytesIO()
    book = new_workbook(out)
    sheet = book.add_worksheet(doc.sheet[:31])
    formats = _formats(book)
    widths = _widths(doc)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    row = _heading(sheet, doc, len(widths), formats)
    for section in doc.sections:
        row = _section(sheet, row + 1, section, len(widths), formats)
    if doc.signature is not None:
        _signature(sheet, row + 1, doc.signature, len(widths), formats)
    _page_setup(sheet, doc)
    book.close()
    return out.getvalue()


def _formats(book: Workbook) -> dict:
    add = book.add_format
    formats = {
        "title": add({"bold": True, "font_size": 12}),
        "bold": add({"bold": True}),
        "wrap": add({"text_wrap": True, "valign": "top"}),
        "note": add({"italic": True, "font_size": 9, "text_wrap": True, "valign": "top"}),
        "head": add({**BORDER, "bold": True, "bg_color": SHADE, "text_wrap": True, "align": "center"}),
    }
    for kind, num_format in _NUMBER_FORMATS.items():
        numeric = kind in (Kind.COUNT, Kind.MONEY, Kind.PERCENT)
        spec = {**BORDER, "text_wrap": not numeric, **({"num_format": num_format} if num_format else {})}
        if kind in (Kind.DATE, Kind.MONTH):
            spec["align"] = "left"
        formats[kind] = add(spec)
        formats[("total", kind)] = add({**spec, "bold": True, "bg_color": SHADE})
    formats["withheld"] = add({**BORDER, "align": "right"})
    return formats


def _widths(doc: Document) -> list[int]:
    """Each column as wide as the widest table needs it; at least four columns, for the heading."""
    widths = [12, 12, 12, 12]
    for section in doc.sections:
        for col, column in enumerate(section.table.columns if section.table else []):
            if col < len(widths):
                widths[col] = max(widths[col], column.width)
            else:
                widths.append(column.width)
    return widths


def _heading(sheet: Worksheet, doc: Document, width: int, formats: dict) -> int:
    write_cell(sheet, 0, 0, doc.title, formats["title"])
    row = 1
    for line in doc.subtitle:
        write_cell(sheet, row, 0, line, formats["bold"])
        row += 1
    row += 1
    for label, value in doc.facts:
        write_cell(sheet, row, 0, label, formats["bold"])
        write_cell(sheet, row, 2, f": {value}")
        row += 1
    return row


def _paragraph(sheet: Worksheet, row: int, text: str, width: int, fmt, chars: int) -> None:
    sheet.merge_range(row, 0, row, width - 1, "", fmt)
    write_cell(sheet, row, 0, text, fmt)
    lines = max(1, -(-len(text) // max(chars, 1)))
    if lines > 1:
        sheet.set_row(row, 15 * lines)


def _section(sheet: Worksheet, row: int, section: Section, width: int, formats: dict) -> int:
    """Writes the section from ``row``; returns the first row after it."""
    chars = 12 * width
    write_cell(sheet, row, 0, section.title, formats["bold"])
    row += 1
    for text in section.paragraphs:
        _paragraph(sheet, row, text, width, formats["wrap"], chars)
        row += 1
    if section.table is not None:
        row = _table(sheet, row, section.table, formats)
    for text in section.notes:
        _paragraph(sheet, row, text, width, formats["note"], chars)
        row += 1
    return row


def _table(sheet: Worksheet, row: int, table: Table, formats: dict) -> int:
    for col, column in enumerate(table.columns):
        write_cell(sheet, row, col, column.title, formats["head"])
    row += 1
    if not table.rows:
        write_cell(sheet, row, 0, table.empty, formats["note"])
        return row + 1
    for values in table.rows:
        _values(sheet, row, table.columns, values, formats, total=False)
        row += 1
    if table.total is not None:
        _values(sheet, row, table.columns, table.total, formats, total=True)
        row += 1
    return row


def _values(sheet: Worksheet, row: int, columns: list[Column], values: list, formats: dict, *, total: bool) -> None:
    for col, (column, value) in enumerate(zip(columns, values, strict=True)):
        if isinstance(value, Withheld):
            write_cell(sheet, row, col, str(value), formats["withheld"])
            continue
        fmt = formats[("total", column.kind) if total else column.kind]
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt)
        elif column.kind == Kind.ID:
            write_cell(sheet, row, col, str(value), fmt)
        else:
            write_cell(sheet, row, col, value, fmt)


def _signature(sheet: Worksheet, row: int, signature: Signature, width: int, formats: dict) -> None:
    col = max(width - 3, 0)
    write_cell(sheet, row, col, signature.place_date)
    for offset, line in enumerate(signature.lines, start=1):
        write_cell(sheet, row + offset, col, line, formats["bold"])
    last = row + len(signature.lines) + SIGNATURE_BLANK + 1
    write_cell(sheet, last, col, signature.name or "(" + "." * 40 + ")", formats["bold"])


def _page_setup(sheet: Worksheet, doc: Document) -> None:
    if doc.landscape:
        sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.set_footer(f"&L&8{doc.footer.replace('&', '&&')}&R&8Halaman &P dari &N")
