"""Allocation refuses sources, quotas and candidate frames it cannot honour, and says why in Bahasa Indonesia."""

import polars as pl
import pytest

from jaring.programs.allocation import (
    BUDGET_CEILING,
    AllocationInputError,
    Quota,
    Source,
    Weights,
    allocate,
    validate,
)

from .test_allocation import BESUKI, COST, KABUPATEN, PANGGUL, TERBIS, people


def test_sound_sources_and_quotas_have_no_problems():
    district = Quota("district", PANGGUL, "Kecamatan Panggul", maximum=10)
    quotas = [district, Quota("village", BESUKI, "Desa Besuki", minimum=2, maximum=5)]
    assert validate([KABUPATEN], quotas) == []


def test_a_negative_budget_is_refused():
    source = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=-5, cost=COST)
    assert validate([source], []) == ["Sumber dana APBD Kabupaten: anggaran tidak boleh negatif (-Rp5)."]


def test_a_budget_beyond_any_regency_is_taken_for_a_typing_error():
    source = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=BUDGET_CEILING + 1, cost=COST)
    assert validate([source], []) == [
        "Sumber dana APBD Kabupaten: anggaran Rp10.000.000.000.001 melebihi batas kewajaran"
        " Rp10.000.000.000.000; periksa apakah ada salah ketik."
    ]
    assert validate([Source("kab", "apbd_kabupaten", "APBD Kabupaten", BUDGET_CEILING, COST)], []) == []


def test_a_cost_of_zero_is_refused():
    source = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=COST, cost=0)
    assert validate([source], []) == ["Sumber dana APBD Kabupaten: biaya per orang harus lebih dari nol (Rp0)."]


def test_two_sources_with_one_key_are_refused():
    assert validate([KABUPATEN, KABUPATEN], []) == [
        "Kunci sumber dana 'kab' dipakai 2 kali; setiap sumber dana butuh kunci sendiri."
    ]


def test_apbdes_without_its_village_is_refused():
    source = Source("des", "apbdes", "APBDes Besuki", budget=COST, cost=COST)
    assert validate([source], []) == ["Sumber dana APBDes Besuki: APBDes harus menyebut desa yang membiayainya."]


def test_an_unknown_source_kind_is_refused():
    source = Source("x", "apbn", "APBN", budget=COST, cost=COST)
    (problem,) = validate([source], [])
    assert problem.startswith("Sumber dana APBN: jenis 'apbn' tidak dikenal (yang dikenal: apbdes, dbhcht,")


def test_a_negative_minimum_is_refused():
    assert validate([], [Quota("village", BESUKI, "Desa Besuki", minimum=-1)]) == [
        "Kuota Desa Besuki: minimal tidak boleh negatif (-1)."
    ]


def test_a_maximum_below_the_minimum_is_refused():
    assert validate([], [Quota("village", BESUKI, "Desa Besuki", minimum=5, maximum=3)]) == [
        "Kuota Desa Besuki: maksimal 3 lebih kecil dari minimal 5."
    ]


def test_a_quota_written_twice_is_refused():
    quota = Quota("village", BESUKI, "Desa Besuki", maximum=3)
    assert validate([], [quota, quota]) == ["Kuota village '35.03.01.2001' ditulis 2 kali; tulis sekali saja."]


def test_an_unknown_quota_kind_is_refused():
    assert validate([], [Quota("province", "35", "Jawa Timur", maximum=3)]) == [
        "Kuota Jawa Timur: jenis 'province' tidak dikenal (yang dikenal: village, district, group)."
    ]


def test_village_minimums_that_overflow_their_districts_maximum_are_refused():
    quotas = [
        Quota("district", PANGGUL, "Kecamatan Panggul", maximum=5),
        Quota("village", BESUKI, "Desa Besuki", minimum=3),
        Quota("village", TERBIS, "Desa Terbis", minimum=3),
        Quota("village", "35.03.11.2001", "Desa Ngares", minimum=30),  # another district
    ]
    assert validate([], quotas) == [
        "Kuota minimal desa di Kecamatan Panggul berjumlah 6 (2 desa), melebihi kuota maksimal Kecamatan Panggul"
        " (5); turunkan minimal desa atau naikkan maksimalnya."
    ]


def test_allocate_refuses_with_every_problem_listed():
    bad = [Source("des", "apbdes", "APBDes Besuki", budget=-1, cost=0)]
    with pytest.raises(AllocationInputError) as refused:
        allocate(people({}), bad, [], Weights())
    assert len(refused.value.problems) == 3
    assert isinstance(refused.value, ValueError)


def test_a_candidate_frame_missing_columns_is_refused_naming_them():
    with pytest.raises(AllocationInputError) as refused:
        allocate(people({}).drop("decile", "eligible"), [KABUPATEN], [], Weights())
    assert refused.value.problems == ["Data calon tidak punya kolom: decile, eligible."]


def test_duplicate_candidate_ids_are_refused_naming_them():
    frame = people({}, {}, {}).with_columns(id=pl.Series([7, 7, 9]))
    with pytest.raises(AllocationInputError) as refused:
        allocate(frame, [KABUPATEN], [], Weights())
    assert refused.value.problems == ["Kolom id memuat nilai ganda: 7; setiap calon butuh id sendiri."]


def test_a_column_that_cannot_be_read_as_its_type_is_refused_naming_it():
    frame = people({}).with_columns(decile=pl.lit("miskin"))
    with pytest.raises(AllocationInputError) as refused:
        allocate(frame, [KABUPATEN], [], Weights())
    assert refused.value.problems == ["Kolom decile tidak bisa dibaca sebagai Int64."]
