"""The table an upload becomes: the header row found among the first rows, and the data rows under it."""

import re
from dataclasses import dataclass, field

from .refusals import FileRefused, _too_many_rows

#: The header must be among the first rows that are not empty; title rows above it are skipped.
HEADER_WINDOW = 20
NUMBER = re.compile(r"[+-]?[\d.,\s]*\d[\d.,\s]*")


@dataclass(frozen=True)
class Table:
    """One sheet as text. ``rows[i][j]`` is under ``header[j]``; every row is as long as the header."""

    kind: str  # "xlsx", "xls" or "csv"
    sheet: str  # "" for a CSV
    sheets: list[str]  # visible sheets, in workbook order
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # 1-based row in the file of each data row
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    inexact: set[tuple[int, int]] = field(default_factory=set)  # (row index, column index) of numbers ≥ 2**53
    #: Column index → indexes of the rows whose cell there held a number of 16 digits or more, inexact ones
    #: included. A NIK typed as a number is one: Excel keeps 15 significant digits and turns the 16th into 0.
    #: Always empty for a CSV, which has no numbers, only text. By column, since a set of (row, column) pairs
    #: would cost a tuple per cell, and a NIK column may hold 100,000 of them.
    long_number_rows: dict[int, set[int]] = field(default_factory=dict)

    def file_row(self, index: int) -> int:
        """The row number the operator sees in the file for data row ``index`` ("baris 12")."""
        return self.row_numbers[index]


@dataclass
class _Grid:
    """The non-empty rows of a sheet, cells converted, before the header is chosen."""

    rows: list[list[str]]
    row_numbers: list[int]
    column_numbers: list[int]  # 1-based column in the file, for generated names ("Kolom 5")
    inexact: set[tuple[int, int]] = field(default_factory=set)
    long_number_rows: dict[int, set[int]] = field(default_factory=dict)


def _table(grid: _Grid, *, kind: str, sheet: str, sheets: list[str], max_rows: int, **details) -> Table:
    at = _header_index(grid.rows, sheet)
    data = grid.rows[at + 1 :]
    if len(data) > max_rows:
        raise _too_many_rows(max_rows)
    width = max(map(len, grid.rows[at:]))
    header, data = _pad(grid.rows[at], width), [_pad(row, width) for row in data]
    keep = [j for j in range(width) if header[j] or any(row[j] for row in data)]
    if len(keep) < width:  # columns empty from header to bottom (often past the table's right edge)
        header, data = [header[j] for j in keep], [[row[j] for j in keep] for row in data]
    where = {old: new for new, old in enumerate(keep)}
    return Table(
        kind=kind,
        sheet=sheet,
        sheets=sheets,
        header=_header_names(header, [grid.column_numbers[j] for j in keep]),
        rows=data,
        row_numbers=grid.row_numbers[at + 1 :],
        header_row=grid.row_numbers[at],
        inexact={(i - at - 1, where[j]) for i, j in grid.inexact if i > at and j in where},
        long_number_rows={
            where[j]: {i - at - 1 for i in rows if i > at} for j, rows in grid.long_number_rows.items() if j in where
        },
        **details,
    )


def _header_index(rows: list[list[str]], sheet: str) -> int:
    """The first row with at least two text cells that is followed by data. A title or a label row
    ("Desa: Besuki") is skipped because it fills fewer than half as many cells as the widest row near it."""
    window = rows[: HEADER_WINDOW + 1]
    widest = max(_filled(row) for row in window)
    candidates = [i for i, row in enumerate(window[:HEADER_WINDOW]) if _looks_like_header(row, widest)]
    for i in candidates:
        if i + 1 < len(rows):
            return i
    place = f" di lembar “{sheet}”" if sheet else ""
    if candidates:
        raise FileRefused(f"Berkas hanya berisi judul kolom{place}, belum ada baris data.", reason="no_data")
    raise FileRefused(
        f"Judul kolom tidak ditemukan{place} di {HEADER_WINDOW} baris pertama. Pastikan ada satu baris judul "
        "kolom (misalnya NIK, Nama) tepat di atas data.",
        reason="no_header",
    )


def _looks_like_header(row: list[str], widest: int) -> bool:
    texts = sum(1 for cell in row if cell and not NUMBER.fullmatch(cell))
    return texts >= 2 and 2 * _filled(row) >= widest


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell)


def _pad(row: list[str], width: int) -> list[str]:
    return row if len(row) == width else [*row, *[""] * (width - len(row))]


def _header_names(cells: list[str], numbers: list[int]) -> list[str]:
    """Whitespace collapsed; an empty cell (the tail of a merged cell) becomes "Kolom N"; repeats get " (2)".
    Names are compared without case, as the column mapping compares them."""
    names, seen = [], set()
    for cell, number in zip(cells, numbers, strict=True):
        base = " ".join(cell.split()) or f"Kolom {number}"
        name, count = base, 1
        while name.casefold() in seen:
            count += 1
            name = f"{base} ({count})"
        seen.add(name.casefold())
        names.append(name)
    return names
