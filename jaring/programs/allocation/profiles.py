"""Candidates reduced to profiles: what sources and quotas see of a person (village, district, occupation and
groups, each kept only when some source or quota looks at it). Everyone with one profile is allowed the same
sources and falls in the same quotas, so those are worked out once per profile, not once per person."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import polars as pl

from .contract import SOURCE_PREFERENCE, Quota, Source

_SEP = "\x1f"  # joins a person's groups into one string when there are too many to count in bits
_GROUP_BITS = 16  # up to this many groups looked at, a person's groups are coded as bits
_DIMENSIONS = ("village", "district", "occupation", "groups")
_FEW_PROFILES = 64  # a quota over more profiles than this finds its members with one pass over everyone


@dataclass
class Profiles:
    of: np.ndarray  # int32, the profile of each candidate in rank order (rank position → profile)
    allowed: np.ndarray  # bool P × S, columns in preference order: may this source pay for this profile?
    order: np.ndarray  # int64 S, source indices in preference order (narrowest kind first, then as given)
    members: np.ndarray  # bool P × Q: does this profile fall in this quota?

    @property
    def count(self) -> int:
        return self.allowed.shape[0]

    @cached_property
    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Memberships by profile (compressed rows): profile p's quotas are ``quota[start[p]:start[p + 1]]``."""
        profile, quota = np.nonzero(self.members)
        return np.concatenate([[0], np.cumsum(np.bincount(profile, minlength=self.count))]), quota

    def per_quota(self, profiles: np.ndarray) -> np.ndarray:
        """How many of ``profiles`` (one entry per person) fall in each quota."""
        start, quota = self.pairs
        per_profile = np.bincount(profiles, minlength=self.count)
        seen = np.flatnonzero(per_profile)
        lengths = start[seen + 1] - start[seen]
        offsets = np.repeat(start[seen] - (np.cumsum(lengths) - lengths), lengths)
        rows = quota[np.arange(lengths.sum()) + offsets]
        weights = np.repeat(per_profile[seen], lengths)
        return np.bincount(rows, weights=weights, minlength=self.members.shape[1]).astype(np.int64)

    @cached_property
    def quota_members(self) -> np.ndarray:
        """bool Q × P, one contiguous row per quota."""
        return np.ascontiguousarray(self.members.T)

    @cached_property
    def _holders(self) -> tuple[np.ndarray, np.ndarray]:
        dtype = np.uint16 if self.count <= 1 << 16 else np.uint32  # 16 bits: numpy's stable sort is a radix sort
        by_profile = np.argsort(self.of.astype(dtype), kind="stable")
        return by_profile, np.concatenate([[0], np.cumsum(np.bincount(self.of, minlength=self.count))])

    def positions(self, quota: int) -> np.ndarray:
        """Rank positions of the quota's members, in rank order."""
        inside = np.flatnonzero(self.quota_members[quota])
        if len(inside) > _FEW_PROFILES:
            return np.flatnonzero(self.quota_members[quota][self.of])
        by_profile, bounds = self._holders
        parts = [by_profile[bounds[p] : bounds[p + 1]] for p in inside]
        return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def preference(sources: Sequence[Source]) -> np.ndarray:
    """Source indices, narrowest kind first (SOURCE_PREFERENCE), ties in the order the sources were given."""
    rank = {kind: i for i, kind in enumerate(SOURCE_PREFERENCE)}
    return np.array(sorted(range(len(sources)), key=lambda i: (rank[sources[i].kind], i)), dtype=np.int64)


def profiles(
    candidates: pl.DataFrame, ranked: np.ndarray, sources: Sequence[Source], quotas: Sequence[Quota]
) -> Profiles:
    """Profiles of ``candidates[ranked]`` (``ranked``: the eligible rows' indices in rank order)."""
    codes = _Codes(candidates, sources, quotas)
    rows, of = _distinct(candidates, codes.exprs, codes.sizes)
    village, district, occupation, group_code = rows.T
    has = codes.group_table[group_code]  # P × G: is the profile in group g?
    order = preference(sources)
    allowed = np.ones((len(rows), len(sources)), dtype=bool)
    for column, s in enumerate(sources[i] for i in order):
        if s.village:
            allowed[:, column] &= village == codes.village[s.village]
        if s.occupations:
            allowed[:, column] &= np.isin(occupation, [codes.occupation[o] for o in s.occupations])
        if s.groups:
            allowed[:, column] &= has[:, [codes.group[g] for g in s.groups]].any(axis=1)
    members = np.zeros((len(rows), len(quotas)), dtype=bool)
    for column, q in enumerate(quotas):
        if q.kind == "village":
            members[:, column] = village == codes.village[q.key]
        elif q.kind == "district":
            members[:, column] = district == codes.district[q.key]
        else:
            members[:, column] = has[:, codes.group[q.key]]
    return Profiles(of[ranked].astype(np.int32), allowed, order, members)


