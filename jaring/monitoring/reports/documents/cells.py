"""A cell's value as printed in a report's PDF, the way an Indonesian office writes it. No Django."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from jaring.decrees.documents.words import date_in_words
from jaring.programs.rates.words import month_name, number, rupiah

from .model import Kind, Withheld

NOTHING = "—"
_NUMERIC = frozenset({Kind.COUNT, Kind.MONEY, Kind.PERCENT})


def printed(value, kind: Kind) -> str:
    """``1234`` → "1.234", ``Decimal(16800)`` as money → "Rp16.800", a month → "Mei 2026", a withheld count →
    "x"; nothing at all → "—" in a column of figures, "" elsewhere."""
    if isinstance(value, Withheld):
        return str(value)
    if value is None or value == "":
        return NOTHING if kind in _NUMERIC else ""
    if kind == Kind.MONEY:
        return rupiah(value)
    if kind == Kind.PERCENT:
        return percent(value)
    if kind == Kind.COUNT or (isinstance(value, int) and not isinstance(value, bool)):
        return number(int(value))
    if isinstance(value, date):
        return month_name(value) if kind == Kind.MONTH else value.strftime("%d-%m-%Y")
    return str(value)


def percent(value: Decimal | float | int) -> str:
    """``Decimal("43.25")`` → "43,3%": one decimal, an Indonesian comma."""
    return f"{Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP)}%".replace(".", ",")


def share(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """``part`` as a percentage of ``whole``; None when there is no whole to measure against."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def printed_at(moment: datetime) -> str:
    """A local time as a document states when it was printed: "12 Mei 2026 pukul 10.15"."""
    return f"{date_in_words(moment.date())} pukul {moment:%H.%M}"
