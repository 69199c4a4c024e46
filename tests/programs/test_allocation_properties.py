"""Properties of allocation over random small worlds (hypothesis), and the fast walk against the rules read
literally, person by person."""

import random

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaring.programs.allocation import SOURCE_PREFERENCE, Quota, Source, Weights, allocate, validate
from jaring.programs.allocation.profiles import _distinct

DISTRICTS = ("35.03.01", "35.03.02")
VILLAGES = ("35.03.01.2001", "35.03.01.2002", "35.03.02.2001", "35.03.02.1003")
OCCUPATIONS = ("", "petani", "petani_tembakau", "buruh_tani", "pedagang_kecil")
GROUPS = ("disabilitas", "lansia", "perempuan_kepala_keluarga")
SCHEMA = {
    "id": pl.Int64,
    "village": pl.Utf8,
    "district": pl.Utf8,
    "occupation": pl.Utf8,
    "groups": pl.List(pl.Utf8),
    "decile": pl.Int8,
    "carry_over": pl.Boolean,
    "age": pl.Int64,
    "eligible": pl.Boolean,
}


def some(values: tuple[str, ...], **size) -> st.SearchStrategy[frozenset[str]]:
    """Most often no restriction, else a non-empty set of values."""
    return st.sampled_from([frozenset()] * 3) | st.frozensets(st.sampled_from(values), min_size=1, **size)


person = st.fixed_dictionaries(
    {
        "village": st.sampled_from(VILLAGES),
        "occupation": st.sampled_from(OCCUPATIONS),
        "groups": st.lists(st.sampled_from(GROUPS), max_size=2, unique=True).map(sorted),
        "decile": st.none() | st.integers(1, 10),
        "carry_over": st.booleans(),
        "age": st.none() | st.integers(15, 80),
        "eligible": st.integers(0, 9).map(bool),
    }
)


@st.composite
def candidates(draw) -> pl.DataFrame:
    """0–60 people with distinct ids in 4 villages of 2 districts; about one in ten ineligible."""
    size = draw(st.integers(0, 60))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=size, max_size=size, unique=True))
    people = draw(st.lists(person, min_size=size, max_size=size))
    rows = [{"id": i, **p, "district": p["village"][:8]} for i, p in zip(ids, people, strict=True)]
    return pl.DataFrame(rows, schema=SCHEMA)


@st.composite
def sources(draw) -> list[Source]:
    found = []
    for n in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(SOURCE_PREFERENCE))
        cost = draw(st.sampled_from([1, 2, 3, 5]))
        village = draw(st.sampled_from(VILLAGES)) if kind == "apbdes" else draw(st.sampled_from((None,) * 3 + VILLAGES))
        found.append(
            Source(
                key=f"s{n}",
                kind=kind,
                name=f"Sumber {n}",
                budget=draw(st.integers(0, 100)),
                cost=cost,
                village=village,
                occupations=draw(some(OCCUPATIONS[1:], max_size=2)),
                groups=draw(some(GROUPS, max_size=2)),
            )
        )
    return found


@st.composite
def quotas(draw) -> list[Quota]:
    keys = {"village": VILLAGES, "district": DISTRICTS, "group": GROUPS}
    size = draw(st.integers(0, 5))
    every = [(k, v) for k, vs in keys.items() for v in vs]
    chosen = draw(st.lists(st.sampled_from(every), min_size=size, max_size=size, unique=True))
    found = []
    for kind, key in chosen:
        minimum = draw(st.integers(0, 4))
        maximum = draw(st.none() | st.integers(minimum, minimum + 4))
        found.append(Quota(kind, key, f"Kuota {key}", minimum=minimum, maximum=maximum))
    return found


points = st.sampled_from([0.0, 0.1, 0.2, 0.3, 1.0, 2.5, -1.0])
weights = st.builds(
    Weights,
    decile=points,
    groups=st.dictionaries(st.sampled_from(GROUPS), points, max_size=3),
    occupations=st.dictionaries(st.sampled_from(OCCUPATIONS), points, max_size=3),
    carry_over=points,
    age=points,
)
worlds = st.tuples(candidates(), sources(), quotas(), weights).filter(lambda w: not validate(w[1], w[2]))
checked = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def falls_in(quota: Quota, person: dict) -> bool:
    if quota.kind == "village":
        return person["village"] == quota.key
    if quota.kind == "district":
        return person["district"] == quota.key
    return quota.key in person["groups"]


