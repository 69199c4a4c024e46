"""Indonesian words for months and money, for messages and printed reports. No Django."""

from datetime import date
from decimal import Decimal

from lokal import format_rupiah

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

COMPONENT_NAMES = {"jkk": "JKK", "jkm": "JKM", "jht": "JHT", "jp": "JP"}
SEGMENT_NAMES = {"bpu": "BPU", "pu": "PU"}


def month_name(month: date) -> str:
    """``date(2027, 5, 1)`` → "Mei 2027"."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def month_span(first: date, last: date) -> str:
    """ "Januari–Desember 2026", "November 2026–Februari 2027", or one month's name."""
    if first == last:
        return month_name(first)
    if first.year == last.year:
        return f"{MONTH_NAMES[first.month - 1]}–{month_name(last)}"
    return f"{month_name(first)}–{month_name(last)}"


def rupiah(amount: int | Decimal) -> str:
    """``2016000000`` → "Rp2.016.000.000" (lokal-id, PUEBI style)."""
    return format_rupiah(amount)


def number(count: int) -> str:
    """``10000`` → "10.000"."""
    return f"{count:,}".replace(",", ".")


def percent(value: Decimal) -> str:
    """``Decimal("50.00")`` → "50%", ``Decimal("0.24")`` → "0,24%"."""
    return f"{format(value.normalize(), 'f').replace('.', ',')}%"
