"""Reads of the dashboards: figures for a region scope (None: the whole nation) from ``CoverageFact``.

Each chart reads the rows of one level only: a province or the nation reads regency rows, a regency, kecamatan
or desa its own rows, and "per region" the rows of the level below. So a chart costs the same whether a
scope holds a thousand memberships or ten million. Aggregates only: nothing here returns a person.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Max, Q, QuerySet, Sum
from django.utils import timezone

from jaring.core.regioncodes import Level, level_of
from jaring.people.models import Occupation, VulnerabilityGroup
from jaring.programs.models import FundingKind, FundingSource, Program, ProgramCategory
from jaring.regions.models import Region

from .models import CoverageFact, FactDimension

#: Funding kinds as the roll-up groups them (NTT's report: village funds, APBD, others).
SOURCE_GROUPS = {
    FundingKind.APBD_KABUPATEN: "apbd",
    FundingKind.APBD_PROVINSI: "apbd",
    FundingKind.APBDES: "apbdes",
    FundingKind.DBHCHT: "other",
    FundingKind.DONASI: "other",
    FundingKind.CSR_BAZNAS: "other",
}
_LABELS = {
    FactDimension.SOURCE: dict(FundingKind.choices),
    FactDimension.GROUP: dict(VulnerabilityGroup.choices),
    FactDimension.OCCUPATION: dict(Occupation.choices),
}


@dataclass(frozen=True, slots=True)
class MonthRow:
    month: date
    members: int | None
    covered: int | None
    arrears: int | None
    billed: int | None
    paid: int | None
    billed_amount: Decimal | None
    paid_amount: Decimal | None


@dataclass(frozen=True, slots=True)
class RegionRow:
    code: str
    name: str
    members: int | None
    covered: int | None
    arrears: int | None
    #: member-months of the year up to the month billed, past due and unpaid: what the region owes now
    owed: int | None = 0


@dataclass(frozen=True, slots=True)
class KeyRow:
    key: str
    label: str
    members: int | None
    covered: int | None = None
    arrears: int | None = None


@dataclass(frozen=True, slots=True)
class AbsorptionRow:
    kind: str
    label: str
    allocated: Decimal | None
    billed: Decimal
    paid: Decimal


@dataclass(frozen=True, slots=True)
class RegencyFigures:
    regency_code: str
    regency_name: str
    year: int
    month: date | None
    has_program: bool
    budget_allocated: Decimal
    by_category: dict[str, int]
    by_source: dict[str, int]
    members: int
    covered: int
    arrears: int


def _under(code: str) -> Q:
    """Region codes below ``code`` as a range, not ``LIKE '35.%'``: a range walks the index on SQLite and on
    PostgreSQL whatever the collation, where LIKE scanned every row of the level (1 s at 1,000,000 memberships)."""
    return Q(region_code__gt=code + ".", region_code__lt=code + "/")  # "/" follows "." in ASCII


def _own_rows(code: str | None) -> QuerySet:
    """Rows that add up to the scope's own figures."""
    if code is None:
        return CoverageFact.objects.filter(level=Level.REGENCY)
    if level_of(code) == Level.PROVINCE:
        return CoverageFact.objects.filter(_under(code), level=Level.REGENCY)
    return CoverageFact.objects.filter(level=level_of(code), region_code=code)


def _in_year(rows: QuerySet, year: int) -> QuerySet:
    return rows.filter(month__gte=date(year, 1, 1), month__lt=date(year + 1, 1, 1))


def _measures(today: date) -> dict:
    return {
        "m": Sum("members"),
        "b": Sum("billed"),
        "p": Sum("paid"),
        "ba": Sum("billed_amount"),
        "pa": Sum("paid_amount"),
        "a": Sum(F("billed") - F("paid"), filter=Q(due_on__lt=today)),
    }


def latest_month(code: str | None, year: int) -> date | None:
    return _in_year(_own_rows(code), year).filter(dim=FactDimension.TOTAL).aggregate(m=Max("month"))["m"]


def over_time(code: str | None, year: int, today: date | None = None) -> list[MonthRow]:
    today = today or timezone.localdate()
    rows = _in_year(_own_rows(code), year).filter(dim=FactDimension.TOTAL).values("month")
    out = []
    for r in rows.annotate(**_measures(today)).order_by("month"):
        arrears = r["a"] or 0
        out.append(MonthRow(r["month"], r["m"], r["m"] - arrears, arrears, r["b"], r["p"], r["ba"], r["pa"]))
    return out


def _children(code: str | None) -> tuple[QuerySet, int]:
    """Rows one level below the scope, and how many characters of their code name the child (the nation's
    children are provinces, summed from regency rows)."""
    if code is None:
        return CoverageFact.objects.filter(level=Level.REGENCY), 2
    level = level_of(code)
    if level == Level.VILLAGE:
        return CoverageFact.objects.none(), 0
    child = Level.REGENCY if level == Level.PROVINCE else Level(level + 1)
    return CoverageFact.objects.filter(_under(code), level=child), len(code) + {2: 3, 3: 3, 4: 5}[child]


