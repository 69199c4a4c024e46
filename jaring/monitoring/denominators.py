"""Coverage denominators: how many people work in a desa or kecamatan, as the regency loads them (typically
from BPS's "Kabupaten dalam Angka"), and the coverage rate against them. No Django here.

A table the regency uploads has one row per region, its columns found by their headers, forgivingly:

==================  ==================================================  =========================================
field               headers recognised (examples)                       values
==================  ==================================================  =========================================
region (required)   Kode Wilayah, Kode Desa, Kode Kecamatan, Kode        ``35.03.01.2001`` or ``3503012001``; a
                    Kemendagri, KDDESA                                   desa's 4 digits beside a kecamatan code
workers (required)  Pekerja, Jumlah Pekerja, Tenaga Kerja, Penduduk      whole number: 1234, 1.234, 1,234
                    Bekerja
informal workers    Pekerja Informal, Jumlah Pekerja Informal            whole number, not above the workers
source              Sumber, Sumber Data                                  text; else the source typed in the form
name                Desa/Kelurahan, Kecamatan, Nama Wilayah              read only to skip "Jumlah" rows
==================  ==================================================  =========================================

Rows may mix levels (a kecamatan's row and its desa's rows): a region's own row always wins, and a region
without one is the sum of its children's (``resolve``), so nothing is counted twice.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import pairwise

from jaring.billing.reconciliation.files import RowProblem
from jaring.core.regioncodes import InvalidRegionCode, Level, ancestors, contains, level_of, normalize
from jaring.intake.reading import MB, FileRefused, read_table

MAX_BYTES = 5 * MB
#: A regency has at most a few hundred desa and a few dozen kecamatan.
MAX_ROWS = 5_000
FIELD_LABELS: dict[str, str] = {
    "village_code": "Kode desa",
    "district_code": "Kode kecamatan",
    "region_code": "Kode wilayah",
    "workers": "Jumlah pekerja",
    "informal": "Pekerja informal",
    "source": "Sumber",
    "name": "Nama wilayah",
}
#: Code columns, most specific first: the first one filled on a row names its region.
CODE_FIELDS = ("village_code", "region_code", "district_code")

_NON_ALNUM = re.compile(r"[\W_]+")
_CODE_COMPACT = {
    "kddesa": "village_code", "kodedesa": "village_code", "kdkel": "village_code", "kodekel": "village_code",
    "kddesakel": "village_code", "kdkec": "district_code", "kodekec": "district_code",
    "kodekecamatan": "district_code", "kdwil": "region_code", "kodewil": "region_code", "kode": "region_code",
    "kodewilayah": "region_code", "kdwilayah": "region_code", "kodekemendagri": "region_code",
}  # fmt: skip
_VILLAGE_WORDS = frozenset({"desa", "kelurahan", "kel", "desakelurahan", "desakel"})
_DISTRICT_WORDS = frozenset({"kecamatan", "kec"})
_NAME_WORDS = frozenset({"nama", "wilayah"}) | _VILLAGE_WORDS | _DISTRICT_WORDS
_TOTAL_WORDS = frozenset({"jumlah", "total", "kabupaten", "kab"})


class Basis(StrEnum):
    """Which figure the coverage rate divides by."""

    WORKERS = "workers"
    INFORMAL = "informal_workers"


class DenominatorFileRefused(ValueError):
    """A file that cannot be read as a denominator table at all; the message is in Bahasa Indonesia."""


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row's cells as text, before any check. ``codes`` maps a code field to its cell."""

    row: int
    codes: dict[str, str]
    workers: str = ""
    informal: str = ""
    source: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class DenominatorRow:
    row: int
    code: str
    workers: int
    informal: int | None
    source: str

    def value(self, basis: str) -> int | None:
        return self.informal if basis == Basis.INFORMAL else self.workers


@dataclass
class RawFile:
    columns: dict[str, str]  # field → the header it was read from
    rows: list[RawRow]


