"""Turn an uploaded spreadsheet (.xlsx, .xls or .csv) into rows of text, refusing what cannot be read safely.

No Django here. The type is decided by content, never by the file name, and a workbook is only handed to
calamine (through fastexcel) after its zip directory passed the size checks. Every cell comes back as its
value in text, with the rules that keep a NIK intact: an integral number is its plain integer
(``3503011204850001``), never ``3.50301E+15`` as Excel shows it; a number from 2**53 on is returned too but
listed in ``Table.inexact``, since a double cannot hold every integer there and the true digits may be lost.
Every number of 16 digits or more is listed in ``Table.long_number_rows``: typed into Excel, it kept only 15
significant digits, so its last digit may have been turned into 0.
Other numbers are their shortest repr, dates ``YYYY-MM-DD`` (with `` HH:MM:SS`` when there is a time),
booleans ``TRUE``/``FALSE``, formulas their cached value (nothing is ever evaluated), text as typed but
stripped. Number formats (percent, thousands) are not applied.

A package, one module per step: ``sniff`` says what the upload is (and checks its zip against ``limits``,
noting the ``digit_texts`` on the way), ``excel`` and ``csv`` turn it into rows of text, ``table`` finds the
header, ``refusals`` words every refusal; ``upload.read_table`` runs them in order. Callers import from here.
"""

from .limits import MB
from .refusals import FileRefused
from .table import Table
from .upload import read_table

__all__ = ["MB", "FileRefused", "Table", "read_table"]
