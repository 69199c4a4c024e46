"""The dashboard's charts, each with the table it draws and exports: one place that decides what a chart
shows, so the page, its .xlsx export and the reports cannot disagree."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import dashboard as d
from .denominators import coverage_rate
from .models import BasisChoices, FactDimension
from .privacy import suppress, suppress_rows
from .selectors_denominators import denominators_for, target_for

#: slug → title, in the order of the page.
CHARTS = {
    "waktu": gettext_lazy("Covered workers over time"),
    "wilayah": gettext_lazy("Coverage per region"),
    "cakupan": gettext_lazy("Coverage rate against the workforce"),
    "sumber": gettext_lazy("Per funding source"),
    "kategori": gettext_lazy("Per kind of program"),
    "kelompok": gettext_lazy("Per group"),
    "pekerjaan": gettext_lazy("Per occupation"),
    "serapan": gettext_lazy("Budget absorption"),
    "tunggakan": gettext_lazy("Arrears per region (unpaid months so far)"),
}
_COUNTS = ("members", "covered", "arrears", "billed", "paid", "owed")
_AMOUNTS = ("billed_amount", "paid_amount")


@dataclass(slots=True)
class Chart:
    slug: str
    title: str
    kind: str  # Chart.js type: line, bar
    headers: list[str]
    rows: list[list]  # what the table shows and the .xlsx holds; None: withheld
    labels: list[str] = field(default_factory=list)
    datasets: list[dict] = field(default_factory=list)
    #: per row, the region code a click drills into (the per-region charts)
    links: list[str | None] = field(default_factory=list)
    empty: str = ""
    #: columns whose empty cell is a withheld count (or a figure computed from one), not a missing figure
    withheld: frozenset[int] = frozenset()

    @property
    def table(self) -> list[tuple[list, str | None]]:
        return list(zip(self.rows, self.links or [None] * len(self.rows), strict=True))

    def data(self) -> dict:
        return {"type": self.kind, "labels": self.labels, "datasets": self.datasets}


@dataclass(frozen=True, slots=True)
class Filters:
    code: str | None
    year: int
    month: date | None
    aggregate_only: bool


def _hide(rows: list, aggregate_only: bool) -> list:
    if not aggregate_only:
        return rows
    return suppress_rows(rows, _COUNTS, _AMOUNTS, settings.MONITORING_MIN_CELL)


def _month_label(month: date) -> str:
    return date_format(month, "M Y")


def _over_time(f: Filters) -> Chart:
    rows = _hide(d.over_time(f.code, f.year), f.aggregate_only)
    labels = [_month_label(r.month) for r in rows]
    return Chart(
        "waktu",
        str(CHARTS["waktu"]),
        "line",
        [_("Month"), _("Memberships"), _("Covered"), _("In arrears"), _("Billed (Rp)"), _("Paid (Rp)")],
        [[r.month, r.members, r.covered, r.arrears, r.billed_amount, r.paid_amount] for r in rows],
        labels,
        [
            {"label": _("Memberships"), "data": [r.members for r in rows]},
            {"label": _("Covered"), "data": [r.covered for r in rows]},
            {"label": _("In arrears"), "data": [r.arrears for r in rows]},
        ],
        empty=_("No memberships in this year yet."),
        withheld=frozenset({1, 2, 3, 4, 5}),
    )


def _regions(f: Filters, slug: str, rows: list[d.RegionRow]) -> Chart:
    rows = _hide(rows, f.aggregate_only)
    if slug == "tunggakan":
        rows = [r for r in rows if r.owed != 0]
        rows.sort(key=lambda r: -(r.owed or 0))
        series = [{"label": _("Member-months unpaid past due"), "data": [r.owed for r in rows]}]
    else:
        series = [
            {"label": _("Memberships"), "data": [r.members for r in rows]},
            {"label": _("Covered"), "data": [r.covered for r in rows]},
        ]
    return Chart(
        slug,
        str(CHARTS[slug]),
        "bar",
        [_("Region"), _("Code"), _("Memberships"), _("Covered"), _("In arrears")]
        + ([_("Member-months unpaid past due")] if slug == "tunggakan" else []),
        [[r.name, r.code, r.members, r.covered, r.arrears] + ([r.owed] if slug == "tunggakan" else []) for r in rows],
        [r.name for r in rows],
        series,
        links=[r.code if len(r.code) > 2 or f.code is None else None for r in rows],
        empty=_("Nothing unpaid past its due date.") if slug == "tunggakan" else _("No region below has figures."),
        withheld=frozenset({2, 3, 4, 5}),
    )


def _keys(f: Filters, slug: str, rows: list[d.KeyRow]) -> Chart:
    rows = _hide(rows, f.aggregate_only)
    with_arrears = slug == "sumber"
    headers = [_("Value"), _("Memberships")] + ([_("Covered"), _("In arrears")] if with_arrears else [])
    return Chart(
        slug,
        str(CHARTS[slug]),
        "bar",
        headers,
        [[r.label, r.members] + ([r.covered, r.arrears] if with_arrears else []) for r in rows],
        [r.label for r in rows],
        [{"label": _("Memberships"), "data": [r.members for r in rows]}],
        empty=_("No figures for this month."),
        withheld=frozenset({1, 2, 3}),
    )


def _absorption(f: Filters) -> Chart:
    rows = d.absorption(f.code, f.year)

    def share(r: d.AbsorptionRow) -> Decimal | None:
        return (r.paid * 100 / r.allocated).quantize(Decimal("0.1")) if r.allocated else None

    return Chart(
        "serapan",
        str(CHARTS["serapan"]),
        "bar",
        [_("Funding source"), _("Allocated (Rp)"), _("Billed (Rp)"), _("Paid (Rp)"), _("Absorbed (%)")],
        [[r.label, r.allocated, r.billed, r.paid, share(r)] for r in rows],
        [r.label for r in rows],
        [
            {"label": _("Allocated (Rp)"), "data": [float(r.allocated) if r.allocated else None for r in rows]},
            {"label": _("Billed (Rp)"), "data": [float(r.billed) for r in rows]},
            {"label": _("Paid (Rp)"), "data": [float(r.paid) for r in rows]},
        ],
        empty=_("No funding source in this year."),
    )


@dataclass(frozen=True, slots=True)
class Rate:
    """The scope's coverage rate: covered workers as a share of the workforce the regency loaded."""

    covered: int | None
    denominator: int | None
    percent: Decimal | None
    target: Decimal | None
    basis: str

    def get_basis_display(self) -> str:
        return str(dict(BasisChoices.choices)[self.basis]).lower()


