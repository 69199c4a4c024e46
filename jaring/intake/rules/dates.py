"""Birth dates as people type them or Excel stores them: day before month, as Indonesians write dates."""

import re
from datetime import date, timedelta

from .messages import Issue, _issue
from .text import _collapse, _dmy, _table

_MONTHS = {
    word: int(month)
    for word, month in _table("""
        1: januari, january, jan
        2: februari, pebruari, february, feb, peb
        3: maret, march, mar
        4: april, apr
        5: mei, may
        6: juni, june, jun
        7: juli, july, jul
        8: agustus, august, agu, agt, ags, agus, aug
        9: september, sep, sept
        10: oktober, october, okt, oct
        11: november, nopember, nov, nop
        12: desember, december, des, dec
    """).items()
}
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4}|\d{2})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
_NAMED = re.compile(r"(\d{1,2})[ \-./]*([^\W\d_]+)\.?[ \-./,]*(\d{4}|\d{2})")
_NAMED_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.? (\d{1,2}),? (\d{4})")
_YEAR_ONLY = re.compile(r"(19|20)\d{2}")
_SERIAL = re.compile(r"(\d{1,6})(?:[.,]\d+)?")
#: Excel's day zero. Serials from 61 on count the 29-02-1900 that never was, which this epoch absorbs.
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_AGE = 120


def parse_birth_date(text: str, *, reference_date: date, field: str = "birth_date") -> tuple[date | None, list[Issue]]:
    """A birth date as people type it or Excel stores it; day before month, as Indonesians write dates."""
    typed = _collapse(text)
    if not typed:
        return None, []
    value, issues = _read_date(_TIME_PART.sub("", typed).lower(), typed, reference_date, field)
    if value is None and not issues:
        issues = [_issue(field, "date_unreadable", typed=typed)]
    if value is not None:
        issues += _date_range(value, reference_date, field)
    return value, issues


def _read_date(text: str, typed: str, ref: date, field: str) -> tuple[date | None, list[Issue]]:
    if match := _ISO.fullmatch(text):
        return _or_impossible(_date_or_none(*map(int, match.groups())), field, typed)
    if match := _NUMERIC.fullmatch(text) or _COMPACT.fullmatch(text):
        return _day_first(*match.groups(), ref=ref, field=field, typed=typed)
    if (match := _NAMED.fullmatch(text)) and match.group(2) in _MONTHS:
        value = _make_date(match.group(3), _MONTHS[match.group(2)], int(match.group(1)), ref)
        return _or_impossible(value, field, typed)
    if (match := _NAMED_MONTH_FIRST.fullmatch(text)) and match.group(1) in _MONTHS:
        value = _make_date(match.group(3), _MONTHS[match.group(1)], int(match.group(2)), ref)
        return _or_impossible(value, field, typed)
    if _YEAR_ONLY.fullmatch(text) and int(text) <= ref.year:
        return None, [_issue(field, "year_only", typed=typed)]
    if match := _SERIAL.fullmatch(text):
        return _EXCEL_EPOCH + timedelta(days=int(match.group(1))), []
    return None, []


def _or_impossible(value: date | None, field: str, typed: str) -> tuple[date | None, list[Issue]]:
    return value, [] if value else [_issue(field, "date_impossible", typed=typed)]


def _day_first(
    day: str, month: str, year: str, *, ref: date, field: str, typed: str
) -> tuple[date | None, list[Issue]]:
    if value := _make_date(year, int(month), int(day), ref):
        return value, []
    # Only a month-first reading is possible (12/31/1980): accept it, but make the operator look.
    if value := _make_date(year, int(day), int(month), ref):
        return value, [_issue(field, "date_month_first", typed=typed, value=_dmy(value))]
    return None, [_issue(field, "date_impossible", typed=typed)]


def _make_date(year: str, month: int, day: int, ref: date) -> date | None:
    if len(year) == 4:
        return _date_or_none(int(year), month, day)
    # Two-digit year: the century that puts the age between 0 and 100 on the reference date.
    recent = _date_or_none(2000 + int(year), month, day)
    if recent is not None and recent <= ref:
        return recent
    return _date_or_none(1900 + int(year), month, day)


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_range(value: date, ref: date, field: str) -> list[Issue]:
    if value > ref:
        return [_issue(field, "date_future", value=_dmy(value))]
    if ref.year - value.year - ((ref.month, ref.day) < (value.month, value.day)) > _MAX_AGE:
        return [_issue(field, "date_too_old", value=_dmy(value))]
    return []


def split_birth_place_date(text: str) -> tuple[str, str]:
    """Place and date of birth from one cell: "TRENGGALEK, 31-12-1980" → ("TRENGGALEK", "31-12-1980").

    The date starts at the first digit, so a place never needs a separator before it.
    """
    typed = _collapse(text)
    match = re.search(r"\d", typed)
    if match is None:
        return typed.strip(" ,/;:-"), ""
    return typed[: match.start()].strip(" ,/;:-"), typed[match.start() :]
