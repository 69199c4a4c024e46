"""How many people a budget pays for, and what a number of people costs. No Django.

Trenggalek 2025: 10,000 people × 12 months × Rp16,800 = Rp2,016,000,000; Rp1,200,000,000 for 10 months at
Rp16,800 pays for 7,142 people (Rp1,199,856,000; the Rp144,000 left cannot pay for one more).
"""

import re
from decimal import Decimal

from lokal import parse_rupiah

from .errors import BudgetInvalid, CostError
from .words import rupiah

#: A guard against a mistyped budget (extra zeros), not a regulation: Rp10 trillion pays BPU JKK + JKM for
#: about 50 million people for a year, more than any regional government's budget could hold.
BUDGET_GUARD = Decimal(10_000_000_000_000)
_NEGATIVE = re.compile(r"^\s*(rp\.?\s*)?[-−–]", re.IGNORECASE)


def people_for_budget(budget: int | Decimal, cost_per_person: int | Decimal) -> int:
    """The whole number of people ``budget`` pays for in full at ``cost_per_person`` (rounded down)."""
    budget, cost = check_budget(budget), _positive_cost(cost_per_person)
    return int(budget // cost)


def cost_for_people(people: int, cost_per_person: int | Decimal) -> Decimal:
    """What ``people`` people cost at ``cost_per_person`` each."""
    if isinstance(people, bool) or not isinstance(people, int) or people < 0:
        raise BudgetInvalid(f"Jumlah orang harus bilangan bulat 0 atau lebih, bukan {people}.")
    return people * _positive_cost(cost_per_person)


def check_budget(budget: int | Decimal) -> Decimal:
    """``budget`` as whole rupiah; ``BudgetInvalid`` when negative, fractional, or above ``BUDGET_GUARD``."""
    amount = Decimal(budget)
    if amount < 0:
        raise BudgetInvalid(f"Anggaran tidak boleh negatif ({rupiah(amount)}).")
    if amount != amount.to_integral_value():
        raise BudgetInvalid("Anggaran harus rupiah utuh, tanpa sen.")
    if amount > BUDGET_GUARD:
        raise BudgetInvalid(
            f"Anggaran {rupiah(amount)} melebihi batas wajar {rupiah(BUDGET_GUARD)}; periksa jumlah nolnya."
        )
    return amount


def read_rupiah(text: str, *, what: str = "Anggaran") -> Decimal:
    """A typed amount, "2016000000", "2.016.000.000", "Rp2.016.000.000" or "1,2 miliar", as whole rupiah.

    Refuses negative, approximate ("2 miliar lebih") and unreadable amounts with a message naming ``what``.
    """
    if _NEGATIVE.match(text):
        raise BudgetInvalid(f"{what} tidak boleh negatif: {text.strip()}.")
    parsed = parse_rupiah(text)
    if parsed is None or parsed.approximate or parsed.amount != int(parsed.amount):
        raise BudgetInvalid(
            f"{what} {text.strip()!r} tidak terbaca; tulis rupiah utuh, mis. 2016000000 atau 2.016.000.000."
        )
    return Decimal(int(parsed.amount))


def _positive_cost(cost: int | Decimal) -> Decimal:
    amount = Decimal(cost)
    if amount <= 0:
        raise CostError(f"Biaya per orang harus lebih dari nol, bukan {rupiah(amount)}.")
    return amount
