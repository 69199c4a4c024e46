"""Turn an uploaded spreadsheet (.xlsx, .xls or .csv) into rows of text, refusing what cannot be read safely.

No Django here. The type is decided by content, never by the file name, and a workbook is only handed to
calamine (through fastexcel) after its zip directory passed the size checks. Every cell comes back as its
value in text, with the rules that keep a NIK intact: an integral number is its plain integer
(``3503011204850001``), never ``3.50301E+15`` as Excel shows it; a number from 2**53 on is returned too but
listed in ``Table.inexact``, since a double cannot hold every integer there and the true digits may be lost.
Other numbers are their shortest repr, dates ``YYYY-MM-DD`` (with `` HH:MM:SS`` when there is a time),
booleans ``TRUE``/``FALSE``, formulas their cached value (nothing is ever evaluated), text as typed but
stripped. Number formats (percent, thousands) are not applied.

fastexcel's all-string load is exact for text, dates and integral numbers, but it prints fractions with
nine decimals and cannot tell the number 1 from the text "1". Only the few texts where that matters
(``true``/``false``, zeros, decimals, integers from 2**53 on) are settled with a second, boolean load: a boolean load
gives a value for number and boolean cells only (True when non-zero) and null for text and dates. Fractions
are then read exactly with a float load.
"""

import codecs
import contextlib
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

import fastexcel
import polars as pl

