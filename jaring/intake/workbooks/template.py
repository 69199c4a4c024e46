"""The .xlsx template a village fills in: text-formatted NIK columns, dropdowns, and instructions beside it.

The headers stay in row 1 of "Usulan" with no title block, so that a filled template re-imports as it is.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_range_abs
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from jaring.core.spreadsheet import TEXT_FORMAT, Target, new_workbook, write_cell, write_row

FORM_SHEET = "Usulan"
GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"
#: Rows of the template that carry the text format, the dropdowns and the pre-filled village.
TEMPLATE_ROWS = 2000
UPLOAD_STEP = (
    "Unggah berkas melalui aplikasi Jaring: masuk dengan akun operator desa, buka menu Usulan, lalu Unggah Berkas."
)

Choices = Sequence[tuple[str, str]]  # (code, label)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    width: int
    hint: str
    kind: str = "text"  # "text" (format @), "number" or "date"


COLUMNS = (
    Column("No", 5, "Nomor urut: 1, 2, 3, dan seterusnya.", "number"),
    Column("NIK", 20, "16 angka sesuai KTP, tanpa spasi atau titik."),
    Column("No. KK", 20, "16 angka sesuai Kartu Keluarga."),
    Column("Nama Lengkap (sesuai KTP)", 30, "Sama persis dengan KTP, tanpa gelar."),
    Column("Tempat Lahir", 18, "Nama kota atau kabupaten tempat lahir."),
    Column("Tanggal Lahir", 14, "Tanggal-bulan-tahun, misalnya 31-12-1980.", "date"),
    Column("Jenis Kelamin", 14, "Pilih dari daftar."),
    Column("Alamat", 35, "Nama dusun, jalan, atau lingkungan."),
    Column("RT", 6, "Misalnya 003."),
    Column("RW", 6, "Misalnya 001."),
    Column("Desa/Kelurahan", 22, "Sudah terisi; pilih dari daftar bila perlu."),
    Column("No. HP", 16, "Dimulai 08, misalnya 081234567890. Boleh kosong."),
    Column("Pekerjaan", 26, "Pilih dari daftar."),
    Column("Kelompok Rentan", 26, "Pilih dari daftar."),
    Column("Keterangan", 30, "Catatan tambahan. Boleh kosong."),
)
TEMPLATE_HEADERS = tuple(column.header for column in COLUMNS)
#: How the village is named on "Petunjuk" (the form sheet itself has no title block).
PLACE_LABELS = ("Desa/Kelurahan", "Kode wilayah", "Kecamatan", "Kabupaten/Kota")
#: Dropdown columns and the workbook-level names of their lists on the hidden sheet. Names rather than
#: sheet references because Excel 2007 and earlier refuse a validation list that lives on another sheet.
LIST_NAMES = {
    "Jenis Kelamin": "Daftar_JenisKelamin",
    "Desa/Kelurahan": "Daftar_Desa",
    "Pekerjaan": "Daftar_Pekerjaan",
    "Kelompok Rentan": "Daftar_KelompokRentan",
}

STEPS = (
    'Isi data di lembar "Usulan" (tab di bagian bawah layar), mulai dari baris 2.',
    "Satu baris untuk satu orang. Setiap orang cukup ditulis satu kali.",
    "Jangan mengubah, memindahkan, atau menghapus judul kolom di baris 1, dan jangan menyisipkan baris di atasnya.",
    "Tulis NIK dan No. KK lengkap 16 angka, tanpa spasi atau titik. Kolom ini sudah diatur sebagai teks.",
    "NIK yang tampil seperti 3,50301E+15 sudah kehilangan angka belakangnya: ketik ulang dari KTP.",
    "Tulis nama lengkap sama persis dengan KTP, tanpa gelar.",
    "Tulis tanggal lahir sebagai tanggal-bulan-tahun, misalnya 31-12-1980.",
    "Jenis Kelamin, Desa/Kelurahan, Pekerjaan, Kelompok Rentan: klik sel, lalu pilih dari daftar (panah di kanan sel).",
    "Kolom Desa/Kelurahan sudah terisi. Baris yang hanya berisi nama desa/kelurahan tidak dihitung.",
    'Simpan berkas dalam format Excel (.xlsx). Jangan mengganti nama lembar "Usulan".',
    UPLOAD_STEP,
    "Aplikasi memeriksa setiap baris dan memberi laporan: sel merah harus diperbaiki, sel kuning perlu diperiksa.",
    "Berkas ini berisi data pribadi (NIK dan KK). Jangan dikirim lewat WhatsApp, surel, atau media sosial.",
)


def village_template(
    target: Target,
    *,
    village_code: str,
    village_name: str,
    district_name: str,
    regency_name: str,
    villages: Choices,
    occupations: Choices,
    groups: Choices,
    sexes: Choices,
    example: Mapping[str, str],
    rows: int = TEMPLATE_ROWS,
) -> None:
    """Write the .xlsx template a village fills in (sheets Usulan, Petunjuk, and Daftar hidden).

    Headers stay in row 1 of "Usulan" with no title block above them, so a filled file re-imports
    as it is; the village is named in the workbook properties and on "Petunjuk" instead.
    """
    lists = {"Jenis Kelamin": sexes, "Desa/Kelurahan": villages, "Pekerjaan": occupations, "Kelompok Rentan": groups}
    _check_template_inputs(village_name, lists, example)
    place = dict(zip(PLACE_LABELS, (village_name, village_code, district_name, regency_name), strict=True))
    with new_workbook(target) as book:
        styles = _template_styles(book)
        form, guide, daftar = (book.add_worksheet(name) for name in (FORM_SHEET, GUIDE_SHEET, LISTS_SHEET))
        _write_lists(book, daftar, styles, lists)
        _write_form(form, styles, village_name, rows)
        _write_guide(guide, styles, place, {"Desa/Kelurahan": village_name, **example})
        guide.activate()  # the file opens on the instructions; "Usulan" stays first for importers
        _set_template_properties(book, place)


def _check_template_inputs(village_name: str, lists: Mapping[str, Choices], example: Mapping[str, str]) -> None:
    empty = [header for header, items in lists.items() if not items]
    if empty:
        raise ValueError(f"empty dropdown list for {empty}")
    if village_name not in {label for _code, label in lists["Desa/Kelurahan"]}:
        raise ValueError(f"{village_name!r} is pre-filled but missing from the villages list")
    unknown = set(example) - set(TEMPLATE_HEADERS)
    if unknown:
        raise ValueError(f"example has columns the template lacks: {sorted(unknown)}")


def _template_styles(book: Workbook) -> dict[str, Format]:
    return {
        "header": book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True}),
        "text": book.add_format({"num_format": TEXT_FORMAT}),
        "number": book.add_format({"num_format": "0"}),
        "date": book.add_format({"num_format": "dd-mm-yyyy"}),
    }


def _write_lists(book: Workbook, sheet: Worksheet, styles: Mapping[str, Format], lists: Mapping[str, Choices]) -> None:
    """Label and code side by side per list; validations point at the labels through a defined name."""
    for index, (header, items) in enumerate(lists.items()):
        col = 2 * index
        sheet.set_column(col, col + 1, 24, styles["text"])
        write_row(sheet, 0, [header, f"Kode {header}"], styles["bold"], first_col=col)
        for row, (code, label) in enumerate(items, start=1):
            write_row(sheet, row, [label, code], first_col=col)
        book.define_name(LIST_NAMES[header], f"='{LISTS_SHEET}'!{xl_range_abs(1, col, len(items), col)}")
    sheet.hide()


def _write_form(sheet: Worksheet, styles: Mapping[str, Format], village_name: str, rows: int) -> None:
    for col, column in enumerate(COLUMNS):
        sheet.set_column(col, col, column.width, styles[column.kind])
    write_row(sheet, 0, TEMPLATE_HEADERS, styles["header"])
    sheet.freeze_panes(1, 0)
    village_col = TEMPLATE_HEADERS.index("Desa/Kelurahan")
    for row in range(1, rows + 1):
        write_cell(sheet, row, village_col, village_name, styles["text"])
    for col, column in enumerate(COLUMNS):
        rule = _validation(column.header)
        if rule:
            sheet.data_validation(1, col, rows, col, rule)


def _validation(header: str) -> dict | None:
    if header in ("NIK", "No. KK"):
        return _sixteen_digits(header)
    if header == "Tanggal Lahir":
        return _birth_date()
    if header in LIST_NAMES:
        return {
            "validate": "list",
            "source": "=" + LIST_NAMES[header],
            "input_title": header,
            "input_message": "Pilih dari daftar: klik panah di kanan sel.",
            "error_title": "Pilihan tidak ada di daftar",
            "error_message": f"Pilih {header} dari daftar, jangan diketik sendiri.",
        }
    return None


def _sixteen_digits(label: str) -> dict:
    return {
        "validate": "length",
        "criteria": "==",
        "value": 16,
        "input_title": label,
        "input_message": "16 angka, tanpa spasi atau titik.",
        "error_title": f"{label} tidak valid",
        "error_message": f"{label} harus 16 digit. Periksa kembali dan ketik tanpa spasi atau titik.",
    }


def _birth_date() -> dict:
    # A warning rather than a stop: where Windows is set to an English date order, "31-12-1980" stays text,
    # and the operator must still be able to save the row; the import reads such text dates anyway.
    return {
        "validate": "date",
        "criteria": "between",
        "minimum": dt.date(1900, 1, 1),
        "maximum": "=TODAY()",
        "input_title": "Tanggal Lahir",
        "input_message": "Format: 31-12-1980",
        "error_type": "warning",
        "error_title": "Tanggal lahir tidak valid",
        "error_message": "Tanggal lahir harus antara 01-01-1900 dan hari ini. Format: 31-12-1980.",
    }


def _write_guide(
    sheet: Worksheet, styles: Mapping[str, Format], place: Mapping[str, str], example: Mapping[str, str]
) -> None:
    for col, width in enumerate((5, 28, 28, 60)):
        sheet.set_column(col, col, width, styles["text"])
    sheet.write_string(0, 0, "Petunjuk Pengisian Usulan Peserta Bantuan Iuran BPJS Ketenagakerjaan", styles["title"])
    for row, (label, value) in enumerate(place.items(), start=2):
        write_row(sheet, row, [label, value], first_col=1)
    row = 3 + len(place)
    sheet.write_string(row, 0, "Cara mengisi", styles["bold"])
    for number, step in enumerate(STEPS, start=1):
        write_row(sheet, row + number, [f"{number}.", step])
    row += len(STEPS) + 2
    sheet.write_string(row, 0, "Contoh pengisian (jangan disalin ke lembar Usulan)", styles["bold"])
    write_row(sheet, row + 1, ["Kolom", "Contoh isian", "Cara mengisi"], styles["header"], first_col=1)
    for offset, column in enumerate(COLUMNS, start=2):
        write_row(sheet, row + offset, [column.header, example.get(column.header, ""), column.hint], first_col=1)


def _set_template_properties(book: Workbook, place: Mapping[str, str]) -> None:
    village, code, regency = place["Desa/Kelurahan"], place["Kode wilayah"], place["Kabupaten/Kota"]
    book.set_properties(
        {
            "title": f"Templat usulan peserta - {village}",
            "subject": "Usulan peserta bantuan iuran BPJS Ketenagakerjaan bagi pekerja rentan",
            "author": "Jaring",
            "company": _government(regency),
            "category": "Templat usulan",
            "keywords": f"Jaring, usulan, {code}",
            "comments": f"Desa/Kelurahan {village}, Kecamatan {place['Kecamatan']}, {regency}. Kode wilayah {code}.",
        }
    )
    book.set_custom_property("Kode wilayah", code)


def _government(regency_name: str) -> str:
    """``Kabupaten Trenggalek`` → ``Pemerintah Kabupaten Trenggalek``; a bare name is taken as a kabupaten."""
    if regency_name.startswith(("Kabupaten ", "Kota ")):
        return f"Pemerintah {regency_name}"
    return f"Pemerintah Kabupaten {regency_name}"
