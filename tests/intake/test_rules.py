"""Row checks for village candidate lists: what is recovered from Excel's damage, what is refused, and why."""

import calendar
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lokal import PROVINCES

from jaring.intake import rules
from jaring.intake.rules import (
    MESSAGES,
    RowContext,
    check_row,
    clean_id_number,
    find_duplicates,
    parse_birth_date,
    split_birth_place_date,
)

TODAY = date(2025, 6, 1)
BESUKI_PANGGUL, BESUKI_MUNJUNGAN = "35.03.01.2001", "35.03.02.2009"  # two desa of one name (Kepmendagri 2025)
TERBIS, NGARES = "35.03.01.2002", "35.03.11.2001"
BPS_TERBIS = "3503010002"  # illustrative: the real crosswalk comes from the regions app
#: A woman (day 12 + 40) born 12-04-1985, NIK issued in Kec. Panggul, Trenggalek.
NIK = "3503015204850001"
KK = "3503010101100007"

OCCUPATIONS = {
    "petani": "Petani", "petani_tembakau": "Petani tembakau", "buruh_tani": "Buruh tani", "nelayan": "Nelayan",
    "pedagang_kecil": "Pedagang kecil", "ojek": "Ojek/pengemudi", "pemandu_wisata": "Pemandu wisata",
    "kader_posyandu": "Kader posyandu", "perangkat_desa": "Perangkat desa", "pegawai_non_asn": "Pegawai non-ASN",
    "pemilu_ad_hoc": "Penyelenggara pemilu ad hoc", "lainnya": "Lainnya",
}  # fmt: skip
GROUPS = {
    "orang_tua_tunggal": "Orang tua tunggal", "disabilitas": "Penyandang disabilitas", "lansia": "Lansia",
    "miskin_ekstrem": "Miskin ekstrem",
}  # fmt: skip


def context(**overrides) -> RowContext:
    values = {
        "regency": "35.03",
        "villages": {BESUKI_PANGGUL: "Besuki", BESUKI_MUNJUNGAN: "Besuki", TERBIS: "Terbis", NGARES: "Ngares"},
        "districts": {"35.03.01": "Panggul", "35.03.02": "Munjungan", "35.03.11": "Trenggalek"},
        "bps_to_kemendagri": {BPS_TERBIS: TERBIS},
        "reference_date": TODAY,
        "occupations": OCCUPATIONS,
        "groups": GROUPS,
    }
    return RowContext(**(values | overrides))


CTX = context()


def row(**cells: str) -> dict[str, str]:
    return {"nik": NIK, "full_name": "Sri Wahyuni", "birth_date": "12-04-1985", "sex": "P", "village": "Terbis"} | cells


def codes(result) -> dict[str, str]:
    """Issue code → severity."""
    return {issue.code: issue.severity for issue in result.issues}


# --- NIK and KK --------------------------------------------------------------------------------------------------


@st.composite
def valid_niks(draw) -> str:
    province = draw(st.sampled_from(sorted(PROVINCES)))
    regency, district = draw(st.integers(1, 99)), draw(st.integers(1, 99))
    born = draw(st.dates(date(1940, 1, 1), date(2009, 12, 31)))
    day = born.day + draw(st.sampled_from([0, 40]))
    serial = draw(st.integers(1, 9999))
    return f"{province}{regency:02d}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


@st.composite
def with_separators(draw, nik: str) -> str:
    separators = st.sampled_from(["", "", "", " ", ".", "-", "\u00a0"])
    return "".join(digit + draw(separators) for digit in nik)


@given(st.data(), valid_niks())
def test_nik_with_spaces_dots_or_dashes_is_recovered_exactly_and_silently(data, nik):
    assert clean_id_number(data.draw(with_separators(nik)), "nik") == (nik, [])


@given(valid_niks(), st.sampled_from([".0", ".00", ",0"]))
def test_nik_with_a_trailing_excel_decimal_is_recovered_with_a_warning(nik, suffix):
    number, issues = clean_id_number(nik + suffix, "nik")
    assert number == nik
    assert [(i.code, i.severity) for i in issues] == [("excel_fixed", "warning")]
    assert "diperbaiki dari format Excel" in issues[0].message