MB = 1024 * 1024
#: The header must be among the first rows that are not empty; title rows above it are skipped.
HEADER_WINDOW = 20
#: Zip-bomb limits, checked on the zip directory before calamine opens anything. A normal sheet
#: compresses about 10:1; a small member may compress far better (e.g. empty styles), hence the floor.
MAX_UNZIPPED = 400 * MB
MAX_MEMBERS = 10_000
MAX_RATIO = 100
RATIO_FLOOR = 20 * MB
#: Every integer up to 2**53 - 1 is exact in a double; from 2**53 on, neighbours collapse (2**53 + 1 → 2**53).
SAFE_INTEGER = 2**53
#: Texts of the all-string load whose meaning depends on the cell's type (see the module docstring), besides
#: integers from 2**53 on, which ``_ambiguous`` adds.
AMBIGUOUS = r"^(?:true|false|-?0|-?\d+\.\d+)$"
NUMBER = re.compile(r"[+-]?[\d.,\s]*\d[\d.,\s]*")
DELIMITERS = (",", ";", "\t", "|")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
#: Formats that are surely not a table (a renamed .exe, a PDF, images, archives).
BINARY = (b"MZ", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\x7fELF")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
SAMPLE = 64 * 1024


class FileRefused(ValueError):
    """An upload that cannot be read. ``str(exc)`` is the message for the operator (Bahasa Indonesia);
    ``reason`` is a stable code for the caller: too_large, empty, not_a_table, unsupported_format,
    zip_bomb, locked, unreadable, too_many_rows, no_header, no_data, no_sheet."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


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


def read_table(
    data: bytes, filename: str, *, max_bytes: int = 50 * MB, max_rows: int = 500_000, sheet: str | None = None
) -> Table:
    """Read an upload into a Table, or raise FileRefused.

    ``sheet`` names the sheet to read; by default the first visible sheet with a header and data. ``filename``
    only names the file in messages: the content decides the type.
    """
    if len(data) > max_bytes:
        raise FileRefused(
            f"Berkas lebih dari {_size(max_bytes)}. Pecah menjadi beberapa berkas, lalu unggah satu per satu.",
            reason="too_large",
        )
    if not data or data.isspace():
        raise _empty()
    kind = _sniff(data, filename)
    if kind == "csv":
        return _read_csv(data, filename, max_rows)
    return _read_workbook(data, kind, sheet, max_rows)


# --- what the file is ------------------------------------------------------------------------------------------


def _sniff(data: bytes, filename: str) -> str:
    if data.startswith(OLE2):
        return _ole2_kind(data, filename)
    if data.startswith(ZIP):
        _check_workbook_zip(data, filename)
        return "xlsx"
    if data.startswith(BINARY):
        raise _not_a_table(filename)
    head = data[:SAMPLE].lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        # Many web applications export an HTML or XML table named .xls; Excel opens it, calamine cannot.
        raise _unsupported("halaman web (HTML) atau XML yang diberi nama Excel")
    if b"\x00" in data[:SAMPLE] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _not_a_table(filename)
    return "csv"


def _ole2_kind(data: bytes, filename: str) -> str:
    """OLE2 holds .xls, but also .doc and password-protected .xlsx; the stream names tell them apart."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise _locked()
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    raise _not_a_table(filename)


def _check_workbook_zip(data: bytes, filename: str) -> None:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_a_table(filename) from exc
    with book:
        names = set(book.namelist())
        if "xl/workbook.bin" in names or "mimetype" in names:
            raise _unsupported("format .xlsb atau .ods")
        if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
            raise _not_a_table(filename)
        _check_zip_sizes(book.infolist())
        _check_zip_streams(book)


def _check_zip_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bomb(f"berisi lebih dari {_number(MAX_MEMBERS)} bagian")
    if sum(member.file_size for member in members) > MAX_UNZIPPED:
        raise _bomb(f"isinya lebih dari {_size(MAX_UNZIPPED)} setelah dibuka")
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _bomb(f"bagian {member.filename} dipadatkan lebih dari {MAX_RATIO} kali")


def _check_zip_streams(book: zipfile.ZipFile) -> None:
    """Decompress every member once: the directory's sizes can lie, and zipfile stops at the declared size
    and then checks the CRC, so a member longer than declared fails here instead of inside calamine."""
    try:
        for member in book.infolist():
            with book.open(member) as stream:
                while stream.read(MB):
                    pass
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
        raise _unreadable() from exc


# --- workbooks -------------------------------------------------------------------------------------------------


def _read_workbook(data: bytes, kind: str, sheet: str | None, max_rows: int) -> Table:
    with _calamine():
        reader = fastexcel.read_excel(data)
    visible = _visible_sheets(reader, data, kind)
    if sheet is not None and sheet not in visible:
        listed = ", ".join(f"“{name}”" for name in visible) or "-"
        raise FileRefused(f"Lembar “{sheet}” tidak ada di berkas ini. Lembar yang ada: {listed}.", reason="no_sheet")
    refusal = None
    for name in [sheet] if sheet is not None else visible:
        try:
            grid = _sheet_grid(reader, name, max_rows)
            return _table(grid, kind=kind, sheet=name, sheets=visible, max_rows=max_rows)
        except FileRefused as exc:
            if exc.reason not in ("empty", "no_header", "no_data"):
                raise
            refusal = refusal or (exc if exc.reason != "empty" else None)
    raise refusal or _empty()


def _visible_sheets(reader: fastexcel.ExcelReader, data: bytes, kind: str) -> list[str]:
    """Names of the sheets a person sees. For .xlsx the states are in workbook.xml, which is cheaper than
    fastexcel's ``visible``: that one needs each sheet parsed, and a hidden sheet may be big."""
    if kind == "xlsx":
        hidden = _xlsx_hidden_sheets(data)
        return [name for name in reader.sheet_names if name not in hidden]
    with _calamine():
        states = {name: reader.load_sheet(name, header_row=None, n_rows=1).visible for name in reader.sheet_names}
    return [name for name, state in states.items() if state == "visible"]


def _xlsx_hidden_sheets(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        if book.getinfo("xl/workbook.xml").file_size > 10 * MB:
            raise _unreadable()
        try:
            root = ElementTree.fromstring(book.read("xl/workbook.xml"))
        except ElementTree.ParseError as exc:
            raise _unreadable() from exc
    sheets = (node for node in root.iter() if node.tag.rsplit("}", 1)[-1] == "sheet")
    return {node.get("name", "") for node in sheets if node.get("state") in ("hidden", "veryHidden")}


def _sheet_grid(reader: fastexcel.ExcelReader, name: str, max_rows: int) -> _Grid:
    frame, numbers = _string_frame(reader, name)
    if frame.width == 0 or frame.height == 0:
        raise _empty()
    cols = frame.columns
    frame = frame.with_columns(pl.col(cols).str.strip_chars().fill_null("")).with_row_index("__row", offset=1)
    filled = frame.filter(pl.any_horizontal(pl.col(cols) != ""))
    if filled.height == 0:
        raise _empty()
    if filled.height > max_rows + HEADER_WINDOW:
        raise _too_many_rows(max_rows)  # decided before any per-cell work in Python
    _header_index([list(row) for row in filled.head(HEADER_WINDOW + 1).select(cols).rows()], name)
    texts, inexact = _excel_texts(reader, name, filled, cols)
    rows = [list(row) for row in texts.select(cols).rows()]
    return _Grid(rows, filled["__row"].to_list(), numbers, inexact)


def _string_frame(reader: fastexcel.ExcelReader, name: str) -> tuple[pl.DataFrame, list[int]]:
    """Every cell as fastexcel's text, and the 1-based column numbers. A function of its own so that
    calamine's copy of the sheet is freed on return, before the per-cell work."""
    with _calamine():
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        return loaded.to_polars(), [column.absolute_index + 1 for column in loaded.selected_columns]


def _excel_texts(reader, name: str, filled: pl.DataFrame, cols: list[str]) -> tuple[pl.DataFrame, set]:
    """Apply the cell rules to the all-string load; see the module docstring for why this is enough."""
    frame = filled.with_columns(_date_text(pl.col(col)) for col in cols)
    flags = frame.select(_ambiguous(pl.col(col)).any() for col in cols).row(0)
    ambiguous = [col for col, flag in zip(cols, flags, strict=True) if flag]
    if not ambiguous:
        return frame, set()
    positions = filled["__row"] - 1  # the typed loads keep every sheet row, empty ones too
    mask = _typed(reader, name, "boolean", ambiguous, positions)
    work = frame.hstack(mask.rename(lambda col: f"{col}#m")).with_row_index("__i")
    inexact, fractions = set(), {}
    for col in ambiguous:
        text, typed = pl.col(col), pl.col(f"{col}#m")
        is_bool = typed.is_not_null() & text.is_in(["true", "false"])
        is_number = typed.is_not_null() & ~is_bool
        big = is_number & (text.cast(pl.Float64, strict=False).abs() >= SAFE_INTEGER)
        inexact |= {(i, cols.index(col)) for i in work.filter(big)["__i"]}
        # fastexcel prints a fraction with nine decimals, and a tiny non-zero number as "0"
        fraction = is_number & typed & (text.str.contains(".", literal=True) | text.is_in(["0", "-0"]))
        fractions[col] = work.filter(fraction)["__i"].to_list()
        zero = is_number & ~typed  # the boolean load is False only for zero, which also turns "-0" into "0"
        fixed = pl.when(is_bool).then(text.str.to_uppercase()).when(zero).then(pl.lit("0")).otherwise(text)
        work = work.with_columns(fixed.alias(col))
    return _exact_fractions(reader, name, work, cols, fractions, positions), inexact


def _exact_fractions(reader, name: str, work: pl.DataFrame, cols, fractions: dict, positions) -> pl.DataFrame:
    wanted = [col for col, rows in fractions.items() if rows]
    if not wanted:
        return work
    values = _typed(reader, name, "float", wanted, positions)
    for col in wanted:
        texts = [_number_text(value) for value in values[col].gather(fractions[col]).to_list()]
        work = work.with_columns(work[col].scatter(fractions[col], texts))
    return work


def _typed(reader, name: str, dtype: str, columns: list[str], positions: pl.Series) -> pl.DataFrame:
    with _calamine():
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes=dtype, use_columns=columns)
        return loaded.to_polars().select(pl.all().gather(positions))


def _ambiguous(text: pl.Expr) -> pl.Expr:
    return text.str.contains(AMBIGUOUS) | (text.cast(pl.Float64, strict=False).abs() >= SAFE_INTEGER)


def _date_text(col: pl.Expr) -> pl.Expr:
    """fastexcel prints dates as ``1985-04-12 00:00:00`` and a time alone on Excel's day zero (1899-12-31)."""
    date = col.str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "${1}")
    return date.str.replace(r"^1899-12-31 (\d{2}:\d{2}:\d{2})$", "${1}")


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


