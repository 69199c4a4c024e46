"""The same person proposed more than once in a program (two villages, or a village and a targeting extract).

Candidates are one per person record, so duplicates are records that resolve to the same registry person
(one of them with a mistyped NIK). One is kept, by the first rule that tells them apart:

1. the one whose village is the registry's domicile (that village knows the person);
2. a village's own proposal over a targeting extract (DTKS, DTSEN, P3KE, carry-over);
3. the earliest proposal.

The others get a reason naming the kept proposal and the rule that chose it. No Django.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from ..engine.contract import Reason

VILLAGE_PROPOSAL = "usulan"


@dataclass(frozen=True, slots=True)
class Entry:
    candidate_id: int
    key: str  # the registry NIK when matched, else the proposal's own NIK
    label: str  # how a verifier recognises the proposal: the name as proposed
    village: str
    domicile: str | None  # the registry's village, when matched
    source: str
    created: datetime


def _rank(entry: Entry) -> tuple:
    return (entry.village != entry.domicile, entry.source != VILLAGE_PROPOSAL, entry.created, entry.candidate_id)


def find_duplicates(entries: list[Entry]) -> dict[int, Reason]:
    """The proposals not kept, by candidate id, each with the reason naming the kept one."""
    found: dict[int, Reason] = {}
    for _, group in groupby(sorted(entries, key=lambda e: e.key), key=lambda e: e.key):
        kept, *others = sorted(group, key=_rank)
        for other in others:
            found[other.candidate_id] = Reason(_why(kept, other), "candidate", ours=kept.label, registry=kept.village)
    return found


def duplicate_groups(entries: list[Entry]) -> dict[int, tuple[int, ...]]:
    """Every candidate's group (itself included): part of its fingerprint, so a new duplicate re-verifies it."""
    by_key: dict[str, list[int]] = {}
    for entry in entries:
        by_key.setdefault(entry.key, []).append(entry.candidate_id)
    return {e.candidate_id: tuple(sorted(by_key[e.key])) for e in entries}


def _why(kept: Entry, other: Entry) -> str:
    if kept.village == kept.domicile and other.village != other.domicile:
        return "duplicate_domicile"
    if kept.source == VILLAGE_PROPOSAL and other.source != VILLAGE_PROPOSAL:
        return "duplicate_village_proposal"
    return "duplicate_earliest"