@given(valid_niks(), st.sampled_from(["'", "’", "`"]))
def test_nik_with_a_leading_apostrophe_is_recovered_silently(nik, apostrophe):
    assert clean_id_number(apostrophe + nik, "nik") == (nik, [])
    assert clean_id_number(f" {apostrophe}{nik[:4]} {nik[4:]} ", "nik") == (nik, [])


@given(valid_niks(), st.integers(0, 14), st.sampled_from([".", ","]), st.sampled_from(["E+15", "e+15", "E15"]))
def test_nik_in_scientific_notation_with_fewer_than_16_digits_is_never_recovered(nik, decimals, point, exponent):
    text = nik[0] + (point + nik[1 : decimals + 1] if decimals else "") + exponent
    number, issues = clean_id_number(text, "nik")
    assert number == ""
    assert [(i.code, i.severity) for i in issues] == [("excel_scientific", "error")]
    assert "rusak oleh Excel" in issues[0].message and "Ketik ulang" in issues[0].message


@given(valid_niks())
def test_nik_in_scientific_notation_with_all_16_digits_is_recovered_with_a_warning(nik):
    number, issues = clean_id_number(f"{nik[0]}.{nik[1:]}E+15", "nik")
    assert number == nik
    assert [i.code for i in issues] == ["excel_fixed"]


@given(valid_niks())
def test_valid_nik_passes_the_row_without_nik_errors(nik):
    result = check_row(row(nik=nik, sex="", birth_date=""), CTX)
    assert result.nik == nik
    assert not [i for i in result.issues if i.field == "nik" and i.severity == "error"]


def test_nik_stored_as_an_inexact_number_is_refused():
    result = check_row(row(nik="3503015204850000"), CTX, inexact_fields=frozenset({"nik"}))
    assert result.nik == ""
    assert codes(result)["excel_number"] == "error"
    assert "disimpan sebagai angka" in result.issues[0].message


NIK_ENDING_IN_0 = "3503015204850010"
NUMBER = frozenset({"nik", "kk_number"})  # both cells held numbers of 16 digits (Table.long_number_rows)


def test_nik_typed_as_a_number_and_ending_in_0_is_kept_with_a_warning_to_check_the_ktp():
    result = check_row(row(nik=NIK_ENDING_IN_0), CTX, long_number_fields=NUMBER)
    assert (result.nik, codes(result)) == (NIK_ENDING_IN_0, {"excel_last_digit": "warning"})
    message = result.issues[0].message
    assert message.startswith("NIK diketik sebagai angka") and "15 digit" in message and "KTP" in message


def test_kk_typed_as_a_number_and_ending_in_0_is_kept_with_a_warning_to_check_the_family_card():
    kk = KK[:-2] + "70"
    result = check_row(row(kk_number=kk), CTX, long_number_fields=NUMBER)
    assert (result.kk_number, codes(result)) == (kk, {"excel_last_digit": "warning"})
    assert result.issues[0].message.startswith("Nomor KK diketik") and "Kartu Keluarga" in result.issues[0].message


def test_number_whose_last_digit_is_not_0_kept_all_16_digits():
    assert check_row(row(kk_number=KK), CTX, long_number_fields=NUMBER).issues == []


def test_nik_ending_in_0_typed_as_text_needs_no_warning():
    assert check_row(row(nik=NIK_ENDING_IN_0), CTX).issues == []


def test_number_past_2_53_stays_refused_rather_than_warned():
    result = check_row(row(nik=NIK_ENDING_IN_0), CTX, inexact_fields=NUMBER, long_number_fields=NUMBER)
    assert (result.nik, codes(result)) == ("", {"excel_number": "error"})


def test_nik_of_15_digits_is_refused_because_a_lost_digit_cannot_be_guessed():
    result = check_row(row(nik=NIK[:-1]), CTX)
    assert codes(result)["fifteen_digits"] == "error"
    assert "tidak bisa ditebak" in result.issues[0].message


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("35030152048500", "length"),
        ("3503O15204850001", "not_digits"),
        ("3503013204850001", "nik_birth_date"),  # 32-04
        ("3503015204850000", "nik_serial"),
        ("9903015204850001", "nik_province"),
        ("", "nik_missing"),
    ],
)
def test_impossible_nik_is_an_error(nik, code):
    result = check_row(row(nik=nik), CTX)
    assert codes(result)[code] == "error"
    assert result.status == "error"


