"""The report on an uploaded file (phase 1): every row written back with its problems marked, to fix in place.

The rows keep the sheet name and header row of the template, so that the fixed report re-imports as it is;
its two extra columns are named in REPORT_ROW_HEADER and REPORT_MESSAGE_HEADER.
"""

from collections import Counter
from collections.abc import Mapping, Sequence

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from jaring.core.spreadsheet import TEXT_FORMAT, Target, new_workbook, safe_cell, write_cell, write_row

from .template import FORM_SHEET

SUMMARY_SHEET = "Ringkasan"
#: Extra columns of the report, which an importer of a fixed report must drop.
REPORT_ROW_HEADER = "Baris"
REPORT_MESSAGE_HEADER = "Keterangan masalah"
Problem = tuple[int | None, str, str]  # (column index or None for the whole row, severity, message)

HOW_TO_FIX = (
    "Cara memperbaiki: sel merah harus diperbaiki, sel kuning perlu diperiksa.",
    'Perbaiki langsung di lembar "Usulan"; penjelasannya ada di kolom "Keterangan masalah".',
    "Gunakan tombol filter di baris judul untuk menampilkan hanya baris yang bermasalah.",
    "Setelah selesai, simpan berkas ini lalu unggah kembali.",
)

SEVERITY_RANK = {None: 0, "warning": 1, "error": 2}
SEVERITY_LABELS = {"error": "Galat", "warning": "Peringatan"}
FILLS = {"error": ("#FFC7CE", "#9C0006"), "warning": ("#FFEB9C", "#9C5700")}  # Excel's "Bad" and "Neutral"


def problem_report(
    target: Target,
    *,
    header: Sequence[str],
    rows: Sequence[Sequence[str | None]],
    row_numbers: Sequence[int],
    problems: Mapping[int, Sequence[Problem]],
) -> None:
    """Write the uploaded rows back with their problems marked, for the operator to fix in place.

    ``problems`` maps an index into ``rows`` to (index into ``header`` or None for the whole row,
    "error" or "warning", message). Every row is written, in order, as text through ``safe_cell``;
    constant-memory mode keeps 100,000 rows to a few seconds and a flat memory profile.
    """
    width = max([len(header), *map(len, rows)])
    _check_report_inputs(rows, row_numbers, problems, width)
    headers = [REPORT_ROW_HEADER, *header, *(f"Kolom {n}" for n in range(len(header) + 1, width + 1))]
    with new_workbook(target, constant_memory=True) as book:
        styles = _report_styles(book)
        sheet = book.add_worksheet(FORM_SHEET)
        _layout_report(sheet, styles, [*headers, REPORT_MESSAGE_HEADER], rows)
        for index, (number, values) in enumerate(zip(row_numbers, rows, strict=True), start=1):
            _write_report_row(sheet, styles, index, number, values, width, problems.get(index - 1))
        _write_summary(book.add_worksheet(SUMMARY_SHEET), styles, headers[1:], len(rows), problems)
        book.set_properties({"title": "Laporan pemeriksaan berkas usulan", "author": "Jaring"})


def _check_report_inputs(
    rows: Sequence[Sequence[str | None]],
    row_numbers: Sequence[int],
    problems: Mapping[int, Sequence[Problem]],
    width: int,
) -> None:
    if len(row_numbers) != len(rows):
        raise ValueError(f"{len(row_numbers)} row numbers for {len(rows)} rows")
    for index, found in problems.items():
        if not 0 <= index < len(rows):
            raise ValueError(f"problem for row index {index}, outside 0..{len(rows) - 1}")
        for col, severity, _message in found:
            if severity not in SEVERITY_LABELS or (col is not None and not 0 <= col < width):
                raise ValueError(f"bad problem {(col, severity)} for row index {index}")


def _report_styles(book: Workbook) -> dict:
    """Text, number and header formats, each keyed by severity (None for a cell without problem)."""
    text, number = {None: book.add_format({"num_format": TEXT_FORMAT})}, {None: book.add_format({"num_format": "0"})}
    for severity, (fill, font) in FILLS.items():
        text[severity] = book.add_format({"num_format": TEXT_FORMAT, "bg_color": fill, "font_color": font})
        number[severity] = book.add_format({"num_format": "0", "bg_color": fill, "font_color": font})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    return {"text": text, "number": number, "header": header, "bold": book.add_format({"bold": True})}