def _target(code: str | None) -> tuple[Decimal | None, str]:
    """A regency's own target and basis; a province or the nation has no single target."""
    if code is None or len(code) < 5:
        return None, BasisChoices.INFORMAL
    target = target_for(code[:5])
    return target.target_percent, target.basis


def _rate_of(covered: int | None, denominator: int | None, aggregate_only: bool) -> Decimal | None:
    """A withheld count's rate is withheld too: rate × denominator gives the count back."""
    if aggregate_only and suppress(covered, settings.MONITORING_MIN_CELL) is None:
        return None
    return coverage_rate(covered, denominator)


def owed_so_far(f: Filters) -> int | None:
    """Member-months of the year up to the chosen month that are past due and unpaid: what the scope owes."""
    if f.month is None:
        return None
    owed = sum(r.arrears or 0 for r in d.over_time(f.code, f.year) if r.month <= f.month)
    return suppress(owed, settings.MONITORING_MIN_CELL) if f.aggregate_only else owed


def scope_rate(f: Filters, covered: int | None) -> Rate:
    target, basis = _target(f.code)
    denominator = denominators_for([f.code], f.year, basis)[f.code]
    return Rate(covered, denominator, _rate_of(covered, denominator, f.aggregate_only), target, basis)


def _coverage(f: Filters, regions: list[d.RegionRow]) -> Chart:
    target, basis = _target(f.code)
    denominators = denominators_for([r.code for r in regions], f.year, basis)
    shown = _hide(regions, f.aggregate_only)
    # A withheld count's rate goes with it, whether small or its complement: rate × denominator gives it back.
    rates = [
        None if s.covered is None else coverage_rate(r.covered, denominators.get(r.code))
        for r, s in zip(regions, shown, strict=True)
    ]
    label = str(dict(BasisChoices.choices)[basis])
    datasets = [{"label": _("Coverage (%)"), "data": [float(r) if r is not None else None for r in rates]}]
    if target is not None:
        datasets.append(
            {"label": _("Target (%)"), "data": [float(target)] * len(regions), "type": "line", "target": True}
        )
    return Chart(
        "cakupan",
        str(CHARTS["cakupan"]),
        "bar",
        [_("Region"), _("Code"), _("Covered"), label, _("Coverage (%)"), _("Target (%)")],
        [
            [r.name, r.code, r.covered, denominators.get(r.code), rate, target]
            for r, rate in zip(shown, rates, strict=True)
        ],
        [r.name for r in regions],
        datasets,
        links=[r.code if len(r.code) > 2 or f.code is None else None for r in regions],
        empty=_("No region below has figures."),
        withheld=frozenset({2, 4}),
    )


def chart(slug: str, f: Filters, cache: dict | None = None) -> Chart:
    cache = {} if cache is None else cache
    if slug == "waktu":
        return _over_time(f)
    if slug in ("wilayah", "tunggakan", "cakupan"):
        if "regions" not in cache:
            cache["regions"] = d.by_region(f.code, f.year, f.month)
        regions = cache["regions"]
        return _coverage(f, regions) if slug == "cakupan" else _regions(f, slug, regions)
    if slug == "serapan":
        return _absorption(f)
    if slug == "kategori":
        return _keys(f, slug, d.by_category(f.code, f.year, f.month))
    dim = {"sumber": FactDimension.SOURCE, "kelompok": FactDimension.GROUP, "pekerjaan": FactDimension.OCCUPATION}
    return _keys(f, slug, d.by_dimension(f.code, f.year, f.month, dim[slug]))


def all_charts(f: Filters) -> list[Chart]:
    cache: dict = {}
    return [chart(slug, f, cache) for slug in CHARTS]
