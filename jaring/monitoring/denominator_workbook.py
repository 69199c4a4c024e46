"""The .xlsx template a regency fills in with its denominators: every desa/kelurahan pre-filled with its code and
name, the figures left to type. No Django here.

The headers stay in row 1 of "Penyebut", so a filled template uploads as it is (``monitoring.denominators``).
"""

from collections.abc import Sequence

from jaring.core.spreadsheet import TEXT_FORMAT, Target, new_workbook, write_row

SHEET = "Penyebut"
GUIDE_SHEET = "Petunjuk"
#: (header, width, kind)
COLUMNS = (
    ("Kode Wilayah", 16, "text"),
    ("Kecamatan", 20, "text"),
    ("Desa/Kelurahan", 24, "text"),
    ("Jumlah Pekerja", 16, "number"),
    ("Pekerja Informal", 16, "number"),
    ("Sumber", 44, "text"),
)
STEPS = (
    'Isi lembar "Penyebut": satu baris untuk satu wilayah. Kode dan nama desa/kelurahan sudah terisi.',
    "Jumlah Pekerja: penduduk yang bekerja di wilayah itu, angka bulat tanpa titik atau dengan titik ribuan.",
    "Pekerja Informal: bagian dari jumlah pekerja yang bekerja di sektor informal; tidak boleh lebih besar. "
    "Boleh kosong.",
    "Sumber: dari mana angkanya, misalnya “BPS Kabupaten … dalam Angka 2026”. Boleh diisi sekali di formulir unggah.",
    "Baris tanpa angka tidak dimuat. Bila angka hanya ada per kecamatan, tambahkan baris dengan kode kecamatan "
    "(misalnya 35.03.01); angka kecamatan dipakai untuk kecamatan itu, angka desa untuk tiap desa.",
    "Jangan mengubah judul kolom di baris 1. Simpan sebagai .xlsx, lalu unggah di menu Penyebut cakupan.",
    "Berkas yang diunggah menggantikan seluruh penyebut tahun itu untuk kabupaten/kota ini.",
)


def denominator_template(target: Target, *, regency_name: str, year: int,
                         villages: Sequence[tuple[str, str, str]]) -> None:  # fmt: skip
    """Write the template: ``villages`` are (code, kecamatan name, desa/kelurahan name), in code order."""
    with new_workbook(target) as book:
        header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        kinds = {"text": book.add_format({"num_format": TEXT_FORMAT}), "number": book.add_format({"num_format": "0"})}
        sheet, guide = book.add_worksheet(SHEET), book.add_worksheet(GUIDE_SHEET)
        for col, (_title, width, kind) in enumerate(COLUMNS):
            sheet.set_column(col, col, width, kinds[kind])
        write_row(sheet, 0, [title for title, _width, _kind in COLUMNS], header)
        for row, place in enumerate(villages, start=1):
            write_row(sheet, row, list(place))
        sheet.freeze_panes(1, 0)
        last = max(len(villages), 1) + 200  # room for kecamatan rows typed below
        sheet.data_validation(1, 3, last, 4, _whole_number())
        _guide(guide, book.add_format({"bold": True, "font_size": 14}), regency_name, year)
        book.set_properties({"title": f"Penyebut cakupan {regency_name} {year}", "author": "Jaring"})


def _whole_number() -> dict:
    return {
        "validate": "integer",
        "criteria": ">=",
        "value": 0,
        "error_title": "Bukan bilangan bulat",
        "error_message": "Tulis jumlah orang sebagai bilangan bulat, tidak negatif.",
    }


def _guide(sheet, title, regency_name: str, year: int) -> None:
    sheet.set_column(0, 0, 110)
    write_row(sheet, 0, [f"Penyebut cakupan {regency_name} tahun {year}"], title)
    for row, step in enumerate(STEPS, start=2):
        write_row(sheet, row, [f"{row - 1}. {step}"])
