"""The matching pipeline: exact NIK first, then a blocked search for the rest, then the explanation.

1. A candidate whose NIK is in the registry *and* whose name is the registry's (similarity at least
   ``NIK_NAME_FLOOR``) is that person; the other fields are compared and explained. A NIK hit with a less
   certain name competes with the blocked search below, so that a typo landing on a real neighbour's NIK
   loses to the person the name and birth date point at.
2. Everyone else (no NIK, a malformed one, one the registry does not hold, or one that belongs to somebody
   with another name) is compared with the records the blocks of :mod:`.blocking` propose. The best record
   is taken only when its points reach ``ACCEPT`` and beat the runner-up by ``MARGIN``: proposing the wrong
   person's NIK is worse than proposing none, so a close call stays *not found* with the reason *ambiguous*.
"""

import datetime as dt

import polars as pl

from . import blocking, explain, prepare
from .features import levels, name_similarity, nik_distance

NIK_NAME_FLOOR = 0.95
#: Below this a NIK hit is somebody else's NIK (the reason says whose).
NIK_OWNER_FLOOR = 0.70
#: Without an exact NIK the name must be recognisably the same: a NIK one digit away, or a birth date,
#: belongs to many people (and the NIK carries the date, so the two agree together by chance).
NAME_FLOOR = 0.80
ACCEPT = 9.0
MARGIN = 3.0

_PAIR_COLUMNS = ("id", "nik", "norm", "birth", "nik_birth", "sex", "village", "district")


def match_batch(
    candidates: pl.DataFrame, registry: pl.DataFrame, *, regency: str, today: dt.date | None = None
) -> pl.DataFrame:
    today = today or dt.date.today()
    cands = prepare.candidates(candidates, year=today.year)
    reg = prepare.registry(registry)
    hits = cands.select("id", reg_nik="nik").join(reg.select("reg_nik"), on="reg_nik")
    exact = _scored(hits, cands, reg)
    accepted = exact.filter(pl.col("name_sim") >= NIK_NAME_FLOOR).select("id", "reg_nik", "points")
    rest = cands.join(accepted, on="id", how="anti")
    searched = _scored(blocking.pairs(rest, reg), cands, reg).filter(
        (pl.col("name_sim") >= NAME_FLOOR) & (pl.col("nik") != pl.col("reg_nik"))
    )
    weak_hits = exact.join(rest.select("id"), on="id").filter(pl.col("name_sim") >= NIK_OWNER_FLOOR)
    scored = pl.concat([searched, weak_hits], how="diagonal_relaxed")
    found, runner_up = _best(scored)
    links = pl.concat(
        [
            accepted.with_columns(runner_up=pl.lit(None, pl.Float64)),
            found.join(runner_up, on="id", how="left"),
        ]
    )
    return explain.explained(cands, reg, links, exact, regency=regency, accept=ACCEPT, margin=MARGIN)


def _scored(pairs: pl.DataFrame, cands: pl.DataFrame, reg: pl.DataFrame) -> pl.DataFrame:
    full = pairs.join(cands.select(_PAIR_COLUMNS), on="id").join(reg, on="reg_nik")
    full = full.with_columns(
        name_similarity(full["norm"], full["reg_norm"]),
        nik_distance(full["nik"], full["reg_nik"]),
    )
    return levels(full)


def _best(scored: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The best record per candidate, and the runner-up's points."""
    ranked = scored.sort(["id", "points", "reg_nik"], descending=[False, True, False]).with_columns(
        rank=pl.int_range(pl.len()).over("id")
    )
    best = ranked.filter(pl.col("rank") == 0).select("id", "reg_nik", "points")
    second = ranked.filter(pl.col("rank") == 1).select("id", runner_up="points")
    return best, second
