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
from .features import name_similarity, points

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
    exact = _scored(hits.with_columns(near=False), cands, reg, floor=0.0)
    accepted = exact.filter(_settled()).select("id", "reg_nik", "points")
    rest = cands.join(accepted, on="id", how="anti")
    searched = _scored(blocking.pairs(rest, reg), cands, reg, floor=NAME_FLOOR)
    weak_hits = exact.join(rest.select("id"), on="id").filter(pl.col("name_sim") >= NIK_OWNER_FLOOR)
    scored = pl.concat([searched.filter(pl.col("nik") != pl.col("reg_nik")), weak_hits], how="diagonal_relaxed")
    found, runner_up = _best(scored)
    links = pl.concat(
        [
            accepted.with_columns(runner_up=pl.lit(None, pl.Float64), sure=True),
            found.join(runner_up, on="id", how="left").with_columns(sure=False),
        ]
    )
    return explain.explained(cands, reg, links, exact, regency=regency, accept=ACCEPT, margin=MARGIN)


def _settled() -> pl.Expr:
    """A NIK hit that needs no search: the name is the registry's, or close to it with the same birth date
    in the same kecamatan (a typo would have to land on a namesake born that day nearby)."""
    close = (pl.col("name_sim") >= NAME_FLOOR) & (pl.col("reg_birth") == pl.coalesce("birth", "nik_birth"))
    return (pl.col("name_sim") >= NIK_NAME_FLOOR) | (close & (pl.col("district") == pl.col("reg_district")))


def _scored(pairs: pl.DataFrame, cands: pl.DataFrame, reg: pl.DataFrame, *, floor: float) -> pl.DataFrame:
    """Pairs whose names reach ``floor``, with every compared column and their points.

    Names are compared first, on the narrow frame: most proposed pairs fail there and never pay for the join.
    """
    named = pairs.join(cands.select("id", "norm", "initials"), on="id").join(
        reg.select("reg_nik", "reg_norm", "reg_initials"), on="reg_nik"
    )
    if floor > 0:
        named = named.filter((pl.col("initials") & pl.col("reg_initials")) != 0)
    named = named.with_columns(name_similarity(named["norm"], named["reg_norm"], floor)).filter(
        pl.col("name_sim") >= floor
    )
    full = (
        named.drop("norm", "reg_norm", "initials", "reg_initials")
        .join(cands.select(_PAIR_COLUMNS), on="id")
        .join(reg, on="reg_nik")
    )
    return points(full)


def _best(scored: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The best record per candidate, and the runner-up's points."""
    ranked = scored.sort(["id", "points", "reg_nik"], descending=[False, True, False]).with_columns(
        rank=pl.int_range(pl.len()).over("id")
    )
    best = ranked.filter(pl.col("rank") == 0).select("id", "reg_nik", "points")
    second = ranked.filter(pl.col("rank") == 1).select("id", runner_up="points")
    return best, second
