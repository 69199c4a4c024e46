"""BPJS's billing and payment status file, read into one row per KPJ and month. No Django here.

BPJS publishes no layout for this file (domain-facts §7: the branch office sends what its EPS/SIPP screens
export), so the columns are found by their headers, forgivingly, as the registration results are
(``jaring.enrollment.results``). The layout Jaring accepts:

* **.xlsx** (the first sheet with a header row and data) or **.csv** (UTF-8 with or without BOM, separated by
  ``;`` or ``,``); title rows above the header are skipped (``jaring.intake.reading``).
* One row per KPJ per month. Headers, in any order and case, with or without punctuation:

  ===============  ==============================================  ==========================================
  field            headers recognised (examples)                   values
  ===============  ==============================================  ==========================================
  KPJ (required)   KPJ, No KPJ, Nomor KPJ, No. Peserta              11 digits; spaces, dots, dashes ignored
  month            Periode, Bulan, Periode Iuran, BLTH              ``2026-03``, ``03/2026``, ``202603``,
                                                                    ``Maret 2026`` or a date in the month
  billed (req.)    Iuran, Tagihan, Jumlah Iuran, Iuran (Rp)         whole rupiah: 16800, 16.800, Rp16.800,00
  paid             Dibayar, Iuran Dibayar, Jumlah Bayar             whole rupiah; empty is 0
  payment status   Status, Status Bayar                             LUNAS/SUDAH BAYAR or BELUM/TUNGGAK; read
                                                                    only where the paid amount is empty
  date paid        Tanggal Bayar, Tgl Pembayaran                    ``2026-04-02`` or ``02-04-2026``
  kode iuran       Kode Iuran, Kode Bayar                           11 digits
  name, NIK        Nama, Nama Peserta; NIK                          kept for the report only
  ===============  ==============================================  ==========================================

Without a month column the operator names the month; without a paid amount or status column only the billed
amounts are compared. Every row that cannot be read is named with its row number and the reason, in Bahasa
Indonesia; blank rows are skipped; a KPJ twice for the same month is a bad row, so nothing is lost silently.
"""

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jaring.enrollment.results import clean_kpj, parse_day
from jaring.intake.reading import MB, FileRefused, read_table
from jaring.programs.rates import MONTH_NAMES, month_name

from ..codes import clean_code

MAX_BYTES = 20 * MB
MAX_ROWS = 200_000

#: What each field is called in messages and on the report ("Kolom dibaca: Iuran ← “Jumlah Iuran (Rp)”").
FIELD_LABELS: dict[str, str] = {
    "kpj": "KPJ",
    "period": "Periode",
    "billed": "Iuran ditagih",
    "paid": "Iuran dibayar",
    "status": "Status bayar",
    "paid_on": "Tanggal bayar",
    "kode_iuran": "Kode iuran",
    "name": "Nama",
    "nik": "NIK",
}

_NON_ALNUM = re.compile(r"[\W_]+")
# fmt: off
_EXACT: dict[str, frozenset[str]] = {
    "kpj": frozenset({"kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu", "nomorkartu",
                      "nokartupeserta", "nomorkartupeserta"}),
    "period": frozenset({"periode", "bulan", "periodeiuran", "bulaniuran", "periodetagihan", "bulantagihan", "blth",
                         "thbl", "bulantahun", "tahunbulan", "masaiuran"}),
    "billed": frozenset({"iuran", "tagihan", "jumlahiuran", "nominaliuran", "totaliuran", "iuranditagih",
                         "jumlahtagihan", "nominaltagihan", "tagihaniuran", "iuranrp", "tagihanrp"}),
    "paid": frozenset({"dibayar", "iurandibayar", "jumlahdibayar", "jumlahbayar", "nominalbayar", "terbayar",
                       "iuranterbayar", "pembayaran", "bayar", "dibayarrp", "iurandibayarrp"}),
    "status": frozenset({"status", "statusbayar", "statuspembayaran", "statusiuran", "statuslunas"}),
    "paid_on": frozenset({"tanggalbayar", "tglbayar", "tanggalpembayaran", "tglpembayaran", "tanggallunas",
                          "tgllunas", "waktubayar"}),
    "kode_iuran": frozenset({"kodeiuran", "kodebayar", "kodepembayaran", "kodebilling", "kodetagihan"}),
    "name": frozenset({"nama", "namapeserta", "namatk", "namatenagakerja", "namalengkap"}),
    "nik": frozenset({"nik", "noktp", "nomornik", "nomorktp", "noidentitas", "nomoridentitas"}),
}
#: Longer headers, tried in this order (a date paid before a paid amount, a code or period before the amount
#: billed): the first rule with one word group all present and no excluded word names the field.
_WORDS: tuple[tuple[str, tuple[frozenset[str], ...], frozenset[str]], ...] = (
    ("paid_on", (frozenset({"tanggal", "bayar"}), frozenset({"tgl", "bayar"}), frozenset({"tanggal", "pembayaran"}),
                 frozenset({"tgl", "pembayaran"}), frozenset({"tanggal", "lunas"}), frozenset({"tgl", "lunas"})),
     frozenset()),
    ("kode_iuran", (frozenset({"kode"}),), frozenset()),
    ("kpj", (frozenset({"kpj"}), frozenset({"nomor", "peserta"}), frozenset({"no", "peserta"})), frozenset({"nama"})),
    ("nik", (frozenset({"nik"}), frozenset({"ktp"})), frozenset({"nama"})),
    ("status", (frozenset({"status"}),), frozenset({"kepesertaan", "peserta"})),
    ("period", (frozenset({"periode"}), frozenset({"bulan"}), frozenset({"blth"})), frozenset({"tanggal", "tgl"})),
    ("paid", (frozenset({"dibayar"}), frozenset({"terbayar"}), frozenset({"bayar"}), frozenset({"pembayaran"})),
     frozenset()),
    ("billed", (frozenset({"iuran"}), frozenset({"tagihan"}), frozenset({"ditagih"})), frozenset()),
    ("name", (frozenset({"nama"}),), frozenset()),
)
_PAID_WORDS = frozenset({"lunas", "sudah", "terbayar", "dibayar", "paid", "bayar", "ya", "y"})
_UNPAID_WORDS = frozenset({"belum", "tunggak", "tertunggak", "menunggak", "tidak", "unpaid", "gagal"})
# fmt: on


class StatusFileRefused(ValueError):
    """A file that cannot be read as BPJS's status file at all; the message is in Bahasa Indonesia."""


@dataclass(frozen=True, slots=True)
class StatusRow:
    """One KPJ's month as BPJS reports it. ``paid`` is None when the file says nothing about payment."""

    row: int
    kpj: str
    month: date | None
    billed: Decimal
    paid: Decimal | None
    paid_on: date | None = None
    kode_iuran: str = ""
    name: str = ""
    nik: str = ""


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    text: str

    def __str__(self) -> str:
        return f"Baris {self.row}: {self.text}"


@dataclass
class StatusFile:
    columns: dict[str, str]  # field → the header it was read from
    rows: list[StatusRow]
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def months(self) -> list[date]:
        return sorted({r.month for r in self.rows if r.month is not None})


def field_of(header: str) -> str | None:
    """The field a header names, or None: "No. KPJ" → kpj, "Iuran Dibayar (Rp)" → paid."""
    words = _NON_ALNUM.sub(" ", (header or "").lower()).split()
    compact = "".join(words)
    for name, forms in _EXACT.items():
        if compact in forms:
            return name
    for name, groups, excluded in _WORDS:
        if any(group <= set(words) for group in groups) and not excluded & set(words):
            return name
    return None


