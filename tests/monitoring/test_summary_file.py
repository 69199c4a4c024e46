"""The signed summary file, without a database: aggregates only, suppressed small counts, a signature that
catches any change and a wrong key, and refusals in Bahasa Indonesia."""

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from jaring.monitoring import summary_file
from jaring.monitoring.summary_file import SummaryRefused, build, canonical, verify
from jaring.programs.models import ProgramCategory

from .rollup_fixtures import figures

SECRET = "a" * 64
KEY = "35.05-0001"
WIB = timezone(timedelta(hours=7))
#: Blitar's figures with 3 village officials (withheld) and a NIK that has no place in the file.
FIGURES = figures(by_category={"pekerja_rentan": 8_000, "perangkat_desa": 3, "non_asn": 2_397}) | {
    "nik": "3505011204850001"
}
TODAY = date(2026, 4, 10)


def signed(**changes) -> bytes:
    return build(FIGURES | changes, KEY, SECRET, generated_at=datetime(2026, 4, 2, 9, 30, tzinfo=WIB))


def secrets(key_id: str) -> str | None:
    return {KEY: SECRET}.get(key_id)


def resigned(document: dict, secret: str = SECRET) -> bytes:
    """A file someone edited and signed again with the secret: only the schema can refuse it."""
    document["signature"]["value"] = summary_file.sign(document, secret)
    return json.dumps(document).encode()


def test_a_signed_summary_reads_back_with_its_figures():
    summary = verify(signed(), secrets, today=TODAY)
    assert summary.regency_code == "35.05"
    assert summary.month == date(2026, 3, 1)
    assert summary.budget_allocated == Decimal(3_500_000_000)
    # 3 on other money, withheld with its complement: 10,400 − 6,000 would give it back.
    assert summary.by_source == {"apbd": 6_000, "apbdes": None, "other": None}
    assert (summary.members, summary.covered, summary.arrears) == (10_400, 10_100, 300)
    assert summary.key_id == KEY
    assert summary.generated_at == datetime(2026, 4, 2, 9, 30, tzinfo=WIB)


def test_the_file_is_utf8_json_of_the_schema_and_keeps_no_field_outside_it():
    document = json.loads(signed().decode("utf-8"))
    assert set(document) == summary_file.FIELDS
    assert document["format"] == "jaring-ringkasan" and document["version"] == 1
    assert document["budget_allocated"] == "3500000000"
    assert document["month"] == "2026-03"
    assert document["signature"]["algorithm"] == "HMAC-SHA256"
    assert "3505011204850001" not in signed().decode()


def test_counts_from_one_to_four_and_their_complements_are_suppressed_before_signing():
    document = json.loads(signed())
    assert document["by_category"] == {"pekerja_rentan": 8_000, "perangkat_desa": None, "non_asn": None}
    assert verify(signed(), secrets, today=TODAY).by_category["perangkat_desa"] is None


def test_the_threshold_is_a_parameter():
    document = json.loads(build(FIGURES, KEY, SECRET, threshold=400))
    # 300 in arrears, and covered with it: 10,400 members − 10,100 covered would give it back.
    assert (document["members"], document["covered"], document["arrears"]) == (10_400, None, None)


def test_the_signature_covers_the_canonical_json_of_everything_but_itself():
    document = json.loads(signed())
    body = canonical(document).decode()
    assert '"signature"' not in body and ", " not in body and body.startswith('{"arrears":300,')
    assert summary_file.sign(document, SECRET) == document["signature"]["value"]


def test_a_tampered_count_is_refused():
    data = signed().replace(b'"members": 10400', b'"members": 10500')
    with pytest.raises(SummaryRefused, match="Tanda tangan tidak cocok: berkas diubah atau kunci salah"):
        verify(data, secrets, today=TODAY)


def test_a_tampered_name_is_refused():
    data = signed().replace(b"Kabupaten Blitar", b"Kabupaten Kediri")
    with pytest.raises(SummaryRefused, match="Tanda tangan tidak cocok"):
        verify(data, secrets, today=TODAY)


def test_a_file_signed_with_another_key_is_refused():
    data = build(FIGURES, KEY, "b" * 64)
    with pytest.raises(SummaryRefused, match="Tanda tangan tidak cocok"):
        verify(data, secrets, today=TODAY)


def test_an_unknown_key_is_refused_by_name():
    data = build(FIGURES, "35.05-9999", SECRET)
    with pytest.raises(SummaryRefused, match=r"Kunci pengirim '35.05-9999' tidak dikenal"):
        verify(data, secrets, today=TODAY)


def test_an_extra_field_is_refused_even_when_signed_with_the_right_key():
    document = json.loads(signed())
    document["nik"] = ["3505011204850001"]
    with pytest.raises(SummaryRefused, match="kolom yang tidak diizinkan: nik"):
        verify(resigned(document), secrets, today=TODAY)


def test_an_extra_category_is_refused():
    document = json.loads(signed())
    document["by_category"]["nama"] = 1
    with pytest.raises(SummaryRefused, match="by_category memuat jenis yang tidak dikenal: nama"):
        verify(resigned(document), secrets, today=TODAY)


def test_a_missing_field_is_refused():
    document = json.loads(signed())
    del document["arrears"]
    with pytest.raises(SummaryRefused, match="kolom arrears tidak ada"):
        verify(resigned(document), secrets, today=TODAY)


@pytest.mark.parametrize("value", [-1, 1.5, "12", True, [3]])
def test_a_count_that_is_not_a_non_negative_integer_is_refused(value):
    document = json.loads(signed())
    document["by_source"]["apbd"] = value
    with pytest.raises(SummaryRefused, match=r"by_source.apbd harus bilangan bulat tidak negatif"):
        verify(resigned(document), secrets, today=TODAY)


def test_building_a_summary_refuses_a_negative_count():
    with pytest.raises(SummaryRefused, match="members harus bilangan bulat tidak negatif"):
        signed(members=-3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe{}", "bukan teks UTF-8"),
        (b"Kabupaten;Peserta\n", "bukan JSON yang sah"),
        (b'{"format": "lain", "version": 1}', "bukan ringkasan Jaring"),
        (b"[1, 2]", "bukan ringkasan Jaring"),
        (b'{"format": "jaring-ringkasan", "version": 2}', "Versi ringkasan 2 tidak dikenal"),
    ],
)
def test_what_is_not_a_summary_is_refused_with_the_reason(data, message):
    with pytest.raises(SummaryRefused, match=message):
        verify(data, secrets, today=TODAY)


def test_a_summary_for_a_year_still_to_come_is_refused():
    data = signed(year=2027, month="2027-01")
    with pytest.raises(SummaryRefused, match="tahun 2027 belum bisa ada"):
        verify(data, secrets, today=TODAY)


def test_a_month_outside_the_year_is_refused():
    with pytest.raises(SummaryRefused, match="Bulan '2025-12' tidak sah"):
        signed(month="2025-12")


def test_a_regency_without_figures_has_no_month():
    summary = verify(signed(month=None, has_program=False, budget_allocated=0), secrets, today=TODAY)
    assert summary.month is None and not summary.has_program and summary.budget_allocated == 0


def test_a_broken_signature_is_refused():
    document = json.loads(signed())
    document["signature"]["algorithm"] = "MD5"
    with pytest.raises(SummaryRefused, match="Algoritma tanda tangan 'MD5' tidak dikenal"):
        verify(json.dumps(document).encode(), secrets, today=TODAY)


def test_the_categories_are_the_program_categories():
    assert set(summary_file.CATEGORIES) == set(ProgramCategory.values)
