"""The file a desa sends with its proposals, built in memory. Pure Python (no Django).

Villages send their lists in their own ways: the official template (``jaring.intake.workbooks``' headers on
a sheet "Usulan", the desa pre-filled down the rows), a sheet with their own headers under a title block ("NO.
KTP", "NAMA SESUAI KTP", "TTL", "L/P", "RT/RW"), a list without a desa column, or a CSV saved from Excel with
";". Dates are typed the many ways people type them. Workbooks carry a fixed creation date, so the same seed
gives the same bytes.
"""

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from random import Random

import xlsxwriter

from jaring.core.spreadsheet import TEXT_FORMAT, WORKBOOK_OPTIONS, write_row
from jaring.intake.workbooks import FORM_SHEET, TEMPLATE_HEADERS

from .names import pick
from .proposals import CSV, NO_VILLAGE, OWN, SHAPES, TEMPLATE, Place, Registrant, Row, key

SHAPE_WEIGHTS = (0.4, 0.3, 0.2, 0.1)
#: Rows of the template pre-filled with the desa: 2,000 in the real one (TEMPLATE_ROWS); 200 show the same
#: thing (rows holding only the desa are not proposals) at a tenth of the cost.
PREFILLED_ROWS = 200
#: Creation date written into every workbook, so that a seed always gives the same file.
FILE_DATE = datetime(2025, 1, 6, 8, 0)

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober")
MONTHS += ("November", "Desember")


@dataclass(frozen=True, slots=True)
class Labels:
    """Indonesian labels of the template's dropdowns, code → label (the caller reads them from the choices)."""

    sexes: Mapping[str, str]
    occupations: Mapping[str, str]
    groups: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class VillageFile:
    village: str
    filename: str
    shape: str
    data: bytes
    rows: tuple[Row, ...]

    @property
    def faults(self) -> list[str]:
        return [row.fault for row in self.rows if row.fault]


def village_file(
    rows: Sequence[Row], rng: Random, *, shape: str, place: Place, labels: Labels, year: int, follow_up: bool = False
) -> VillageFile:
    data = _RENDER[shape](rows, rng, place, labels, year)
    return VillageFile(place.code, _filename(rng, shape, place, year, follow_up), shape, data, tuple(rows))


def pick_shape(rng: Random) -> str:
    roll, total = rng.random(), 0.0
    for shape, weight in zip(SHAPES, SHAPE_WEIGHTS, strict=True):
        total += weight
        if roll < total:
            return shape
    return SHAPES[-1]


def renamed_pdf(place: Place, year: int) -> tuple[str, bytes]:
    """A scanned letter saved as PDF and renamed .xlsx: what the check must refuse."""
    body = f"Surat usulan Desa {place.name} {year}".encode()
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + body + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return f"usulan bpjs {place.name.lower()}.xlsx", data


def _filename(rng: Random, shape: str, place: Place, year: int, follow_up: bool) -> str:
    slug = key(place.name)
    extension = "csv" if shape == CSV else "xlsx"
    if follow_up:
        return f"usulan susulan {place.name.lower()} {year}.{extension}"
    names = {
        TEMPLATE: f"templat-usulan-{slug}-{place.code.replace('.', '')}.xlsx",
        OWN: f"DATA PEKERJA RENTAN DS {place.name.upper()} {year}.xlsx",
        CSV: f"usulan_bpjstk_{slug}_{year}.csv",
        NO_VILLAGE: f"Usulan BPJS {place.name} {'tahap 1' if rng.random() < 0.5 else year}.xlsx",
    }
    return names[shape]


def _date_text(rng: Random, value: date | None) -> str:
    if value is None:
        return ""
    roll = rng.random()
    if roll < 0.45:
        return f"{value:%d-%m-%Y}"
    if roll < 0.7:
        return f"{value:%d/%m/%Y}"
    if roll < 0.8:
        return f"{value:%d-%m-%y}"
    if roll < 0.95:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{value:%d.%m.%Y}"


#: How villages write occupations on their own lists (each is understood by the intake vocabulary).
_SPOKEN = {
    "petani": ("PETANI", "TANI", "PETANI/PEKEBUN"),
    "petani_tembakau": ("PETANI TEMBAKAU",),
    "buruh_tani": ("BURUH TANI", "BURUH HARIAN LEPAS PERTANIAN"),
    "nelayan": ("NELAYAN",),
    "pedagang_kecil": ("PEDAGANG", "PEDAGANG KECIL", "PKL"),
    "ojek": ("OJEK", "TUKANG OJEK", "SOPIR"),
    "pemandu_wisata": ("PEMANDU WISATA",),
    "kader_posyandu": ("KADER POSYANDU",),
    "perangkat_desa": ("PERANGKAT DESA",),
    "pegawai_non_asn": ("HONORER",),
    "lainnya": ("LAINNYA", "LAIN-LAIN"),
}
_SPOKEN_GROUPS = {"orang_tua_tunggal": "JANDA", "disabilitas": "DIFABEL", "lansia": "LANSIA", "miskin_ekstrem": ""}