def may_pay(source: Source, person: dict) -> bool:
    return source.pays_for(person["village"], person["occupation"], set(person["groups"]))


def joined(world) -> list[dict]:
    frame, srcs, qs, w = world
    decisions = allocate(frame, srcs, qs, w).decisions
    return decisions.join(frame, on="id").to_dicts()


def end_state(rows, srcs, qs):
    """What each source has left and how many each quota holds, from the decisions alone."""
    spent = {s.key: 0 for s in srcs}
    held = {q.label: 0 for q in qs}
    for row in rows:
        if row["outcome"] == "selected":
            spent[row["source"]] += next(s.cost for s in srcs if s.key == row["source"])
            for q in qs:
                held[q.label] += falls_in(q, row)
    return {s.key: s.budget - spent[s.key] for s in srcs}, held


def blocked_at_end(row, srcs, qs, remaining, held) -> bool:
    """No allowed source can pay a whole cost, or a maximum quota the person falls in is full."""
    no_money = all(remaining[s.key] < s.cost for s in srcs if may_pay(s, row))
    full = any(q.maximum is not None and held[q.label] >= q.maximum for q in qs if falls_in(q, row))
    return no_money or full


@checked
@given(worlds)
def test_no_source_spends_more_than_its_budget(world):
    remaining, _ = end_state(joined(world), world[1], world[2])
    assert all(left >= 0 for left in remaining.values())


@checked
@given(worlds)
def test_no_maximum_quota_is_exceeded(world):
    _, held = end_state(joined(world), world[1], world[2])
    assert all(q.maximum is None or held[q.label] <= q.maximum for q in world[2])


@checked
@given(worlds)
def test_only_eligible_people_are_selected_and_only_by_a_source_allowed_to_pay(world):
    for row in joined(world):
        assert (row["outcome"] == "ineligible") == (not row["eligible"])
        if row["outcome"] == "selected":
            assert may_pay(next(s for s in world[1] if s.key == row["source"]), row)


@checked
@given(worlds)
def test_no_one_waits_whom_leftover_money_could_fund_without_breaking_a_rule(world):
    rows = joined(world)
    remaining, held = end_state(rows, world[1], world[2])
    for row in rows:
        if row["outcome"] == "waiting":
            assert blocked_at_end(row, world[1], world[2], remaining, held), row


@checked
@given(worlds)
def test_a_minimum_is_met_unless_none_of_the_quotas_waiting_members_could_be_selected(world):
    """A minimum falls short only when every member still waiting is blocked: no allowed source has a whole
    cost left, or another maximum they fall in is full (the quota's own maximum is at least its minimum)."""
    rows = joined(world)
    remaining, held = end_state(rows, world[1], world[2])
    for quota in world[2]:
        if held[quota.label] < quota.minimum:
            waiting = [r for r in rows if r["outcome"] == "waiting" and falls_in(quota, r)]
            assert all(blocked_at_end(r, world[1], world[2], remaining, held) for r in waiting)


@checked
@given(worlds, st.randoms(use_true_random=False))
def test_decisions_do_not_depend_on_the_order_of_the_rows(world, rng):
    frame, srcs, qs, w = world
    order = list(range(frame.height))
    rng.shuffle(order)
    assert allocate(frame, srcs, qs, w).decisions.equals(allocate(frame[order], srcs, qs, w).decisions)


@checked
@given(worlds)
def test_ranks_number_the_eligible_by_score_then_id_and_the_waiting_list_follows_rank(world):
    rows = [r for r in joined(world) if r["eligible"]]
    assert sorted(r["rank"] for r in rows) == list(range(1, len(rows) + 1))
    by_rank = sorted(rows, key=lambda r: r["rank"])
    assert by_rank == sorted(rows, key=lambda r: (-r["score"], r["id"]))
    waiting = [r["waiting_rank"] for r in by_rank if r["outcome"] == "waiting"]
    assert waiting == list(range(1, len(waiting) + 1))


