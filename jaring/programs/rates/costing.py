"""What one person's package costs a payer, month by month. No Django.

Rounding: each component is rounded to whole rupiah, half up, each month, before anything is added up
(1% of Rp1,000,000 is Rp10,000 exactly; 0.24% of Rp2,345,678 is Rp5,629.6272 → Rp5,630). A discount is
applied to the rounded component and the amount still due is itself rounded half up (50% of Rp6,800 is
Rp3,400); the discount is the difference. Shares are rounded separately: the payer's share, then the worker's.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .errors import IncomeOutOfRange, PeriodInvalid
from .tables import COMPONENTS, FLAT, Discount, Package, Rate, discount_for, rate_for
from .words import rupiah

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ComponentCost:
    """One component in one month. ``payer``: what the payer pays (after discount); ``worker``: what is
    deducted from the worker's wage (PU, when the payer does not take the worker's share over); ``discount``:
    what the discount took off both."""

    component: str
    payer: Decimal
    worker: Decimal
    discount: Decimal
    rate: Rate
    discount_by: Discount | None = None


@dataclass(frozen=True)
class MonthCost:
    month: date
    components: tuple[ComponentCost, ...]

    @property
    def total(self) -> Decimal:
        """Paid by the payer for one person this month."""
        return sum((c.payer for c in self.components), Decimal(0))

    @property
    def worker_total(self) -> Decimal:
        return sum((c.worker for c in self.components), Decimal(0))

    @property
    def discount_total(self) -> Decimal:
        return sum((c.discount for c in self.components), Decimal(0))

    def __getitem__(self, component: str) -> ComponentCost:
        for cost in self.components:
            if cost.component == component:
                return cost
        raise KeyError(component)

    def same_amounts(self, other: "MonthCost") -> bool:
        key = [(c.component, c.payer, c.worker, c.discount) for c in self.components]
        return key == [(c.component, c.payer, c.worker, c.discount) for c in other.components]


@dataclass(frozen=True)
class PeriodCost:
    start: date
    months: int
    month_costs: tuple[MonthCost, ...]

    @property
    def total(self) -> Decimal:
        """Paid by the payer for one person over the whole period; budgets are divided by this."""
        return sum((m.total for m in self.month_costs), Decimal(0))

    @property
    def average(self) -> Decimal:
        """The payer's cost per person per month, rounded half up to whole rupiah: for display only."""
        return _whole(self.total / self.months)

    def stretches(self) -> list[tuple[date, date, MonthCost]]:
        """Consecutive months with the same amounts, as (first month, last month, one of them)."""
        runs: list[tuple[date, date, MonthCost]] = []
        for cost in self.month_costs:
            if runs and runs[-1][2].same_amounts(cost):
                runs[-1] = (runs[-1][0], cost.month, runs[-1][2])
            else:
                runs.append((cost.month, cost.month, cost))
        return runs


def month_cost(rates: list[Rate], discounts: list[Discount], package: Package, month: date, payer: str) -> MonthCost:
    """What ``payer`` pays for one person on ``package`` in ``month``, component by component.

    PU: the payer pays the employer's share, and the worker's share too when ``package.pays_worker_share``.
    BPU: the whole contribution is the payer's (the rate rows put it in ``employer_rate``).
    """
    first = month.replace(day=1)
    ordered = [c for c in COMPONENTS if c in package.components]
    return MonthCost(first, tuple(_component_cost(rates, discounts, package, c, first, payer) for c in ordered))


def period_cost(
    rates: list[Rate], discounts: list[Discount], package: Package, start: date, months: int, payer: str
) -> PeriodCost:
    """``months`` months of ``month_cost`` from ``start``'s month; a period may run into the next year."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 12:
        raise PeriodInvalid(f"Jumlah bulan harus 1 sampai 12, bukan {months}.")
    first = start.replace(day=1)
    costs = tuple(month_cost(rates, discounts, package, add_months(first, n), payer) for n in range(months))
    return PeriodCost(first, months, costs)


def period_start(year: int, month: int) -> date:
    """The first day of a program's first month; ``PeriodInvalid`` for a month outside 1–12."""
    if not 1 <= month <= 12:
        raise PeriodInvalid(f"Bulan mulai harus 1 sampai 12, bukan {month}.")
    return date(year, month, 1)


def add_months(first: date, count: int) -> date:
    index = first.month - 1 + count
    return date(first.year + index // 12, index % 12 + 1, 1)


def _component_cost(
    rates: list[Rate], discounts: list[Discount], package: Package, component: str, month: date, payer: str
) -> ComponentCost:
    rate = rate_for(rates, package, component, month)
    _check_income(rate, package.income)
    employer, worker = _share(rate, rate.employer_rate, package.income), _share(rate, rate.worker_rate, package.income)
    discount = discount_for(discounts, package, component, month, payer)
    employer_due, worker_due = _after(discount, employer), _after(discount, worker)
    cut = (employer - employer_due) + (worker - worker_due)
    if package.pays_worker_share:
        return ComponentCost(component, employer_due + worker_due, Decimal(0), cut, rate, discount)
    return ComponentCost(component, employer_due, worker_due, cut, rate, discount)


def _share(rate: Rate, value: Decimal, income: Decimal) -> Decimal:
    if rate.basis == FLAT:
        return _whole(value)
    base = income if rate.base_cap is None else min(income, rate.base_cap)
    return _whole(base * value / HUNDRED)


def _after(discount: Discount | None, amount: Decimal) -> Decimal:
    return amount if discount is None else _whole(amount * (HUNDRED - discount.percent) / HUNDRED)


def _check_income(rate: Rate, income: Decimal) -> None:
    low, high = rate.income_min, rate.income_max
    if (low is not None and income < low) or (high is not None and income > high):
        span = f"{rupiah(low) if low is not None else 'Rp0'}–{rupiah(high) if high is not None else '…'}"
        raise IncomeOutOfRange(
            f"Penghasilan yang dilaporkan {rupiah(income)} di luar rentang {span} ({rate.regulation})."
        )


def _whole(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
