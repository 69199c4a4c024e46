"""The decree's annex: the recipients by name by address (issue #6), as .xlsx and as PDF. No Django.

``table`` says what the annex holds (columns, subtotals, heading), ``xlsx`` and ``pdf`` print it; ``pages``
and ``metrics`` lay the PDF out in Python, which is what keeps 10,000 rows under 20 s.
"""

from .pdf import annex_pdf
from .xlsx import annex_xlsx

__all__ = ["annex_pdf", "annex_xlsx"]