@checked
@given(worlds)
def test_the_fast_walk_decides_as_the_rules_read_person_by_person(world):
    frame, srcs, qs, w = world
    assert_same_as_reference(frame, srcs, qs, w)


def test_the_fast_walk_agrees_with_the_rules_over_many_windows_and_events():
    """20,000 candidates: windows, many budget and quota events inside them, and a long exhausted tail."""
    frame = many_people(20_000, seed=5)
    srcs = [
        Source("des1", "apbdes", "APBDes 1", 900, 3, village=VILLAGES[0]),
        Source("des2", "apbdes", "APBDes 2", 1_500, 3, village=VILLAGES[2]),
        Source("cht", "dbhcht", "DBHCHT", 2_000, 2, occupations=frozenset({"petani_tembakau", "buruh_tani"})),
        Source("don", "donasi", "Donasi", 1_000, 1, groups=frozenset({"disabilitas"})),
        Source("prov", "apbd_provinsi", "APBD Provinsi", 6_000, 3),
        Source("kab", "apbd_kabupaten", "APBD Kabupaten", 15_000, 3),
    ]
    qs = [
        Quota("village", VILLAGES[0], "Desa 1", minimum=10, maximum=1_500),
        Quota("village", VILLAGES[3], "Desa 4", minimum=1_200, maximum=2_000),
        Quota("district", DISTRICTS[0], "Kecamatan 1", maximum=4_000),
        Quota("group", "lansia", "Lansia", minimum=50, maximum=900),
        Quota("group", "disabilitas", "Disabilitas", maximum=700),
    ]
    w = Weights(decile=3, groups={"lansia": 1.5, "disabilitas": 2}, occupations={"buruh_tani": 1}, carry_over=2)
    assert_same_as_reference(frame, srcs, qs, w)


def assert_same_as_reference(frame, srcs, qs, w) -> None:
    decisions = allocate(frame, srcs, qs, w).decisions
    ranked = decisions.filter(pl.col("rank").is_not_null()).join(frame, on="id").sort("rank").to_dicts()
    expected = reference(ranked, srcs, qs)
    columns = ["id", "outcome", "source", "reason", "reason_keys", "waiting_rank"]
    got = {row["id"]: row for row in decisions.select(columns).to_dicts()}
    assert {i: got[i] for i in expected} == expected


def reference(ranked: list[dict], srcs: list[Source], qs: list[Quota]) -> dict[int, dict]:
    """The package docstring's steps 2–5, one person at a time, with the ranking taken as given."""
    remaining = {s.key: s.budget for s in srcs}
    held = {q.label: 0 for q in qs}
    prefer = sorted(srcs, key=lambda s: (SOURCE_PREFERENCE.index(s.kind), srcs.index(s)))
    out: dict[int, dict] = {}

    def payer(p):
        return next((s for s in prefer if may_pay(s, p) and remaining[s.key] >= s.cost), None)

    def full(p):
        return [q.label for q in qs if falls_in(q, p) and q.maximum is not None and held[q.label] >= q.maximum]

    def select(p, source, reason, keys):
        remaining[source.key] -= source.cost
        for q in qs:
            held[q.label] += falls_in(q, p)
        out[p["id"]] = dict(outcome="selected", source=source.key, reason=reason, reason_keys=keys)

    for quota in qs:
        for p in ranked:
            if held[quota.label] >= quota.minimum:
                break
            if falls_in(quota, p) and p["id"] not in out and payer(p) and not full(p):
                select(p, payer(p), "selected_minimum", [quota.label])
    for p in ranked:
        if p["id"] in out:
            continue
        if payer(p) and not full(p):
            select(p, payer(p), "selected", [payer(p).key])
        elif full(p):
            out[p["id"]] = dict(outcome="waiting", source=None, reason="waiting_quota", reason_keys=full(p))
        elif allowed := [s.key for s in srcs if may_pay(s, p)]:
            out[p["id"]] = dict(outcome="waiting", source=None, reason="waiting_budget", reason_keys=allowed)
        else:
            keys = [s.key for s in srcs]
            out[p["id"]] = dict(outcome="waiting", source=None, reason="waiting_no_source", reason_keys=keys)
    waiting = 0
    for p in ranked:
        row = out[p["id"]]
        waiting += row["outcome"] == "waiting"
        row["waiting_rank"] = waiting if row["outcome"] == "waiting" else None
    return {
        i: {"id": i, **{k: row[k] for k in ("outcome", "source", "reason", "reason_keys", "waiting_rank")}}
        for i, row in out.items()
    }


