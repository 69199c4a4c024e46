"""Allocation selects within budgets and quotas and says why, on frames alone (no database)."""

import polars as pl
import pytest

from jaring.programs.allocation import Quota, Source, Weights, allocate, explain

BESUKI, TERBIS, NGARES = "35.03.01.2001", "35.03.01.2002", "35.03.11.2001"
PANGGUL, TRENGGALEK = "35.03.01", "35.03.11"
MONTHS, RATE = 10, 16_800  # BPU package: JKK Rp10,000 + JKM Rp6,800 a month
COST = MONTHS * RATE

KABUPATEN = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=100 * COST, cost=COST)
TOBACCO = frozenset({"petani_tembakau", "buruh_tani"})


def people(*rows: dict) -> pl.DataFrame:
    """Candidates with ids 1, 2, … in the order given; each row overrides a Besuki farmer's defaults."""
    base = dict(village=BESUKI, district=PANGGUL, occupation="petani", groups=[], decile=None)
    base |= dict(carry_over=False, age=40, eligible=True)
    return pl.DataFrame(
        [{"id": i, **base, **row} for i, row in enumerate(rows, 1)],
        schema={
            "id": pl.Int64,
            "village": pl.Utf8,
            "district": pl.Utf8,
            "occupation": pl.Utf8,
            "groups": pl.List(pl.Utf8),
            "decile": pl.Int8,
            "carry_over": pl.Boolean,
            "age": pl.Int64,
            "eligible": pl.Boolean,
        },
    )


NO_WEIGHTS = Weights()


def decided(candidates, sources=(KABUPATEN,), quotas=(), weights=NO_WEIGHTS) -> dict[int, dict]:
    result = allocate(candidates, list(sources), list(quotas), weights)
    return {row["id"]: row for row in result.decisions.iter_rows(named=True)}


def told(candidates, sources=(KABUPATEN,), quotas=(), weights=NO_WEIGHTS) -> dict[int, str]:
    rows = decided(candidates, sources, quotas, weights)
    return {i: explain(row, list(sources), list(quotas)) for i, row in rows.items()}


def test_trenggalek_budget_covers_7142_people_for_10_months():
    source = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=1_200_000_000, cost=COST)
    result = allocate(people(*[{}] * 10_000), [source], [], Weights())
    outcomes = result.decisions["outcome"].value_counts().sort("outcome").rows()
    assert outcomes == [("selected", 7_142), ("waiting", 2_858)]
    (use,) = result.sources
    assert (use.selected, use.spent, use.remaining) == (7_142, 7_142 * COST, 144_000)


def test_with_no_weights_the_earlier_proposal_goes_first():
    rows = decided(people({}, {}, {}), [Source("kab", "apbd_kabupaten", "APBD Kabupaten", 2 * COST, COST)])
    assert [(rows[i]["rank"], rows[i]["outcome"]) for i in (1, 2, 3)] == [
        (1, "selected"),
        (2, "selected"),
        (3, "waiting"),
    ]


def test_the_poorest_decile_ranks_first_and_equal_scores_go_to_the_lower_id():
    rows = decided(people({"decile": 5}, {"decile": 1}, {"decile": 5}, {"decile": None}), weights=Weights(decile=9))
    assert {i: row["rank"] for i, row in rows.items()} == {2: 1, 1: 2, 3: 3, 4: 4}
    assert {i: row["score"] for i, row in rows.items()} == {1: 5.0, 2: 9.0, 3: 5.0, 4: 0.0}


def test_every_weight_adds_its_points():
    groups, occupations = {"disabilitas": 2, "lansia": 1}, {"buruh_tani": 3}
    weights = Weights(decile=9, groups=groups, occupations=occupations, carry_over=4, age=47)
    row = {"decile": 1, "groups": ["disabilitas", "lansia"], "occupation": "buruh_tani", "carry_over": True}
    rows = decided(people({**row, "age": 28}, {"age": 90}, {"age": None}), weights=weights)
    assert rows[1]["score"] == pytest.approx(9 + 2 + 1 + 3 + 4 + 10)
    assert rows[2]["score"] == pytest.approx(47)  # clipped at 65
    assert rows[3]["score"] == 0.0


def test_sums_that_differ_only_by_rounding_tie_and_go_to_the_lower_id():
    weights = Weights(groups={"a": 0.1, "b": 0.2, "c": 0.3})
    rows = decided(people({"groups": ["c"]}, {"groups": ["a", "b"]}), weights=weights)
    assert (rows[1]["rank"], rows[2]["rank"]) == (1, 2)