def by_region(code: str | None, year: int, month: date | None, today: date | None = None) -> list[RegionRow]:
    """The scope's children (provinces, regencies, kecamatan or desa) in the month, largest first."""
    if month is None:
        return []
    today = today or timezone.localdate()
    rows, width = _children(code)
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    grouped = rows.filter(dim=FactDimension.TOTAL, month=month).values("region_code")
    for r in grouped.annotate(m=Sum("members"), a=Sum(F("billed") - F("paid"), filter=Q(due_on__lt=today))):
        totals = sums[r["region_code"][:width]]
        totals[0] += r["m"]
        totals[1] += r["a"] or 0
    owed = _owed(rows, year, month, width, today)
    names = dict(Region.objects.filter(code__in=list(sums)).values_list("code", "name"))
    out = [RegionRow(c, names.get(c, c), m, m - a, a, owed.get(c, 0)) for c, (m, a) in sums.items()]
    return sorted(out, key=lambda r: (-r.members, r.code))


def _owed(rows: QuerySet, year: int, month: date, width: int, today: date) -> dict[str, int]:
    unpaid = _in_year(rows, year).filter(dim=FactDimension.TOTAL, month__lte=month, due_on__lt=today)
    out: dict[str, int] = defaultdict(int)
    for code, n in (
        unpaid.values("region_code").annotate(a=Sum(F("billed") - F("paid"))).values_list("region_code", "a")
    ):
        out[code[:width]] += n or 0
    return out


def by_dimension(code: str | None, year: int, month: date | None, dim: str, today: date | None = None) -> list[KeyRow]:
    """Memberships per funding source, group or occupation in the month (arrears: per source only, since
    invoices are per source)."""
    if month is None:
        return []
    today = today or timezone.localdate()
    rows = _own_rows(code).filter(dim=dim, month=month).values("key")
    labels = _LABELS.get(dim, {})
    out = []
    for r in rows.annotate(m=Sum("members"), a=Sum(F("billed") - F("paid"), filter=Q(due_on__lt=today))):
        arrears = (r["a"] or 0) if dim == FactDimension.SOURCE else None
        covered = r["m"] - arrears if arrears is not None else None
        out.append(KeyRow(r["key"], str(labels.get(r["key"], r["key"] or "—")), r["m"], covered, arrears))
    return sorted(out, key=lambda r: (-r.members, r.key))


def by_category(code: str | None, year: int, month: date | None) -> list[KeyRow]:
    """Memberships per kind of program (vulnerable workers, village officials, non-ASN staff) in the month."""
    if month is None:
        return []
    rows = _own_rows(code).filter(dim=FactDimension.TOTAL, month=month).values("program__category")
    labels = dict(ProgramCategory.choices)
    out = [
        KeyRow(r["program__category"], str(labels[r["program__category"]]), r["m"])
        for r in rows.annotate(m=Sum("members"))
    ]
    return sorted(out, key=lambda r: (-r.members, r.key))


def _sources_in(code: str | None) -> QuerySet:
    """Funding sources whose money belongs to the scope: a regency's or wider, or, below a regency, the
    APBDes of its desa (a regency's APBD cannot be split over kecamatan)."""
    sources = FundingSource.objects.all()
    if code is None:
        return sources
    if level_of(code) <= Level.REGENCY:
        return sources.filter(Q(program__regency__code=code) | Q(program__regency__code__startswith=code + "."))
    return sources.filter(Q(village__code=code) | Q(village__code__startswith=code + "."))


def absorption(code: str | None, year: int) -> list[AbsorptionRow]:
    """Per funding kind: the year's allocation, what was billed and what was paid."""
    allocated = dict(
        _sources_in(code).filter(program__year=year).values("kind").annotate(s=Sum("amount")).values_list("kind", "s")
    )
    facts = _in_year(_own_rows(code), year).filter(dim=FactDimension.SOURCE).values("key")
    billing = {r["key"]: r for r in facts.annotate(b=Sum("billed_amount"), p=Sum("paid_amount"))}
    labels = _LABELS[FactDimension.SOURCE]
    out = []
    for kind in FundingKind.values:
        if kind in allocated or kind in billing:
            b = billing.get(kind, {})
            out.append(
                AbsorptionRow(
                    kind, str(labels[kind]), allocated.get(kind), b.get("b") or Decimal(0), b.get("p") or Decimal(0)
                )
            )
    return out


def regency_figures(regency_code: str, year: int, today: date | None = None) -> RegencyFigures:
    """One regency's figures for the roll-up and for the signed summary file sent to a monitor."""
    programs = Program.objects.filter(regency_id=regency_code, year=year)
    budget = FundingSource.objects.filter(program__in=programs).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    month = latest_month(regency_code, year)
    name = Region.objects.filter(code=regency_code).values_list("name", flat=True).first() or regency_code
    by_source: dict[str, int] = dict.fromkeys(("apbd", "apbdes", "other"), 0)
    for row in by_dimension(regency_code, year, month, FactDimension.SOURCE, today):
        by_source[SOURCE_GROUPS[row.key]] += row.members
    totals = next((r for r in over_time(regency_code, year, today) if r.month == month), None)
    return RegencyFigures(
        regency_code=regency_code,
        regency_name=name,
        year=year,
        month=month,
        has_program=programs.exists(),
        budget_allocated=budget,
        by_category={r.key: r.members for r in by_category(regency_code, year, month)},
        by_source=by_source,
        members=totals.members if totals else 0,
        covered=totals.covered if totals else 0,
        arrears=totals.arrears if totals else 0,
    )
