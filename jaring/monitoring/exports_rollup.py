"""The roll-up table as an .xlsx file: counts as numbers, withheld ones as "x", rupiah formatted, a totals row."""

from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.core.spreadsheet import new_workbook, write_row

from .privacy import mark
from .selectors_rollup import Origin, Rollup, RollupRow


def headers() -> list[str]:
    return [
        _("Code"), _("Regency/city"), _("Source of figures"), _("Vulnerable workers"), _("Village officials"),
        _("Non-ASN staff"), _("APBD"), _("APBDes"), _("Other sources"), _("Total covered"), _("Budget allocated"),
        _("No program this year"), _("No budget"),
    ]  # fmt: skip


def origin_label(row: RollupRow) -> str:
    if row.origin == Origin.LOCAL:
        return _("Local data")
    if row.origin == Origin.IMPORTED:
        return _("Imported %(date)s") % {"date": f"{timezone.localtime(row.imported_at):%d-%m-%Y}"}
    return _("No data")


def _flags(row: RollupRow) -> list[str]:
    yes = _("yes")
    return [yes if row.no_program else "", yes if row.no_budget else ""]


def write_rollup(target: IO[bytes], result: Rollup, heading: list[str]) -> None:
    book = new_workbook(target)
    sheet = book.add_worksheet(_("Roll-up")[:31])
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True})
    number = book.add_format({"num_format": "#,##0"})
    rupiah = book.add_format({"num_format": '"Rp"#,##0'})
    withheld = book.add_format({"align": "right"})
    for i, line in enumerate(heading):
        write_row(sheet, i, [line], bold if i == 0 else None)
    top = len(heading) + 1
    write_row(sheet, top, headers(), header)
    known = [(row, [row.code, row.name, origin_label(row)]) for row in result.rows]
    known.append((result.totals, ["", _("Total"), ""]))
    for r, (row, first) in enumerate(known, start=top + 1):
        has_figures = row.origin != Origin.NONE or row is result.totals
        counts = [(c if c is not None else mark()) if has_figures else "" for c in row.counts]
        budget = row.budget_allocated if has_figures else ""
        cells = [*first, *counts, budget, *(_flags(row) if row is not result.totals else ["", ""])]
        formats = {i: number if isinstance(v, int) else withheld for i, v in enumerate(cells) if 3 <= i <= 9}
        write_row(sheet, r, cells, formats=formats | {10: rupiah})
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 2, 26)
    sheet.set_column(3, 12, 14)
    book.close()