def test_nik_issued_in_another_regency_is_only_a_warning_because_people_move():
    result = check_row(row(nik="3501015204850001"), CTX)  # Pacitan
    assert codes(result) == {"nik_other_regency": "warning"}
    assert result.status == "warning"


def test_nik_birth_date_and_sex_differing_from_the_declared_ones_are_warnings():
    result = check_row(row(birth_date="13-04-1985", sex="L"), CTX)
    assert codes(result) == {"nik_birth_date_mismatch": "warning", "nik_sex_mismatch": "warning"}


def test_missing_sex_is_taken_from_the_nik_with_a_warning():
    result = check_row(row(sex=""), CTX)
    assert (result.sex, codes(result)) == ("P", {"sex_from_nik": "warning"})


def test_kk_is_cleaned_like_a_nik():
    assert check_row(row(kk_number=f"'{KK}"), CTX).kk_number == KK
    assert check_row(row(kk_number=KK + ".0"), CTX).kk_number == KK
    assert codes(check_row(row(kk_number=KK[:-1]), CTX))["fifteen_digits"] == "error"
    assert codes(check_row(row(kk_number="3,50301E+15"), CTX))["excel_scientific"] == "error"
    inexact = check_row(row(kk_number=KK), CTX, inexact_fields=frozenset({"kk_number"}))
    assert codes(inexact)["excel_number"] == "error"


def test_kk_structure_is_only_checked_for_plausibility():
    assert codes(check_row(row(kk_number="9903010101100007"), CTX)) == {"kk_province": "warning"}
    assert codes(check_row(row(kk_number="3503013213100007"), CTX)) == {"kk_date": "warning"}
    assert codes(check_row(row(kk_number=NIK), CTX)) == {"kk_equals_nik": "warning"}
    assert check_row(row(kk_number=""), CTX).status == "ok"


# --- Dates -------------------------------------------------------------------------------------------------------

ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]  # fmt: skip
ID_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
EXCEL_EPOCH = date(1899, 12, 30)
RENDERINGS = {
    "slashes": lambda d: f"{d:%d/%m/%Y}",
    "dashes": lambda d: f"{d:%d-%m-%Y}",
    "dots": lambda d: f"{d:%d.%m.%Y}",
    "unpadded": lambda d: f"{d.day}/{d.month}/{d.year}",
    "iso": lambda d: d.isoformat(),
    "iso with time": lambda d: f"{d.isoformat()} 00:00:00",
    "indonesian month": lambda d: f"{d.day} {ID_MONTHS[d.month - 1]} {d.year}",
    "indonesian month upper": lambda d: f"{d.day:02d} {ID_MONTHS[d.month - 1].upper()} {d.year}",
    "indonesian short month": lambda d: f"{d.day} {ID_SHORT[d.month - 1]} {d.year}",
    "english month": lambda d: f"{d.day} {calendar.month_name[d.month]} {d.year}",
    "english month first": lambda d: f"{calendar.month_name[d.month]} {d.day}, {d.year}",
    "excel display": lambda d: f"{d.day:02d}-{calendar.month_abbr[d.month]}-{d.year}",
    "excel serial": lambda d: str((d - EXCEL_EPOCH).days),
}


@pytest.mark.parametrize("style", sorted(RENDERINGS))
@settings(max_examples=60)
@given(born=st.dates(date(1920, 1, 1), date(2010, 12, 31)))
def test_every_common_date_format_parses_to_the_right_date(style, born):
    assert parse_birth_date(RENDERINGS[style](born), reference_date=TODAY) == (born, [])


@settings(max_examples=60)
@given(born=st.dates(date(TODAY.year - 99, 1, 1), date(2010, 12, 31)))
def test_two_digit_year_takes_the_century_that_makes_the_age_0_to_100(born):
    # 1926-2010 only: for an earlier date the same two digits name a child born this century.
    assert parse_birth_date(f"{born:%d-%m-%y}", reference_date=TODAY) == (born, [])


