"""NIK and KK numbers: undo what Excel did to them where that is exact, then check their structure.

Rules follow reference/domain-facts.md §4. What the structure cannot prove (that the person exists) is left to
the civil registry; what may legitimately differ from the KTP (region of issue, birth date) is only a warning.
"""

import re
from datetime import date
from decimal import Decimal

from lokal import PROVINCES, NikInfo, parse_nik

from .context import RowContext, RowResult
from .dates import _date_or_none
from .messages import MESSAGES, Issue, _issue
from .text import _WHITESPACE, _collapse, _dmy

_ID_NAMES = {"nik": {"label": "NIK", "source": "KTP"}, "kk_number": {"label": "Nomor KK", "source": "Kartu Keluarga"}}
_APOSTROPHES = "'`‘’"
_SCIENTIFIC = re.compile(r"\+?(\d+)(?:[.,](\d*))?[eE]\+?(\d{1,2})")
_EXCEL_DECIMAL = re.compile(r"(\d{16})[.,]0+")
_SEPARATORS = re.compile(r"[.\-]")
_DIGITS = re.compile(r"[0-9]+")


def clean_id_number(
    text: str, field: str, *, inexact: bool = False, long_number: bool = False
) -> tuple[str, list[Issue]]:
    """The 16 digits of a NIK (``field="nik"``) or KK number (``"kk_number"``), or "" with an error.

    Excel is the usual culprit: it turns long numbers into floats. What can be undone exactly is undone;
    spaces, dots, dashes and the apostrophe that forces text in Excel are dropped without comment.
    ``inexact``: the cell held a number from 2**53 on, whose digits a double may not keep (an error).
    ``long_number``: the cell held a number of 16 digits or more. Excel keeps 15 significant digits of a number
    typed in and turns the 16th into 0, so a last 0 may stand for any digit; a warning, since a NIK may end in 0.
    """
    names, typed = _ID_NAMES[field], _collapse(text)
    if inexact:
        return "", [_issue(field, "excel_number", **names)]
    compact = _WHITESPACE.sub("", typed).lstrip(_APOSTROPHES)
    if match := _SCIENTIFIC.fullmatch(compact):
        return _from_scientific(match, typed, field)
    if match := _EXCEL_DECIMAL.fullmatch(compact):
        return match.group(1), [_issue(field, "excel_fixed", typed=typed, value=match.group(1), **names)]
    number, issues = _sixteen_digits(_SEPARATORS.sub("", compact), typed, field)
    if long_number and number.endswith("0"):
        issues.append(_issue(field, "excel_last_digit", **names))
    return number, issues


def _from_scientific(match: re.Match, typed: str, field: str) -> tuple[str, list[Issue]]:
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
    if len((whole + fraction).lstrip("0")) < 16:
        # Excel showed at most 15 significant digits (3,50301E+15): the rest are gone and cannot be guessed.
        return "", [_issue(field, "excel_scientific", typed=typed, **_ID_NAMES[field])]
    value = Decimal(f"{whole}.{fraction}").scaleb(exponent)
    if value != value.to_integral_value():
        return _sixteen_digits(typed, typed, field)
    number, issues = _sixteen_digits(str(int(value)), typed, field)
    fixed = [_issue(field, "excel_fixed", typed=typed, value=number, **_ID_NAMES[field])] if number else []
    return number, issues + fixed


def _sixteen_digits(digits: str, typed: str, field: str) -> tuple[str, list[Issue]]:
    names = _ID_NAMES[field]
    if not digits:
        return "", []
    if not _DIGITS.fullmatch(digits):
        return "", [_issue(field, "not_digits", typed=typed, **names)]
    if len(digits) == 15:
        return "", [_issue(field, "fifteen_digits", typed=typed, **names)]
    if len(digits) != 16:
        return "", [_issue(field, "length", typed=typed, count=len(digits), **names)]
    return digits, []


def _nik_structure(nik: str, ctx: RowContext) -> tuple[NikInfo, list[Issue]]:
    """Structure errors from lokal-id; a NIK issued in another regency is a mover's, so only a warning (§6)."""
    info = parse_nik(nik, reference_date=ctx.reference_date)
    codes = {"province": nik[:2], "birth_date": nik[6:12]}
    issues = [_nik_error(issue.code, issue.message, codes.get(issue.code, "")) for issue in info.errors]
    regency = re.sub(r"\D", "", ctx.regency)
    if info.valid and regency and not nik.startswith(regency):
        issues.append(_issue("nik", "nik_other_regency", number=f"{nik[:2]}.{nik[2:4]}"))
    return info, issues


def _nik_error(code: str, message: str, number: str) -> Issue:
    # lokal-id may add checks in a later release: show its own (Indonesian) message rather than fail.
    if f"nik_{code}" in MESSAGES:
        return _issue("nik", f"nik_{code}", number=number)
    return _issue("nik", "nik_invalid", value=message)


def _nik_agreement(info: NikInfo | None, result: RowResult) -> list[Issue]:
    """The NIK's date and sex may legitimately differ from the KTP's (domain-facts §4.1 rule 6): warnings."""
    if info is None or not info.valid:
        return [] if result.sex else [_issue("sex", "sex_missing")]
    issues = _nik_date_agreement(date.fromisoformat(info.birth_date), result.birth_date)
    if not result.sex:
        result.sex = info.gender
        issues.append(_issue("sex", "sex_from_nik", value=info.gender))
    elif info.gender != result.sex:
        issues.append(_issue("sex", "nik_sex_mismatch", number=info.gender, value=result.sex))
    return issues


def _nik_date_agreement(nik_date: date, declared: date | None) -> list[Issue]:
    # A NIK has a two-digit year: compare years modulo 100, so that a wrong century guess cannot disagree.
    def day_month_yy(value: date) -> tuple[int, int, int]:
        return value.day, value.month, value.year % 100

    if declared is None or day_month_yy(nik_date) == day_month_yy(declared):
        return []
    return [_issue("birth_date", "nik_birth_date_mismatch", number=f"{nik_date:%d-%m-%y}", value=_dmy(declared))]


def _kk_structure(kk: str, nik: str) -> list[Issue]:
    """KK: region (6) + recording date DDMMYY + serial (domain-facts §4.2); only plausibility, as warnings."""
    issues = [] if kk[:2] in PROVINCES else [_issue("kk_number", "kk_province", number=kk[:2])]
    day, month = int(kk[6:8]), int(kk[8:10])
    # Like a NIK, some KK numbers are seen with day + 40 (domain-facts §4.2, uncertain): accept both.
    if _date_or_none(2000, month, day - 40 if day > 40 else day) is None:  # 2000 is a leap year: 29-02 is real
        issues.append(_issue("kk_number", "kk_date", number=kk[6:12]))
    if kk == nik:
        issues.append(_issue("kk_number", "kk_equals_nik"))
    return issues
