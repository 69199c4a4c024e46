"""Amounts, counts and dates as an Indonesian decree writes them. No Django.

A decree states every amount twice, in figures and in words, so that a figure altered by hand shows:
``Rp2.016.000.000,00 (dua miliar enam belas juta rupiah)``. The words come from lokal-id's ``terbilang``;
month names and thousands separators from :mod:`jaring.programs.rates.words`, which the planning pages
use too.
"""

from datetime import date

from lokal import format_rupiah, terbilang

from jaring.programs.rates.words import MONTH_NAMES, number


def rupiah_in_words(amount: int) -> str:
    """``2016000000`` → ``Rp2.016.000.000,00 (dua miliar enam belas juta rupiah)``.

    Sen are written (",00") as decrees and their budget documents (DPA) do; a decree never states a
    negative amount, so one is refused rather than printed as "minus".
    """
    amount = _whole(amount, "jumlah uang")
    return f"{format_rupiah(amount, decimals=True)} ({terbilang(amount)} rupiah)"


def count_in_words(count: int) -> str:
    """``10000`` → ``10.000 (sepuluh ribu)``: people and months in a decree's diktum."""
    count = _whole(count, "jumlah")
    return f"{number(count)} ({terbilang(count)})"


def date_in_words(day: date | None) -> str:
    """``date(2026, 1, 5)`` → ``5 Januari 2026``; an unsigned draft has no date, so "" for None."""
    if day is None:
        return ""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def joined(items: list[str]) -> str:
    """``["A", "B", "C"]`` → ``A, B, dan C``, the serial comma of Indonesian legal drafting."""
    if len(items) <= 2:
        return " dan ".join(items)
    return f"{', '.join(items[:-1])}, dan {items[-1]}"


def _whole(value: int, what: str) -> int:
    if isinstance(value, bool) or int(value) != value:
        raise ValueError(f"{what} harus bilangan bulat: {value!r}")
    if value < 0:
        raise ValueError(f"{what} tidak boleh negatif: {value!r}")
    return int(value)
