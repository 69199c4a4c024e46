"""The synthetic civil-registry generator, without a database: NIK/KK structure, households, determinism."""

import random
from collections import Counter
from datetime import date
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from jaring.demo.generator import (
    CHILD,
    HEAD,
    PARENT,
    SPOUSE,
    District,
    Village,
    age_on,
    generate,
    village_sizes,
)

EXTRACT = date(2025, 6, 30)
VILLAGES = [
    Village("35.03.01.2001", "Besuki", "Panggul"),
    Village("35.03.01.2002", "Terbis", "Panggul"),
    Village("35.03.06.2001", "Karangan", "Karangan"),
    Village("35.03.11.1002", "Tamanan", "Trenggalek"),
    Village("35.03.11.2001", "Ngares", "Trenggalek"),
]
OTHERS = [District("35.04.01", "TULUNGAGUNG"), District("35.02.05", "PONOROGO"), District("51.04.05", "GIANYAR")]
seeds = st.integers(min_value=0, max_value=2**32)
populations = st.integers(min_value=0, max_value=400)


def extract(seed=2025, population=300, villages=VILLAGES, **kwargs):
    return list(
        generate(
            villages,
            seed=seed,
            population=population,
            extract_date=EXTRACT,
            other_districts=OTHERS,
            regency_town="TRENGGALEK",
            **kwargs,
        )
    )


def residents(batches):
    return [(h, r) for b in batches for h in b.households for r in h.members]


def digits(code: str) -> str:
    return code.replace(".", "")


@settings(max_examples=40, deadline=None)
@given(seed=seeds, population=populations)
def test_every_nik_is_16_digits_unique_and_encodes_kecamatan_birth_date_and_sex(seed, population):
    rows = residents(extract(seed, population))
    niks = [r.nik for _, r in rows]
    assert len(set(niks)) == len(niks) == population
    for household, r in rows:
        assert len(r.nik) == 16 and r.nik.isdigit()
        issued = r.moved_from or household.village[:8]
        assert r.nik[:6] == digits(issued)
        day = int(r.nik[6:8])
        assert day == r.birth_date.day + (40 if r.sex == "P" else 0)
        assert r.nik[8:12] == r.birth_date.strftime("%m%y")
        assert int(r.nik[12:]) >= 1


@settings(max_examples=40, deadline=None)
@given(seed=seeds, population=populations)
def test_households_have_one_head_first_and_a_unique_kk_issued_in_their_kecamatan(seed, population):
    households = [h for b in extract(seed, population) for h in b.households]
    kks = [h.kk_number for h in households]
    assert len(set(kks)) == len(kks)
    for h in households:
        relations = [m.relation for m in h.members]
        assert relations[0] == HEAD and relations.count(HEAD) == 1
        assert relations.count(SPOUSE) <= 1 and set(relations) <= {HEAD, SPOUSE, CHILD, PARENT}
        assert len(h.kk_number) == 16 and h.kk_number[:6] == digits(h.village[:8])
        recorded = date(2000 + int(h.kk_number[10:12]), int(h.kk_number[8:10]), int(h.kk_number[6:8]))
        assert max(m.birth_date for m in h.members) <= recorded < EXTRACT
        assert 1 <= h.welfare_decile <= 10


@settings(max_examples=25, deadline=None)
@given(seed=seeds, population=populations)
def test_same_seed_gives_the_same_extract_whatever_the_order_of_villages(seed, population):
    shuffled = VILLAGES[:]
    random.Random(seed).shuffle(shuffled)
    assert extract(seed, population) == extract(seed, population, villages=shuffled)


def test_a_different_seed_gives_different_residents():
    first, second = residents(extract(seed=1)), residents(extract(seed=2))
    assert [r.full_name for _, r in first] != [r.full_name for _, r in second]
    assert {r.nik for _, r in first} != {r.nik for _, r in second}


def test_population_is_spread_unevenly_over_villages_and_sums_exactly():
    sizes = village_sizes(VILLAGES, 10_000, seed=5)
    assert sum(sizes) == 10_000
    assert len(set(sizes)) == len(sizes)
    assert all(size > 0 for size in sizes)
    assert village_sizes(VILLAGES, 10_000, seed=5) == sizes != village_sizes(VILLAGES, 10_000, seed=6)


def test_niks_already_taken_elsewhere_are_never_issued_again():
    first = {r.nik for _, r in residents(extract(seed=9))}
    again = {r.nik for _, r in residents(extract(seed=9, taken_niks=first))}
    assert len(again) == len(first) and again.isdisjoint(first)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, population=populations)
