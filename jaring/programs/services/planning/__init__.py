"""Writes of a program's plan (issue #5): period, package and priority weights; funding sources; quotas.

Only a planner (perencana anggaran) of the program's regency writes them. Each write checks everything first and
then saves in one transaction with one audit row, so a refused request saves nothing; each is refused once a
selection of the program is approved, because that selection froze the budgets and quotas it rested on.
Messages are in Bahasa Indonesia; ``PlanningRefused.errors`` says which input each one is about.
"""

from .common import AMOUNT_CEILING, FROZEN, INCOME_CEILING, WEIGHT_MAX, PlanningRefused
from .program import program_update
from .quotas import quota_problems, quotas_replace
from .sources import DBHCHT_OCCUPATIONS, funding_source_delete, funding_source_save

__all__ = [
    "AMOUNT_CEILING",
    "DBHCHT_OCCUPATIONS",
    "FROZEN",
    "INCOME_CEILING",
    "WEIGHT_MAX",
    "PlanningRefused",
    "funding_source_delete",
    "funding_source_save",
    "program_update",
    "quota_problems",
    "quotas_replace",
]
