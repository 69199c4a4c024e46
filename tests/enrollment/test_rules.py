"""The pure parts of enrollment, without a database: the layout vocabulary, reading a results file's headers and
cells, and the dates that follow from rules."""

import datetime as dt

import pytest

from jaring.enrollment.results import Answer, clean_kpj, guess_columns, missing_columns, parse_answer, parse_day
from jaring.enrollment.rules import StartBasis, end_of_month, membership_start, programs_text, removal_end
from jaring.enrollment.vocabulary import DEFAULT_LAYOUT, DEFAULT_PARTICIPATION, FIELDS, layout_problems


def test_the_default_layout_is_valid_and_uses_known_fields_only():
    assert layout_problems(DEFAULT_LAYOUT) == []
    assert {c["field"] for c in DEFAULT_LAYOUT} <= set(FIELDS)


@pytest.mark.parametrize(
    ("columns", "problem"),
    [
        ([], "harus berupa daftar kolom"),
        ({"header": "NIK"}, "harus berupa daftar kolom"),
        (
            [{"header": "NIK", "field": "nik"}, {"header": "Nama", "field": "nama"}],
            "Kolom ke-2: isian 'nama' tidak dikenal",
        ),
        (
            [{"header": "NIK", "field": "nik"}, {"header": "nik", "field": "full_name"}],
            "judul 'nik' sudah dipakai kolom ke-1",
        ),
        ([{"header": "", "field": "nik"}, {"header": "Nama", "field": "full_name"}], "judul kolom wajib diisi"),
        ([{"header": "Nama", "field": "full_name"}], "harus memuat kolom NIK"),
        (["NIK", {"header": "Nama", "field": "full_name"}], "Kolom ke-1: tulis sebagai"),
    ],
)
def test_a_bad_layout_is_explained_in_bahasa_indonesia(columns, problem):
    assert any(problem in text for text in layout_problems(columns)), layout_problems(columns)


def test_every_funding_kind_has_a_participation_type():
    from jaring.programs.models import FundingKind

    assert set(DEFAULT_PARTICIPATION) == set(FundingKind.values)
    assert DEFAULT_PARTICIPATION["apbdes"] == "SD" and DEFAULT_PARTICIPATION["apbd_kabupaten"] == "SG"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["NIK", "Nama", "KPJ", "Status", "Keterangan"],
            {"nik": 0, "full_name": 1, "kpj": 2, "status": 3, "reason": 4},
        ),
        (
            ["No", "No. Identitas", "Nama Tenaga Kerja", "Nomor Kartu Peserta", "Hasil", "Alasan Penolakan", "TMT"],
            {"nik": 1, "full_name": 2, "kpj": 3, "status": 4, "reason": 5, "start": 6},
        ),
        (
            ["NOMOR PESERTA", "NIK KTP", "STATUS KEPESERTAAN", "Tgl Mulai Kepesertaan"],
            {"kpj": 0, "nik": 1, "status": 2, "start": 3},
        ),
        (["NIK", "Nama Lengkap (sesuai KTP)", "Tanggal Lahir", "Jenis Kepesertaan"], {"nik": 0, "full_name": 1}),
    ],
)
def test_results_headers_are_recognised_forgivingly(header, expected):
    assert guess_columns(header) == expected


def test_a_file_needs_a_nik_and_a_status_or_kpj_column():
    assert "Kolom NIK" in missing_columns({"kpj": 0})
    assert "status" in missing_columns({"nik": 0, "reason": 1})
    assert missing_columns({"nik": 0, "kpj": 1}) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("DITERIMA", Answer.ACCEPTED),
        ("Diterima/Aktif", Answer.ACCEPTED),
        ("sukses", Answer.ACCEPTED),
        ("DITOLAK", Answer.REJECTED),
        ("Tidak Valid", Answer.REJECTED),
        ("Tidak diterima", Answer.REJECTED),
        ("GAGAL", Answer.REJECTED),
        ("DIPROSES", None),
        ("", None),
    ],
)
def test_statuses_as_bpjs_might_write_them(text, answer):
    assert parse_answer(text) == answer


@pytest.mark.parametrize(
    ("text", "kpj"),
    [
        ("17010000001", "17010000001"),
        ("170.100.000-01", "17010000001"),
        ("", ""),
        ("1701000000", None),
        ("A7010000001", None),
    ],
)
def test_a_kpj_is_eleven_digits(text, kpj):
    assert clean_kpj(text) == kpj


def test_dates_are_read_day_first_or_iso():
    assert parse_day("01-02-2026") == parse_day("2026-02-01") == parse_day("1/2/2026") == dt.date(2026, 2, 1)
    assert parse_day("2026-02-01 00:00:00") == dt.date(2026, 2, 1) and parse_day(" ") is None
    with pytest.raises(ValueError):
        parse_day("Februari 2026")
    with pytest.raises(ValueError):
        parse_day("31-02-2026")


def test_a_removed_recipient_is_covered_to_the_month_before_the_amendment_takes_effect():
    signed = dt.date(2026, 3, 10)
    assert removal_end(signed_on=signed, effective_from=dt.date(2026, 4, 1)) == dt.date(2026, 3, 31)
    assert removal_end(signed_on=signed, effective_from=dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)


def test_without_an_effective_month_cover_ends_with_the_month_the_amendment_is_signed_in():
    assert removal_end(signed_on=dt.date(2026, 3, 10)) == dt.date(2026, 3, 31)
    assert removal_end(signed_on=dt.date(2028, 2, 1)) == end_of_month(dt.date(2028, 2, 29)) == dt.date(2028, 2, 29)


def test_the_start_is_bpjss_date_else_the_pks_else_the_programs_first_day():
    first = dt.date(2026, 1, 1)
    assert membership_start(from_file=dt.date(2026, 1, 15), agreement=first, first_day=first)[1] == StartBasis.FILE
    assert membership_start(from_file=None, agreement=dt.date(2026, 2, 1), first_day=first) == (
        dt.date(2026, 2, 1),
        StartBasis.AGREEMENT,
    )
    assert membership_start(from_file=None, agreement=None, first_day=first) == (first, StartBasis.PROGRAM)


def test_the_package_names_its_programs():
    assert programs_text(include_jht=False, include_jp=False) == "JKK, JKM"
    assert programs_text(include_jht=True, include_jp=True) == "JKK, JKM, JHT, JP"


def test_a_replacement_starts_no_earlier_than_its_amendment_takes_effect():
    first, april = dt.date(2026, 1, 1), dt.date(2026, 4, 1)
    assert membership_start(from_file=None, agreement=first, first_day=first, added_from=april) == (
        april,
        StartBasis.AMENDMENT,
    )
    assert membership_start(from_file=None, agreement=dt.date(2026, 5, 1), first_day=first, added_from=april) == (
        dt.date(2026, 5, 1),
        StartBasis.AGREEMENT,
    )