@given(st.dates(date(1906, 1, 1), date(2100, 12, 31)))
def test_excel_serial_round_trips(day):
    # From 1906: serials 1900-2099 (dates in 1905) read as a bare year of birth, which is what people mean.
    value, _ = parse_birth_date(str((day - EXCEL_EPOCH).days), reference_date=date(2200, 1, 1))
    assert value == day


@pytest.mark.parametrize("serial", ["29586", "29586.0", "29586.75"])
def test_excel_serial_29586_is_new_years_eve_1980(serial):
    assert parse_birth_date(serial, reference_date=TODAY) == (date(1980, 12, 31), [])


def test_day_comes_first_when_both_readings_are_possible():
    assert parse_birth_date("05/06/1980", reference_date=TODAY) == (date(1980, 6, 5), [])


def test_month_first_is_accepted_only_when_day_first_is_impossible_and_then_warned():
    value, issues = parse_birth_date("12/31/1980", reference_date=TODAY)
    assert value == date(1980, 12, 31)
    assert [(i.code, i.severity) for i in issues] == [("date_month_first", "warning")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/02/1980", "date_impossible"),
        ("1980-02-30", "date_impossible"),
        ("31 Februari 1980", "date_impossible"),
        ("02-06-2025x", "date_unreadable"),
        ("kemarin", "date_unreadable"),
        ("1980", "year_only"),
        ("02-06-2025", "date_future"),
        ("31-12-1900", "date_too_old"),
    ],
)
def test_unusable_birth_dates_are_errors(text, code):
    value, issues = parse_birth_date(text, reference_date=TODAY)
    assert [(i.code, i.severity) for i in issues] == [(code, "error")]
    assert value is None or code in ("date_future", "date_too_old")


def test_empty_birth_date_is_a_warning_on_the_row():
    result = check_row(row(birth_date=""), CTX)
    assert (result.birth_date, codes(result)) == (None, {"birth_date_missing": "warning"})


@pytest.mark.parametrize(
    "ttl",
    ["TRENGGALEK, 31-12-1980", "Trenggalek 31 Desember 1980", "Trenggalek/31-12-1980", "trenggalek,31.12.1980"],
)
def test_place_and_date_of_birth_in_one_cell_are_split(ttl):
    result = check_row(row(nik="", birth_date="", birth_place_date=ttl), CTX)
    assert (result.birth_place, result.birth_date) == ("TRENGGALEK", date(1980, 12, 31))


@given(
    place=st.sampled_from(["Trenggalek", "KOTA BATU", "Tulung Agung", "Labuan Bajo", "Gianyar"]),
    separator=st.sampled_from([", ", " ", "/", ","]),
    style=st.sampled_from(sorted(set(RENDERINGS) - {"english month first"})),
    born=st.dates(date(1920, 1, 1), date(2010, 12, 31)),
)
def test_split_birth_place_date_keeps_place_and_date_apart(place, separator, style, born):
    place_part, date_part = split_birth_place_date(f"{place}{separator}{RENDERINGS[style](born)}")
    assert place_part == place
    assert parse_birth_date(date_part, reference_date=TODAY)[0] == born


def test_separate_birth_columns_win_over_the_combined_cell():
    result = check_row(row(birth_place="Panggul", birth_place_date="Trenggalek, 01-01-1970"), CTX)
    assert (result.birth_place, result.birth_date) == ("PANGGUL", date(1985, 4, 12))


# --- Name, sex, address ------------------------------------------------------------------------------------------


def test_name_is_trimmed_collapsed_and_uppercased_keeping_the_original():
    result = check_row(row(full_name="  siti   ma'ruf\u00a0 "), CTX)
    assert (result.full_name, result.full_name_original) == ("SITI MA'RUF", "  siti   ma'ruf\u00a0 ")
    assert result.status == "ok"


