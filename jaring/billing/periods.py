"""Billing months and due dates. No Django.

A billing month is written ``YYYY-MM`` and held as the date of its first day. Contributions for a month are
due on a day of the following month: for PU the 15th (BPJS manual PROBIS KEPESERTAAN p. 19, domain-facts §1);
no deadline is published for BPU, so the day is a regency setting (``BillingSettings.due_day``) with the PU
day as its default.
"""

import calendar
import re
from datetime import date

from jaring.programs.rates import add_months

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthInvalid(ValueError):
    """A month the operator wrote that is not ``YYYY-MM``; the message is in Bahasa Indonesia."""


def parse_month(text: str) -> date:
    """``"2026-03"`` → 1 March 2026."""
    match = _MONTH.match(text or "")
    if not match or not 1 <= int(match[2]) <= 12:
        raise MonthInvalid(f"Bulan {text!r} tidak dikenal: tulis tahun-bulan, misalnya 2026-03.")
    return date(int(match[1]), int(match[2]), 1)


def month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def months_between(first: date, last: date) -> int:
    """How many months from ``first``'s month to ``last``'s (0 when the same month; negative when before)."""
    return (last.year - first.year) * 12 + last.month - first.month


def last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def due_date(month: date, due_day: int) -> date:
    """The day a month's contributions are due: ``due_day`` of the next month (the last day of a short month)."""
    following = add_months(month.replace(day=1), 1)
    return following.replace(day=min(due_day, calendar.monthrange(following.year, following.month)[1]))
