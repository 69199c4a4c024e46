"""Guessing what each column of a village's spreadsheet holds, from headers as villages really write them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jaring.intake.headers import FIELD_LABELS, guess_mapping

CANONICAL_FIELDS = {
    "nik", "kk_number", "full_name", "birth_place", "birth_date", "birth_place_date", "sex", "street", "rt", "rw",
    "rt_rw", "village", "district", "phone", "occupation", "groups", "welfare_decile", "bps_village_code", "note",
}  # fmt: skip


def by_header(header: list[str]) -> dict[str, str]:
    return {header[index]: field for index, field in guess_mapping(header).items()}


REALISTIC_HEADERS = [
    pytest.param(
        ["No", "NIK", "No KK", "Nama Lengkap", "Tempat Lahir", "Tgl Lahir", "JK", "Alamat", "RT", "RW", "Desa",
         "Kecamatan", "No HP", "Pekerjaan", "Keterangan"],
        {"NIK": "nik", "No KK": "kk_number", "Nama Lengkap": "full_name", "Tempat Lahir": "birth_place",
         "Tgl Lahir": "birth_date", "JK": "sex", "Alamat": "street", "RT": "rt", "RW": "rw", "Desa": "village",
         "Kecamatan": "district", "No HP": "phone", "Pekerjaan": "occupation", "Keterangan": "note"},
        id="title-cased desa list",
    ),
    pytest.param(
        ["NO.", "NO. KTP", "NAMA SESUAI KTP ", "TEMPAT/TGL LAHIR", "L/P", "ALAMAT :", "RT/RW", "DESA/KEL", "NO. TELP"],
        {"NO. KTP": "nik", "NAMA SESUAI KTP ": "full_name", "TEMPAT/TGL LAHIR": "birth_place_date", "L/P": "sex",
         "ALAMAT :": "street", "RT/RW": "rt_rw", "DESA/KEL": "village", "NO. TELP": "phone"},
        id="upper-cased with trailing spaces and colons",
    ),
    pytest.param(
        ["No Urut", "KDDESA", "Nomor Induk Kependudukan", "Nomor KK", "Nama", "Tanggal Lahir", "Jenis Kelamin",
         "Desil Kesejahteraan"],
        {"KDDESA": "bps_village_code", "Nomor Induk Kependudukan": "nik", "Nomor KK": "kk_number", "Nama": "full_name",
         "Tanggal Lahir": "birth_date", "Jenis Kelamin": "sex", "Desil Kesejahteraan": "welfare_decile"},
        id="DTKS-style extract",
    ),
    pytest.param(
        ["No.", "Nomor Induk Kependudukan (NIK)", "Nama Lengkap (sesuai KTP)", "Tempat, Tanggal Lahir",
         "Jenis Kelamin (L/P)", "Alamat Lengkap", "Kelurahan", "Kec.", "No. HP/WA", "Jenis Pekerjaan",
         "Kelompok Rentan", "Catatan"],
        {"Nomor Induk Kependudukan (NIK)": "nik", "Nama Lengkap (sesuai KTP)": "full_name",
         "Tempat, Tanggal Lahir": "birth_place_date", "Jenis Kelamin (L/P)": "sex", "Alamat Lengkap": "street",
         "Kelurahan": "village", "Kec.": "district", "No. HP/WA": "phone", "Jenis Pekerjaan": "occupation",
         "Kelompok Rentan": "groups", "Catatan": "note"},
        id="headers with explanations in brackets",
    ),
    pytest.param(
        ["nik", "kk", "nama", "tgl_lahir", "jk", "kode_desa_bps", "desil", "pekerjaan"],
        {"nik": "nik", "kk": "kk_number", "nama": "full_name", "tgl_lahir": "birth_date", "jk": "sex",
         "kode_desa_bps": "bps_village_code", "desil": "welfare_decile", "pekerjaan": "occupation"},
        id="snake_case export",
    ),
    pytest.param(
        ["NO", "NIK KTP", "NAMA PESERTA", "TTL", "JENIS KELAMIN", "DUSUN", "RT", "RW", "NAMA DESA", "KEC", "WA",
         "PROFESI", "KATEGORI", "KET."],
        {"NIK KTP": "nik", "NAMA PESERTA": "full_name", "TTL": "birth_place_date", "JENIS KELAMIN": "sex",
         "DUSUN": "street", "RT": "rt", "RW": "rw", "NAMA DESA": "village", "KEC": "district", "WA": "phone",
         "PROFESI": "occupation", "KATEGORI": "groups", "KET.": "note"},
        id="upper-cased short forms",
    ),
    pytest.param(
        ["No", "Nama", "NIK", "Nama Ibu Kandung", "Status Perkawinan", "Pendidikan", "Tgl Lahir", "Email"],
        {"Nama": "full_name", "NIK": "nik", "Tgl Lahir": "birth_date"},
        id="unknown columns are left out",
    ),
    pytest.param(
        ["NO NIK", "NO. KARTU KELUARGA", "TGL LHR", "Kelamin", "Jalan", "Kode Desa", "Telepon", "Desil"],
        {"NO NIK": "nik", "NO. KARTU KELUARGA": "kk_number", "TGL LHR": "birth_date", "Kelamin": "sex",
         "Jalan": "street", "Kode Desa": "village", "Telepon": "phone", "Desil": "welfare_decile"},
        id="abbreviations",
    ),
    pytest.param(
        ["Nama", "Nama Kepala Keluarga", "NIK", "NIK Kepala Keluarga", "No. Kartu Keluarga"],
        {"Nama": "full_name", "NIK": "nik", "No. Kartu Keluarga": "kk_number"},
        id="the head of family's columns are not the person's",
    ),
    pytest.param(
        ["Tempat/Tgl Lahir", "Sex", "ID DESA", "Desa/Kelurahan", "Kecamatan", "Nomor Telepon", "Kelompok"],
        {"Tempat/Tgl Lahir": "birth_place_date", "Sex": "sex", "ID DESA": "bps_village_code",
         "Desa/Kelurahan": "village", "Kecamatan": "district", "Nomor Telepon": "phone", "Kelompok": "groups"},
        id="BPS id next to the desa name",
    ),
    pytest.param(
        ["NIK (16 digit)", "Nama", "Tanggal Lahir (dd-mm-yyyy)", "Kode Desa BPS", "RT / RW", "Alamat (Dusun/Jalan)"],
        {"NIK (16 digit)": "nik", "Nama": "full_name", "Tanggal Lahir (dd-mm-yyyy)": "birth_date",
         "Kode Desa BPS": "bps_village_code", "RT / RW": "rt_rw", "Alamat (Dusun/Jalan)": "street"},
        id="format hints in the header",
    ),
    pytest.param(
        ["  nama  ", "nik:", "TEMPAT LAHIR", "TANGGAL LAHIR", "JK (L/P)", "Keterangan"],
        {"  nama  ": "full_name", "nik:": "nik", "TEMPAT LAHIR": "birth_place", "TANGGAL LAHIR": "birth_date",
         "JK (L/P)": "sex", "Keterangan": "note"},
        id="stray spaces and colons",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("header", "expected"), REALISTIC_HEADERS)
def test_realistic_headers_are_recognised(header, expected):
    assert by_header(header) == expected


def test_row_number_column_is_recognised_and_ignored():
    assert guess_mapping(["No.", "Nama"]) == {1: "full_name"}
    assert guess_mapping(["No Urut", "NIK"]) == {1: "nik"}


def test_first_of_two_equally_good_columns_wins():
    assert guess_mapping(["Nama", "NAMA", "NIK"]) == {0: "full_name", 2: "nik"}


def test_whole_header_match_beats_a_word_match():
    assert guess_mapping(["Nama Lengkap Peserta Program", "Nama"]) == {1: "full_name"}


def test_empty_and_unknown_headers_map_to_nothing():
    assert guess_mapping(["", "Foto", "Tanda Tangan"]) == {}


def test_every_canonical_field_has_an_indonesian_label():
    assert set(FIELD_LABELS) == CANONICAL_FIELDS
    assert FIELD_LABELS["kk_number"] == "Nomor KK"


HEADER_WORDS = [text for param in REALISTIC_HEADERS for text in param.values[0]]


@given(st.lists(st.sampled_from(HEADER_WORDS), max_size=25))
def test_each_field_is_guessed_at_most_once(header):
    mapping = guess_mapping(header)
    assert len(set(mapping.values())) == len(mapping)
    assert set(mapping.values()) <= CANONICAL_FIELDS
    assert all(0 <= index < len(header) for index in mapping)