@pytest.mark.parametrize("name", ["Sri Wahyuni 2", 'Sri "Yuni"', "<b>Sri</b>", "Sri; Yuni"])
def test_name_with_digits_or_markup_characters_is_a_warning_and_kept(name):
    result = check_row(row(full_name=name), CTX)
    assert codes(result) == {"name_characters": "warning"}
    assert result.full_name == name.upper()


def test_empty_name_is_an_error():
    assert codes(check_row(row(full_name="   "), CTX)) == {"name_missing": "error"}


@pytest.mark.parametrize(
    ("typed", "sex"),
    [("L", "L"), ("LK", "L"), ("Laki-laki", "L"), ("laki", "L"), ("Pria", "L"), ("M", "L"),
     ("P", "P"), ("PR", "P"), ("Perempuan", "P"), ("WANITA", "P"), ("F", "P"),
     ("1", "L"), ("2", "P")],  # JNS_KEL of BPS/SIAK extracts
)  # fmt: skip
def test_sex_spellings(typed, sex):
    assert rules.person._clean_sex(typed) == (sex, [])


def test_unknown_sex_is_an_error():
    assert codes(check_row(row(sex="X"), CTX))["sex_unknown"] == "error"


@pytest.mark.parametrize("typed", ["001/002", "1/2", "01 / 02", "RT 01 RW 02", "1-2"])
def test_rt_rw_in_one_cell_is_split_and_zero_padded(typed):
    result = check_row(row(rt_rw=typed), CTX)
    assert (result.rt, result.rw, result.status) == ("001", "002", "ok")


def test_rt_and_rw_columns_are_zero_padded_and_bad_ones_warned():
    assert (check_row(row(rt="3", rw="RW 12"), CTX).rt, check_row(row(rt="3", rw="RW 12"), CTX).rw) == ("003", "012")
    assert codes(check_row(row(rt="tiga"), CTX)) == {"unit_format": "warning"}
    assert codes(check_row(row(rt_rw="1"), CTX)) == {"rt_rw_format": "warning"}


# --- Village -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cells",
    [
        {"village": "35.03.01.2002"},
        {"village": "3503012002"},
        {"village": "Terbis"},
        {"village": "DESA TERBIS"},
        {"village": "Ds. Terbis"},
        {"village": "Kel. Terbis"},
        {"village": "", "bps_village_code": BPS_TERBIS},
        {"village": BPS_TERBIS},
    ],
    ids=lambda cells: next(v for v in cells.values() if v),
)
def test_village_is_found_by_code_name_or_bps_code(cells):
    result = check_row(row(**cells), CTX)
    assert (result.village_code, result.status) == (TERBIS, "ok")


def test_village_name_shared_by_two_kecamatan_is_never_resolved_silently():
    result = check_row(row(village="Besuki"), CTX)
    assert result.village_code == ""
    assert codes(result) == {"village_ambiguous": "error"}
    assert "Besuki (Kec. Panggul), Besuki (Kec. Munjungan)" in result.issues[0].message
    assert "isi kolom kecamatan" in result.issues[0].message


@pytest.mark.parametrize("district", ["Munjungan", "Kec. Munjungan", "KECAMATAN MUNJUNGAN", "35.03.02", "350302"])
def test_kecamatan_column_disambiguates_a_shared_village_name(district):
    result = check_row(row(village="Besuki", district=district), CTX)
    assert (result.village_code, result.status) == (BESUKI_MUNJUNGAN, "ok")


def test_village_operator_typing_her_own_shared_village_name_needs_no_kecamatan():
    result = check_row(row(village="Besuki"), context(allowed_villages={BESUKI_PANGGUL}))
    assert (result.village_code, result.status) == (BESUKI_PANGGUL, "ok")


def test_kecamatan_that_fits_neither_village_is_an_error():
    result = check_row(row(village="Besuki", district="Trenggalek"), CTX)
    assert (result.village_code, codes(result)) == ("", {"village_ambiguous": "error"})


def test_kecamatan_contradicting_a_unique_village_is_a_warning():
    result = check_row(row(village="Terbis", district="Munjungan"), CTX)
    assert (result.village_code, codes(result)) == (TERBIS, {"district_mismatch": "warning"})


