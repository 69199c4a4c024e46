"""``allocate``: validate, rank, fill the minimums, walk the rest, and return one decision per candidate."""

from collections.abc import Sequence

import numpy as np
import polars as pl

from .contract import (
    DECISION_SCHEMA,
    REASONS,
    Allocation,
    AllocationInputError,
    Quota,
    QuotaUse,
    Reason,
    Source,
    SourceUse,
    Weights,
)
from .profiles import profiles
from .ranking import normalised, ranked
from .validation import validate, validate_candidates
from .walk import WAITING, Walk


def allocate(
    candidates: pl.DataFrame, sources: Sequence[Source], quotas: Sequence[Quota], weights: Weights
) -> Allocation:
    """Select candidates within every budget and quota; see the package docstring for the rules.

    Raises AllocationInputError (its ``problems`` in Bahasa Indonesia) for sources, quotas or a candidate
    frame that cannot be allocated.
    """
    problems = validate(sources, quotas) + validate_candidates(candidates)
    if problems:
        raise AllocationInputError(problems)
    frame = normalised(candidates)
    ids, scores, order, ineligible = ranked(frame, weights)
    walk = Walk(profiles(frame, order, sources, quotas), sources, quotas)
    for index, quota in enumerate(quotas):
        if quota.minimum > 0:
            walk.fill_minimum(index, quota.minimum)
    walk.fill_rest()
    return Allocation(
        decisions=pl.concat(
            [
                _ranked_decisions(ids[order], scores[order], walk, sources),
                _ineligible_decisions(ids[ineligible], scores[ineligible]),
            ]
        ),
        sources=_source_use(walk, sources),
        quotas=[QuotaUse(q.kind, q.key, int(walk.count[i])) for i, q in enumerate(quotas)],
    )


def _ranked_decisions(ids: np.ndarray, scores: np.ndarray, walk: Walk, sources: Sequence[Source]) -> pl.DataFrame:
    paying = walk.source.astype(np.int64)
    paying[paying < 0] = len(sources)  # → the null after the last key
    waiting = walk.source == WAITING
    return pl.DataFrame(
        {
            "id": ids,
            "outcome": pl.Series([r.outcome.value for r in REASONS]).gather(walk.why),
            "source": pl.Series([s.key for s in sources] + [None], dtype=pl.Utf8).gather(paying),
            "rank": np.arange(1, len(ids) + 1, dtype=np.int64),
            "waiting_rank": np.cumsum(waiting, dtype=np.int64),
            "score": scores,
            "reason": pl.Series([r.value for r in REASONS]).gather(walk.why),
            "reason_keys": pl.Series(walk.variants, dtype=pl.List(pl.Utf8)).gather(walk.variant),
        },
        schema=DECISION_SCHEMA,
    ).with_columns(waiting_rank=pl.when(pl.Series(waiting)).then(pl.col("waiting_rank")))


def _ineligible_decisions(ids: np.ndarray, scores: np.ndarray) -> pl.DataFrame:
    return pl.DataFrame({"id": ids, "score": scores}, schema={"id": pl.Int64, "score": pl.Float64}).select(
        "id",
        outcome=pl.lit(Reason.INELIGIBLE.outcome.value),
        source=pl.lit(None, dtype=pl.Utf8),
        rank=pl.lit(None, dtype=pl.Int64),
        waiting_rank=pl.lit(None, dtype=pl.Int64),
        score="score",
        reason=pl.lit(Reason.INELIGIBLE.value),
        reason_keys=pl.lit([], dtype=pl.List(pl.Utf8)),
    )


def _source_use(walk: Walk, sources: Sequence[Source]) -> list[SourceUse]:
    paid = walk.source[walk.source >= 0].astype(np.int64)
    counts = np.bincount(paid, minlength=len(sources))
    return [
        SourceUse(s.key, int(counts[i]), int(s.budget - walk.remaining[i]), int(walk.remaining[i]))
        for i, s in enumerate(sources)
    ]