def test_the_deceased_died_after_birth_and_before_the_extract(seed, population):
    for _, r in residents(extract(seed, population)):
        if r.is_alive:
            assert r.death_date is None
        else:
            assert r.birth_date < r.death_date < EXTRACT


@settings(max_examples=25, deadline=None)
@given(seed=seeds, population=populations)
def test_every_living_resident_aged_15_or_more_is_in_the_registry_and_no_child_is(seed, population):
    for _, r in residents(extract(seed, population)):
        adult = age_on(r.birth_date, EXTRACT) >= 15
        if r.is_alive:
            assert (r.registry is not None) == adult
        elif r.registry is not None:
            assert adult


@cache
def big_extract():
    return residents(extract(seed=2025, population=20_000))


def test_a_regency_sample_looks_like_a_rural_javanese_population():
    rows = big_extract()
    n = len(rows)
    ages = [age_on(r.birth_date, EXTRACT) for _, r in rows]
    assert 0.15 < sum(a < 15 for a in ages) / n < 0.30
    assert 0.10 < sum(a >= 60 for a in ages) / n < 0.25
    assert 0.45 < sum(r.sex == "P" for _, r in rows) / n < 0.55
    assert 0.008 <= sum(not r.is_alive for _, r in rows) / n <= 0.015
    assert 0.02 <= sum(bool(r.moved_from) for _, r in rows) / n <= 0.03
    households = {h.kk_number for h, _ in rows}
    assert 2.8 < n / len(households) < 3.6


def test_movers_hold_a_nik_from_another_regency_and_were_born_there():
    movers = [(h, r) for h, r in big_extract() if r.moved_from]
    assert movers
    towns = {d.code: d.town for d in OTHERS}
    for household, r in movers:
        assert r.moved_from in towns and household.village.startswith("35.03.")
        assert r.birth_place == towns[r.moved_from]


def test_registry_has_plausible_occupations_groups_and_phones():
    registry = [(h, r) for h, r in big_extract() if r.registry]
    jobs = Counter(r.registry.occupation for _, r in registry)
    assert jobs.most_common(4)[0][0] in {"", "petani", "buruh_tani"}
    coastal = {"35.03.01", "35.03.02", "35.03.08"}
    assert all(h.village[:8] in coastal for h, r in registry if r.registry.occupation == "nelayan")
    assert jobs["nelayan"] > 0
    assert all(r.sex == "P" for _, r in registry if r.registry.occupation == "kader_posyandu")
    assert not any(h.village == "35.03.11.1002" for h, r in registry if r.registry.occupation == "perangkat_desa")
    assert 0.6 < sum(bool(r.registry.phone) for _, r in registry) / len(registry) < 0.8
    assert all(r.registry.phone.startswith("08") for _, r in registry if r.registry.phone)
    for _, r in registry:
        assert ("lansia" in r.registry.groups) == (age_on(r.birth_date, EXTRACT) >= 60)
    disabled = sum("disabilitas" in r.registry.groups for _, r in registry) / len(registry)
    assert 0.01 < disabled < 0.03
    assert any("orang_tua_tunggal" in r.registry.groups for _, r in registry)
    assert all(h.welfare_decile == 1 for h, r in registry if "miskin_ekstrem" in r.registry.groups)


def test_a_few_deceased_residents_are_still_in_the_registry():
    registry = [r for _, r in big_extract() if r.registry]
    stale = sum(not r.is_alive for r in registry)
    assert 0 < stale / len(registry) < 0.01


def test_javanese_names_repeat_realistically_but_not_overwhelmingly():
    names = Counter(r.full_name for _, r in big_extract())
    assert names.most_common(1)[0][1] < 0.005 * 20_000
    assert len(names) > 5_000
    assert all(name == name.upper() and not any(c.isdigit() for c in name) for name in names)


def test_balinese_and_manggarai_villages_get_their_own_names():
    bali = residents(extract(population=500, villages=[Village("51.04.05.2001", "Peliatan", "Ubud")]))
    titled = ("I ", "NI ", "IDA ", "ANAK AGUNG ", "DESAK ")
    assert sum(r.full_name.startswith(titled) for _, r in bali) / len(bali) > 0.9
    flores = residents(extract(population=500, villages=[Village("53.15.05.2001", "Golo Bilas", "Komodo")]))
    baptised = ("YOHANES ", "MARIA ", "FRANSISKUS ", "PETRUS ", "PAULUS ", "ANTONIUS ", "YOSEF ", "KATARINA ")
    assert any(r.full_name.startswith(baptised) for _, r in flores)
    assert not any(r.full_name.startswith(("I WAYAN", "NI MADE")) for _, r in flores)
