"""Contribution rates as effective-dated data, and what a package costs a payer. No Django.

``jaring.programs.costs`` reads the rate and discount tables from the database and calls these functions;
the simulator (``jaring simulate``) and the selection use them through it.
"""

from .budget import BUDGET_GUARD, check_budget, cost_for_people, people_for_budget, read_rupiah
from .costing import ComponentCost, MonthCost, PeriodCost, add_months, month_cost, period_cost, period_start
from .errors import BudgetInvalid, CostError, IncomeOutOfRange, PackageInvalid, PeriodInvalid, RateConflict, RateMissing
from .tables import BPU, FLAT, JHT, JKK, JKM, JP, PERCENT, PU, Discount, Package, Rate, discount_for, rate_for
from .words import MONTH_NAMES, month_name, month_span, number, percent, rupiah

__all__ = [
    "BPU",
    "BUDGET_GUARD",
    "FLAT",
    "JHT",
    "JKK",
    "JKM",
    "JP",
    "MONTH_NAMES",
    "PERCENT",
    "PU",
    "BudgetInvalid",
    "ComponentCost",
    "CostError",
    "Discount",
    "IncomeOutOfRange",
    "MonthCost",
    "Package",
    "PackageInvalid",
    "PeriodCost",
    "PeriodInvalid",
    "Rate",
    "RateConflict",
    "RateMissing",
    "add_months",
    "check_budget",
    "cost_for_people",
    "discount_for",
    "month_cost",
    "month_name",
    "month_span",
    "number",
    "people_for_budget",
    "percent",
    "period_cost",
    "period_start",
    "rate_for",
    "read_rupiah",
    "rupiah",
]
