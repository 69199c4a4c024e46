from .denominators import BasisChoices, CoverageTarget, WorkforceDenominator
from .facts import CoverageFact, FactDimension, FactsState
from .summaries import RegencySummary, SenderKey

__all__ = [
    "BasisChoices",
    "CoverageFact",
    "CoverageTarget",
    "FactDimension",
    "FactsState",
    "RegencySummary",
    "SenderKey",
    "WorkforceDenominator",
]