def many_people(count: int, seed: int, groups: tuple[str, ...] = GROUPS) -> pl.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        village = rng.choice(VILLAGES)
        rows.append(
            dict(
                id=i + 1,
                village=village,
                district=village[:8],
                occupation=rng.choice(OCCUPATIONS),
                groups=sorted(rng.sample(groups, rng.choice([0, 0, 1, 2]))),
                decile=rng.choice([None, *range(1, 11)]),
                carry_over=rng.random() < 0.2,
                age=rng.choice([None, *range(16, 80)]),
                eligible=rng.random() > 0.05,
            )
        )
    return pl.DataFrame(rows, schema=SCHEMA)


def test_many_groups_looked_at_still_decide_as_the_rules_read():
    """Over 16 groups in quotas and sources: groups are told apart by their names, not as bits."""
    groups = tuple(f"kelompok_{i}" for i in range(20))
    frame = many_people(600, seed=11, groups=groups)
    srcs = [
        Source("don", "donasi", "Donasi", 60, 1, groups=frozenset(groups[:3])),
        Source("kab", "apbd_kabupaten", "APBD Kabupaten", 300, 1),
    ]
    qs = [Quota("group", g, f"Kelompok {i}", minimum=i % 3, maximum=5 + i) for i, g in enumerate(groups)]
    assert_same_as_reference(frame, srcs, qs, Weights(decile=1, groups={groups[0]: 2}))


def test_ids_far_apart_are_still_ranked_by_score_then_id():
    """Ids too far apart to share one integer sort key with the score: a two-key sort, the same order."""
    frame = many_people(50, seed=3).with_columns(id=pl.Series([-(2**62), 2**62, *range(48)]))
    kab = [Source("kab", "apbd_kabupaten", "APBD Kabupaten", 10, 1)]
    decisions = allocate(frame, kab, [], Weights(decile=1)).decisions
    eligible = decisions.filter(pl.col("rank").is_not_null())
    assert eligible["id"].to_list() == eligible.sort(["score", "id"], descending=[True, False])["id"].to_list()
    assert_same_as_reference(frame, kab, [], Weights(decile=1))


def test_sixteen_groups_looked_at_with_every_village_district_and_occupation_decide_as_the_rules_read():
    """Profiles coded as bits with too many possible codes for a table: they are told apart by a sort."""
    groups = tuple(f"kelompok_{i}" for i in range(16))
    frame = many_people(400, seed=13, groups=groups)
    srcs = [
        Source("cht", "dbhcht", "DBHCHT", 80, 1, occupations=frozenset(OCCUPATIONS[1:])),
        Source("kab", "apbd_kabupaten", "APBD Kabupaten", 200, 1),
    ]
    qs = [Quota("group", g, g, maximum=20) for g in groups]
    qs += [Quota("village", v, v, minimum=5, maximum=60) for v in VILLAGES]
    qs += [Quota("district", d, d, maximum=110) for d in DISTRICTS]
    assert_same_as_reference(frame, srcs, qs, Weights(age=1))


@pytest.mark.parametrize("sizes", [[3, 4], [1 << 20, 1 << 20], [1 << 31, 1 << 31, 3]])
def test_profiles_are_told_apart_whichever_way_their_codes_are_counted(sizes):
    """A table of codes, a sort of mixed-radix numbers, or (too many codes for 63 bits) a sort of rows."""
    rng = random.Random(len(sizes))
    codes = [[rng.choice([0, 1, size - 1]) for size in sizes] for _ in range(200)]
    frame = pl.DataFrame(codes, schema=[f"c{j}" for j in range(len(sizes))], orient="row")
    rows, of = _distinct(frame, [pl.col(c).cast(pl.Int64) for c in frame.columns], sizes)
    assert sorted(map(tuple, rows.tolist())) == sorted(set(map(tuple, codes)))
    assert [tuple(rows[i]) for i in of] == [tuple(c) for c in codes]
