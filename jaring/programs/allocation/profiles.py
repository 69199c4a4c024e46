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
        """(profile, quota) membership pairs, flat, to count per quota with one bincount."""
        return np.nonzero(self.members)

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
        by_profile, bounds = self._holders
        inside = [by_profile[bounds[p] : bounds[p + 1]] for p in np.flatnonzero(self.members[:, quota])]
        return np.sort(np.concatenate(inside)) if inside else np.zeros(0, dtype=np.int64)


def preference(sources: Sequence[Source]) -> np.ndarray:
    """Source indices, narrowest kind first (SOURCE_PREFERENCE), ties in the order the sources were given."""
    rank = {kind: i for i, kind in enumerate(SOURCE_PREFERENCE)}
    return np.array(sorted(range(len(sources)), key=lambda i: (rank[sources[i].kind], i)), dtype=np.int64)


def profiles(
    candidates: pl.DataFrame, ranked: np.ndarray, sources: Sequence[Source], quotas: Sequence[Quota]
) -> Profiles:
    """Profiles of ``candidates[ranked]`` (``ranked``: the eligible rows' indices in rank order)."""
    exprs, sizes, decoders = _codes(candidates, sources, quotas)
    rows, of = _distinct(candidates, exprs, sizes)
    order = preference(sources)
    allowed = np.zeros((len(rows), len(sources)), dtype=bool)
    members = np.zeros((len(rows), len(quotas)), dtype=bool)
    where = {(q.kind, q.key): i for i, q in enumerate(quotas)}
    for p, row in enumerate(rows):
        village, district, occupation, groups = (decode(int(code)) for decode, code in zip(decoders, row, strict=True))
        allowed[p] = [sources[i].pays_for(village, occupation, groups) for i in order]
        keys = [("village", village), ("district", district), *(("group", g) for g in groups)]
        members[p, [where[k] for k in keys if k in where]] = True
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


def _codes(candidates: pl.DataFrame, sources: Sequence[Source], quotas: Sequence[Quota]):
    """Per dimension (village, district, occupation, groups): an Int64 code expression, how many codes it
    has, and a code → value function. A value no source or quota looks at codes as 0 ("", or no groups)."""
    looked_at = {
        "village": {q.key for q in quotas if q.kind == "village"} | {s.village for s in sources if s.village},
        "district": {q.key for q in quotas if q.kind == "district"},
        "occupation": set().union(*(s.occupations for s in sources)),
    }
    names = {column: ["", *sorted(values - {""})] for column, values in looked_at.items()}
    exprs = [
        pl.col(c).replace_strict({v: i for i, v in enumerate(names[c])}, default=0, return_dtype=pl.Int64)
        for c in names
    ]
    sizes = [len(values) for values in names.values()]
    decoders = [names[c].__getitem__ for c in names]
    groups = sorted(set().union(*(s.groups for s in sources)) | {q.key for q in quotas if q.kind == "group"})
    if len(groups) <= _GROUP_BITS:
        bits = [pl.col("groups").list.contains(g).cast(pl.Int64) * (1 << i) for i, g in enumerate(groups)]
        exprs.append(pl.sum_horizontal(bits) if bits else pl.lit(0, dtype=pl.Int64))
        sizes.append(1 << len(groups))
        decoders.append(lambda code: frozenset(g for i, g in enumerate(groups) if code >> i & 1))
        return exprs, sizes, decoders
    kept = pl.element().filter(pl.element().is_in(groups))
    joined = candidates.select(pl.col("groups").list.eval(kept).list.unique().list.sort().list.join(_SEP))
    seen = joined["groups"].unique().sort().to_list()
    exprs.append(pl.lit(joined["groups"].rank("dense").cast(pl.Int64) - 1))
    sizes.append(len(seen))
    decoders.append(lambda code: frozenset(seen[code].split(_SEP)) - {""})
    return exprs, sizes, decoders