def _spoken(rng: Random, occupation: str) -> str:
    return pick(rng, _SPOKEN[occupation]) if occupation in _SPOKEN else ""


def _note(person: Registrant) -> str:
    words = [_SPOKEN_GROUPS.get(g, "") for g in person.groups]
    if person.sex == "L" and "orang_tua_tunggal" in person.groups:
        words = ["DUDA" if w == "JANDA" else w for w in words]
    return ", ".join(w for w in words if w)


def _workbook(out: io.BytesIO) -> xlsxwriter.Workbook:
    # In memory: XlsxWriter otherwise goes through temporary files, 40 ms a workbook instead of 5.
    return xlsxwriter.Workbook(out, {**WORKBOOK_OPTIONS, "in_memory": True})


Cell = Callable[[int, Row, Random, Labels], object]  # (number in the list, row, rng, labels) → cell value


def _person(field: str) -> Cell:
    return lambda n, row, rng, labels: getattr(row.person, field)


_NUMBER: Cell = lambda n, row, rng, labels: n  # noqa: E731
_NIK: Cell = lambda n, row, rng, labels: row.nik  # noqa: E731
_VILLAGE: Cell = lambda n, row, rng, labels: row.village  # noqa: E731
_NOTE: Cell = lambda n, row, rng, labels: _note(row.person)  # noqa: E731

#: The official template's columns (jaring.intake.workbooks.TEMPLATE_HEADERS), filled as its dropdowns offer.
_TEMPLATE_CELLS: tuple[Cell, ...] = (
    _NUMBER, _NIK, _person("kk_number"), _person("full_name"),
    lambda n, row, rng, labels: row.person.birth_place.title(),
    # Most type into the dated column; some paste text, which the check reads as well.
    lambda n, row, rng, labels: row.birth_date if rng.random() < 0.8 else _date_text(rng, row.birth_date),
    lambda n, row, rng, labels: labels.sexes.get(row.person.sex, ""),
    _person("street"), _person("rt"), _person("rw"), _VILLAGE, _person("phone"),
    lambda n, row, rng, labels: labels.occupations.get(row.person.occupation, ""),
    lambda n, row, rng, labels: labels.groups.get(row.person.groups[0], "") if row.person.groups else "",
    lambda n, row, rng, labels: "",
)  # fmt: skip
#: A village's own sheet: its own headers, birth place and date in one cell, RT/RW in one cell.
_OWN_COLUMNS: dict[str, Cell] = {
    "NO": _NUMBER,
    "NO. KTP": _NIK,
    "NO. KK": _person("kk_number"),
    "NAMA SESUAI KTP": _person("full_name"),
    "TTL": lambda n, row, rng, labels: f"{row.person.birth_place}, {_date_text(rng, row.birth_date)}",
    "L/P": _person("sex"),
    "ALAMAT": _person("street"),
    "RT/RW": lambda n, row, rng, labels: _units(rng, row.person),
    "DESA": _VILLAGE,
    "PEKERJAAN": lambda n, row, rng, labels: _spoken(rng, row.person.occupation),
    "NO HP": _person("phone"),
    "KET": _NOTE,
}
#: A list without a desa column (every row is the uploading village's), saved without a title block.
_NO_VILLAGE_COLUMNS: dict[str, Cell] = {
    "NAMA": _person("full_name"),
    "NIK": _NIK,
    "NO KK": _person("kk_number"),
    "TEMPAT, TGL LAHIR": lambda n, row, rng, labels: f"{row.person.birth_place} {_date_text(rng, row.birth_date)}",
    "JENIS KELAMIN": lambda n, row, rng, labels: {"L": "LAKI-LAKI", "P": "PEREMPUAN"}.get(row.person.sex, ""),
    "DUSUN": _person("street"),
    "RT": _person("rt"),
    "RW": _person("rw"),
    "PEKERJAAN": lambda n, row, rng, labels: _spoken(rng, row.person.occupation),
    "NO. HP": _person("phone"),
    "KETERANGAN": _NOTE,
}
#: A CSV saved from Excel with ";" (the Indonesian list separator), names in title case.
_CSV_COLUMNS: dict[str, Cell] = {
    "No": _NUMBER,
    "NIK": _NIK,
    "Nama": lambda n, row, rng, labels: row.person.full_name.title(),
    "Tempat Lahir": lambda n, row, rng, labels: row.person.birth_place.title(),
    "Tgl Lahir": lambda n, row, rng, labels: _date_text(rng, row.birth_date),
    "JK": _person("sex"),
    "Alamat": _person("street"),
    "RT": _person("rt"),
    "RW": _person("rw"),
    "Desa": _VILLAGE,
    "Pekerjaan": lambda n, row, rng, labels: _spoken(rng, row.person.occupation).title(),
    "Kelompok": lambda n, row, rng, labels: ", ".join(labels.groups.get(g, "") for g in row.person.groups),
    "No HP": _person("phone"),
}