def guess_columns(header: list[str]) -> dict[str, int]:
    """Field → column index; a field found twice is read from its first column."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        name = field_of(text)
        if name is not None and name not in found:
            found[name] = index
    return found


def missing_columns(columns: Mapping[str, int]) -> str | None:
    if "kpj" not in columns:
        return "Kolom KPJ tidak ditemukan. Berkas status BPJS harus memuat KPJ dan iuran yang ditagih per bulan."
    if "billed" not in columns:
        return "Kolom iuran (jumlah yang ditagih BPJS) tidak ditemukan; tulis judul kolom “Iuran” atau “Tagihan”."
    return None


def read_status_file(data: bytes, filename: str) -> StatusFile:
    """The file's rows, or StatusFileRefused when it is empty, unreadable or lacks the KPJ or billed column."""
    try:
        table = read_table(data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except FileRefused as exc:
        raise StatusFileRefused(str(exc)) from None
    columns = guess_columns(table.header)
    if problem := missing_columns(columns):
        raise StatusFileRefused(problem)
    read = StatusFile({name: table.header[index] for name, index in columns.items()}, [])
    first_row: dict[tuple[str, date | None], int] = {}
    for index, cells in enumerate(table.rows):
        if not any(cells):
            continue
        values = {name: cells[i].strip() for name, i in columns.items()}
        row = _row(table.file_row(index), values, read.problems)
        if row is None:
            continue
        if (twin := first_row.setdefault((row.kpj, row.month), row.row)) != row.row:
            read.problems.append(RowProblem(row.row, f"KPJ {row.kpj}{_of(row.month)} juga ada di baris {twin}."))
            continue
        read.rows.append(row)
    if not read.rows and not read.problems:
        raise StatusFileRefused("Berkas tidak berisi baris data.")
    return read


def _of(month: date | None) -> str:
    return f" bulan {month_name(month)}" if month else ""


def _row(number: int, values: dict[str, str], problems: list[RowProblem]) -> StatusRow | None:
    """One row, or None after adding its problems (all of them: the operator fixes the row once)."""
    found: list[str] = []
    kpj = _kpj(values["kpj"], found)
    month = _period(values["period"], found) if "period" in values else None
    billed = _amount(values["billed"], "Iuran", found, required=True)
    paid = _paid(values, billed, found)
    paid_on = _day(values.get("paid_on", ""), found)
    code = clean_code(values.get("kode_iuran", ""))
    if found:
        problems.extend(RowProblem(number, text) for text in found)
        return None
    name, nik = " ".join(values.get("name", "").split()), values.get("nik", "")
    return StatusRow(number, kpj, month, billed, paid, paid_on, code, name, nik)


def _kpj(text: str, found: list[str]) -> str:
    kpj = clean_kpj(text)
    if kpj == "":
        found.append("KPJ kosong.")
    elif kpj is None:
        found.append(f"KPJ harus 11 angka; tertulis '{text}'.")
    return kpj or ""


def _paid(values: dict[str, str], billed: Decimal | None, found: list[str]) -> Decimal | None:
    if values.get("paid"):
        return _amount(values["paid"], "Iuran dibayar", found)
    if values.get("status"):
        paid = parse_paid_status(values["status"])
        if paid is None:
            found.append(f"Status bayar '{values['status']}' tidak dikenal; tulis LUNAS atau BELUM.")
            return None
        return billed if paid and billed is not None else Decimal(0)
    return Decimal(0) if "paid" in values or "status" in values else None


def _day(text: str, found: list[str]) -> date | None:
    try:
        return parse_day(text)
    except ValueError:
        found.append(f"Tanggal bayar '{text}' tidak terbaca; tulis seperti 02-04-2026.")
        return None


def parse_paid_status(text: str) -> bool | None:
    """LUNAS, "Sudah bayar" → True; BELUM, "Tertunggak" → False; anything else None."""
    words = _NON_ALNUM.sub(" ", (text or "").lower()).split()
    if not words:
        return None
    if words[0] in _UNPAID_WORDS:
        return False
    return True if words[0] in _PAID_WORDS else None


_CENTS = re.compile(r"(.*\d)[.,](\d{2})")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def parse_rupiah(text: str) -> Decimal | None:
    """Whole rupiah as Indonesians and spreadsheets write it: 16800, 16.800, 16,800, Rp16.800,00 → 16800.
    None when empty; ValueError when not an amount, negative, or with cents other than ,00."""
    compact = re.sub(r"(?i)\s+|rp\.?|idr", "", text or "")
    if not compact:
        return None
    if (cents := _CENTS.fullmatch(compact)) and not _GROUPED.fullmatch(compact):
        if cents[2] != "00":
            raise ValueError(text)
        compact = cents[1]
    if _GROUPED.fullmatch(compact):
        compact = re.sub(r"[.,]", "", compact)
    if not compact.isdigit():
        raise ValueError(text)
    return Decimal(compact)


def _amount(text: str, what: str, found: list[str], *, required: bool = False) -> Decimal | None:
    try:
        amount = parse_rupiah(text)
    except ValueError:
        found.append(f"{what} '{text}' bukan jumlah rupiah bulat.")
        return None
    if amount is None and required:
        found.append(f"{what} kosong.")
    return amount if amount is not None else (None if required else Decimal(0))


_YM = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")
_MY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})")
_NAMED = re.compile(r"([A-Za-z]+)\.?\s*[-/ ]?\s*(\d{4})")
_MONTH_WORDS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)} | {
    name.lower()[:3]: n for n, name in enumerate(MONTH_NAMES, start=1)
} | {"agt": 8, "ags": 8, "des": 12, "mei": 5, "okt": 10, "nop": 11, "nov": 11}  # fmt: skip


def parse_period(text: str) -> date:
    """The month a cell names, as its first day: 2026-03, 03/2026, 202603, Maret 2026, or any date in it
    (2026-03-01, 01-03-2026). ValueError when it names no month."""
    text = (text or "").strip()
    day = None
    with contextlib.suppress(ValueError):
        day = parse_day(text)
    if day is not None:
        return day.replace(day=1)
    year, month = _year_month(text)
    if not (1 <= month <= 12 and 1900 < year < 2200):
        raise ValueError(text)
    return date(year, month, 1)


def _year_month(text: str) -> tuple[int, int]:
    if match := _YM.fullmatch(text) or _COMPACT.fullmatch(text):
        return int(match[1]), int(match[2])
    if match := _MY.fullmatch(text):
        return int(match[2]), int(match[1])
    if (match := _NAMED.fullmatch(text)) and match[1].lower() in _MONTH_WORDS:
        return int(match[2]), _MONTH_WORDS[match[1].lower()]
    raise ValueError(text)


def _period(text: str, found: list[str]) -> date | None:
    if not text:
        found.append("Periode kosong.")
        return None
    try:
        return parse_period(text)
    except ValueError:
        found.append(f"Periode '{text}' tidak terbaca; tulis seperti 2026-03, 03/2026 atau Maret 2026.")
        return None
