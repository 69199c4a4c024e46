"""A civil registry and a candidate list with known truth, for measuring record linkage.

The registry is the demo generator's synthetic Trenggalek (households, real name pools in which full names
repeat, NIKs consistent with kecamatan, birth date and sex, movers whose NIK was issued elsewhere, deaths).
Candidates are registry adults as villages and targeting extracts write them, with the faults real lists
carry, plus people the registry does not hold (another synthetic regency living in the same villages),
and the same person proposed twice from two sources. Every candidate knows the registry NIK it truly is
(or None). Cached as Parquet, since building a million residents takes a minute.
"""

import datetime as dt
from pathlib import Path
from random import Random

import polars as pl

from jaring.demo.drift import FAULTS as APPLY
from jaring.demo.generator import District, Village, generate
from jaring.regions.loader import region_rows

REGENCY = "35.03"
EXTRACT = dt.date(2026, 10, 1)
CACHE = Path(__file__).resolve().parent / ".cache"

#: Share of candidate rows per fault; the rest are clean. A row may also get a second fault (COMBINED).
FAULTS = {
    "nik_typo": 0.06,
    "nik_transposed": 0.04,
    "nik_excel_zero": 0.025,  # a 16-digit number in Excel: the last digit becomes 0
    "nik_excel_scientific": 0.015,  # 3,50301E+15: the number is gone
    "nik_missing": 0.04,
    "nik_short": 0.02,  # a digit lost while typing
    "name_spelling": 0.06,
    "name_title": 0.04,
    "name_abbreviated": 0.02,
    "name_reordered": 0.01,
    "date_swapped": 0.03,
    "date_typo": 0.02,
    "village_neighbour": 0.02,
    "sex_wrong": 0.005,
}
COMBINED = 0.08
NOT_IN_REGISTRY = 0.03
TWO_SOURCES = 0.02
DECEASED_SHARE = 0.01


def villages() -> list[Village]:
    rows = region_rows(REGENCY)
    names = {r.code: r.name for r in rows}
    return [Village(r.code, r.name, names[r.parent]) for r in rows if r.level == 4]


def registry(population: int, seed: int = 2025) -> pl.DataFrame:
    path = CACHE / f"registry-{population}-{seed}.parquet"
    if path.exists():
        return pl.read_parquet(path)
    others = [District(r.code, r.name) for r in region_rows("35.04") if r.level == 3][:6]
    frame = _frame(generate(villages(), seed=seed, population=population, extract_date=EXTRACT, other_districts=others))
    CACHE.mkdir(exist_ok=True)
    frame.write_parquet(path)
    return frame


def _frame(batches) -> pl.DataFrame:
    cols = {k: [] for k in ("nik", "full_name", "birth_date", "sex", "village", "is_alive", "death_date")}
    for batch in batches:
        for household in batch.households:
            for r in household.members:
                for key, value in zip(
                    cols,
                    (r.nik, r.full_name, r.birth_date, r.sex, batch.village.code, r.is_alive, r.death_date),
                    strict=True,
                ):
                    cols[key].append(value)
    return pl.DataFrame(cols, schema_overrides={"death_date": pl.Date, "birth_date": pl.Date})


def candidates(reg: pl.DataFrame, count: int, seed: int = 7) -> pl.DataFrame:
    """``count`` candidate rows with the columns the engine reads, plus ``truth`` and ``faults``."""
    rng = Random(seed)
    adults = reg.filter(
        (pl.col("birth_date") <= dt.date(EXTRACT.year - 18, 12, 31))
        & (pl.col("birth_date") >= dt.date(EXTRACT.year - 70, 1, 1))
    )
    alive, dead = adults.filter(pl.col("is_alive")), adults.filter(~pl.col("is_alive"))
    outsiders = _outsiders(reg, int(count * NOT_IN_REGISTRY), seed)
    twice = int(count * TWO_SOURCES)
    n_dead = min(len(dead), int(count * DECEASED_SHARE))
    n_alive = count - len(outsiders) - twice - n_dead
    people = pl.concat([alive.sample(n_alive, seed=seed), dead.sample(n_dead, seed=seed)])
    people = people.with_columns(truth=pl.col("nik"))
    repeated = people.sample(twice, seed=seed + 1)
    rows = pl.concat([people, repeated, outsiders.with_columns(truth=pl.lit(None, pl.Utf8))]).to_dicts()
    by_village = _neighbours(reg)
    out = [_faulty(rng, row, by_village) for row in rows]
    rng.shuffle(out)
    for i, row in enumerate(out, 1):
        row["id"] = i
    return pl.DataFrame(out, schema_overrides={"birth_date": pl.Date, "truth": pl.Utf8, "nik": pl.Utf8})


def _outsiders(reg: pl.DataFrame, count: int, seed: int) -> pl.DataFrame:
    """People of a second synthetic regency placed in the same villages: same name pools, not registered."""
    other = _frame(generate(villages(), seed=seed + 1000, population=count * 4, extract_date=EXTRACT))
    other = other.filter(pl.col("is_alive") & (pl.col("birth_date") <= dt.date(EXTRACT.year - 18, 1, 1)))
    other = other.filter(~pl.col("nik").is_in(reg["nik"].implode()))
    return other.sample(min(count, len(other)), seed=seed)


def _neighbours(reg: pl.DataFrame) -> dict[str, list[str]]:
    codes = sorted(set(reg["village"]))
    by_district: dict[str, list[str]] = {}
    for code in codes:
        by_district.setdefault(code[:8], []).append(code)
    return by_district


def _faulty(rng: Random, row: dict, by_village: dict[str, list[str]]) -> dict:
    faults = []
    roll = rng.random()
    for fault, share in FAULTS.items():
        roll -= share
        if roll < 0:
            faults.append(fault)
            break
    if faults and rng.random() < COMBINED:
        extra = rng.choice([f for f in FAULTS if f.split("_")[0] != faults[0].split("_")[0]])
        faults.append(extra)
    cand = {
        "nik": row["nik"],
        "full_name": row["full_name"],
        "birth_date": row["birth_date"],
        "sex": row["sex"],
        "village": row["village"],
        "truth": row["truth"],
    }
    for fault in faults:
        APPLY[fault](rng, cand, by_village)
    cand["faults"] = ",".join(faults)
    return cand