def _units(rng: Random, person: Registrant) -> str:
    return f"{person.rt}/{person.rw}" if rng.random() < 0.5 else f"{int(person.rt or 0)}/{int(person.rw or 0)}"


def _cells(columns, rows: Sequence[Row], rng: Random, labels: Labels) -> list[list]:
    return [[cell(n, row, rng, labels) for cell in columns] for n, row in enumerate(rows, start=1)]


def _template(rows: Sequence[Row], rng: Random, place: Place, labels: Labels, year: int) -> bytes:
    out = io.BytesIO()
    with _workbook(out) as book:
        book.set_properties({"created": FILE_DATE, "title": f"Usulan {place.name}"})
        text, day = book.add_format({"num_format": TEXT_FORMAT}), book.add_format({"num_format": "dd-mm-yyyy"})
        sheet = book.add_worksheet(FORM_SHEET)
        sheet.set_column(0, len(TEMPLATE_HEADERS) - 1, 16, text)
        write_row(sheet, 0, TEMPLATE_HEADERS, book.add_format({"bold": True}))
        born = TEMPLATE_HEADERS.index("Tanggal Lahir")
        for number, values in enumerate(_cells(_TEMPLATE_CELLS, rows, rng, labels), start=1):
            write_row(sheet, number, values, text, formats={0: None, born: day})
        village = TEMPLATE_HEADERS.index("Desa/Kelurahan")
        for number in range(len(rows) + 1, max(PREFILLED_ROWS, len(rows)) + 1):
            sheet.write_string(number, village, place.name, text)
        book.add_worksheet("Petunjuk").write_string(0, 0, "Petunjuk pengisian: lihat templat resmi.")
    return out.getvalue()


def _own(rows: Sequence[Row], rng: Random, place: Place, labels: Labels, year: int) -> bytes:
    titles = [
        "DAFTAR USULAN CALON PESERTA BPJS KETENAGAKERJAAN PEKERJA RENTAN",
        f"DESA {place.name.upper()} KECAMATAN {place.district.upper()}",
        f"TAHUN {year}",
    ]
    return _sheet(titles, list(_OWN_COLUMNS), _cells(_OWN_COLUMNS.values(), rows, rng, labels))


def _no_village(rows: Sequence[Row], rng: Random, place: Place, labels: Labels, year: int) -> bytes:
    return _sheet([], list(_NO_VILLAGE_COLUMNS), _cells(_NO_VILLAGE_COLUMNS.values(), rows, rng, labels))


def _sheet(titles: list[str], header: list[str], body: list[list]) -> bytes:
    out = io.BytesIO()
    with _workbook(out) as book:
        book.set_properties({"created": FILE_DATE})
        sheet = book.add_worksheet("Sheet1")
        for index, title in enumerate(titles):
            sheet.write_string(index, 0, title)
        top = len(titles) + (1 if titles else 0)
        write_row(sheet, top, header, book.add_format({"bold": True, "border": 1}))
        for offset, values in enumerate(body, start=1):
            write_row(sheet, top + offset, values)
    return out.getvalue()


def _csv(rows: Sequence[Row], rng: Random, place: Place, labels: Labels, year: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_CSV_COLUMNS)
    writer.writerows(_cells(_CSV_COLUMNS.values(), rows, rng, labels))
    # Excel's "CSV UTF-8" starts with a byte-order mark; its plain CSV does not.
    return out.getvalue().encode("utf-8-sig" if rng.random() < 0.5 else "utf-8")


_RENDER = {TEMPLATE: _template, OWN: _own, CSV: _csv, NO_VILLAGE: _no_village}
