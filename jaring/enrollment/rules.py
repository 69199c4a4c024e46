"""Dates and words of enrollment that follow from rules, not from the database. No Django here."""

import calendar
from datetime import date, timedelta
from enum import StrEnum


class StartBasis(StrEnum):
    """Where a membership's start date came from, said in the results report."""

    FILE = "file"  # BPJS wrote the start date in its results file
    AGREEMENT = "agreement"  # the cooperation agreement (PKS) of the source or of the program
    PROGRAM = "program"  # no PKS yet: the first day of the program's first month
    AMENDMENT = "amendment"  # a replacement: the month the SK perubahan that added the person takes effect


def program_first_day(year: int, start_month: int) -> date:
    return date(year, start_month, 1)


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def removal_end(*, signed_on: date, effective_from: date | None = None) -> date:
    """The last day of cover of a recipient an amending decree (SK perubahan) removes.

    An amendment says from which month its changes take effect (``Decree.effective_from``, the month its costs
    are split at): the removed recipient is covered to the last day of the month before, and the replacement
    from that month on, so no month is paid twice or left unpaid. An amendment without that month ends cover at
    the end of the month it was signed in: contributions are billed by whole months (domain-facts §7.3), so
    that month is still paid for and covered.
    """
    if effective_from is not None:
        return effective_from.replace(day=1) - timedelta(days=1)
    return end_of_month(signed_on)


def membership_start(
    *, from_file: date | None, agreement: date | None, first_day: date, added_from: date | None = None
) -> tuple[date, StartBasis]:
    """The start of a new membership: BPJS's own date when its file gives one, else the PKS's start date (the
    manual lets the start of government-paid pekerja rentan follow the PKS, domain-facts §3), else the first day
    of the program's first month. A replacement an SK perubahan added starts no earlier than the month that
    decree takes effect: the person it replaced was paid for until then."""
    if from_file is not None:
        return from_file, StartBasis.FILE
    start, basis = (agreement, StartBasis.AGREEMENT) if agreement is not None else (first_day, StartBasis.PROGRAM)
    if added_from is not None and added_from > start:
        return added_from, StartBasis.AMENDMENT
    return start, basis


def programs_text(*, include_jht: bool, include_jp: bool) -> str:
    """The BPJS programs a package holds: JKK and JKM always (Inpres 2/2021), JHT and JP when included."""
    return ", ".join(["JKK", "JKM", *(["JHT"] if include_jht else []), *(["JP"] if include_jp else [])])
