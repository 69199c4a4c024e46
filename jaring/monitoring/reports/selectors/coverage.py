"""The coverage report's figures: the dashboard's charts for the scope and year (``monitoring.charts``), turned
into report tables. Aggregates only; small counts withheld in an aggregate-only report, as on the dashboard."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings

from jaring.core.regioncodes import Level, level_of
from jaring.regions.models import Region, RegionKind

from ...charts import Chart, Filters, all_charts
from ...dashboard import latest_month, over_time
from ...privacy import suppress_figures
from ..documents.coverage_report import CoverageData
from ..documents.model import Column, Kind, Table, Withheld


def scope_title(code: str | None) -> str:
    """ "Indonesia", "Provinsi Jawa Timur", "Kabupaten Trenggalek", "Kecamatan Panggul", "Desa Besuki"."""
    if code is None:
        return "Indonesia"
    region = Region.objects.filter(code=code).first()
    if region is None:
        return code
    level = level_of(code)
    if level == Level.PROVINCE:
        return f"Provinsi {region.name}"
    if level == Level.DISTRICT:
        return f"Kecamatan {region.name}"
    if level == Level.VILLAGE:
        return f"{'Kelurahan' if region.kind == RegionKind.KELURAHAN else 'Desa'} {region.name}"
    return region.name


def coverage_data(
    *, code: str | None, year: int, aggregate_only: bool, printed_at: datetime, printed_by: str
) -> CoverageData:
    threshold = settings.MONITORING_MIN_CELL
    month = latest_month(code, year)
    charts = all_charts(Filters(code, year, month, aggregate_only))
    totals = next((r for r in over_time(code, year) if r.month == month), None)
    found = {name: getattr(totals, name) if totals else 0 for name in ("members", "covered", "arrears")}
    shown = suppress_figures(found, [("covered", "arrears")], threshold) if aggregate_only else found

    def count(name: str):
        return _withheld(shown[name], found[name], threshold)

    return CoverageData(
        scope=scope_title(code),
        code=code,
        year=year,
        month=month,
        printed_at=printed_at,
        printed_by=printed_by,
        aggregate_only=aggregate_only,
        threshold=threshold,
        members=count("members"),
        covered=count("covered"),
        arrears=count("arrears"),
        tables=[(chart.title, chart_table(chart, threshold, aggregate_only)) for chart in charts],
    )


def _withheld(shown, original, threshold: int):
    return Withheld(threshold) if shown is None and original is not None else shown


def chart_table(chart: Chart, threshold: int, aggregate_only: bool) -> Table:
    """A chart's table as a report table: each column's kind read from its values, withheld cells marked."""
    kinds = [_kind(header, [row[i] for row in chart.rows]) for i, header in enumerate(chart.headers)]
    columns = [Column(h, k, 30 if i == 0 else 14) for i, (h, k) in enumerate(zip(chart.headers, kinds, strict=True))]
    withheld = chart.withheld if aggregate_only else frozenset()
    rows = [_marked(row, withheld, threshold) for row in chart.rows]
    return Table(columns, rows, empty=chart.empty or "Tidak ada data.")


def _marked(row: list, withheld: frozenset[int], threshold: int) -> list:
    return [Withheld(threshold) if i in withheld and value is None else value for i, value in enumerate(row)]


def _kind(header: str, values: list) -> Kind:
    found = next((v for v in values if v is not None), None)
    if isinstance(found, date):
        return Kind.MONTH
    if isinstance(found, Decimal):
        return Kind.PERCENT if "%" in header else Kind.MONEY
    if isinstance(found, int):
        return Kind.COUNT
    return Kind.TEXT
