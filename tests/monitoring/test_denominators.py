"""Reading, checking and resolving coverage denominators, and the coverage rate. No database."""

from decimal import Decimal

import pytest

from jaring.monitoring.denominators import (
    DenominatorFileRefused,
    RawRow,
    check_rows,
    coverage_rate,
    field_of,
    mixed_levels,
    parse_count,
    read_denominator_file,
    resolve,
)

from .denominator_files import table_xlsx

REGENCY = "35.03"
PANGGUL, BESUKI, TERBIS = "35.03.01", "35.03.01.2001", "35.03.01.2002"
MUNJUNGAN, BENDOROTO = "35.03.02", "35.03.02.2001"
REGIONS = {REGENCY: "Kabupaten Trenggalek", PANGGUL: "Panggul", BESUKI: "Besuki", TERBIS: "Terbis",
           MUNJUNGAN: "Munjungan", BENDOROTO: "Bendoroto"}  # fmt: skip


def check(rows: list[RawRow], source: str = ""):
    return check_rows(rows, regency_code=REGENCY, regency_name="Kabupaten Trenggalek", regions=REGIONS,
                      default_source=source)  # fmt: skip


def raw(row: int, code: str, workers: str, informal: str = "", source: str = "BPS", field: str = "region_code"):
    return RawRow(row, {field: code}, workers, informal, source)


@pytest.mark.parametrize(
    ("header", "field"),
    [("Kode Wilayah", "region_code"), ("KODE_DESA", "village_code"), ("Kd Kec", "district_code"),
     ("kode kemendagri", "region_code"), ("KDDESA", "village_code"), ("Kode Desa/Kelurahan", "village_code"),
     ("Jumlah Pekerja", "workers"), ("pekerja", "workers"), ("Penduduk Bekerja", "workers"),
     ("Tenaga Kerja", "workers"), ("Pekerja Informal", "informal"), ("Jumlah Pekerja Informal", "informal"),
     ("Sumber Data", "source"), ("Desa/Kelurahan", "name"), ("Kecamatan", "name"), ("Pekerja Formal", None),
     ("Luas (km2)", None)],
)  # fmt: skip
def test_headers_are_recognised_forgivingly(header, field):
    assert field_of(header) == field


def test_an_xlsx_with_a_title_and_mixed_levels_is_read_row_by_row():
    data = table_xlsx(header=["Penduduk bekerja menurut desa, 2025"], rows=[
                       ["Kode Wilayah", "Desa/Kelurahan", "Jumlah Pekerja", "Pekerja Informal", "Sumber"],
                       ["35.03.01", "Panggul", 20000, 15000, "BPS Trenggalek dalam Angka 2026"],
                       ["3503012001", "Besuki", "1.234", 900, "BPS Trenggalek dalam Angka 2026"]])  # fmt: skip
    read = read_denominator_file(data, "penyebut.xlsx")
    assert read.columns["workers"] == "Jumlah Pekerja"
    checked = check(read.rows)
    assert checked.problems == []
    assert [(r.row, r.code, r.workers, r.informal) for r in checked.rows] == [
        (3, PANGGUL, 20000, 15000), (4, BESUKI, 1234, 900)]  # fmt: skip


def test_a_file_without_a_code_or_workers_column_is_refused_naming_it():
    with pytest.raises(DenominatorFileRefused, match="kode wilayah"):
        read_denominator_file(b"Desa;Jumlah Pekerja\nBesuki;100\n", "a.csv")
    with pytest.raises(DenominatorFileRefused, match="jumlah pekerja"):
        read_denominator_file(b"Kode Desa;Pekerja Informal\n35.03.01.2001;100\n", "a.csv")


def test_a_desa_written_as_its_four_digits_beside_its_kecamatan_is_understood():
    data = b"Kode Kecamatan;Kode Desa;Pekerja;Sumber\n01;2002;500;BPS\n35.03.02;;4000;BPS\n"
    checked = check(read_denominator_file(data, "a.csv").rows)
    assert [r.code for r in checked.rows] == [TERBIS, MUNJUNGAN]


