"""Budget absorption of one funding source: what its allocation has committed, billed and paid, what is left,
and where the year will end if every month still to bill is billed for the memberships it pays now. No Django;
amounts are whole-rupiah ``Decimal``.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Absorption:
    allocated: Decimal
    committed: Decimal
    billed: Decimal
    paid: Decimal
    projected: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.billed - self.paid

    @property
    def remaining(self) -> Decimal:
        """What the allocation still holds after the money already paid out."""
        return self.allocated - self.paid

    @property
    def over_allocation(self) -> Decimal:
        """How far the projection passes the allocation (0 when it fits)."""
        return max(self.projected - self.allocated, Decimal(0))

    @property
    def paid_share(self) -> int:
        """Paid as a whole percentage of the allocation, for the page's bar."""
        return int(self.paid * 100 // self.allocated) if self.allocated > 0 else 0


def absorption(
    *, allocated: Decimal, committed: Decimal, billed: Decimal, paid: Decimal, unbilled: list[tuple[int, Decimal]]
) -> Absorption:
    """``unbilled`` holds, for each of the program's months the source has no invoice for yet, how many
    memberships it would bill and that month's rate. Billed money counts whole, paid or not: an invoice is
    owed. The projection is what the source will have spent by the program's last month."""
    future = sum((Decimal(count) * rate for count, rate in unbilled), Decimal(0))
    return Absorption(allocated, committed, billed, paid, billed + future)


def totals(rows: list[Absorption]) -> Absorption:
    """The program's sources added up."""
    zero = Decimal(0)
    return Absorption(
        sum((r.allocated for r in rows), zero),
        sum((r.committed for r in rows), zero),
        sum((r.billed for r in rows), zero),
        sum((r.paid for r in rows), zero),
        sum((r.projected for r in rows), zero),
    )