def _layout_report(
    sheet: Worksheet, styles: dict, headers: Sequence[str], rows: Sequence[Sequence[str | None]]
) -> None:
    """Widths from the header and the first rows; a text column format so edits by the operator stay text."""
    sample = rows[:200]
    sheet.set_column(0, 0, 7, styles["number"][None])
    for col in range(1, len(headers) - 1):
        longest = max([len(headers[col]), *(len(str(row[col - 1] or "")) for row in sample if len(row) >= col)])
        sheet.set_column(col, col, min(max(longest + 2, 8), 50), styles["text"][None])
    sheet.set_column(len(headers) - 1, len(headers) - 1, 60, styles["text"][None])
    write_row(sheet, 0, headers, styles["header"])
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(rows), len(headers) - 1)


def _write_report_row(
    sheet: Worksheet, styles: dict, row: int, number: int, values: Sequence, width: int, found: Sequence[Problem] | None
) -> None:
    if not found:  # the common case, kept lean: the column format already makes every cell text
        sheet.write_number(row, 0, number)
        for col, value in enumerate(values, start=1):
            if value:
                sheet.write_string(row, col, safe_cell(value if isinstance(value, str) else str(value)))
        return
    marks, worst = _cell_marks(found, width)
    sheet.write_number(row, 0, number, styles["number"][worst])
    for col in range(width):
        value = values[col] if col < len(values) else None
        text = value if value is None or isinstance(value, str) else str(value)
        write_cell(sheet, row, col + 1, text, styles["text"][marks.get(col)])
    sheet.write_string(row, width + 1, safe_cell(_note(found)), styles["text"][worst])


def _cell_marks(found: Sequence[Problem], width: int) -> tuple[dict[int, str], str]:
    """The severity shown on each cell (a whole-row problem marks every cell; errors beat warnings)."""
    marks: dict[int, str] = {}
    for col, severity, _message in found:
        for target in range(width) if col is None else (col,):
            marks[target] = max(marks.get(target), severity, key=SEVERITY_RANK.__getitem__)
    worst = max((severity for _col, severity, _message in found), key=SEVERITY_RANK.__getitem__)
    return marks, worst


def _note(found: Sequence[Problem]) -> str:
    ordered = sorted(found, key=lambda problem: -SEVERITY_RANK[problem[1]])
    return "; ".join(f"{SEVERITY_LABELS[severity]}: {message}" for _col, severity, message in ordered)


def _write_summary(
    sheet: Worksheet, styles: dict, header: Sequence[str], total: int, problems: Mapping[int, Sequence[Problem]]
) -> None:
    worst = Counter(max((p[1] for p in found), key=SEVERITY_RANK.__getitem__) for found in problems.values() if found)
    kinds = Counter(
        (message, "(seluruh baris)" if col is None else header[col], sev)
        for found in problems.values()
        for col, sev, message in found
    )
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 3, 16)
    sheet.write_string(0, 0, "Ringkasan pemeriksaan berkas", styles["bold"])
    counts = [
        ("Jumlah baris data", total, None),
        ("Baris tanpa masalah", total - worst["error"] - worst["warning"], None),
        ("Baris dengan peringatan saja (periksa kembali)", worst["warning"], "warning"),
        ("Baris dengan galat (harus diperbaiki)", worst["error"], "error"),
    ]
    for row, (label, count, severity) in enumerate(counts, start=2):
        write_row(sheet, row, [label, count], formats={0: styles["text"][severity]})
    for row, line in enumerate(HOW_TO_FIX, start=7):
        sheet.write_string(row, 0, line)
    write_row(sheet, 11, ["Masalah", "Kolom", "Tingkat", "Jumlah"], styles["header"])
    ranked = sorted(kinds.items(), key=lambda item: (-item[1], -SEVERITY_RANK[item[0][2]], item[0]))
    for row, ((message, column, severity), count) in enumerate(ranked, start=12):
        write_row(
            sheet, row, [message, column, SEVERITY_LABELS[severity], count], formats={2: styles["text"][severity]}
        )