@contextlib.contextmanager
def _calamine() -> Iterator[None]:
    """Any failure inside calamine means a file we cannot read. A panic in the Rust code arrives as pyo3's
    PanicException, which derives from BaseException, so that is caught too."""
    try:
        yield
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        raise (_locked() if "password" in str(exc).lower() else _unreadable()) from exc


# --- CSV -------------------------------------------------------------------------------------------------------


def _read_csv(data: bytes, filename: str, max_rows: int) -> Table:
    text, encoding = _decode(data, filename)
    if len(CONTROL.findall(text[:SAMPLE])) > len(text[:SAMPLE]) // 100:
        raise _not_a_table(filename)  # binary that happened to decode
    text, delimiter = _delimiter(text)
    grid = _csv_grid(text, delimiter, max_rows)
    return _table(grid, kind="csv", sheet="", sheets=[], max_rows=max_rows, encoding=encoding, delimiter=delimiter)


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """UTF-16 (Excel's "Unicode text"), UTF-8 with or without BOM, else line by line UTF-8 or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _not_a_table(filename) from exc
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    with contextlib.suppress(UnicodeDecodeError):
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    return _decode_lines(body, bom)


def _decode_lines(body: bytes, bom: bool) -> tuple[str, str]:
    """A list pasted together from several sources can mix encodings; decode each line on its own."""
    parts, utf8 = [], bom
    for line in body.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            parts.append(line.decode("cp1252", errors="replace"))  # five bytes are unassigned in cp1252
    return "".join(parts), ("utf-8+cp1252" if utf8 else "cp1252")


def _delimiter(text: str) -> tuple[str, str]:
    """Excel's ``sep=;`` first line wins; else the delimiter that gives most lines the same width (> 1)."""
    hint = re.match(r"sep=(.)\r?(?:\n|$)", text)
    if hint and hint.group(1) in DELIMITERS:
        return text[hint.end() :], hint.group(1)
    lines = text[:SAMPLE].splitlines()[:100]
    sample = "\n".join(lines[:-1] if len(text) > SAMPLE and len(lines) > 1 else lines)
    return text, max(DELIMITERS, key=lambda delimiter: _delimiter_score(sample, delimiter))


