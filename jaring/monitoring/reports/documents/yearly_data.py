"""What the yearly report to the regent is made of, as plain data. No Django."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from jaring.billing.arrears import CAUSE_WORDS


@dataclass(frozen=True, slots=True)
class ProgramLine:
    name: str
    category: str  # ProgramCategory value
    period: str  # "Januari–Desember 2026"
    selected: int  # in the approved selection
    waiting: int
    recipients: int  # on the decree in force


@dataclass(frozen=True, slots=True)
class DecreeLine:
    program: str
    amendment: bool
    number: str
    signed_on: date | None
    recipients: int
    added: int = 0
    removed: int = 0


@dataclass(frozen=True, slots=True)
class MoneyLine:
    source: str
    allocated: Decimal
    billed: Decimal
    paid: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.billed - self.paid


@dataclass(frozen=True, slots=True)
class RegionLine:
    name: str
    members: int
    covered: int
    arrears: int


@dataclass(frozen=True, slots=True)
class YearlyData:
    regency: str  # "Kabupaten Trenggalek"
    regent_title: str  # "Bupati Trenggalek"
    signing_place: str  # "Trenggalek"
    year: int
    month: date | None  # the latest month with figures
    printed_at: datetime
    printed_by: str
    programs: list[ProgramLine]
    decrees: list[DecreeLine]
    registered: int  # memberships with a KPJ number
    members: int  # in force in ``month``
    covered: int
    arrears: int
    by_category: dict[str, int]  # ProgramCategory value → memberships in force in ``month``
    ends: dict[str, int]  # cause in words → memberships ended in the year
    replacements: int  # recipients added by amendments to fill a place
    money: list[MoneyLine]
    regions: list[RegionLine] = field(default_factory=list)


def money_total(lines: list[MoneyLine]) -> MoneyLine:
    zero = Decimal(0)
    return MoneyLine(
        "Jumlah",
        sum((m.allocated for m in lines), zero),
        sum((m.billed for m in lines), zero),
        sum((m.paid for m in lines), zero),
    )


LAPSED = "Menunggak iuran melewati batas"
REMOVED = "Dihapus oleh SK perubahan"
OTHER = "Sebab lain"


def end_cause(reason: str) -> str:
    """The cause of a membership's end in words, read from the reason its end recorded: a death or move
    reported by the village or BPJS, a lapse for unpaid contributions, or removal by an amending decree (whose
    reason usually names the death or move too)."""
    text = reason.lower()
    for words in CAUSE_WORDS.values():
        if words.lower() in text:
            return words
    if "iuran tidak dibayar" in text:
        return LAPSED
    return REMOVED if "sk perubahan" in text else OTHER