def test_unknown_village_is_an_error_naming_what_was_typed_with_a_suggestion():
    result = check_row(row(village="Trebis"), CTX)
    assert codes(result) == {"village_unknown": "error"}
    assert "'Trebis'" in result.issues[0].message and "Terbis" in result.issues[0].message
    assert codes(check_row(row(village="35.03.99.2001"), CTX)) == {"village_code_unknown": "error"}
    assert codes(check_row(row(village="", bps_village_code="3503999999"), CTX)) == {"bps_unknown": "error"}


def test_bps_code_disagreeing_with_the_village_column_is_a_warning():
    result = check_row(row(village="Ngares", bps_village_code=BPS_TERBIS), CTX)
    assert (result.village_code, codes(result)) == (NGARES, {"bps_mismatch": "warning"})


def test_village_operator_cannot_propose_people_of_another_village():
    result = check_row(row(village="Terbis"), context(allowed_villages={NGARES}))
    assert codes(result) == {"village_out_of_scope": "error"}
    assert result.issues[0].message == "Baris ini untuk desa Terbis (Kec. Panggul), bukan desa Anda."


def test_village_operators_list_without_a_village_column_is_her_village():
    result = check_row(row(village=""), context(allowed_villages={NGARES}))
    assert (result.village_code, result.status) == (NGARES, "ok")
    assert codes(check_row(row(village=""), CTX)) == {"village_missing": "error"}


def test_village_names_are_indexed_with_duplicates_kept():
    assert CTX.village_by_name["besuki"] == (BESUKI_PANGGUL, BESUKI_MUNJUNGAN)
    assert CTX.village_by_name["terbis"] == (TERBIS,)


# --- Phone, occupation, groups, decile ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890"])
def test_mobile_numbers_are_normalised_to_08(typed):
    result = check_row(row(phone=typed), CTX)
    assert (result.phone, result.status) == ("081234567890", "ok")


def test_invalid_phone_is_a_warning_and_dropped():
    result = check_row(row(phone="12345"), CTX)
    assert (result.phone, codes(result)) == ("", {"phone_invalid": "warning"})


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Petani Tembakau", "petani_tembakau"), ("PETANI TEMBAKAU", "petani_tembakau"),
     ("petani_tembakau", "petani_tembakau"), ("Tani", "petani"), ("Buruh Tani", "buruh_tani"),
     ("Nelayan", "nelayan"), ("Ojek", "ojek"), ("Ojol", "ojek"), ("Pengemudi", "ojek"),
     ("Pedagang sayur", "pedagang_kecil"), ("KPPS", "pemilu_ad_hoc"), ("lainnya", "lainnya")],
)  # fmt: skip
def test_occupation_spellings(typed, code):
    result = check_row(row(occupation=typed), CTX)
    assert (result.occupation, result.status) == (code, "ok")


def test_unknown_occupation_is_a_warning_listing_the_choices():
    result = check_row(row(occupation="Astronot"), CTX)
    assert (result.occupation, codes(result)) == ("", {"occupation_unknown": "warning"})
    assert "Petani tembakau" in result.issues[0].message


@pytest.mark.parametrize(
    ("typed", "groups"),
    [("Ibu tunggal", ("orang_tua_tunggal",)), ("Janda", ("orang_tua_tunggal",)),
     ("Orang tua tunggal", ("orang_tua_tunggal",)), ("Disabilitas", ("disabilitas",)), ("Difabel", ("disabilitas",)),
     ("LANSIA", ("lansia",)), ("Lansia, Janda; Difabel", ("orang_tua_tunggal", "disabilitas", "lansia")),
     ("miskin_ekstrem/lansia", ("lansia", "miskin_ekstrem"))],
)  # fmt: skip
def test_group_spellings_and_lists(typed, groups):
    result = check_row(row(groups=typed), CTX)
    assert (result.groups, result.status) == (groups, "ok")


def test_unknown_group_is_a_warning_and_the_known_ones_kept():
    result = check_row(row(groups="Lansia, Yatim"), CTX)
    assert (result.groups, codes(result)) == (("lansia",), {"group_unknown": "warning"})