def _delimiter_score(sample: str, delimiter: str) -> tuple[int, int, int]:
    widths = []
    with contextlib.suppress(csv.Error):
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if sum(1 for cell in record if cell.strip()) > 0 and len(record) > 1:
                widths.append(len(record))
    if not widths:
        return (0, 0, -DELIMITERS.index(delimiter))
    common = max(set(widths), key=widths.count)
    return (widths.count(common), common, -DELIMITERS.index(delimiter))


def _csv_grid(text: str, delimiter: str, max_rows: int) -> _Grid:
    rows, numbers = [], []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            cells = [cell.strip() for cell in record]
            if any(cells):
                rows.append(cells)
                numbers.append(number)
                if len(rows) > max_rows + HEADER_WINDOW:
                    raise _too_many_rows(max_rows)  # stop reading: the rest cannot change the answer
    except csv.Error as exc:
        raise _unreadable("CSV") from exc
    if not rows:
        raise _empty()
    return _Grid(rows, numbers, list(range(1, max(map(len, rows)) + 1)))


# --- header and table ------------------------------------------------------------------------------------------


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


# --- messages --------------------------------------------------------------------------------------------------


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _size(size: int) -> str:
    if size < 1024:
        return f"{_number(size)} byte"
    value, unit = (size / MB, "MB") if size >= MB else (size / 1024, "KB")
    return f"{value:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"


def _empty() -> FileRefused:
    return FileRefused("Berkas kosong: tidak ada data yang bisa dibaca.", reason="empty")


def _not_a_table(filename: str) -> FileRefused:
    named = f" ({filename})" if filename else ""
    return FileRefused(
        f"Berkas ini bukan Excel atau CSV{named}. Unggah berkas .xlsx, .xls, atau .csv.", reason="not_a_table"
    )


def _unsupported(what: str) -> FileRefused:
    return FileRefused(
        f"Berkas ini {what}, yang belum bisa dibaca. Buka di Excel atau LibreOffice, simpan sebagai .xlsx, "
        "lalu unggah lagi.",
        reason="unsupported_format",
    )


def _bomb(problem: str) -> FileRefused:
    return FileRefused(
        f"Berkas Excel ini tidak wajar: {problem}, melebihi batas aman. Simpan ulang di Excel, lalu unggah lagi.",
        reason="zip_bomb",
    )


def _locked() -> FileRefused:
    return FileRefused(
        "Berkas Excel ini dikunci dengan kata sandi. Buka kuncinya di Excel, simpan, lalu unggah lagi.",
        reason="locked",
    )


def _unreadable(kind: str = "Excel") -> FileRefused:
    return FileRefused(
        f"Berkas {kind} ini rusak atau tidak bisa dibaca. Buka di Excel, simpan ulang, lalu unggah lagi.",
        reason="unreadable",
    )


def _too_many_rows(max_rows: int) -> FileRefused:
    return FileRefused(
        f"Berkas berisi lebih dari {_number(max_rows)} baris data. Pecah menjadi beberapa berkas berisi paling "
        f"banyak {_number(max_rows)} baris, lalu unggah satu per satu.",
        reason="too_many_rows",
    )
