"""Candidates reduced to profiles: what sources and quotas see of a person (village, district, occupation and
groups, each kept only when some source or quota looks at it). Everyone with one profile is allowed the same
sources and falls in the same quotas, so those are worked out once per profile, not once per person."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from .contract import SOURCE_PREFERENCE, Quota, Source

_SEP = "\x1f"  # joins a profile's groups into one key; never inside a group code


@dataclass(frozen=True, slots=True)
class Profiles:
    of: np.ndarray  # int32, the profile of each ranked candidate (rank position → profile)
    allowed: np.ndarray  # bool P × S, columns in preference order: may this source pay for this profile?
    order: np.ndarray  # int64 S, source indices in preference order (narrowest kind first, then as given)
    members: np.ndarray  # bool P × Q: does this profile fall in this quota?
    pair_profile: np.ndarray  # (profile, quota) membership pairs, flat, to count per quota with bincount
    pair_quota: np.ndarray
    holders: list[np.ndarray]  # the rank positions of each profile's candidates

    @property
    def count(self) -> int:
        return self.allowed.shape[0]

    def positions(self, quota: int) -> np.ndarray:
        """Rank positions of the quota's members, in rank order."""
        inside = [self.holders[p] for p in np.flatnonzero(self.members[:, quota])]
        return np.sort(np.concatenate(inside)) if inside else np.zeros(0, dtype=np.int64)


def preference(sources: Sequence[Source]) -> np.ndarray:
    """Source indices, narrowest kind first (SOURCE_PREFERENCE), ties in the order the sources were given."""
    rank = {kind: i for i, kind in enumerate(SOURCE_PREFERENCE)}
    return np.array(sorted(range(len(sources)), key=lambda i: (rank[sources[i].kind], i)), dtype=np.int64)


def profiles(ranked: pl.DataFrame, sources: Sequence[Source], quotas: Sequence[Quota]) -> Profiles:
    keys = _profile_keys(ranked, sources, quotas)
    table = keys.group_by("village", "district", "occupation", "groups").agg("pos")
    flat = table.with_row_index("profile").select("profile", "pos").explode("pos")
    positions = flat["pos"].to_numpy().astype(np.int64)
    of = np.zeros(ranked.height, dtype=np.int32)
    of[positions] = flat["profile"].to_numpy()
    holders = np.split(positions, np.cumsum(table["pos"].list.len().to_numpy())[:-1]) if table.height else []
    rows = table.select("village", "district", "occupation", "groups").rows()
    order = preference(sources)
    allowed = np.zeros((len(rows), len(sources)), dtype=bool)
    members = np.zeros((len(rows), len(quotas)), dtype=bool)
    for p, (village, district, occupation, groups) in enumerate(rows):
        group_set = frozenset(groups.split(_SEP)) if groups else frozenset()
        allowed[p] = [sources[i].pays_for(village, occupation, group_set) for i in order]
        members[p] = [_falls_in(q, village, district, group_set) for q in quotas]
    pair_profile, pair_quota = np.nonzero(members)
    return Profiles(of, allowed, order, members, pair_profile, pair_quota, holders)


def _falls_in(quota: Quota, village: str, district: str, groups: frozenset[str]) -> bool:
    if quota.kind == "village":
        return quota.key == village
    if quota.kind == "district":
        return quota.key == district
    return quota.key in groups


def _profile_keys(ranked: pl.DataFrame, sources: Sequence[Source], quotas: Sequence[Quota]) -> pl.DataFrame:
    """Each candidate's features, blanked where no source or quota looks at them (fewer, larger profiles)."""
    villages = {q.key for q in quotas if q.kind == "village"} | {s.village for s in sources if s.village}
    districts = {q.key for q in quotas if q.kind == "district"}
    occupations = set().union(*(s.occupations for s in sources))
    groups = set().union(*(s.groups for s in sources)) | {q.key for q in quotas if q.kind == "group"}
    return ranked.with_row_index("pos").select(
        "pos",  # also keeps the frame's height when every other column is a literal
        _kept("village", villages),
        _kept("district", districts),
        _kept("occupation", occupations),
        pl.col("groups")
        .list.eval(pl.element().filter(pl.element().is_in(sorted(groups))))
        .list.unique()
        .list.sort()
        .list.join(_SEP)
        if groups
        else pl.lit("").alias("groups"),
    )


def _kept(column: str, values: set[str]) -> pl.Expr:
    if not values:
        return pl.lit("").alias(column)
    return pl.when(pl.col(column).is_in(sorted(values))).then(pl.col(column)).otherwise(pl.lit("")).alias(column)
