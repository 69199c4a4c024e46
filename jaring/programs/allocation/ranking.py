"""The priority score and the rank: score descending, then id ascending (the earlier proposal first)."""

import numpy as np
import polars as pl

from .contract import CANDIDATE_SCHEMA, Weights

#: Scores are rounded to this many decimals, so that equal points reached by different sums (0.1 + 0.2 and
#: 0.3) tie, and the tie goes to the earlier proposal rather than to floating-point noise.
SCORE_DECIMALS = 9
#: The age term grows from 0 at this age to 1 at AGE_TO (clipped outside).
AGE_FROM, AGE_TO = 18, 65


def normalised(candidates: pl.DataFrame) -> pl.DataFrame:
    """The columns allocation reads, with their types; unknown values become "" / empty / False."""
    return candidates.select(pl.col(name).cast(dtype) for name, dtype in CANDIDATE_SCHEMA.items()).with_columns(
        pl.col("village", "district", "occupation").fill_null(""),
        pl.col("groups").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))),
        pl.col("carry_over", "eligible").fill_null(False),
    )


def score(weights: Weights) -> pl.Expr:
    """The weighted points of each candidate, as one expression; terms are added in a fixed order."""
    points = pl.lit(0.0, dtype=pl.Float64)
    if weights.decile:
        points = points + ((10 - pl.col("decile")) / 9 * weights.decile).fill_null(0.0)
    for group in sorted(weights.groups):
        if weights.groups[group]:
            points = points + pl.col("groups").list.contains(group).cast(pl.Float64) * weights.groups[group]
    if any(weights.occupations.values()):
        table = {code: float(w) for code, w in weights.occupations.items()}
        points = points + pl.col("occupation").replace_strict(table, default=0.0, return_dtype=pl.Float64)
    if weights.carry_over:
        points = points + pl.col("carry_over").cast(pl.Float64) * weights.carry_over
    if weights.age:
        share = ((pl.col("age") - AGE_FROM) / (AGE_TO - AGE_FROM)).clip(0.0, 1.0)
        points = points + (share * weights.age).fill_null(0.0)
    return points.round(SCORE_DECIMALS).alias("score")


def ranked(candidates: pl.DataFrame, weights: Weights) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """From normalised candidates: (ids, scores) of every row, the eligible rows' indices in rank order, and
    the ineligible rows' indices by id."""
    scored = candidates.select("id", "eligible", score(weights))
    ids, scores, eligible = (scored[c].to_numpy() for c in ("id", "score", "eligible"))
    inside, outside = np.flatnonzero(eligible), np.flatnonzero(~eligible)
    return ids, scores, inside[rank_order(ids[inside], scores[inside])], outside[np.argsort(ids[outside])]


def rank_order(ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The indices that put candidates in rank order: score descending, then id ascending.

    Ids are unique, so the order is total and does not depend on the order given. When the score (in units
    of 10⁻⁹) and the id's offset fit in one 63-bit key, one integer sort does it; otherwise a two-key sort.
    """
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    units = np.rint(scores * 10**SCORE_DECIMALS)
    low = int(ids.min())
    id_bits = (int(ids.max()) - low).bit_length()
    if id_bits < 62 and float(np.abs(units).max()) < 2.0 ** (62 - id_bits):
        return np.argsort((-units.astype(np.int64) << id_bits) + (ids - low))
    return np.lexsort((ids, -scores))
