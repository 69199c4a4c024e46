"""The coverage report of a region for a year: the dashboard's tables on paper, with a summary. No Django.

The tables arrive built from the dashboard's own charts (``reports.selectors.coverage``), so the report and the
page a monitor looks at cannot disagree; here they get a heading, a sentence of summary and, in an
aggregate-only report, the note that says why some counts read "x".
"""

from dataclasses import dataclass
from datetime import date, datetime

from jaring.programs.rates.words import month_name

from ...privacy import MARK
from .cells import printed, printed_at
from .model import Document, Kind, Section, Table, Withheld

Count = int | Withheld | None


@dataclass(frozen=True, slots=True)
class CoverageData:
    scope: str  # "Kabupaten Trenggalek", "Provinsi Jawa Timur", "Indonesia"
    code: str | None
    year: int
    month: date | None  # the latest month with figures
    printed_at: datetime
    printed_by: str
    aggregate_only: bool
    threshold: int
    members: Count  # in ``month``
    covered: Count
    arrears: Count
    tables: list[tuple[str, Table]]


def coverage_document(data: CoverageData) -> Document:
    sections = [Section("Ringkasan", [summary(data)])]
    sections += [Section(title, table=table) for title, table in data.tables]
    if data.aggregate_only:
        sections[-1] = _with_note(sections[-1], withheld_note(data.threshold))
    where = f"{data.scope} ({data.code})" if data.code else data.scope
    return Document(
        title="LAPORAN CAKUPAN KEPESERTAAN BPJS KETENAGAKERJAAN",
        subtitle=[data.scope.upper(), f"TAHUN {data.year}"],
        facts=[
            ("Wilayah", where),
            ("Tahun", str(data.year)),
            ("Bulan terakhir", month_name(data.month) if data.month else "belum ada data"),
            ("Versi", "agregat (angka kecil disamarkan)" if data.aggregate_only else "lengkap, untuk dinas"),
            ("Dicetak", f"{printed_at(data.printed_at)} oleh {data.printed_by}"),
        ],
        sections=sections,
        footer=f"Laporan cakupan {where}, tahun {data.year}",
        landscape=True,
        sheet="Cakupan",
    )


def summary(data: CoverageData) -> str:
    """ "Pada Mei 2026, 3.050 kepesertaan berlaku di Kabupaten Trenggalek: 3.009 terlindungi (iurannya lunas
    atau belum jatuh tempo) dan 41 menunggak iuran." """
    if data.month is None:
        return f"Belum ada kepesertaan yang tercatat di {data.scope} pada tahun {data.year}."
    members, covered, arrears = (printed(n, Kind.COUNT) for n in (data.members, data.covered, data.arrears))
    return (
        f"Pada {month_name(data.month)}, {members} kepesertaan berlaku di {data.scope}: {covered} terlindungi "
        f"(iurannya lunas atau belum jatuh tempo) dan {arrears} menunggak iuran."
    )


def withheld_note(threshold: int) -> str:
    return (
        f"Angka 1 sampai {threshold - 1} ditulis {MARK} agar tidak ada orang yang dapat dikenali dari laporan agregat. "
        "Bila hanya satu angka dalam satu kelompok yang disembunyikan, angka terkecil lain di kelompok itu juga "
        f"ditulis {MARK}, agar angka kecil itu tidak dapat dihitung dari jumlahnya. Jumlah uang pada baris itu juga "
        "tidak ditulis."
    )


def _with_note(section: Section, note: str) -> Section:
    return Section(section.title, section.paragraphs, section.table, [*section.notes, note])