def _distinct(candidates: pl.DataFrame, exprs: list[pl.Expr], sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of the codes (dimension j in 0..sizes[j]-1), and each candidate's index among them.

    Codes are read as one mixed-radix number; when few such numbers exist, a table of them replaces a sort.
    """
    if int(np.prod(sizes, dtype=object)) >= 1 << 62:
        codes = candidates.select(*exprs).to_numpy().astype(np.int64).reshape(candidates.height, len(sizes))
        rows, of = np.unique(codes, axis=0, return_inverse=True)
        return rows, of.ravel()
    number = exprs[0]
    for expr, size in zip(exprs[1:], sizes[1:], strict=True):
        number = number * size + expr
    numbers = candidates.select(number).to_series().to_numpy()
    radix = int(np.prod(sizes))
    if radix <= max(1 << 22, 4 * len(numbers)):
        present = np.zeros(radix, dtype=bool)
        present[numbers] = True
        distinct, of = np.flatnonzero(present), (np.cumsum(present) - 1)[numbers]
    else:
        distinct, of = np.unique(numbers, return_inverse=True)
    rows = np.zeros((len(distinct), len(sizes)), dtype=np.int64)
    for j in reversed(range(len(sizes))):
        distinct, rows[:, j] = np.divmod(distinct, sizes[j])
    return rows, of


class _Codes:
    """Integer codes for the four dimensions (village, district, occupation, groups) of each candidate.

    A value some source or quota looks at has a code from 1 (``village["35.03.01.2001"]``); every other value
    codes as 0 and so matches no restriction and no quota. Groups are coded as a set: as bits (one per group
    looked at) when there are few, else as the rank of the person's sorted, joined groups; ``group_table``
    turns a group code into a row of booleans, one per group looked at (``group[g]`` is its column).
    """

    def __init__(self, candidates: pl.DataFrame, sources: Sequence[Source], quotas: Sequence[Quota]):
        looked_at = {
            "village": {q.key for q in quotas if q.kind == "village"} | {s.village for s in sources if s.village},
            "district": {q.key for q in quotas if q.kind == "district"},
            "occupation": set().union(*(s.occupations for s in sources)),
        }
        self.village, self.district, self.occupation = (
            {value: i for i, value in enumerate(sorted(looked_at[c]), 1)} for c in _DIMENSIONS[:3]
        )
        self.exprs = [
            pl.col(c).replace_strict(table, default=0, return_dtype=pl.Int64)
            for c, table in zip(_DIMENSIONS[:3], (self.village, self.district, self.occupation), strict=True)
        ]
        self.sizes = [len(self.village) + 1, len(self.district) + 1, len(self.occupation) + 1]
        groups = sorted(set().union(*(s.groups for s in sources)) | {q.key for q in quotas if q.kind == "group"})
        self.group = {g: i for i, g in enumerate(groups)}
        if len(groups) <= _GROUP_BITS:
            bits = [pl.col("groups").list.contains(g).cast(pl.Int64) * (1 << i) for i, g in enumerate(groups)]
            self.exprs.append(pl.sum_horizontal(bits) if bits else pl.lit(0, dtype=pl.Int64))
            self.sizes.append(1 << len(groups))
            self.group_table = (np.arange(1 << len(groups))[:, None] >> np.arange(len(groups)) & 1).astype(bool)
            return
        kept = pl.element().filter(pl.element().is_in(groups))
        joined = candidates.select(pl.col("groups").list.eval(kept).list.unique().list.sort().list.join(_SEP))
        seen = joined["groups"].unique().sort().to_list()
        self.exprs.append(pl.lit(joined["groups"].rank("dense").cast(pl.Int64) - 1))
        self.sizes.append(len(seen))
        self.group_table = np.zeros((len(seen), len(groups)), dtype=bool)
        for row, text in enumerate(seen):
            self.group_table[row, [self.group[g] for g in text.split(_SEP) if g in self.group]] = True
