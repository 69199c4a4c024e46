import datetime as dt
import zipfile
from decimal import Decimal

import fastexcel
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jaring.core.spreadsheet import FORMULA_TRIGGERS, new_workbook, restore_cell, safe_cell, write_row

NIK = "3503011204850001"


def _sheet_xml(path) -> str:
    return zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()


def _read_first_row(path) -> tuple:
    return fastexcel.read_excel(path).load_sheet(0, header_row=None).to_polars().row(0)


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "＝1+1", "＋1", "－1", "＠A1"],
)
def test_each_formula_trigger_gets_a_leading_apostrophe(value):
    assert safe_cell(value) == "'" + value


def test_every_owasp_formula_character_is_a_trigger():
    assert {"=", "+", "-", "@", "\t", "\r"} <= set(FORMULA_TRIGGERS)


def test_text_that_looks_like_a_negative_number_is_prefixed_too():
    assert safe_cell("-5") == "'-5"


@pytest.mark.parametrize("value", [-5, -2.5, Decimal("-16800"), 0, True, None, dt.date(1980, 12, 31)])
def test_numbers_dates_and_none_pass_unchanged(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize("value", ["", NIK, "SITI AMINAH", "O'Brien", "a=b", "Jl. Raya No. 5 - RT 3", "'kutip"])
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


def test_xlsxwriter_rich_text_markup_is_neutralised():
    assert safe_cell("<r><t>x</t></r>") == "'<r><t>x</t></r>"
    assert safe_cell("<script>alert(1)</script>") == "<script>alert(1)</script>"


@given(st.text())
def test_restore_cell_undoes_safe_cell(text):
    if not text.startswith("'"):
        assert restore_cell(safe_cell(text)) == text


def test_restore_cell_keeps_an_apostrophe_safe_cell_did_not_add():
    assert restore_cell("'Ali") == "'Ali"
    assert restore_cell(7) == 7


@pytest.mark.parametrize("constant_memory", [False, True])
def test_nik_written_by_write_row_reads_back_as_sixteen_digit_text(tmp_path, constant_memory):
    path = tmp_path / "nik.xlsx"
    with new_workbook(path, constant_memory=constant_memory) as book:
        write_row(book.add_worksheet(), 0, [NIK, "0812345678", "003"])
    assert _read_first_row(path) == (NIK, "0812345678", "003")
    assert "<v>3503011204850001</v>" not in _sheet_xml(path)  # not a number cell


def test_workbook_options_stop_generic_write_from_guessing(tmp_path):
    path = tmp_path / "guess.xlsx"
    with new_workbook(path) as book:
        sheet = book.add_worksheet()
        for col, value in enumerate(["=1+1", NIK, "https://contoh.go.id"]):
            sheet.write(0, col, value)  # XlsxWriter's type-guessing method, on purpose
    xml = _sheet_xml(path)
    assert "<f>" not in xml and "<hyperlink" not in xml
    assert _read_first_row(path) == ("=1+1", NIK, "https://contoh.go.id")


def test_write_row_neutralises_formulas_and_keeps_types(tmp_path):
    path = tmp_path / "row.xlsx"
    with new_workbook(path) as book:
        write_row(book.add_worksheet(), 0, ["=1+1", 16800, Decimal("0.5"), None, dt.date(1980, 12, 31), "ok"])
    xml = _sheet_xml(path)
    assert "<f>" not in xml
    assert "<v>16800</v>" in xml and "<v>0.5</v>" in xml
    assert _read_first_row(path)[0] == "'=1+1"


def test_write_row_applies_per_cell_formats_and_writes_formatted_blanks(tmp_path):
    path = tmp_path / "formats.xlsx"
    with new_workbook(path) as book:
        plain, red = book.add_format({"num_format": "@"}), book.add_format({"bg_color": "#FFC7CE"})
        sheet = book.add_worksheet()
        write_row(sheet, 0, ["a", "", None], plain, formats={1: red})
        write_row(sheet, 1, ["", None])
    xml = _sheet_xml(path)
    assert f'<c r="A1" s="{plain._get_xf_index()}"' in xml
    assert f'<c r="B1" s="{red._get_xf_index()}"/>' in xml
    assert f'<c r="C1" s="{plain._get_xf_index()}"/>' in xml
    assert 'r="A2"' not in xml and 'r="B2"' not in xml  # an empty cell without any format is not written


def test_rich_text_markup_in_data_cannot_inject_a_formula_cell(tmp_path):
    payload = '<r><t>x</t></r></is></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="inlineStr"><is><r><t>y</t></r>'
    path = tmp_path / "inject.xlsx"
    with new_workbook(path, constant_memory=True) as book:
        write_row(book.add_worksheet(), 0, [payload])
    assert "<f>" not in _sheet_xml(path)
    assert _read_first_row(path) == ("'" + payload,)
