"""A chart's table as an .xlsx file: the numbers as numbers, months as months, withheld figures as "x"."""

from datetime import date
from decimal import Decimal
from typing import IO

from jaring.core.spreadsheet import new_workbook, write_row

from .charts import Chart
from .privacy import mark


def write_chart(target: IO[bytes], chart: Chart, heading: list[str]) -> None:
    """``heading``: lines above the table (scope, year, month, when the figures were computed)."""
    book = new_workbook(target)
    sheet = book.add_worksheet(chart.slug[:31])
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True})
    month = book.add_format({"num_format": "mmm yyyy"})
    number = book.add_format({"num_format": "#,##0"})
    decimal = book.add_format({"num_format": "#,##0.0"})
    withheld = book.add_format({"align": "right"})
    write_row(sheet, 0, [chart.title], bold)
    for i, line in enumerate(heading, start=1):
        write_row(sheet, i, [line])
    top = len(heading) + 2
    write_row(sheet, top, chart.headers, header)
    for r, values in enumerate(chart.rows, start=top + 1):
        formats = {}
        cells = []
        for c, value in enumerate(values):
            if value is None and c in chart.withheld:
                value, formats[c] = mark(), withheld
            elif value is None:
                value, formats[c] = "—", withheld
            elif isinstance(value, date):
                formats[c] = month
            elif isinstance(value, Decimal) and value != value.to_integral():
                formats[c] = decimal
            elif isinstance(value, int | Decimal):
                formats[c] = number
            cells.append(value)
        write_row(sheet, r, cells, formats=formats)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, len(chart.headers), 16)
    book.close()
