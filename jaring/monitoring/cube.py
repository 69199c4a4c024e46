"""Turning grouped memberships and invoice lines into the dashboards' figures. No Django.

Memberships arrive grouped by (village, dimension value, first month, last month): a few thousand groups
stand for a million memberships, and each group adds its count to every month it is in force. Village
figures are then summed up to kecamatan and regency, so that a chart for any scope reads one level only.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jaring.core.regioncodes import Level, parent_of

#: (month, village code, dimension, key)
VillageCell = tuple[date, str, str, str]
#: (month, level, region code, dimension, key)
Cell = tuple[date, int, str, str, str]


@dataclass(slots=True)
class Measures:
    members: int = 0
    billed: int = 0
    paid: int = 0
    billed_amount: Decimal = field(default_factory=Decimal)
    paid_amount: Decimal = field(default_factory=Decimal)
    due_on: date | None = None

    def add(self, other: "Measures") -> None:
        self.members += other.members
        self.billed += other.billed
        self.paid += other.paid
        self.billed_amount += other.billed_amount
        self.paid_amount += other.paid_amount
        self.due_on = self.due_on or other.due_on


@dataclass(frozen=True, slots=True)
class MembershipGroup:
    """``count`` memberships of one village and dimension value, in force from ``first`` to ``last``
    (months as first days; ``last`` None: no end)."""

    village: str
    dim: str
    key: str
    first: date
    last: date | None
    count: int


@dataclass(frozen=True, slots=True)
class LineGroup:
    """Lines of one invoice in one village: how many, how many paid, and what they amount to."""

    month: date
    village: str
    source_kind: str
    billed: int
    paid: int
    billed_amount: Decimal
    paid_amount: Decimal
    due_on: date


def in_force(group: MembershipGroup, month: date) -> bool:
    return group.first <= month and (group.last is None or group.last >= month)


def village_cells(
    groups: Iterable[MembershipGroup], lines: Iterable[LineGroup], months: list[date]
) -> dict[VillageCell, Measures]:
    """Figures per month, village and dimension value. The total is the sum over funding sources, since each
    membership has exactly one source; billing measures go to the total and the invoice's source kind."""
    cells: dict[VillageCell, Measures] = defaultdict(Measures)
    for group in groups:
        for month in months:
            if in_force(group, month):
                cells[(month, group.village, group.dim, group.key)].members += group.count
                if group.dim == "source":
                    cells[(month, group.village, "total", "")].members += group.count
    wanted = set(months)
    for line in lines:
        if line.month not in wanted:
            continue
        billing = Measures(0, line.billed, line.paid, line.billed_amount, line.paid_amount, line.due_on)
        cells[(line.month, line.village, "total", "")].add(billing)
        cells[(line.month, line.village, "source", line.source_kind)].add(billing)
    return cells


def roll_up(cells: dict[VillageCell, Measures]) -> dict[Cell, Measures]:
    """Village figures with their sums per kecamatan and regency added."""
    out: dict[Cell, Measures] = defaultdict(Measures)
    for (month, village, dim, key), measures in cells.items():
        district = parent_of(village)
        regency = parent_of(district)
        out[(month, Level.VILLAGE, village, dim, key)].add(measures)
        out[(month, Level.DISTRICT, district, dim, key)].add(measures)
        out[(month, Level.REGENCY, regency, dim, key)].add(measures)
    return out


def arrears(billed: int, paid: int, due_on: date | None, today: date) -> int:
    """Lines billed and still unpaid once their due date has passed (BPJS's grace ends on the due day)."""
    return billed - paid if due_on is not None and due_on < today else 0
