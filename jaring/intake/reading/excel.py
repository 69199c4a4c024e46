"""Workbooks (.xlsx and .xls) read through fastexcel (calamine), every cell turned into its text.

fastexcel's all-string load is exact for text, dates and integral numbers, but it prints fractions with
nine decimals and cannot tell the number 1 from the text "1". Only the few texts where that matters
(``true``/``false``, zeros, decimals, integers from 2**53 on) are settled with a second, boolean load: a boolean load
gives a value for number and boolean cells only (True when non-zero) and null for text and dates. Fractions
are then read exactly with a float load.

Texts of 16 digits or more below 2**53 (a NIK) are settled too, for ``Table.long_number_rows``: in an .xlsx by the
texts the zip check found (see digit_texts), which costs no second load; otherwise by the boolean load.
"""

import contextlib
import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

import fastexcel
import polars as pl

from .digit_texts import LONG_DIGITS
from .limits import MB
from .refusals import FileRefused, _empty, _locked, _too_many_rows, _unreadable
from .table import HEADER_WINDOW, Table, _Grid, _header_index, _table

#: Every integer up to 2**53 - 1 is exact in a double; from 2**53 on, neighbours collapse (2**53 + 1 → 2**53).
SAFE_INTEGER = 2**53
#: Texts of the all-string load whose meaning depends on the cell's type (see the module docstring), besides
#: integers from 2**53 on, which ``_ambiguous`` adds.
AMBIGUOUS = r"^(?:true|false|-?0|-?\d+\.\d+)$"


def _read_workbook(data: bytes, kind: str, sheet: str | None, max_rows: int, digit_texts: list[bytes] | None) -> Table:
    """``digit_texts`` are the long digit strings the workbook holds as text (bytes), None when unknown (see
    digit_texts)."""
    with _calamine():
        reader = fastexcel.read_excel(data)
    visible = _visible_sheets(reader, data, kind)
    if sheet is not None and sheet not in visible:
        listed = ", ".join(f"“{name}”" for name in visible) or "-"
        raise FileRefused(f"Lembar “{sheet}” tidak ada di berkas ini. Lembar yang ada: {listed}.", reason="no_sheet")
    refusal = None
    for name in [sheet] if sheet is not None else visible:
        try:
            grid = _sheet_grid(reader, name, max_rows, digit_texts)
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


def _sheet_grid(reader: fastexcel.ExcelReader, name: str, max_rows: int, digit_texts: list[bytes] | None) -> _Grid:
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
    texts, inexact, long_number_rows = _excel_texts(reader, name, filled, cols, digit_texts)
    rows = list(map(list, zip(*(texts[col].to_list() for col in cols), strict=True)))  # a third faster than .rows()
    return _Grid(rows, filled["__row"].to_list(), numbers, inexact, long_number_rows)


def _string_frame(reader: fastexcel.ExcelReader, name: str) -> tuple[pl.DataFrame, list[int]]:
    """Every cell as fastexcel's text, and the 1-based column numbers. A function of its own so that
    calamine's copy of the sheet is freed on return, before the per-cell work."""
    with _calamine():
        loaded = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        return loaded.to_polars(), [column.absolute_index + 1 for column in loaded.selected_columns]


def _excel_texts(
    reader, name: str, filled: pl.DataFrame, cols: list[str], digit_texts: list[bytes] | None
) -> tuple[pl.DataFrame, set, dict]:
    """Apply the cell rules to the all-string load; see the module docstring for why this is enough.
    Returns the texts, the inexact cells and the long number rows by column (see Table)."""
    frame = filled.with_columns(_date_text(pl.col(col)) for col in cols)
    ambiguous, long = _columns_to_settle(frame, cols, long_digits_typed=digit_texts is None)
    long_number_rows = _long_numbers_by_text(frame, cols, long, digit_texts) if digit_texts is not None else {}
    if not ambiguous:
        return frame, set(), long_number_rows
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
        if long := work.filter(is_number & text.str.contains(LONG_DIGITS))["__i"].to_list():
            long_number_rows.setdefault(cols.index(col), set()).update(long)
        # fastexcel prints a fraction with nine decimals, and a tiny non-zero number as "0"
        fraction = is_number & typed & (text.str.contains(".", literal=True) | text.is_in(["0", "-0"]))
        fractions[col] = work.filter(fraction)["__i"].to_list()
        zero = is_number & ~typed  # the boolean load is False only for zero, which also turns "-0" into "0"
        fixed = pl.when(is_bool).then(text.str.to_uppercase()).when(zero).then(pl.lit("0")).otherwise(text)
        work = work.with_columns(fixed.alias(col))
    return _exact_fractions(reader, name, work, cols, fractions, positions), inexact, long_number_rows


def _columns_to_settle(frame: pl.DataFrame, cols: list[str], *, long_digits_typed: bool) -> tuple[list[str], list[str]]:
    """The columns that need the boolean load, and those that may hold texts of 16 digits or more. One pass for
    both, in which polars casts each column to numbers once for the two."""
    ambiguous = (_ambiguous(pl.col(col), long_digits_typed).any().alias(f"{col}#a") for col in cols)
    long = (_maybe_long(pl.col(col)).any().alias(f"{col}#l") for col in cols)
    flags = frame.select(*ambiguous, *long).row(0)
    width = len(cols)
    return (
        [col for col, flag in zip(cols, flags[:width], strict=True) if flag],
        [col for col, flag in zip(cols, flags[width:], strict=True) if flag],
    )


def _long_numbers_by_text(
    frame: pl.DataFrame, cols: list[str], long: list[str], digit_texts: list[bytes]
) -> dict[int, set[int]]:
    """Rows by column of the cells of 16 digits or more that no text of the workbook holds, so numbers (see
    digit_texts). From 2**53 on the boolean load decides, as for any number there: a wrong guess would refuse a
    good NIK or pass a bad one."""
    if not long:
        return {}
    texts = pl.Series(digit_texts, dtype=pl.Binary).cast(pl.String).implode()
    number = (
        pl.col(col).str.contains(LONG_DIGITS)
        & (pl.col(col).cast(pl.Float64, strict=False).abs() < SAFE_INTEGER)
        & ~pl.col(col).is_in(texts)
        for col in long
    )
    found = frame.select(number)
    rows = {cols.index(col): set(found[col].arg_true().to_list()) for col in long}
    return {j: indexes for j, indexes in rows.items() if indexes}


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


def _maybe_long(text: pl.Expr) -> pl.Expr:
    """A first, cheap sieve for LONG_DIGITS: long enough, and a number."""
    return (text.str.len_bytes() >= 16) & text.cast(pl.Float64, strict=False).is_not_null()


def _ambiguous(text: pl.Expr, long_digits_typed: bool) -> pl.Expr:
    """``long_digits_typed``: texts of 16 digits or more need the boolean load too (no digit_texts to tell)."""
    found = text.str.contains(AMBIGUOUS) | (text.cast(pl.Float64, strict=False).abs() >= SAFE_INTEGER)
    return found | text.str.contains(LONG_DIGITS) if long_digits_typed else found


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
