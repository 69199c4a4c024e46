"""A report as plain data: heading facts, sections of sentences and tables, a sign-off. No Django.

Every report (the village's recipient list, the coverage report, the yearly report to the regent) is laid out
once as a ``Document``; ``xlsx`` writes it as a workbook and ``reports.pdf`` prints it through a template, so
the two files of one report cannot say different things.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from ...privacy import MARK


class Kind(StrEnum):
    """How a column's values are written: the .xlsx picks a number format, the PDF a way to print it."""

    TEXT = "text"
    ID = "id"  # NIK, KPJ, region codes: text that must never become a number
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Withheld:
    """A count left out of an aggregate-only report: 1 to ``threshold - 1``, or its complement
    (``monitoring.privacy``)."""

    threshold: int = 5

    def __str__(self) -> str:
        return MARK


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT
    width: int = 12  # in characters, for the .xlsx and as a share of the PDF's width


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[Column]
    rows: list[list]  # typed values; None: nothing to show; Withheld: a small count left out
    total: list | None = None  # a bold last row
    empty: str = "Tidak ada data."


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    notes: list[str] = field(default_factory=list)  # small print under the table


@dataclass(frozen=True, slots=True)
class Signature:
    """The sign-off block at the foot of the last page: place and date, the office, room to sign, the name."""

    place_date: str  # "Besuki, 12 Mei 2026"
    lines: list[str]  # "Mengetahui,", "Kepala Desa Besuki"
    name: str = ""  # empty: a dotted line to write the name on


@dataclass(frozen=True, slots=True)
class Document:
    title: str  # "DAFTAR PENERIMA BANTUAN IURAN …"
    subtitle: list[str]
    facts: list[tuple[str, str]]  # the heading: (label, value)
    sections: list[Section]
    footer: str  # what the document is, on every PDF page beside "Halaman X dari Y"
    signature: Signature | None = None
    landscape: bool = False
    sheet: str = "Laporan"  # the .xlsx sheet's name (31 characters at most)
