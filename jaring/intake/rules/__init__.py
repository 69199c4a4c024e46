"""Checks for one row of a village's candidate list (issue #3 §4): cleaned values plus what is wrong, and why.

Pure functions, no Django: the import's first phase runs them over the whole file and shows the report before
anything is written (DESIGN.md §5.4). Errors block a row; warnings ask the operator to look but may be accepted.
Rules on NIK and KK follow reference/domain-facts.md §4; every message is in MESSAGES, in Bahasa Indonesia.

A package, one module per concept, so that each stays short enough to read at once: ``row`` checks a row
through ``nik``, ``dates``, ``person``, ``address`` and ``extras``; ``duplicates`` compares rows; ``messages``
holds the wording. Callers import from here.
"""

from .context import RowContext, RowResult
from .dates import parse_birth_date, split_birth_place_date
from .duplicates import find_duplicates
from .messages import MESSAGES, Issue, Severity
from .nik import clean_id_number
from .row import check_row

__all__ = [
    "MESSAGES",
    "Issue",
    "RowContext",
    "RowResult",
    "Severity",
    "check_row",
    "clean_id_number",
    "find_duplicates",
    "parse_birth_date",
    "split_birth_place_date",
]
