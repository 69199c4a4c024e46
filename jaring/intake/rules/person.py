"""The person's name and sex, as the KTP prints them."""

import re

from .messages import Issue, _issue
from .text import _NON_ALNUM, _collapse, _table

_NAME_CHARACTER = re.compile(r"[^\W\d_]|[ '’`.,\-()]")
# 1 and 2 are how BPS and SIAK extracts (DTKS, DTSEN: JNS_KEL) code sex; were a file to mean something else by
# them, the NIK's own sex (day + 40) would disagree and the row would carry a warning.
_SEX = _table("""
    L: L, LK, LAKILAKI, LAKI, PRIA, M, MALE, 1
    P: P, PR, PEREMPUAN, WANITA, W, F, FEMALE, 2
""")


def _clean_name(text: str) -> tuple[str, list[Issue]]:
    name = _collapse(text)
    if not name:
        return "", [_issue("full_name", "name_missing")]
    odd = sorted({character for character in name if not _NAME_CHARACTER.fullmatch(character)})
    # Odd characters are reported, not stripped: templates escape on output, and the data is fixed at the source.
    issues = [_issue("full_name", "name_characters", value=" ".join(odd))] if odd else []
    # Capitals, as the KTP prints names: lists then match Dukcapil's and BPJS's without case juggling.
    return name.upper(), issues


def _clean_sex(text: str) -> tuple[str, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return "", []
    if sex := _SEX.get(_NON_ALNUM.sub("", typed.upper())):
        return sex, []
    return "", [_issue("sex", "sex_unknown", typed=typed)]
