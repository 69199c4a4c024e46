"""Village proposal files of the demo, without a database: whom a desa proposes, and what the check finds."""

from datetime import date
from random import Random

import pytest
from django.utils import translation

from jaring.demo import proposals, village_files
from jaring.demo.proposals import FAULTS, Place, Registrant
from jaring.demo.village_files import Labels
from jaring.intake.headers import guess_mapping
from jaring.intake.reading import FileRefused, read_table
from jaring.intake.rules import RowContext, check_row, find_duplicates
from jaring.people.models import Occupation, Sex, VulnerabilityGroup

TODAY = date(2026, 3, 2)
BESUKI, TERBIS = "35.03.01.2001", "35.03.01.2002"
PLACES = {
    BESUKI: Place(BESUKI, "Besuki", "Panggul"),
    TERBIS: Place(TERBIS, "Terbis", "Panggul"),
    "35.03.11.2001": Place("35.03.11.2001", "Ngares", "Trenggalek"),
}
NAMES = ("SUTRISNO", "TUMINI", "SLAMET", "SRI WAHYUNI", "AGUS", "DEWI", "SUPARMI", "HARIYANTO", "LESTARI", "BUDI")
OCCUPATIONS = ("petani", "buruh_tani", "nelayan", "pedagang_kecil", "ojek", "lainnya", "petani_tembakau")


def person(village: str, serial: int, *, born=date(1985, 4, 12), sex="L", occupation="petani", decile=2, groups=()):
    day = born.day + (40 if sex == "P" else 0)
    nik = f"{village[:8].replace('.', '')}{day:02d}{born:%m%y}{serial:04d}"
    return Registrant(
        nik=nik,
        kk_number=f"{nik[:6]}0101150{serial:03d}",
        full_name=f"{NAMES[serial % len(NAMES)]} {NAMES[serial // len(NAMES) % len(NAMES)]}",
        birth_place="TRENGGALEK",
        birth_date=born,
        sex=sex,
        street="DSN. KRAJAN",
        rt="003",
        rw="001",
        village=village,
        phone="081234567890" if serial % 3 else "",
        occupation=occupation,
        decile=decile,
        groups=groups,
    )


def villagers(village: str, count: int, start: int = 1) -> list[Registrant]:
    return [
        person(
            village,
            serial,
            born=date(1960 + serial % 40, 1 + serial % 12, 1 + serial % 28),
            sex="LP"[serial % 2],
            occupation=OCCUPATIONS[serial % len(OCCUPATIONS)],
            groups=("orang_tua_tunggal",) if serial % 11 == 0 else (),
        )
        for serial in range(start, start + count)
    ]


@pytest.fixture(scope="module")
def labels():
    with translation.override("id"):
        return Labels(*({c: str(label) for c, label in ch.choices} for ch in (Sex, Occupation, VulnerabilityGroup)))


def context(**extra) -> RowContext:
    return RowContext(
        regency="35.03",
        villages={code: p.name for code, p in PLACES.items()},
        districts={"35.03.01": "Panggul", "35.03.11": "Trenggalek"},
        allowed_villages={BESUKI},
        reference_date=TODAY,
        occupations=extra["labels"].occupations,
        groups=extra["labels"].groups,
    )


def check_file(file, labels):
    """What phase 1 of intake finds in the file: the issue codes of every data row, in file order."""
    table = read_table(file.data, file.filename)
    mapping = guess_mapping(table.header)
    ctx = context(labels=labels)
    results = [check_row({f: cells[c] for c, f in mapping.items()}, ctx) for cells in table.rows]
    results = [r for r, cells in zip(results, table.rows, strict=True) if r.nik or r.full_name]
    duplicates = find_duplicates(results)
    return [{i.code for i in (*r.issues, *duplicates.get(n, ()))} for n, r in enumerate(results)], mapping