@pytest.mark.parametrize(("typed", "decile"), [("1", 1), ("10", 10), ("Desil 3", 3), ("4.0", 4), ("", None)])
def test_welfare_decile_1_to_10(typed, decile):
    assert check_row(row(welfare_decile=typed), CTX).welfare_decile == decile


@pytest.mark.parametrize("typed", ["0", "11", "tinggi"])
def test_welfare_decile_outside_1_to_10_is_a_warning(typed):
    result = check_row(row(welfare_decile=typed), CTX)
    assert (result.welfare_decile, codes(result)) == (None, {"decile_invalid": "warning"})


# --- Whole rows and duplicates -----------------------------------------------------------------------------------


def test_a_clean_row_is_ok_and_serialisable():
    result = check_row(row(kk_number=KK, rt_rw="1/2", phone="0812 3456 7890", occupation="Tani"), CTX)
    assert result.status == "ok"
    assert result.cleaned() == {
        "nik": NIK, "kk_number": KK, "full_name": "SRI WAHYUNI", "full_name_original": "Sri Wahyuni",
        "birth_place": "", "birth_date": "1985-04-12", "sex": "P", "street": "", "rt": "001", "rw": "002",
        "village_code": TERBIS, "phone": "081234567890", "occupation": "petani", "groups": [],
        "welfare_decile": None, "note": "",
    }  # fmt: skip


def test_same_nik_twice_is_an_error_on_the_later_rows_naming_the_first():
    results = [
        check_row(row(), CTX),
        check_row(row(nik="3503011204850002", full_name="Budi", sex="L"), CTX),
        check_row(row(), CTX),
    ]
    found = find_duplicates(results, row_numbers=[12, 13, 14])
    assert list(found) == [2]
    assert [(i.code, i.severity, i.message) for i in found[2]] == [
        ("nik_duplicate", "error", "NIK sama dengan baris 12.")
    ]


def test_same_name_and_birth_date_under_different_niks_is_a_warning_on_both():
    other = "3503015204850002"
    results = [
        check_row(row(), CTX),
        check_row(row(nik="3503015204850003", full_name="Ani"), CTX),
        check_row(row(nik=other), CTX),
    ]
    found = find_duplicates(results, row_numbers=[2, 3, 4])
    assert sorted(found) == [0, 2]
    assert [(i.code, i.severity) for i in found[0]] == [("same_person_other_nik", "warning")]
    assert "baris 4" in found[0][0].message and "baris 2" in found[2][0].message


def test_row_numbers_default_to_positions_from_one():
    found = find_duplicates([check_row(row(), CTX), check_row(row(), CTX)])
    assert found[1][0].message == "NIK sama dengan baris 1."


def rules_source() -> str:
    return "".join(path.read_text() for path in sorted(Path(rules.__file__).parent.glob("*.py")))


def test_every_issue_code_used_has_a_message_in_bahasa_indonesia():
    source = rules_source()
    used = set(re.findall(r'_issue\(\s*"\w+",\s*"(\w+)"', source))
    assert used <= set(MESSAGES)
    assert {f"nik_{code}" for code in ("province", "wilayah", "birth_date", "serial")} <= set(MESSAGES)
    assert not [code for code, (_, text) in MESSAGES.items() if re.search(r"\b(the|must|invalid|not)\b", text)]


def test_rules_do_not_import_django():
    source = rules_source() + Path(rules.__file__).parent.with_name("headers.py").read_text()
    assert not re.search(r"^\s*(from|import) django", source, re.MULTILINE)


def test_reference_date_decides_future_and_age():
    assert parse_birth_date("01-06-2025", reference_date=TODAY)[1] == []
    later = TODAY + timedelta(days=1)
    assert parse_birth_date(f"{later:%d-%m-%Y}", reference_date=TODAY)[1][0].code == "date_future"


def test_many_namesakes_are_named_by_a_few_rows_and_a_count():
    results = [check_row(row(nik=f"350301520485{serial:04d}"), CTX) for serial in range(1, 31)]
    found = find_duplicates(results)
    assert len(found) == 30
    assert "baris 2, 3, 4, 5, 6 (dan 24 baris lain)" in found[0][0].message
