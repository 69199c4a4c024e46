import time
import xml.etree.ElementTree as ET
import zipfile
from functools import cached_property

import fastexcel
import pytest

from jaring.intake.workbooks import (
    REPORT_MESSAGE_HEADER,
    REPORT_ROW_HEADER,
    TEMPLATE_HEADERS,
    problem_report,
    village_template,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NIK = "3503011204850001"
RED, YELLOW = "FFC7CE", "FFEB9C"
TEXT_FORMAT = "49"  # Excel's built-in number format "@"


class Xlsx:
    """Just enough of the OOXML inside an .xlsx to check what a reader like fastexcel does not show."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)

    def xml(self, part: str) -> ET.Element:
        return ET.fromstring(self.zip.read(part))

    def sheet(self, name: str) -> ET.Element:
        sheet = next(s for s in self.xml("xl/workbook.xml").iter(f"{{{MAIN}}}sheet") if s.get("name") == name)
        rels = self.xml("xl/_rels/workbook.xml.rels")
        target = next(r.get("Target") for r in rels if r.get("Id") == sheet.get(f"{{{REL}}}id"))
        return self.xml("xl/" + target.removeprefix("/xl/"))

    def cell(self, sheet: str, ref: str) -> ET.Element | None:
        return next((c for c in self.sheet(sheet).iter(f"{{{MAIN}}}c") if c.get("r") == ref), None)

    @cached_property
    def styles(self) -> ET.Element:
        return self.xml("xl/styles.xml")

    def xf(self, style: str | None) -> ET.Element:
        return self.styles.find(f"{{{MAIN}}}cellXfs")[int(style or 0)]

    def fill(self, sheet: str, ref: str) -> str | None:
        """The background colour (RRGGBB) of a cell, or None."""
        fill = self.styles.find(f"{{{MAIN}}}fills")[int(self.xf(self.cell(sheet, ref).get("s")).get("fillId"))]
        colour = fill.find(f"{{{MAIN}}}patternFill/{{{MAIN}}}fgColor")
        return None if colour is None else colour.get("rgb")[-6:]

    def number_format(self, style: str | None) -> str:
        """A style's number format: the built-in id, or the format code of a custom one."""
        num_fmt_id = self.xf(style).get("numFmtId")
        custom = {f.get("numFmtId"): f.get("formatCode") for f in self.styles.iter(f"{{{MAIN}}}numFmt")}
        return custom.get(num_fmt_id, num_fmt_id)

    def column_style(self, sheet: str, col: int) -> str | None:
        """The style of a 1-based column from <cols>."""
        cols = self.sheet(sheet).iter(f"{{{MAIN}}}col")
        return next(c.get("style") for c in cols if int(c.get("min")) <= col <= int(c.get("max")))

    def validations(self, sheet: str) -> dict[str, ET.Element]:
        return {v.get("sqref"): v for v in self.sheet(sheet).iter(f"{{{MAIN}}}dataValidation")}

    def defined_names(self) -> dict[str, str]:
        return {n.get("name"): n.text for n in self.xml("xl/workbook.xml").iter(f"{{{MAIN}}}definedName")}


def _rows(path, sheet: str, header: bool = True) -> list[tuple]:
    loaded = fastexcel.read_excel(path).load_sheet(sheet, header_row=0 if header else None, dtypes="string")
    return loaded.to_polars().rows()


def _columns(path, sheet: str) -> list[str]:
    return fastexcel.read_excel(path).load_sheet(sheet, dtypes="string").to_polars().columns


# --- the village template --------------------------------------------------------------------------

TEMPLATE_ARGS = dict(
    village_code="35.03.01.2001",
    village_name="Besuki",
    district_name="Panggul",
    regency_name="Kabupaten Trenggalek",
    villages=[("35.03.01.2001", "Besuki")],
    occupations=[("petani", "Petani/Pekebun"), ("nelayan", "Nelayan"), ("ojek", "Pengemudi ojek")],
    groups=[("lansia", "Lansia"), ("disabilitas", "Penyandang disabilitas")],
    sexes=[("L", "Laki-laki"), ("P", "Perempuan")],
    example={"NIK": NIK, "No. KK": "3503010101090002", "Nama Lengkap (sesuai KTP)": "SITI AMINAH"},
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "templat.xlsx"
    village_template(path, **TEMPLATE_ARGS)
    return path


def test_template_has_form_then_guide_then_hidden_lists(template):
    reader = fastexcel.read_excel(template)
    assert reader.sheet_names == ["Usulan", "Petunjuk", "Daftar"]
    assert [reader.load_sheet(name, dtypes="string").visible for name in reader.sheet_names] == [
        "visible",
        "visible",
        "hidden",
    ]
    sheets = Xlsx(template).xml("xl/workbook.xml").iter(f"{{{MAIN}}}sheet")
    assert {s.get("name"): s.get("state") for s in sheets}["Daftar"] == "hidden"


def test_template_opens_on_the_guide(template):
    view = Xlsx(template).xml("xl/workbook.xml").find(f"{{{MAIN}}}bookViews/{{{MAIN}}}workbookView")
    assert view.get("activeTab") == "1"


def test_template_headers_are_row_one_bold_and_frozen(template):
    xlsx = Xlsx(template)
    assert _columns(template, "Usulan") == list(TEMPLATE_HEADERS)
    assert (
        xlsx.styles.find(f"{{{MAIN}}}fonts")[int(xlsx.xf(xlsx.cell("Usulan", "A1").get("s")).get("fontId"))].find(
            f"{{{MAIN}}}b"
        )
        is not None
    )
    pane = xlsx.sheet("Usulan").find(f".//{{{MAIN}}}pane")
    assert (pane.get("ySplit"), pane.get("state")) == ("1", "frozen")


def test_template_prefills_the_village_on_every_row(template):
    village = TEMPLATE_HEADERS.index("Desa/Kelurahan")
    rows = _rows(template, "Usulan")
    assert len(rows) == 2000
    assert {row[village] for row in rows} == {"Besuki"}


def test_nik_and_kk_columns_are_text_and_must_be_sixteen_long(template):
    xlsx = Xlsx(template)
    for col in ("B", "C"):
        style = xlsx.column_style("Usulan", ord(col) - ord("A") + 1)
        assert xlsx.number_format(style) == TEXT_FORMAT
        rule = xlsx.validations("Usulan")[f"{col}2:{col}2001"]
        assert (rule.get("type"), rule.get("operator"), rule.find(f"{{{MAIN}}}formula1").text) == (
            "textLength",
            "equal",
            "16",
        )
    assert "NIK harus 16 digit" in xlsx.validations("Usulan")["B2:B2001"].get("error")


def test_phone_rt_and_rw_stay_text_so_leading_zeros_survive(template):
    xlsx = Xlsx(template)
    for header in ("RT", "RW", "No. HP"):
        assert xlsx.number_format(xlsx.column_style("Usulan", TEMPLATE_HEADERS.index(header) + 1)) == TEXT_FORMAT


def test_birth_date_column_is_a_dated_range_with_a_hint(template):
    xlsx = Xlsx(template)
    assert xlsx.number_format(xlsx.column_style("Usulan", 6)) == "dd-mm-yyyy"
    rule = xlsx.validations("Usulan")["F2:F2001"]
    assert (rule.get("type"), rule.get("prompt")) == ("date", "Format: 31-12-1980")
    assert [rule.find(f"{{{MAIN}}}formula{n}").text for n in (1, 2)] == ["1", "TODAY()"]  # 1 is 1900-01-01


@pytest.mark.parametrize(
    ("col", "header", "labels"),
    [
        ("G", "Jenis Kelamin", ["Laki-laki", "Perempuan"]),
        ("K", "Desa/Kelurahan", ["Besuki"]),
        ("M", "Pekerjaan", ["Petani/Pekebun", "Nelayan", "Pengemudi ojek"]),
        ("N", "Kelompok Rentan", ["Lansia", "Penyandang disabilitas"]),
    ],
)
def test_dropdowns_read_their_labels_from_the_hidden_sheet(template, col, header, labels):
    xlsx = Xlsx(template)
    assert TEMPLATE_HEADERS[ord(col) - ord("A")] == header
    rule = xlsx.validations("Usulan")[f"{col}2:{col}2001"]
    assert rule.get("type") == "list"
    reference = xlsx.defined_names()[rule.find(f"{{{MAIN}}}formula1").text]
    sheet, cells = reference.split("!")
    assert sheet == "'Daftar'"
    first, _, last = cells.replace("$", "").partition(":")
    lists = _rows(template, "Daftar", header=False)
    column = ord(first[0]) - ord("A")
    listed = [row[column] for row in lists[int(first[1:]) - 1 : int((last or first)[1:])]]
    assert listed == labels
    assert lists[0][column] == header


def test_hidden_sheet_keeps_each_code_beside_its_label(template):
    lists = _rows(template, "Daftar", header=False)
    assert lists[0][:4] == ("Jenis Kelamin", "Kode Jenis Kelamin", "Desa/Kelurahan", "Kode Desa/Kelurahan")
    assert lists[1][:4] == ("Laki-laki", "L", "Besuki", "35.03.01.2001")


def test_guide_names_the_village_numbers_its_steps_and_shows_the_example(template):
    cells = [value for row in _rows(template, "Petunjuk", header=False) for value in row if value]
    assert {"Besuki", "35.03.01.2001", "Panggul", "Kabupaten Trenggalek"} <= set(cells)
    assert "1." in cells and "2." in cells
    assert any("Unggah" in value for value in cells)
    assert any("16 angka" in value for value in cells)
    example = {row[1]: row[2] for row in _rows(template, "Petunjuk", header=False) if row[1] in TEMPLATE_HEADERS}
    assert example["NIK"] == NIK and example["Nama Lengkap (sesuai KTP)"] == "SITI AMINAH"
    assert example["Desa/Kelurahan"] == "Besuki"


def test_workbook_properties_name_the_village_and_the_regency_government(template):
    xlsx = Xlsx(template)
    app, core = xlsx.zip.read("docProps/app.xml").decode(), xlsx.zip.read("docProps/core.xml").decode()
    assert "<Company>Pemerintah Kabupaten Trenggalek</Company>" in app
    assert "Besuki" in core
    assert "35.03.01.2001" in xlsx.zip.read("docProps/custom.xml").decode()


def test_template_refuses_a_prefilled_village_missing_from_its_list(tmp_path):
    with pytest.raises(ValueError, match="Besuki"):
        village_template(tmp_path / "x.xlsx", **{**TEMPLATE_ARGS, "villages": [("35.03.01.2002", "Terbis")]})


def test_template_refuses_an_example_for_an_unknown_column(tmp_path):
    with pytest.raises(ValueError, match="Umur"):
        village_template(tmp_path / "x.xlsx", **{**TEMPLATE_ARGS, "example": {"Umur": "40"}})


def test_template_refuses_an_empty_dropdown_list(tmp_path):
    with pytest.raises(ValueError, match="Pekerjaan"):
        village_template(tmp_path / "x.xlsx", **{**TEMPLATE_ARGS, "occupations": []})


# --- the problem report ----------------------------------------------------------------------------

HEADER = ["No", "NIK", "Nama", "Tanggal Lahir", "Keterangan"]
FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert(1)</script>"
PROBLEMS = {
    0: [(1, "error", "NIK harus 16 digit")],
    1: [(3, "warning", "Tanggal lahir berbeda dengan NIK")],
    2: [(None, "error", "Baris ganda")],
    3: [(1, "warning", "NIK sudah diusulkan desa lain"), (1, "error", "NIK harus 16 digit")],
    4: [(2, "warning", "Nama mengandung angka")],
}


def _data(count: int) -> list[list[str]]:
    rows = [[str(n), f"35030112048{n:05d}", f"WARGA {n}", "12-04-1985", ""] for n in range(count)]
    rows[0][1] = "35030112"
    rows[4][2], rows[4][4] = FORMULA, SCRIPT
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "laporan.xlsx"
    rows = _data(2000)
    started = time.perf_counter()
    problem_report(path, header=HEADER, rows=rows, row_numbers=[n + 2 for n in range(2000)], problems=PROBLEMS)
    print(f"\nproblem_report: 2,000 rows x {len(HEADER)} columns in {time.perf_counter() - started:.3f} s")
    return path


def test_report_keeps_every_row_after_its_file_row_number(report):
    assert _columns(report, "Usulan") == [REPORT_ROW_HEADER, *HEADER, REPORT_MESSAGE_HEADER]
    rows = _rows(report, "Usulan")
    assert len(rows) == 2000
    assert [row[0] for row in rows[:3]] == ["2", "3", "4"] and rows[-1][0] == "2001"
    assert rows[10][1:6] == ("10", "3503011204800010", "WARGA 10", "12-04-1985", None)


def test_report_joins_each_rows_messages_in_the_last_column(report):
    notes = [row[-1] for row in _rows(report, "Usulan")]
    assert notes[0] == "Galat: NIK harus 16 digit"
    assert notes[1] == "Peringatan: Tanggal lahir berbeda dengan NIK"
    assert notes[3] == "Galat: NIK harus 16 digit; Peringatan: NIK sudah diusulkan desa lain"
    assert notes[5] is None


def test_report_marks_error_cells_red_and_warning_cells_yellow(report):
    xlsx = Xlsx(report)
    assert xlsx.fill("Usulan", "C2") == RED  # NIK of the first data row (column B is "No")
    assert xlsx.fill("Usulan", "E3") == YELLOW  # its birth date, one row down
    assert xlsx.fill("Usulan", "D2") is None and xlsx.fill("Usulan", "C3") is None
    assert xlsx.fill("Usulan", "A2") == RED and xlsx.fill("Usulan", "G2") == RED  # Baris and the note
    assert xlsx.fill("Usulan", "C7") is None and xlsx.fill("Usulan", "A7") is None


def test_whole_row_problem_marks_every_cell_even_empty_ones(report):
    xlsx = Xlsx(report)
    assert {xlsx.fill("Usulan", f"{col}4") for col in "ABCDEFG"} == {RED}


def test_error_wins_over_warning_on_the_same_cell(report):
    assert Xlsx(report).fill("Usulan", "C5") == RED


def test_cells_stay_text_so_the_operator_can_fix_them_in_place(report):
    xlsx = Xlsx(report)
    assert xlsx.number_format(xlsx.column_style("Usulan", 3)) == TEXT_FORMAT
    nik = xlsx.cell("Usulan", "C12")
    assert nik.get("t") == "inlineStr" and xlsx.number_format(nik.get("s")) == TEXT_FORMAT


def test_report_writes_formulas_and_html_literally(report):
    xlsx = Xlsx(report)
    assert not list(xlsx.sheet("Usulan").iter(f"{{{MAIN}}}f"))
    row = _rows(report, "Usulan")[4]
    assert row[3] == "'" + FORMULA
    assert row[5] == SCRIPT
    assert "&lt;script&gt;" in xlsx.zip.read("xl/worksheets/sheet1.xml").decode()


def test_report_has_an_autofilter_over_all_rows_and_freezes_the_header(report):
    sheet = Xlsx(report).sheet("Usulan")
    assert sheet.find(f"{{{MAIN}}}autoFilter").get("ref") == "A1:G2001"
    assert sheet.find(f".//{{{MAIN}}}pane").get("state") == "frozen"


def test_summary_counts_rows_by_worst_severity_and_problems_by_kind(report):
    assert fastexcel.read_excel(report).sheet_names == ["Usulan", "Ringkasan"]
    rows = _rows(report, "Ringkasan", header=False)
    counts = {row[0]: row[1] for row in rows if row[1] and row[1].isdigit()}
    assert counts["Jumlah baris data"] == "2000"
    assert counts["Baris tanpa masalah"] == "1995"
    assert counts["Baris dengan peringatan saja (periksa kembali)"] == "2"
    assert counts["Baris dengan galat (harus diperbaiki)"] == "3"
    kinds = rows[[row[0] for row in rows].index("Masalah") + 1 :]
    assert kinds[0] == ("NIK harus 16 digit", "NIK", "Galat", "2")
    assert ("Baris ganda", "(seluruh baris)", "Galat", "1") in kinds
    assert ("Tanggal lahir berbeda dengan NIK", "Tanggal Lahir", "Peringatan", "1") in kinds


def test_report_pads_ragged_rows_and_names_extra_columns(tmp_path):
    path = tmp_path / "ragged.xlsx"
    problem_report(path, header=["A", "B"], rows=[["1"], ["1", "2", "3"]], row_numbers=[2, 3], problems={})
    assert _columns(path, "Usulan") == ["Baris", "A", "B", "Kolom 3", REPORT_MESSAGE_HEADER]
    assert _rows(path, "Usulan")[1][1:4] == ("1", "2", "3")


@pytest.mark.parametrize(
    ("row_numbers", "problems"),
    [
        ([2], {}),
        ([2, 3], {5: [(0, "error", "x")]}),
        ([2, 3], {0: [(0, "fatal", "x")]}),
        ([2, 3], {0: [(9, "error", "x")]}),
    ],
)
def test_report_refuses_inconsistent_input(tmp_path, row_numbers, problems):
    with pytest.raises(ValueError):
        problem_report(
            tmp_path / "x.xlsx", header=["A"], rows=[["1"], ["2"]], row_numbers=row_numbers, problems=problems
        )