def test_ineligible_people_are_never_selected_nor_ranked():
    rows = decided(people({"eligible": False}, {}))
    assert (rows[1]["outcome"], rows[1]["rank"], rows[1]["reason"]) == ("ineligible", None, "ineligible")
    assert (rows[2]["outcome"], rows[2]["rank"]) == ("selected", 1)


def test_apbdes_pays_only_its_own_villagers():
    besuki = Source("des", "apbdes", "APBDes Besuki", budget=5 * COST, cost=COST, village=BESUKI)
    rows = decided(people({"village": TERBIS}, {}), [besuki])
    assert (rows[1]["outcome"], rows[1]["reason"], rows[1]["reason_keys"]) == ("waiting", "waiting_no_source", ["des"])
    assert (rows[2]["outcome"], rows[2]["source"]) == ("selected", "des")


def test_dbhcht_pays_only_tobacco_workers():
    dbhcht = Source("cht", "dbhcht", "DBHCHT", budget=5 * COST, cost=COST, occupations=TOBACCO)
    rows = decided(people({"occupation": "petani_tembakau"}, {"occupation": "pedagang_kecil"}, {}), [dbhcht])
    assert [rows[i]["outcome"] for i in (1, 2, 3)] == ["selected", "waiting", "waiting"]
    assert rows[2]["reason"] == "waiting_no_source"


def test_a_source_limited_to_groups_pays_only_their_members():
    donasi = Source("don", "donasi", "Donasi Peduli", 5 * COST, COST, groups=frozenset({"disabilitas"}))
    rows = decided(people({"groups": ["lansia", "disabilitas"]}, {"groups": ["lansia"]}), [donasi])
    assert (rows[1]["source"], rows[2]["reason"]) == ("don", "waiting_no_source")


def test_narrow_money_is_spent_before_the_regencys_own():
    besuki = Source("des", "apbdes", "APBDes Besuki", budget=1 * COST, cost=COST, village=BESUKI)
    dbhcht = Source("cht", "dbhcht", "DBHCHT", budget=1 * COST, cost=COST, occupations=TOBACCO)
    sources = [KABUPATEN, dbhcht, besuki]
    rows = decided(people({}, {"occupation": "buruh_tani"}, {"occupation": "buruh_tani"}, {"village": NGARES}), sources)
    assert [rows[i]["source"] for i in (1, 2, 3, 4)] == ["des", "cht", "kab", "kab"]