def test_a_village_proposes_poor_informal_workers_of_working_age_first():
    poor = villagers(BESUKI, 30)
    better_off = [person(BESUKI, 100 + n, decile=9) for n in range(10)]
    chosen = proposals.choose(poor + better_off, Random(1), today=TODAY, size=25)
    assert len(chosen) == 25
    assert all(p.decile <= proposals.POOR_DECILE and 18 <= p.age(TODAY) <= 60 for p in chosen)


def test_a_village_with_few_poor_workers_fills_its_list_with_other_adults_but_never_children():
    people = [*villagers(BESUKI, 5), person(BESUKI, 50, decile=8), person(BESUKI, 51, born=date(2015, 1, 1))]
    chosen = proposals.choose(people, Random(1), today=TODAY, size=40)
    assert {p.nik for p in chosen} == {p.nik for p in people[:6]}


@pytest.mark.parametrize("shape", proposals.SHAPES)
def test_every_shape_is_read_with_its_columns_recognised_and_clean_rows_pass(shape, labels):
    rows = proposals.proposal_rows(villagers(BESUKI, 30), Random(3), shape=shape, places=PLACES)
    rows = [r for r in rows if not r.fault]
    file = village_files.village_file(rows, Random(3), shape=shape, place=PLACES[BESUKI], labels=labels, year=2026)
    found, mapping = check_file(file, labels)
    assert {"nik", "full_name", "sex", "occupation"} <= set(mapping.values())
    assert {"birth_date", "birth_place_date"} & set(mapping.values())
    assert found == [set() for _ in rows]


@pytest.mark.parametrize("shape", proposals.SHAPES)
def test_each_injected_fault_is_found_as_the_problem_it_imitates(shape, labels):
    force = list(FAULTS)
    strangers = villagers(TERBIS, 3, start=500)
    rows = proposals.proposal_rows(
        villagers(BESUKI, 20), Random(5), shape=shape, places=PLACES, strangers=strangers, force=force
    )
    file = village_files.village_file(rows, Random(5), shape=shape, place=PLACES[BESUKI], labels=labels, year=2026)
    found, _ = check_file(file, labels)
    assert len(found) == len(rows)
    faulty = [(row.fault, codes) for row, codes in zip(rows, found, strict=True) if row.fault]
    assert len(faulty) >= 4
    for fault, codes in faulty:
        assert FAULTS[fault] in codes, (fault, codes)
    assert all(not codes for row, codes in zip(rows, found, strict=True) if not row.fault)


def test_faults_touch_only_a_few_percent_of_rows():
    rows = []
    for seed in range(40):
        rows += proposals.proposal_rows(villagers(BESUKI, 40), Random(seed), shape=proposals.CSV, places=PLACES)
    share = sum(1 for r in rows if r.fault) / len(rows)
    assert 0.02 < share < 0.1


def test_the_same_seed_gives_the_same_file_byte_for_byte(labels):
    def build():
        rng = Random(11)
        rows = proposals.proposal_rows(villagers(BESUKI, 25), rng, shape=proposals.TEMPLATE, places=PLACES)
        return village_files.village_file(
            rows, rng, shape=proposals.TEMPLATE, place=PLACES[BESUKI], labels=labels, year=2026
        )

    assert build().data == build().data


def test_a_pdf_renamed_to_xlsx_is_refused_by_the_reader():
    name, data = village_files.renamed_pdf(PLACES[BESUKI], 2026)
    assert name.endswith(".xlsx")
    with pytest.raises(FileRefused) as refused:
        read_table(data, name)
    assert refused.value.reason == "not_a_table"


def test_a_returned_village_official_is_told_he_is_already_covered_as_pu():
    official = person(BESUKI, 7, occupation="perangkat_desa")
    message = proposals.return_message(official, today=TODAY, faults=set(), rng=Random(1))
    assert "PU (perangkat desa)" in message


def test_a_returned_proposal_with_a_birth_date_unlike_its_nik_is_told_to_check_the_ktp():
    message = proposals.return_message(person(BESUKI, 8), today=TODAY, faults={"date_mismatch"}, rng=Random(1))
    assert "Tanggal lahir berbeda dengan NIK" in message
