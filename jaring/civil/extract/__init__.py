"""Reading a SIAK (Dukcapil) civil-registry export: pure Polars, no Django.

``read_extract(path, reference_date=…, villages=…)`` returns the clean rows (one per NIK) and the rows
skipped with their reasons; ``ExtractRefused`` says in Bahasa Indonesia why a whole file cannot be used.
"""

from .reader import EXAMPLES, FIELDS, PROBLEMS, Example, ExtractRead, Problem, read_extract
from .refusals import ExtractRefused

__all__ = ["EXAMPLES", "FIELDS", "PROBLEMS", "Example", "ExtractRead", "ExtractRefused", "Problem", "read_extract"]
