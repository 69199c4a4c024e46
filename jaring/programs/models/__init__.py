"""Programs: what a regency pays for, at which rates, from which funding sources, and whom it selected."""

from .program import FundingKind, FundingSource, Program, ProgramCategory, ProgramSector, Quota, QuotaKind
from .rates import ContributionDiscount, ContributionRate, RateBasis, RateComponent
from .selection import Selection, SelectionEntry, SelectionOutcome

__all__ = [
    "ContributionDiscount",
    "ContributionRate",
    "FundingKind",
    "FundingSource",
    "Program",
    "ProgramCategory",
    "ProgramSector",
    "Quota",
    "QuotaKind",
    "RateBasis",
    "RateComponent",
    "Selection",
    "SelectionEntry",
    "SelectionOutcome",
]