@dataclass
class Checked:
    rows: list[DenominatorRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    #: Rows left out on purpose: a template row with no figures, a "Jumlah" row without a code.
    skipped: int = 0


def field_of(header: str) -> str | None:
    """The field a header names, or None: "Kode Desa" → village_code, "Jumlah Pekerja Informal" → informal."""
    words = _NON_ALNUM.sub(" ", (header or "").lower()).split()
    compact, present = "".join(words), set(words)
    if "informal" in present or compact.endswith("informal"):
        return "informal"
    if compact in _CODE_COMPACT:
        return _CODE_COMPACT[compact]
    if present & {"kode", "kd"}:
        return _code_field(present)
    if "sumber" in present:
        return "source"
    if ("pekerja" in present or "bekerja" in present or {"tenaga", "kerja"} <= present) and "formal" not in present:
        return "workers"
    return "name" if present & _NAME_WORDS else None


def _code_field(words: set[str]) -> str:
    if words & _VILLAGE_WORDS:
        return "village_code"
    return "district_code" if words & _DISTRICT_WORDS else "region_code"


def guess_columns(header: Sequence[str]) -> dict[str, int]:
    """Field → column index; a field named twice is read from its first column."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        name = field_of(text)
        if name is not None and name not in found:
            found[name] = index
    return found


def read_denominator_file(data: bytes, filename: str) -> RawFile:
    """The rows of an uploaded .xlsx/.xls/.csv, or DenominatorFileRefused naming what is missing."""
    try:
        table = read_table(data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except FileRefused as exc:
        raise DenominatorFileRefused(str(exc)) from None
    columns = guess_columns(table.header)
    if not set(CODE_FIELDS) & columns.keys():
        raise DenominatorFileRefused(
            "Kolom kode wilayah tidak ditemukan. Tulis judul kolom “Kode Wilayah” (atau “Kode Desa”, “Kode "
            "Kecamatan”) berisi kode Kemendagri seperti 35.03.01.2001."
        )
    if "workers" not in columns:
        raise DenominatorFileRefused("Kolom jumlah pekerja tidak ditemukan; tulis judul kolom “Jumlah Pekerja”.")
    names = [i for i, text in enumerate(table.header) if field_of(text) == "name"]
    rows = [_raw(table.file_row(i), cells, columns, names) for i, cells in enumerate(table.rows) if any(cells)]
    return RawFile({name: table.header[index] for name, index in columns.items()}, rows)


def _raw(number: int, cells: Sequence[str], columns: Mapping[str, int], names: Sequence[int]) -> RawRow:
    """``names``: every name column (Kecamatan, Desa/Kelurahan), read together to spot a "Jumlah" row."""

    def cell(name: str) -> str:
        return cells[columns[name]].strip() if name in columns else ""

    codes = {name: cell(name) for name in CODE_FIELDS if name in columns}
    name = " ".join(cells[i].strip() for i in names if cells[i].strip())
    return RawRow(number, codes, cell("workers"), cell("informal"), cell("source"), name)


def check_rows(raw: Iterable[RawRow], *, regency_code: str, regency_name: str, regions: Mapping[str, str],
               default_source: str = "") -> Checked:  # fmt: skip
    """Every row checked against the regency's regions (code → name, the regency itself included); each problem
    named with its row, all of a row's problems at once, so the operator fixes the file in one pass."""
    checked, first_row = Checked(), {}
    place = Place(regency_code, regency_name, regions)
    for row in raw:
        if _skipped(row):
            checked.skipped += 1
            continue
        found: list[str] = []
        result = _row(row, place, default_source, found)
        if result is not None and (twin := first_row.setdefault(result.code, row.row)) != row.row:
            found.append(f"Kode wilayah {result.code} juga ada di baris {twin}.")
        if found:
            checked.problems.extend(RowProblem(row.row, text) for text in found)
        else:
            checked.rows.append(result)
    return checked


@dataclass(frozen=True, slots=True)
class Place:
    regency_code: str
    regency_name: str
    regions: Mapping[str, str]


def _skipped(row: RawRow) -> bool:
    """A template row nobody filled in, or a total row ("Jumlah", "Total Kabupaten") without a code."""
    if not row.workers and not row.informal:
        return True
    if any(row.codes.values()):
        return False
    return bool(_TOTAL_WORDS & set(_NON_ALNUM.sub(" ", row.name.lower()).split()))


def _row(row: RawRow, place: Place, default_source: str, found: list[str]) -> DenominatorRow | None:
    code = _code(row.codes, place, found)
    workers = _count(row.workers, "Jumlah pekerja", found, required=True)
    informal = _count(row.informal, "Pekerja informal", found)
    if workers is not None and informal is not None and informal > workers:
        found.append(f"Pekerja informal ({_thousands(informal)}) lebih banyak dari jumlah pekerja "
                     f"({_thousands(workers)}).")  # fmt: skip
    source = " ".join((row.source or default_source).split())[:200]
    if not source:
        found.append("Sumber data kosong; isi kolom Sumber atau tulis sumbernya di formulir unggah.")
    if found or code is None or workers is None:
        return None
    return DenominatorRow(row.row, code, workers, informal, source)


def _code(codes: Mapping[str, str], place: Place, found: list[str]) -> str | None:
    name = next((name for name in CODE_FIELDS if codes.get(name)), None)
    if name is None:
        found.append("Kode wilayah kosong.")
        return None
    text = codes[name]
    try:
        code = _relative(name, text, codes, place.regency_code) or normalize(text)
    except InvalidRegionCode as exc:
        found.append(str(exc))
        return None
    if not contains(place.regency_code, code):
        found.append(f"Kode wilayah {code} di luar {place.regency_name}; unggah hanya wilayah kabupaten/kota ini.")
        return None
    if code not in place.regions:
        found.append(f"Kode wilayah {code} tidak dikenal di {place.regency_name}.")
        return None
    return code


def _relative(name: str, text: str, codes: Mapping[str, str], regency_code: str) -> str | None:
    """A code written as its last segment only: a desa's 4 digits beside its kecamatan's code, or a kecamatan's
    2 digits within the regency being loaded."""
    if not text.isdigit():
        return None
    if name == "district_code" and len(text) == 2:
        return f"{regency_code}.{text}"
    if name == "village_code" and len(text) == 4 and (district := codes.get("district_code", "")):
        parent = _relative("district_code", district, codes, regency_code) or normalize(district)
        return f"{parent}.{text}" if level_of(parent) == Level.DISTRICT else None
    return None


_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_INTEGRAL = re.compile(r"(\d+)(?:[.,]0+)?")


def parse_count(text: str) -> int | None:
    """A count of people as spreadsheets and Indonesians write it: 1234, 1.234, 1,234, 1 234, 1234.0 → 1234.
    None when empty; ValueError when it is not a whole number; a negative number is returned as such."""
    compact = re.sub(r"\s+", "", text or "")
    if not compact:
        return None
    sign = -1 if compact.startswith("-") else 1
    digits = compact.lstrip("+-")
    if _GROUPED.fullmatch(digits):
        return sign * int(re.sub(r"[.,]", "", digits))
    if match := _INTEGRAL.fullmatch(digits):
        return sign * int(match[1])
    raise ValueError(text)


def _count(text: str, what: str, found: list[str], *, required: bool = False) -> int | None:
    try:
        value = parse_count(text)
    except ValueError:
        found.append(f"{what} '{text}' bukan bilangan bulat.")
        return None
    if value is None and required:
        found.append(f"{what} kosong.")
    elif value is not None and value < 0:
        found.append(f"{what} tidak boleh negatif (tertulis '{text}').")
        return None
    return value


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def values_of(rows: Iterable[DenominatorRow], basis: str) -> dict[str, int]:
    """Region code → its figure for ``basis``; rows without that figure (no informal count) are left out."""
    return {row.code: value for row in rows if (value := row.value(basis)) is not None}


def resolve(values: Mapping[str, int], codes: Iterable[str | None]) -> dict[str | None, int | None]:
    """The denominator of each code (None is the whole nation): the region's own figure when loaded, else the
    sum of its children's, each resolved the same way; None when nothing under it is loaded. A kecamatan loaded
    with its desa counts once: its own figure for itself and above, the desa's for each desa."""
    children = _children(values)
    memo: dict[str | None, int | None] = {}

    def total(code: str | None) -> int | None:
        if code in values:
            return values[code]
        if code not in memo:
            parts = [part for child in children.get(code, ()) if (part := total(child)) is not None]
            memo[code] = sum(parts) if parts else None
        return memo[code]

    return {code: total(code) for code in codes}


def _children(codes: Iterable[str]) -> dict[str | None, set[str]]:
    """Every region above a loaded code → its children on the way down to loaded codes."""
    children: dict[str | None, set[str]] = {}
    for code in codes:
        path = [None, *ancestors(code)]
        for parent, child in pairwise(path):
            children.setdefault(parent, set()).add(child)
    return children


def mixed_levels(codes: Iterable[str]) -> list[str]:
    """Codes loaded together with some region beneath them (a kecamatan and its desa), for a notice."""
    loaded = set(codes)
    above = {parent for code in loaded for parent in ancestors(code)[:-1]}
    return sorted(loaded & above)


def coverage_rate(covered: int | None, denominator: int | None) -> Decimal | None:
    """``covered`` as a percentage of ``denominator`` with one decimal (43.0); None without a denominator."""
    if not denominator or covered is None:
        return None
    rate = Decimal(covered) * 100 / Decimal(denominator)
    return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
