"""Reading SIAK exports: formats, encodings, header variants, bad rows and repeated NIKs. No database."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from lokal import PROVINCES, parse_nik

from jaring.civil.extract import ExtractRefused, read_extract
from jaring.civil.extract.values import nik_valid

REF = dt.date(2026, 3, 1)
HEADER = ["NIK", "NO_KK", "NAMA_LGKP", "TMPT_LHR", "TGL_LHR", "JENIS_KLMIN", "ALAMAT", "NO_RT", "NO_RW", "KODE_DESA"]
SUTRISNO = ["3503011204850001", "3503010101200001", "SUTRISNO", "TRENGGALEK", "12-04-1985", "LAKI-LAKI", "DSN KRAJAN"]
SUTRISNO += ["1", "2", "35.03.01.2001"]
SRI = ["3503015204850002", "3503010101200001", "SRI WAHYUNI", "TRENGGALEK", "12/04/1985", "P", "DSN KRAJAN"]
SRI += ["001", "002", "3503012001"]


def write_csv(path: Path, rows, *, sep=",", encoding="utf-8") -> Path:
    path.write_bytes("\r\n".join(sep.join(r) for r in rows).encode(encoding))
    return path


def test_cp1252_csv_with_semicolons_reads_names_and_villages(tmp_path):
    rows = [HEADER, [*SUTRISNO[:2], "SÉNDANG", *SUTRISNO[3:]], SRI]
    read = read_extract(write_csv(tmp_path / "siak.csv", rows, sep=";", encoding="cp1252"), reference_date=REF)
    assert (read.kind, read.encoding, read.separator) == ("csv", "cp1252", ";")
    first, second = read.frame.rows(named=True)
    assert first["full_name"] == "SÉNDANG" and first["rt"] == "001" and first["village"] == "35.03.01.2001"
    assert first["birth_date"] == second["birth_date"] == dt.date(1985, 4, 12)
    assert (first["sex"], second["sex"], second["village"]) == ("L", "P", "35.03.01.2001")
    assert first["is_alive"] is True and first["death_date"] is None


def test_utf8_bom_tab_separated_with_lowercase_variant_headers(tmp_path):
    header = ["nik", "nkk", "Nama Lengkap", "Tanggal Lahir", "jenis kelamin", "kode wilayah"]
    rows = [header, ["3503011204850001", "", "Sutrisno  Hadi", "1985-04-12", "1", "3503012001"]]
    read = read_extract(write_csv(tmp_path / "x.txt", rows, sep="\t", encoding="utf-8-sig"), reference_date=REF)
    assert read.encoding == "utf-8-sig" and read.separator == "\t"
    assert read.frame.row(0, named=True)["full_name"] == "Sutrisno Hadi"
    assert read.columns["full_name"] == "Nama Lengkap"


def test_xlsx_with_numbers_dates_and_village_parts(tmp_path):
    path = tmp_path / "siak.dat"  # the name says nothing: the content decides
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    header = ["NIK", "NAMA_LGKP", "TGL_LHR", "JENIS_KLMIN", "NO_PROP", "NO_KAB", "NO_KEC", "NO_KEL", "STAT_HIDUP"]
    sheet.write_row(0, 0, [*header, "TGL_KEMATIAN", "JENIS_PKRJN"])
    dated = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_string(1, 0, "3503011204850001")
    sheet.write_row(1, 1, ["SUTRISNO"])
    sheet.write_datetime(1, 2, dt.datetime(1985, 4, 12), dated)
    sheet.write_row(1, 3, ["LAKI-LAKI", 35, 3, 1, 2001, "HIDUP", "", "PETANI/PEKEBUN"])
    sheet.write_string(2, 0, "3503015204850002")
    sheet.write_row(2, 1, ["SRI", 31149, "PEREMPUAN", 35, 3, 1, 2001, "MATI", "01/02/2026", "MENGURUS RUMAH TANGGA"])
    book.close()
    read = read_extract(path, reference_date=REF)
    assert read.kind == "xlsx" and read.rows_skipped == 0
    first, second = read.frame.rows(named=True)
    assert first["village"] == second["village"] == "35.03.01.2001"
    assert first["birth_date"] == second["birth_date"] == dt.date(1985, 4, 12)  # a date cell, an Excel serial
    assert (second["is_alive"], second["death_date"]) == (False, dt.date(2026, 2, 1))
    assert first["occupation"] == "PETANI/PEKEBUN"


def test_parquet_with_typed_columns(tmp_path):
    frame = pl.DataFrame(
        {
            "NIK": ["3503011204850001"],
            "NAMA": ["SUTRISNO"],
            "TGL_LHR": [dt.date(1985, 4, 12)],
            "JENIS_KLMIN": ["L"],
            "KD_DESA": [3503012001],
            "STATUS_HIDUP": [1],
        }
    )
    frame.write_parquet(tmp_path / "siak.parquet")
    read = read_extract(tmp_path / "siak.parquet", reference_date=REF)
    row = read.frame.row(0, named=True)
    assert read.kind == "parquet" and row["birth_date"] == dt.date(1985, 4, 12) and row["village"] == "35.03.01.2001"


def test_missing_required_columns_are_named(tmp_path):
    path = write_csv(tmp_path / "siak.csv", [["NIK", "NAMA_LGKP", "NO_PROP", "NO_KAB"], ["1", "A", "35", "3"]])
    with pytest.raises(ExtractRefused) as refused:
        read_extract(path, reference_date=REF)
    message = str(refused.value)
    assert "tanggal lahir (TGL_LHR)" in message and "jenis kelamin" in message and "NO_KEC+NO_KEL" in message


def test_binary_and_empty_files_are_refused(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "b.csv").write_bytes(b"")
    for name in ("a.csv", "b.csv"):
        with pytest.raises(ExtractRefused):
            read_extract(tmp_path / name, reference_date=REF)


def test_repeated_nik_identical_rows_collapse_conflicting_rows_are_all_skipped(tmp_path):
    sri_again = [*SRI[:4], "1985-04-12", *SRI[5:]]  # same data written differently
    other = [*SUTRISNO[:2], "SUTRISNA", *SUTRISNO[3:]]
    rows = [HEADER, SUTRISNO, SRI, sri_again, other]
    read = read_extract(write_csv(tmp_path / "siak.csv", rows), reference_date=REF)
    assert read.frame["nik"].to_list() == ["3503015204850002"]
    assert read.duplicates_collapsed == 1
    conflict = read.problems["nik_conflict"]
    assert conflict.count == 2 and [e.row for e in conflict.examples] == [2, 5]


def test_bad_rows_are_counted_by_kind_with_examples_and_skipped(tmp_path):
    def row(nik, **changes):
        values = dict(zip(HEADER, SUTRISNO, strict=True)) | {"NIK": nik} | changes
        return [values[h] for h in HEADER]

    rows = [
        HEADER,
        row("3503011204850000"),  # serial 0000
        row("350301120485001"),  # 15 digits
        row("3503011204850003", TGL_LHR="31-02-1985"),
        row("3503011204850004", JENIS_KLMIN="X"),
        row("3503011204850005", KODE_DESA="35.03.01.9999"),
        row("3503011204850006", KODE_DESA="35-03"),
        row("3503011204850007", NAMA_LGKP=" "),
        row("3503011204850008"),
    ]
    read = read_extract(write_csv(tmp_path / "siak.csv", rows), reference_date=REF, villages={"35.03.01.2001"})
    counts = {kind: p.count for kind, p in read.problems.items()}
    assert counts == {"nik": 2, "full_name": 1, "birth_date": 1, "sex": 1, "village": 1, "village_unknown": 1}
    assert read.frame["nik"].to_list() == ["3503011204850008"]
    assert read.problems["nik"].examples[0].value == "Nomor urut NIK tidak boleh 0000."
    assert read.problems["birth_date"].examples[0].value == "31-02-1985"
    assert read.problems["village_unknown"].examples[0].row == 6


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([*PROVINCES, "00", "99"]),
    st.text(alphabet="0123456789", min_size=14, max_size=14),
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1)),
)
def test_vectorised_nik_check_agrees_with_lokal(province, rest, reference):
    nik = province + rest
    ours = pl.DataFrame({"nik": [nik]}).select(nik_valid(reference)).item()
    assert ours == parse_nik(nik, reference_date=reference).valid
