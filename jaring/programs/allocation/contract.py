"""What the allocation reads and returns: sources, quotas, weights, and one decision per candidate."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl

#: Source kinds, narrowest first: a candidate is paid by the first allowed source in this order that still
#: has money, so broad money (the regency's own APBD) is kept for people only it can pay.
SOURCE_PREFERENCE = ("apbdes", "dbhcht", "donasi", "csr_baznas", "apbd_provinsi", "apbd_kabupaten")
QUOTA_KINDS = ("village", "district", "group")

#: Columns the candidate frame must have, with the type each is read as.
CANDIDATE_SCHEMA = {
    "id": pl.Int64,
    "village": pl.Utf8,
    "district": pl.Utf8,
    "occupation": pl.Utf8,
    "groups": pl.List(pl.Utf8),
    "decile": pl.Int64,
    "carry_over": pl.Boolean,
    "age": pl.Int64,
    "eligible": pl.Boolean,
}


@dataclass(frozen=True, slots=True)
class Source:
    """A funding source for the program's period. ``cost`` is what one person costs *this* source."""

    key: str
    kind: str
    name: str
    budget: int
    cost: int
    village: str | None = None
    occupations: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()

    def pays_for(self, village: str | None, occupation: str | None, groups: frozenset[str] | set[str]) -> bool:
        """Whether this source's restrictions (village, occupations, groups) allow the person."""
        return (
            (not self.village or self.village == village)
            and (not self.occupations or occupation in self.occupations)
            and (not self.groups or not self.groups.isdisjoint(groups))
        )


@dataclass(frozen=True, slots=True)
class Quota:
    """At least ``minimum`` and at most ``maximum`` selected people in a village, district or group."""

    kind: str
    key: str
    name: str
    minimum: int = 0
    maximum: int | None = None

    @property
    def label(self) -> str:
        """How ``reason_keys`` names this quota: ``"village:35.03.01.2001"``."""
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True, slots=True)
class Weights:
    """The priority score's points; with every weight 0 the rank is the tie-break order alone (lowest id first)."""

    decile: float = 0.0
    groups: Mapping[str, float] = field(default_factory=dict)
    occupations: Mapping[str, float] = field(default_factory=dict)
    carry_over: float = 0.0
    age: float = 0.0


class Outcome(StrEnum):
    SELECTED = "selected"
    WAITING = "waiting"
    INELIGIBLE = "ineligible"


class Reason(StrEnum):
    SELECTED = "selected"  # reason_keys: [source key]
    SELECTED_MINIMUM = "selected_minimum"  # picked to fill a quota's minimum; reason_keys: [quota label]
    WAITING_QUOTA = "waiting_quota"  # reason_keys: the full maximum quotas the person falls in
    WAITING_BUDGET = "waiting_budget"  # reason_keys: every source allowed to pay, all used up
    WAITING_NO_SOURCE = "waiting_no_source"  # reason_keys: every source, none of which may pay
    INELIGIBLE = "ineligible"  # reason_keys: []

    @property
    def outcome(self) -> Outcome:
        if self in (Reason.SELECTED, Reason.SELECTED_MINIMUM):
            return Outcome.SELECTED
        return Outcome.INELIGIBLE if self is Reason.INELIGIBLE else Outcome.WAITING


#: Code order used inside the engine (int8 codes index this tuple).
REASONS = tuple(Reason)

DECISION_SCHEMA = {
    "id": pl.Int64,
    "outcome": pl.Utf8,
    "source": pl.Utf8,
    "rank": pl.Int64,
    "waiting_rank": pl.Int64,
    "score": pl.Float64,
    "reason": pl.Utf8,
    "reason_keys": pl.List(pl.Utf8),
}


@dataclass(frozen=True, slots=True)
class SourceUse:
    key: str
    selected: int
    spent: int
    remaining: int


@dataclass(frozen=True, slots=True)
class QuotaUse:
    kind: str
    key: str
    selected: int


@dataclass(frozen=True, slots=True)
class Allocation:
    """``decisions``: one row per candidate (columns of DECISION_SCHEMA), in rank order, then the ineligible
    by id. ``sources`` and ``quotas``: what each used, in the order they were given."""

    decisions: pl.DataFrame
    sources: list[SourceUse]
    quotas: list[QuotaUse]


class AllocationInputError(ValueError):
    """Sources, quotas or candidates the allocation refuses; ``problems`` lists each, in Bahasa Indonesia."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems
