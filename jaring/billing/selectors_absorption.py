"""Budget absorption of a program's funding sources (issue #7 point 6), read from the decree, the invoices and
the memberships; the arithmetic is in ``absorption`` (no Django). Only sums: no person leaves here."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from jaring.decrees.selectors import current_recipients
from jaring.programs.costs import package_of, rate_tables
from jaring.programs.models import FundingSource
from jaring.programs.rates import CostError, month_cost

from .absorption import Absorption, absorption, totals
from .selectors import invoices_of
from .selectors_pages import months_of
from .services.runs import billable


@dataclass(frozen=True)
class SourceAbsorption:
    source: FundingSource
    figures: Absorption
    #: Why the projection leaves some months out (a rate that cannot be computed), or "".
    problem: str = ""


def absorption_of(program) -> tuple[list[SourceAbsorption], Absorption]:
    """Every source's figures and the program's total."""
    committed = dict(current_recipients(program).order_by().values_list("source_id").annotate(total=Sum("cost")))
    sums = invoices_of(program).order_by().values("source_id").annotate(billed=Sum("total"), paid=Sum("paid"))
    invoiced = {row["source_id"]: row for row in sums}
    billed_months = set(invoices_of(program).values_list("source_id", "month"))
    tables, rows = rate_tables(), []
    for source in program.sources.order_by("kind", "name"):
        unbilled, problem = _unbilled(program, source, billed_months, tables)
        sums = invoiced.get(source.pk, {})
        figures = absorption(
            allocated=source.amount,
            committed=committed.get(source.pk) or Decimal(0),
            billed=sums.get("billed") or Decimal(0),
            paid=sums.get("paid") or Decimal(0),
            unbilled=unbilled,
        )
        rows.append(SourceAbsorption(source, figures, problem))
    return rows, totals([r.figures for r in rows])


def _unbilled(program, source, billed_months, tables) -> tuple[list[tuple[int, Decimal]], str]:
    """(memberships, rate) for each month the source has not billed yet; a month whose rate cannot be computed
    is left out, and said."""
    found, problem = [], ""
    package = package_of(program)
    for month in months_of(program):
        if (source.pk, month) in billed_months:
            continue
        count = billable(program, source, month).count()
        if not count:
            continue
        try:
            found.append((count, month_cost(*tables, package, month, source.kind).total))
        except CostError as exc:
            problem = str(exc)
    return found, problem