def test_every_problem_of_a_row_is_named_in_indonesian():
    checked = check([
        raw(2, "35.03.01.2999", "100"),
        raw(3, "35.04.01.2001", "100"),
        raw(4, "3503", "-5", "x"),
        raw(5, BESUKI, "100", "150"),
        raw(6, TERBIS, "banyak"),
        raw(7, "", "10"),
        raw(8, "35.3", "10"),
    ])  # fmt: skip
    assert [str(p) for p in checked.problems] == [
        "Baris 2: Kode wilayah 35.03.01.2999 tidak dikenal di Kabupaten Trenggalek.",
        "Baris 3: Kode wilayah 35.04.01.2001 di luar Kabupaten Trenggalek; unggah hanya wilayah kabupaten/kota ini.",
        "Baris 4: Jumlah pekerja tidak boleh negatif (tertulis '-5').",
        "Baris 4: Pekerja informal 'x' bukan bilangan bulat.",
        "Baris 5: Pekerja informal (150) lebih banyak dari jumlah pekerja (100).",
        "Baris 6: Jumlah pekerja 'banyak' bukan bilangan bulat.",
        "Baris 7: Kode wilayah kosong.",
        "Baris 8: Kode wilayah '35.3' tidak sah: contoh yang benar 35, 35.03, 35.03.01, 35.03.01.2001.",
    ]
    assert checked.rows == []


def test_a_code_twice_is_a_problem_on_the_later_row():
    checked = check([raw(2, BESUKI, "100"), raw(3, "3503012001", "120")])
    assert [str(p) for p in checked.problems] == ["Baris 3: Kode wilayah 35.03.01.2001 juga ada di baris 2."]
    assert [r.row for r in checked.rows] == [2]


def test_template_rows_left_empty_and_total_rows_are_skipped_not_refused():
    rows = [raw(2, BESUKI, ""), RawRow(3, {"region_code": ""}, "5000", "", "BPS", name="Jumlah Kabupaten"),
            raw(4, TERBIS, "300")]  # fmt: skip
    checked = check(rows)
    assert (checked.skipped, [r.code for r in checked.rows], checked.problems) == (2, [TERBIS], [])


def test_the_source_comes_from_the_row_else_from_the_form_else_it_is_a_problem():
    assert check([raw(2, BESUKI, "10", source="")], source="BPS 2026").rows[0].source == "BPS 2026"
    assert check([raw(2, BESUKI, "10", source="Sensus desa")], source="BPS").rows[0].source == "Sensus desa"
    assert "Sumber data kosong" in str(check([raw(2, BESUKI, "10", source="")]).problems[0])


@pytest.mark.parametrize(
    ("text", "value"),
    [("1234", 1234), ("1.234", 1234), ("1,234", 1234), ("12.345.678", 12345678), ("1 234", 1234),
     ("1234.0", 1234), ("", None), ("-5", -5)],
)  # fmt: skip
def test_counts_are_read_as_indonesians_and_spreadsheets_write_them(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["12.5", "1,5", "banyak", "1.23"])
def test_a_fraction_or_a_word_is_not_a_count(text):
    with pytest.raises(ValueError):
        parse_count(text)


def test_a_region_without_its_own_row_is_the_sum_of_its_children():
    values = {BESUKI: 100, TERBIS: 50, BENDOROTO: 30}
    assert resolve(values, [BESUKI, PANGGUL, MUNJUNGAN, REGENCY, "35", None, "35.03.05"]) == {
        BESUKI: 100, PANGGUL: 150, MUNJUNGAN: 30, REGENCY: 180, "35": 180, None: 180, "35.03.05": None}  # fmt: skip


def test_a_kecamatan_loaded_with_its_desa_counts_once_with_its_own_figure():
    values = {PANGGUL: 1000, BESUKI: 100, TERBIS: 50, BENDOROTO: 30}
    assert resolve(values, [PANGGUL, BESUKI, REGENCY]) == {PANGGUL: 1000, BESUKI: 100, REGENCY: 1030}
    assert mixed_levels(values) == [PANGGUL]


def test_the_regencys_own_row_wins_over_everything_beneath_it():
    assert resolve({REGENCY: 9000, PANGGUL: 1000}, [REGENCY, PANGGUL, MUNJUNGAN]) == {
        REGENCY: 9000, PANGGUL: 1000, MUNJUNGAN: None}  # fmt: skip


@pytest.mark.parametrize(
    ("covered", "denominator", "rate"),
    [(6400, 14884, Decimal("43.0")), (1, 3, Decimal("33.3")), (2, 3, Decimal("66.7")), (5, 0, None),
     (5, None, None), (0, 10, Decimal("0.0")), (120, 100, Decimal("120.0"))],
)  # fmt: skip
def test_the_coverage_rate_is_a_percentage_with_one_decimal(covered, denominator, rate):
    assert coverage_rate(covered, denominator) == rate


def test_a_total_row_is_recognised_in_any_name_column():
    data = b"Kode Wilayah;Kecamatan;Desa/Kelurahan;Pekerja;Sumber\n35.03.01.2001;Panggul;Besuki;10;BPS\n;;Jumlah;10;\n"
    read = read_denominator_file(data, "a.csv")
    checked = check(read.rows)
    assert (len(checked.rows), checked.skipped, checked.problems) == (1, 1, [])
