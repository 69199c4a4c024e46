"""The Django side of costing: the rate and discount tables from the database, a program's package, and
what one person costs each of its payers. The arithmetic is in ``jaring.programs.rates`` (no Django)."""

from datetime import date

from .models import ContributionDiscount, ContributionRate, FundingKind, Program
from .rates import Discount, Package, PeriodCost, Rate, add_months, period_cost, period_start

DEFAULT_PAYER = FundingKind.APBD_KABUPATEN.value


def rate_tables() -> tuple[list[Rate], list[Discount]]:
    """Every rate and discount row, as the pure functions take them (a few dozen rows: read them all)."""
    rates = [Rate.from_fields(values) for values in ContributionRate.objects.values()]
    discounts = [Discount.from_fields(values) for values in ContributionDiscount.objects.values()]
    return rates, discounts


def package_of(program: Program) -> Package:
    """JKK + JKM, plus JHT and JP as the program says, on its declared income or wage."""
    return Package.of(
        program.segment,
        program.declared_income,
        jht=program.include_jht,
        jp=program.include_jp,
        risk_class=program.risk_class,
        pays_worker_share=program.pays_worker_share,
        sector=program.sector,
    )


def program_start(program: Program) -> date:
    return period_start(program.year, program.start_month)


def program_last_month(program: Program) -> date:
    """The first day of the program's last month (a period may run into the next year)."""
    return add_months(program_start(program), program.months - 1)


def person_cost(program: Program, payer: str, *, tables: tuple[list[Rate], list[Discount]] | None = None) -> PeriodCost:
    """What ``payer`` pays for one person over the program's months (raises ``CostError`` with a message)."""
    rates, discounts = tables or rate_tables()
    return period_cost(rates, discounts, package_of(program), program_start(program), program.months, payer)


def program_costs(program: Program) -> dict[str, PeriodCost]:
    """One person's cost for each kind of payer among the program's funding sources (APBD kabupaten when it
    has none yet): a donor may pay less than the regency in PP 50/2025's months."""
    kinds = sorted(set(program.sources.values_list("kind", flat=True))) or [DEFAULT_PAYER]
    tables = rate_tables()
    return {kind: person_cost(program, kind, tables=tables) for kind in kinds}
