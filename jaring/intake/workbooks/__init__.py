"""Excel files of the intake: the template a village fills in, and the report on an uploaded file.

No Django here: callers pass plain values (labels, codes, messages already in Bahasa Indonesia).
Both files keep their headers in row 1 of a sheet named "Usulan", so either re-imports cleanly.
The two live in ``template`` and ``report``; callers import from here.
"""

from .report import REPORT_MESSAGE_HEADER, REPORT_ROW_HEADER, Problem, problem_report
from .template import FORM_SHEET, TEMPLATE_HEADERS, TEMPLATE_ROWS, Choices, village_template

__all__ = [
    "FORM_SHEET",
    "REPORT_MESSAGE_HEADER",
    "REPORT_ROW_HEADER",
    "TEMPLATE_HEADERS",
    "TEMPLATE_ROWS",
    "Choices",
    "Problem",
    "problem_report",
    "village_template",
]
