"""Reads of the workforce denominators and the coverage target. Aggregates only: no person is read here.

``denominators_for`` answers any number of regions in one or two queries: the rows of the regencies concerned
are read once and resolved in memory (``monitoring.denominators.resolve``), which a regency's few hundred rows
allow.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from jaring.accounts.scoping import can_plan, can_verify
from jaring.core.regioncodes import Level, level_of
from jaring.regions.models import Region

from .denominators import Basis, resolve
from .models import CoverageTarget, WorkforceDenominator


def may_load_denominators(user) -> bool:
    """Verifiers (Disnaker) and planners (Bappeda) load the figures the rate divides by."""
    return can_verify(user) or can_plan(user)


def regions_of(regency_code: str) -> dict[str, str]:
    """Code → name of the regency and every kecamatan and desa/kelurahan in it."""
    found = Region.objects.filter(Q(code=regency_code) | Q(code__startswith=regency_code + "."))
    return dict(found.values_list("code", "name"))


def target_for(regency_code: str) -> CoverageTarget:
    """The regency's target, or the defaults (100%, informal workers) unsaved when it set none."""
    found = CoverageTarget.objects.filter(regency_id=regency_code).first()
    return found or CoverageTarget(regency_id=regency_code)


def denominators_for(codes: list[str | None], year: int, basis: str | None = None) -> dict[str | None, int | None]:
    """Each code's denominator (None: none loaded under it) for ``basis``, from each regency's latest year of
    figures up to ``year`` (BPS publishes a year late). Without ``basis``: the target's basis of the one regency
    all codes lie in, else informal workers. ``None`` in ``codes`` is the whole nation."""
    if basis is None:
        basis = _basis_of(codes)
    column = "informal_workers" if basis == Basis.INFORMAL else "workers"
    rows = WorkforceDenominator.objects.filter(_regencies_q(codes), year__lte=year, **{f"{column}__isnull": False})
    by_year: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for regency, row_year, code, value in rows.values_list("regency_code", "year", "region_code", column):
        by_year[regency][row_year][code] = value
    values = {code: value for years in by_year.values() for code, value in years[max(years)].items()}
    return resolve(values, codes)


def _basis_of(codes: list[str | None]) -> str:
    regencies = {code[:5] if code and level_of(code) >= Level.REGENCY else None for code in codes}
    if len(regencies) == 1 and (regency := regencies.pop()) is not None:
        return target_for(regency).basis
    return Basis.INFORMAL


def _regencies_q(codes: list[str | None]) -> Q:
    if None in codes:
        return Q()
    regencies = {code[:5] for code in codes if level_of(code) >= Level.REGENCY}
    q = Q(regency_code__in=sorted(regencies))
    for province in {code for code in codes if level_of(code) == Level.PROVINCE}:
        q |= Q(regency_code__startswith=province + ".")
    return q


def denominator_year(regency_code: str, year: int) -> int | None:
    """The year whose figures ``denominators_for`` uses for this regency and ``year``, for the chart's label."""
    rows = WorkforceDenominator.objects.filter(regency_code=regency_code, year__lte=year)
    return rows.order_by("-year").values_list("year", flat=True).first()


@dataclass(frozen=True, slots=True)
class LoadedRow:
    code: str
    name: str
    level: int
    workers: int
    informal: int | None
    source: str
    loaded_at: datetime
    loaded_by: str


def loaded_rows(regency_code: str, year: int) -> list[LoadedRow]:
    """The rows loaded for the regency and year, kecamatan before their desa, with the regions' names."""
    names = regions_of(regency_code)
    rows = WorkforceDenominator.objects.filter(regency_code=regency_code, year=year).order_by("region_code")
    fields = ("region_code", "workers", "informal_workers", "source", "loaded_at", "loaded_by__username")
    return [
        LoadedRow(code, names.get(code, code), level_of(code), workers, informal, source, at, by or "sistem")
        for code, workers, informal, source, at, by in rows.values_list(*fields)
    ]


def loaded_years(regency_code: str) -> list[tuple[int, int]]:
    """(year, regions loaded) for every year the regency has figures, latest first."""
    rows = WorkforceDenominator.objects.filter(regency_code=regency_code).values_list("year")
    return list(rows.annotate(n=Count("id")).order_by("-year"))


def regency_totals(regency_code: str, rows: list[LoadedRow]) -> tuple[int | None, int | None]:
    """The regency's workers and informal workers from one year's rows: its own row, else the sum beneath it."""
    workers = resolve({r.code: r.workers for r in rows}, [regency_code])[regency_code]
    informal = resolve({r.code: r.informal for r in rows if r.informal is not None}, [regency_code])[regency_code]
    return workers, informal


def villages_of(regency_code: str) -> list[tuple[str, str, str]]:
    """(code, kecamatan name, desa/kelurahan name) of every village of the regency, in code order."""
    found = Region.objects.filter(code__startswith=regency_code + ".", level=Level.VILLAGE).order_by("code")
    return list(found.values_list("code", "parent__name", "name"))