def test_a_source_pays_only_whole_costs_and_its_discounted_cost_is_its_own():
    province = Source("prov", "apbd_provinsi", "APBD Provinsi", budget=COST + COST // 2, cost=COST // 2)
    kab = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=COST + COST // 2, cost=COST)
    result = allocate(people(*[{}] * 5), [kab, province], [], Weights())
    assert [(u.key, u.selected, u.remaining) for u in result.sources] == [("kab", 1, COST // 2), ("prov", 3, 0)]


def test_village_quota_maximum_puts_the_rest_on_the_waiting_list():
    quota = Quota("village", BESUKI, "Desa Besuki", maximum=2)
    rows = decided(people({}, {}, {}, {"village": TERBIS}), quotas=[quota])
    assert [rows[i]["outcome"] for i in (1, 2, 3, 4)] == ["selected", "selected", "waiting", "selected"]
    assert (rows[3]["reason"], rows[3]["reason_keys"], rows[3]["waiting_rank"]) == (
        "waiting_quota",
        [f"village:{BESUKI}"],
        1,
    )


def test_a_district_quota_caps_all_its_villages_together():
    quota = Quota("district", PANGGUL, "Kecamatan Panggul", maximum=2)
    ngares = {"village": NGARES, "district": TRENGGALEK}
    rows = decided(people({}, {"village": TERBIS}, {"village": TERBIS}, ngares), quotas=[quota])
    assert [rows[i]["outcome"] for i in (1, 2, 3, 4)] == ["selected", "selected", "waiting", "selected"]


def test_a_group_quota_caps_its_members_wherever_they_live():
    quota = Quota("group", "lansia", "Lansia", maximum=1)
    rows = decided(people({"groups": ["lansia"]}, {"groups": ["lansia"], "village": NGARES}, {}), quotas=[quota])
    assert [rows[i]["outcome"] for i in (1, 2, 3)] == ["selected", "waiting", "selected"]


def test_minimum_quota_reserves_places_for_a_small_village():
    small = Quota("village", TERBIS, "Desa Terbis", minimum=2)
    budget = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=3 * COST, cost=COST)
    weights = Weights(decile=9)
    rows = decided(
        people(
            {"decile": 1},
            {"decile": 1},
            {"decile": 1},
            {"village": TERBIS, "decile": 9},
            {"village": TERBIS, "decile": 9},
        ),
        [budget],
        [small],
        weights,
    )
    assert [rows[i]["outcome"] for i in (1, 2, 3, 4, 5)] == ["selected", "waiting", "waiting", "selected", "selected"]
    assert (rows[4]["reason"], rows[4]["reason_keys"]) == ("selected_minimum", [f"village:{TERBIS}"])
    assert (rows[2]["reason"], rows[2]["waiting_rank"], rows[3]["waiting_rank"]) == ("waiting_budget", 1, 2)


def test_a_minimum_skips_those_no_source_may_pay():
    small = Quota("village", TERBIS, "Desa Terbis", minimum=1)
    dbhcht = Source("cht", "dbhcht", "DBHCHT", budget=5 * COST, cost=COST, occupations=TOBACCO)
    rows = decided(people({"village": TERBIS}, {"village": TERBIS, "occupation": "buruh_tani"}), [dbhcht], [small])
    assert (rows[1]["reason"], rows[2]["reason"]) == ("waiting_no_source", "selected_minimum")


def test_a_full_quota_is_the_reason_before_an_empty_purse():
    quota = Quota("village", BESUKI, "Desa Besuki", maximum=1)
    purse = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=1 * COST, cost=COST)
    rows = decided(people({}, {}), [purse], [quota])
    assert rows[2]["reason"] == "waiting_quota"


def test_the_same_candidates_in_another_order_get_the_same_decisions():
    frame = people(*[{"decile": d % 4 + 1, "village": (BESUKI, TERBIS)[d % 2]} for d in range(40)])
    quota = Quota("village", TERBIS, "Desa Terbis", minimum=3, maximum=8)
    args = ([Source("kab", "apbd_kabupaten", "APBD Kabupaten", 15 * COST, COST)], [quota], Weights(decile=1))
    first = allocate(frame, *args).decisions
    again = allocate(frame.sample(fraction=1.0, shuffle=True, seed=7), *args).decisions
    assert first.equals(again)


def test_selected_people_are_told_who_pays_and_their_rank():
    besuki = Source("des", "apbdes", "APBDes Besuki", budget=5 * COST, cost=COST, village=BESUKI)
    assert told(people({}), [besuki])[1] == "Terpilih, dibiayai APBDes Besuki, peringkat 1."


def test_people_picked_for_a_minimum_are_told_which_minimum():
    small = Quota("village", TERBIS, "Desa Terbis", minimum=1)
    sentence = told(people({}, {"village": TERBIS}), quotas=[small])[2]
    assert sentence == (
        "Terpilih untuk memenuhi kuota minimal Desa Terbis (1 orang), dibiayai APBD Kabupaten, peringkat 2."
    )


def test_waiting_for_money_names_every_source_that_ran_out():
    dbhcht = Source("cht", "dbhcht", "DBHCHT", budget=0, cost=COST, occupations=TOBACCO)
    kab = Source("kab", "apbd_kabupaten", "APBD Kabupaten", budget=2 * COST, cost=COST)
    sentences = told(people({}, {}, {"occupation": "buruh_tani"}), [kab, dbhcht])
    assert sentences[3] == "Menunggu (urutan 1): anggaran APBD Kabupaten dan DBHCHT sudah habis."


def test_waiting_for_a_full_quota_names_the_quota_and_its_maximum():
    quota = Quota("village", BESUKI, "Desa Besuki", maximum=1)
    assert told(people({}, {}), quotas=[quota])[2] == "Menunggu (urutan 1): kuota Desa Besuki (maksimal 1) sudah penuh."


def test_waiting_without_any_allowed_source_tells_each_restriction():
    besuki = Source("des", "apbdes", "APBDes Besuki", budget=5 * COST, cost=COST, village=BESUKI)
    dbhcht = Source("cht", "dbhcht", "DBHCHT", budget=5 * COST, cost=COST, occupations=TOBACCO)
    sentence = told(people({"village": NGARES, "district": TRENGGALEK}), [besuki, dbhcht])[1]
    assert sentence == (
        "Menunggu (urutan 1): tidak ada sumber dana yang boleh membiayai orang ini (APBDes Besuki hanya untuk"
        " warga desanya; DBHCHT hanya untuk pekerjaan buruh tani/petani tembakau)."
    )


def test_ineligible_people_are_told_so():
    assert told(people({"eligible": False}))[1] == "Tidak memenuhi syarat."


def test_no_candidates_gives_an_empty_allocation():
    result = allocate(people(), [KABUPATEN], [Quota("village", BESUKI, "Desa Besuki", minimum=2)], Weights())
    assert result.decisions.is_empty()
    assert [(u.selected, u.remaining) for u in result.sources] == [(0, KABUPATEN.budget)]
