"""Reading uploaded spreadsheets into rows of text (jaring.intake.reading): no database needed."""

import datetime as dt
import io
import re
import struct
import subprocess
import sys
import zipfile

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from jaring.intake import reading
from jaring.intake.reading import MB, FileRefused, read_table

NIK = 3503011204850001
PAPUA_NIK = 9407011204850001  # past 2**53: a double cannot hold it


def xlsx(build, **options) -> bytes:
    """An .xlsx written by ``build(book)`` in memory."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **options})
    build(book)
    book.close()
    return buffer.getvalue()


def simple_xlsx(*rows, name="Usulan", **options) -> bytes:
    def build(book):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)

    return xlsx(build, **options)


def refusal(data: bytes, filename: str = "usulan.xlsx", **options) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read_table(data, filename, **options)
    return caught.value


# --- Excel cells -----------------------------------------------------------------------------------------------


def test_nik_typed_as_a_number_comes_back_as_its_16_digits():
    table = read_table(simple_xlsx(["NIK", "Nama"], [NIK, "Siti"], [float(NIK), "Budi"]), "usulan.xlsx")
    assert [row[0] for row in table.rows] == ["3503011204850001", "3503011204850001"]
    assert table.inexact == set()


def test_nik_typed_as_text_stays_text_with_its_leading_zeros():
    def build(book):
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["NIK", "No HP"])
        sheet.write_string(1, 0, "3503011204850001")
        sheet.write_string(1, 1, "081234567890")
        sheet.write_string(2, 0, "9407011204850001")
        sheet.write_string(2, 1, "  0812 ")

    table = read_table(xlsx(build), "usulan.xlsx")
    assert table.rows == [["3503011204850001", "081234567890"], ["9407011204850001", "0812"]]
    assert table.inexact == set()  # text keeps every digit


def test_number_past_2_53_is_returned_as_integer_text_and_listed_as_inexact():
    table = read_table(simple_xlsx(["Nama", "NIK"], ["Siti", "9407011204850001"], ["Ani", PAPUA_NIK]), "u.xlsx")
    assert table.rows[1][1] == str(int(float(PAPUA_NIK)))  # the double's digits: the last one may be wrong
    assert table.inexact == {(1, 1)}


# --- numbers Excel may have cut to 15 digits (Table.long_number_rows) -------------------------------------------

NIK_ENDING_IN_0 = 3503011204850010


def nik_sheet(book, nik, *, as_number: bool):
    sheet = book.add_worksheet("Usulan")
    sheet.write_row(0, 0, ["Nama", "NIK", "No KK"])
    sheet.write_row(1, 0, ["Siti", "x", "3503010101100007"])
    (sheet.write_number if as_number else sheet.write_string)(1, 1, nik if as_number else str(nik))


def test_nik_typed_as_a_number_is_listed_as_a_long_number():
    table = read_table(xlsx(lambda book: nik_sheet(book, NIK_ENDING_IN_0, as_number=True)), "u.xlsx")
    assert (table.rows[0][1], table.long_number_rows) == ("3503011204850010", {1: {0}})


def test_nik_written_as_text_is_not_a_long_number():
    table = read_table(xlsx(lambda book: nik_sheet(book, NIK_ENDING_IN_0, as_number=False)), "u.xlsx")
    assert (table.rows[0][1], table.long_number_rows) == ("3503011204850010", {})


def test_long_numbers_are_found_when_no_cell_holds_digits_as_text():
    table = read_table(simple_xlsx(["Nama", "NIK"], ["Siti", NIK_ENDING_IN_0], ["Budi", NIK]), "u.xlsx")
    assert table.long_number_rows == {1: {0, 1}}


def test_number_past_2_53_is_a_long_number_and_inexact():
    table = read_table(simple_xlsx(["Nama", "NIK"], ["Siti", "9407011204850001"], ["Ani", PAPUA_NIK]), "u.xlsx")
    assert (table.long_number_rows, table.inexact) == ({1: {1}}, {(1, 1)})


def test_long_numbers_are_found_when_text_is_kept_in_the_sheet_inline_or_as_formula_results():
    def formula(book):
        nik_sheet(book, NIK_ENDING_IN_0, as_number=True)
        sheet = book.get_worksheet_by_name("Usulan")
        sheet.write_row(2, 0, ["Budi", "", "3503010101100007"])
        sheet.write_formula(2, 1, '="3503011204850020"', None, "3503011204850020")  # text: no long number

    inline = {"constant_memory": True, "in_memory": False}  # XlsxWriter then writes every string inline
    for data in (xlsx(formula), xlsx(lambda book: nik_sheet(book, NIK_ENDING_IN_0, as_number=True), **inline)):
        assert reading.sniff._check_workbook_zip(data, "u.xlsx") is None  # the XML cannot tell: calamine must
        assert read_table(data, "u.xlsx").long_number_rows == {1: {0}}


def test_csv_has_no_long_numbers_only_text():
    table = read_table(b"Nama;NIK\nSiti;3503011204850010\n", "u.csv")
    assert (table.rows, table.long_number_rows) == ([["Siti", "3503011204850010"]], {})


SHARED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<si><t>Siti</t></si><si><t>3503011204850010</t></si><si><t xml:space="preserve"> 3503011204850020 </t></si>'
    b"<si><t>350301120485003</t></si></sst>"
)
SHEET = (
    b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
)


def digit_texts(parts: dict[str, bytes], size: int) -> list[str] | None:
    scan = reading.digit_texts.DigitTexts()
    for name, data in parts.items():
        scan.read(name, iter([data[i : i + size] for i in range(0, len(data), size)]))
    texts = scan.texts()
    return None if texts is None else [text.decode() for text in texts]


@pytest.mark.parametrize("size", [1, 5, 64, MB])
def test_digit_texts_of_the_shared_strings_are_found_wherever_the_chunks_are_cut(size):
    texts = digit_texts({"xl/sharedStrings.xml": SHARED, "xl/worksheets/sheet1.xml": SHEET}, size)
    assert sorted(texts) == ["3503011204850010", "3503011204850020"]


def test_digit_texts_are_found_in_a_prefixed_shared_strings_part_of_any_name():
    prefixed = SHARED.replace(b"<sst xmlns=", b"<x:sst xmlns:x=").replace(b"</sst>", b"</x:sst>")
    for tag in (b"si", b"t"):
        prefixed = prefixed.replace(b"<" + tag, b"<x:" + tag).replace(b"</" + tag, b"</x:" + tag)
    assert sorted(digit_texts({"xl/strings.xml": prefixed}, 64)) == ["3503011204850010", "3503011204850020"]


@pytest.mark.parametrize("size", [1, 5, MB])
def test_text_kept_in_the_sheet_itself_leaves_the_digit_texts_unknown(size):
    inline = SHEET.replace(b't="s"><v>0</v>', b't="inlineStr"><is><t>3503011204850010</t></is>')
    formula = SHEET.replace(b't="s"><v>0</v>', b't="str"><f>A2</f><v>3503011204850010</v>')
    for sheet in (inline, formula):
        assert digit_texts({"xl/sharedStrings.xml": SHARED, "xl/worksheets/sheet1.xml": sheet}, size) is None


def test_xml_in_utf16_leaves_the_digit_texts_unknown():
    assert digit_texts({"xl/sharedStrings.xml": SHARED.decode().encode("utf-16")}, MB) is None


def test_cell_text_rules_for_fractions_dates_booleans_and_blanks():
    def build(book):
        sheet, date = book.add_worksheet(), book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        sheet.write_row(0, 0, ["Nama", "Nilai", "Tanggal", "Benar", "Catatan"])
        sheet.write_row(1, 0, ["  Siti  ", 0.1, None, True, "true"])
        sheet.write_row(2, 0, ["Budi", 12345678901.123, None, False, "   "])
        sheet.write_row(3, 0, ["Ani", 1.5e-10, None, 0, -0.0])
        sheet.write_row(4, 0, ["Dodi", 1e20, None, -2.5])
        sheet.write_string(4, 4, "=x")
        for row, value in enumerate([dt.datetime(1985, 4, 12), dt.datetime(1985, 4, 12, 13, 5), dt.date(2001, 2, 3)]):
            sheet.write_datetime(row + 1, 2, value, date)
        sheet.write_datetime(4, 2, dt.time(8, 30), date)

    assert read_table(xlsx(build), "u.xlsx").rows == [
        ["Siti", "0.1", "1985-04-12", "TRUE", "true"],
        ["Budi", "12345678901.123", "1985-04-12 13:05:00", "FALSE", ""],
        ["Ani", "1.5e-10", "2001-02-03", "0", "0"],
        ["Dodi", "100000000000000000000", "08:30:00", "-2.5", "=x"],
    ]


def expected_text(value: float) -> str:
    stored = float(format(value, ".16G"))  # what XlsxWriter writes into the file
    return str(int(stored)) if stored.is_integer() else repr(stored)


numbers = st.one_of(
    st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_subnormal=False),
    st.integers(min_value=-(10**18), max_value=10**18).map(float),
    st.integers(min_value=10**15, max_value=10**16).map(float),  # NIK-sized
)


@settings(max_examples=30, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=40))
def test_any_number_reads_as_its_integer_text_or_its_shortest_repr(values):
    table = read_table(simple_xlsx(["Nama", "Angka"], *[["x", value] for value in values]), "u.xlsx")
    assert [row[1] for row in table.rows] == [expected_text(value) for value in values]
    big = {(i, 1) for i, value in enumerate(values) if abs(float(format(value, ".16G"))) >= 2**53}
    assert table.inexact == big


@settings(max_examples=30, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=40), st.booleans())
def test_every_number_of_16_digits_or_more_is_listed_however_the_workbook_keeps_its_text(values, inline):
    options = {"constant_memory": True, "in_memory": False} if inline else {}
    text = ["x", "35030112048500101"]  # digits as text: the workbook's shared strings are not empty
    data = simple_xlsx(["Nama", "Angka"], text, *[["x", value] for value in values], **options)
    long = {i + 1 for i, value in enumerate(values) if re.fullmatch(r"-?\d{16,}", expected_text(value))}
    assert read_table(data, "u.xlsx").long_number_rows == ({1: long} if long else {})


def test_formula_gives_its_cached_value_and_is_never_evaluated():
    def build(book):
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["Nama", "Dua kali", "Tanpa hasil"])
        sheet.write(1, 0, "Siti")
        sheet.write_formula(1, 1, "=21*2", None, 42)
        sheet.write_formula(1, 2, "=2+3")  # XlsxWriter stores 0 as the cached result

    assert read_table(xlsx(build), "u.xlsx").rows == [["Siti", "42", "0"]]


# --- sheets, header and shape ----------------------------------------------------------------------------------


def test_hidden_sheets_are_skipped_and_not_listed():
    def build(book):
        for name in ("Referensi", "Data", "Rahasia", "Catatan"):
            sheet = book.add_worksheet(name)
            sheet.write_row(0, 0, ["Nama", "NIK"])
            sheet.write_row(1, 0, [name, str(NIK)])
        book.get_worksheet_by_name("Data").activate()  # XlsxWriter cannot hide the active sheet
        book.get_worksheet_by_name("Referensi").hide()
        book.get_worksheet_by_name("Rahasia").very_hidden()

    table = read_table(xlsx(build), "u.xlsx")
    assert (table.sheet, table.sheets, table.rows) == ("Data", ["Data", "Catatan"], [["Data", str(NIK)]])


def test_sheet_can_be_chosen_but_not_a_hidden_or_missing_one():
    def build(book):
        for name in ("Satu", "Dua", "Rahasia"):
            sheet = book.add_worksheet(name)
            sheet.write_row(0, 0, ["Nama", "NIK"])
            sheet.write_row(1, 0, [name, str(NIK)])
        book.get_worksheet_by_name("Rahasia").hide()

    data = xlsx(build)
    assert read_table(data, "u.xlsx", sheet="Dua").rows == [["Dua", str(NIK)]]
    for name in ("Rahasia", "Tiga"):
        refused = refusal(data, sheet=name)
        assert refused.reason == "no_sheet"
        assert f"Lembar “{name}” tidak ada" in str(refused) and "“Satu”, “Dua”." in str(refused)


def test_first_visible_sheet_with_data_is_read():
    def build(book):
        book.add_worksheet("Kosong")
        book.add_worksheet("Judul saja").write(0, 0, "DAFTAR USULAN")
        book.add_worksheet("Tanpa data").write_row(0, 0, ["Nama", "NIK"])
        sheet = book.add_worksheet("Usulan")
        sheet.write_row(0, 0, ["Nama", "NIK"])
        sheet.write_row(1, 0, ["Siti", str(NIK)])

    assert read_table(xlsx(build), "u.xlsx").sheet == "Usulan"


def test_title_rows_are_skipped_and_row_numbers_follow_the_file():
    def build(book):
        sheet = book.add_worksheet()
        sheet.merge_range("A1:E1", "DAFTAR USULAN CALON PESERTA BPJS KETENAGAKERJAAN")
        sheet.write("A2", "DESA BESUKI KECAMATAN PANGGUL")
        sheet.write_row("A3", ["Desa:", "Besuki"])  # a label row, narrower than the table
        sheet.write_row("A5", ["No", "NIK", "Nama", "Alamat", "RT"])
        sheet.write_row("A6", [1, str(NIK), "Siti", "Jl. Mawar", 3])
        sheet.write_row("A9", [2, "3503011204850002", "Budi", "Jl. Melati", 4])

    table = read_table(xlsx(build), "u.xlsx")
    assert (table.header_row, table.header) == (5, ["No", "NIK", "Nama", "Alamat", "RT"])
    assert (table.row_numbers, [table.file_row(i) for i in range(2)]) == ([6, 9], [6, 9])
    assert table.rows[1] == ["2", "3503011204850002", "Budi", "Jl. Melati", "4"]


def test_merged_and_repeated_header_cells_get_unique_names():
    def build(book):
        sheet = book.add_worksheet()
        sheet.write_row("A1", ["No", "Nama", "NIK"])
        sheet.merge_range("D1:E1", "Alamat")
        sheet.write_row("F1", ["NAMA", "Kolom 5", "Nama\nLengkap"])
        sheet.write_row("A2", [1, "Siti", str(NIK), "Jl. Mawar", "RT 3", "SITI", "x", "Siti A"])

    table = read_table(xlsx(build), "u.xlsx")
    assert table.header == ["No", "Nama", "NIK", "Alamat", "Kolom 5", "NAMA (2)", "Kolom 5 (2)", "Nama Lengkap"]
    assert table.rows == [["1", "Siti", str(NIK), "Jl. Mawar", "RT 3", "SITI", "x", "Siti A"]]


def test_empty_columns_and_rows_are_dropped_and_rows_keep_the_header_width():
    def build(book):
        sheet = book.add_worksheet()
        sheet.write("A1", "DAFTAR USULAN")  # makes column A part of the sheet; it is empty below
        sheet.write_row("B3", ["Nama", "NIK", "", "Keterangan"])
        sheet.write_row("B4", ["Siti", str(NIK), "", "", "  "])
        sheet.write_row("B6", ["Budi", "", "", "pindah"])
        sheet.write("H8", " ")

    table = read_table(xlsx(build), "u.xlsx")
    assert table.header == ["Nama", "NIK", "Keterangan"]
    assert (table.rows, table.row_numbers) == ([["Siti", str(NIK), ""], ["Budi", "", "pindah"]], [4, 6])


def test_generated_names_use_the_column_number_in_the_file():
    def build(book):
        sheet = book.add_worksheet()
        sheet.write_row("C3", ["Nama", "NIK"])
        sheet.write_row("C4", ["Siti", str(NIK), "catatan"])

    table = read_table(xlsx(build), "u.xlsx")
    assert (table.header, table.header_row, table.row_numbers) == (["Nama", "NIK", "Kolom 5"], 3, [4])


def test_data_beyond_the_header_gets_a_generated_column_name():
    table = read_table(simple_xlsx(["Nama", "NIK"], ["Siti", str(NIK), "catatan"]), "u.xlsx")
    assert table.header == ["Nama", "NIK", "Kolom 3"]


# --- .xls ------------------------------------------------------------------------------------------------------


def xls(build) -> bytes:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    build(book, xlwt)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xls_is_read_with_its_numbers_dates_and_hidden_sheets():
    def build(book, xlwt):
        hidden = book.add_sheet("Referensi")
        hidden.write(0, 0, "Nama")
        hidden.write(0, 1, "NIK")
        hidden.write(1, 0, "bukan ini")
        hidden.write(1, 1, "1")
        hidden.visibility = 1
        sheet = book.add_sheet("Usulan")
        for c, value in enumerate(["NIK", "Nama", "Tanggal Lahir"]):
            sheet.write(2, c, value)
        sheet.write(3, 0, float(NIK))
        sheet.write(3, 1, "José")
        sheet.write(3, 2, dt.datetime(1985, 4, 12), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
        sheet.write(4, 0, "0503011204850001")
        sheet.write(4, 1, "Siti")
        book.set_active_sheet(1)

    table = read_table(xls(build), "usulan.xls")
    assert (table.kind, table.sheet, table.sheets, table.header_row) == ("xls", "Usulan", ["Usulan"], 3)
    assert table.rows == [[str(NIK), "José", "1985-04-12"], ["0503011204850001", "Siti", ""]]


# --- CSV -------------------------------------------------------------------------------------------------------

ROWS = "Nama,NIK,Alamat\r\nSiti,3503011204850001,Jl. Mawar\r\nBudi,3503011204850002,\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ROWS.encode(), "utf-8"),
        (b"\xef\xbb\xbf" + ROWS.encode(), "utf-8-sig"),
        (ROWS.encode("utf-16"), "utf-16"),
    ],
)
def test_csv_in_utf8_with_or_without_bom_and_utf16(data, encoding):
    table = read_table(data, "usulan.csv")
    assert (table.kind, table.encoding, table.delimiter) == ("csv", encoding, ",")
    assert table.header == ["Nama", "NIK", "Alamat"]
    assert table.rows == [["Siti", str(NIK), "Jl. Mawar"], ["Budi", "3503011204850002", ""]]


def test_csv_in_windows_1252_keeps_accents_and_curly_quotes():
    data = "Nama;NIK\r\nS’adiyah;3503011204850001\r\nJosé;3503011204850002\r\n".encode("cp1252")
    table = read_table(data, "usulan.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert [row[0] for row in table.rows] == ["S’adiyah", "José"]  # not "Sâ€™adiyah"


def test_csv_with_mixed_encodings_is_decoded_line_by_line():
    data = "Nama;NIK\r\nJosé;1\r\n".encode() + "S’adiyah;2\r\n".encode("cp1252") + "Dédé;3\r\n".encode()
    table = read_table(data, "usulan.csv")
    assert table.encoding == "utf-8+cp1252"
    assert [row[0] for row in table.rows] == ["José", "S’adiyah", "Dédé"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_detected(delimiter):
    lines = ["DAFTAR USULAN", "Nama|NIK|Nilai", 'Siti|3503011204850001|"1,5"', "Budi|3503011204850002|2"]
    data = "\n".join(line.replace("|", delimiter) for line in lines).encode()
    table = read_table(data, "usulan.csv")
    assert (table.delimiter, table.header, table.header_row) == (delimiter, ["Nama", "NIK", "Nilai"], 2)
    assert table.rows[0] == ["Siti", str(NIK), "1,5"]


def test_csv_sep_line_names_the_delimiter_and_quoted_newlines_keep_row_numbers():
    data = b'sep=;\r\nNama;Catatan\r\n\r\n"Siti\nAminah";"a;b"\r\nBudi;\r\n'
    table = read_table(data, "usulan.csv")
    assert (table.delimiter, table.header_row, table.row_numbers) == (";", 1, [3, 4])
    assert table.rows == [["Siti\nAminah", "a;b"], ["Budi", ""]]


def test_csv_text_is_never_turned_into_numbers():
    table = read_table(b"Nama,NIK\nSiti,3.50301E+15\nBudi,0503011204850001\n", "u.csv")
    assert [row[1] for row in table.rows] == ["3.50301E+15", "0503011204850001"]


# --- refusals --------------------------------------------------------------------------------------------------

NOT_A_TABLE = "Berkas ini bukan Excel atau CSV"


def plain_zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in members.items():
            book.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200),  # a renamed .exe
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40),
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        plain_zip(**{"foto.txt": b"bukan workbook"}),
        bytes(range(1, 32)) * 50,  # control characters without a NUL
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(500),
    ],
    ids=["exe", "pdf", "png", "jpeg", "zip", "control", "doc"],
)
def test_files_that_are_not_a_table_are_refused_by_content_not_name(data):
    refused = refusal(data, filename="usulan.xlsx")
    assert refused.reason == "not_a_table"
    assert str(refused).startswith(NOT_A_TABLE)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><table><tr><td>NIK</td></tr></table></body></html>",
        plain_zip(mimetype=b"application/vnd.oasis.opendocument.spreadsheet", **{"content.xml": b"<x/>"}),
        plain_zip(**{"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"\x00"}),
    ],
    ids=["html-named-xls", "ods", "xlsb"],
)
def test_formats_excel_can_convert_are_refused_with_a_way_out(data):
    refused = refusal(data, filename="usulan.xls")
    assert refused.reason == "unsupported_format" and "simpan sebagai .xlsx" in str(refused)


def test_password_protected_workbook_is_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(500)
    assert refusal(data).reason == "locked"


def bomb(size: int, level: int) -> bytes:
    """An .xlsx-looking zip whose sheet is ``size`` bytes of zeros, streamed so memory stays small."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = bytes(MB)
            for _ in range(size // MB):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_over_the_unzipped_limit_is_refused_before_calamine():
    data = bomb(500 * MB, level=1)
    assert len(data) < 5 * MB
    refused = refusal(data)
    assert refused.reason == "zip_bomb" and "lebih dari 400 MB setelah dibuka" in str(refused)


def test_zip_member_compressed_far_too_well_is_refused():
    refused = refusal(bomb(30 * MB, level=9))
    assert refused.reason == "zip_bomb" and "dipadatkan lebih dari 100 kali" in str(refused)


def test_zip_with_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(reading.limits, "MAX_MEMBERS", 3)
    refused = refusal(simple_xlsx(["Nama", "NIK"], ["Siti", "1"]))
    assert refused.reason == "zip_bomb" and "lebih dari 3 bagian" in str(refused)


def test_zip_whose_directory_understates_a_member_is_refused():
    data = bytearray(simple_xlsx(["Nama", "NIK"], *[["Siti", str(NIK)]] * 200))
    entry = data.find(b"PK\x01\x02")
    while b"sheet1.xml" not in data[entry + 46 : entry + 46 + 40]:
        entry = data.find(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, 10)  # uncompressed size, as the central directory says
    assert refusal(bytes(data)).reason == "unreadable"


def test_corrupt_workbook_is_refused():
    data = plain_zip(**{"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"not xml"})
    assert refusal(data).reason == "unreadable"


def test_file_over_the_size_limit_is_refused_with_the_limit():
    assert str(refusal(b"a" * (50 * MB + 1))).startswith("Berkas lebih dari 50 MB")
    refused = refusal(ROWS.encode(), max_bytes=64)
    assert refused.reason == "too_large" and "lebih dari 64 byte" in str(refused)


def test_more_rows_than_the_limit_are_refused_in_excel_and_csv():
    rows = [["Nama", "NIK"], *[["Siti", str(NIK + i)] for i in range(12)]]
    csv_data = "\n".join(",".join(row) for row in rows).encode()
    for data in (simple_xlsx(*rows), csv_data):
        assert len(read_table(data, "u", max_rows=12).rows) == 12
        refused = refusal(data, max_rows=11)
        assert refused.reason == "too_many_rows" and "lebih dari 11 baris" in str(refused)
    assert "lebih dari 500.000 baris" in str(reading.refusals._too_many_rows(500_000))


@pytest.mark.parametrize(
    "data",
    [b"", b"  \r\n\r\n", b"\xef\xbb\xbf", b",,,\n,,\n", simple_xlsx(), simple_xlsx([None, "  "])],
    ids=["nothing", "blank-lines", "bom-only", "separators-only", "empty-sheet", "blank-cells"],
)
def test_empty_files_are_refused(data):
    assert refusal(data).reason == "empty"


@pytest.mark.parametrize(
    "data", [simple_xlsx(["DAFTAR USULAN"], [], ["NIK", "Nama"]), b"NIK;Nama\r\n;\r\n"], ids=["xlsx", "csv"]
)
def test_header_without_data_rows_is_refused(data):
    refused = refusal(data)
    assert refused.reason == "no_data" and "hanya berisi judul kolom" in str(refused)


def test_sheet_without_a_header_row_is_refused():
    refused = refusal(b"NIK\n3503011204850001\n3503011204850002\n", "u.csv")
    assert refused.reason == "no_header" and "Judul kolom tidak ditemukan" in str(refused)


def test_reading_does_not_import_django():
    code = "import sys, jaring.intake.reading; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
