"""The roll-up a provincial or national monitor reads (issue #8 point 3): one row for every regency and city of
the scope, from this instance's own figures where it runs the regency's program, else from the signed summary
the regency sent, else "no data". Aggregates only, and counts of 1–4 withheld (None), whoever reads them.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.db.models import Q

from jaring.core.regioncodes import Level, level_of
from jaring.programs.models import Program
from jaring.regions.models import Region

from .dashboard import regency_figures
from .models import RegencySummary
from .privacy import suppress, suppress_figures

#: The categories and sources the roll-up shows as columns (NTT's and Kemendagri's questions).
CATEGORIES = ("pekerja_rentan", "perangkat_desa", "non_asn")
SOURCES = ("apbd", "apbdes", "other")


class Origin(StrEnum):
    LOCAL = "local"
    IMPORTED = "imported"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class RollupRow:
    code: str
    name: str
    origin: Origin
    imported_at: datetime | None = None
    has_program: bool | None = None
    budget_allocated: Decimal | None = None
    by_category: dict[str, int | None] = field(default_factory=dict)
    by_source: dict[str, int | None] = field(default_factory=dict)
    members: int | None = None

    @property
    def no_program(self) -> bool:
        return self.has_program is False

    @property
    def no_budget(self) -> bool:
        return bool(self.has_program) and not self.budget_allocated

    @property
    def counts(self) -> list[int | None]:
        """The count columns in table order: categories, sources, total."""
        return [*(self.by_category.get(k) for k in CATEGORIES), *(self.by_source.get(k) for k in SOURCES), self.members]


@dataclass(frozen=True, slots=True)
class Rollup:
    scope_code: str | None
    year: int
    rows: list[RollupRow]
    totals: RollupRow
    #: Some counts were withheld, so the totals leave them out.
    partial: bool

    @property
    def tally(self) -> dict[str, int]:
        """How many regencies come from each origin, and how many have no program or no budget."""
        found = {origin.value: sum(r.origin == origin for r in self.rows) for origin in Origin}
        return found | {
            "no_program": sum(r.no_program for r in self.rows),
            "no_budget": sum(r.no_budget for r in self.rows),
        }


def _regencies(scope_code: str | None):
    regions = Region.objects.filter(level=Level.REGENCY)
    if scope_code is not None and level_of(scope_code) >= Level.REGENCY:
        regions = regions.filter(code=scope_code[:5])
    elif scope_code is not None:
        regions = regions.filter(code__startswith=scope_code + ".")
    return regions.order_by("code").values_list("code", "name")


def _in_scope(scope_code: str | None, column: str) -> Q:
    if scope_code is None:
        return Q()
    return Q(**{column: scope_code[:5]}) | Q(**{f"{column}__startswith": scope_code + "."})


def rollup(scope_code: str | None, year: int, *, threshold: int | None = None) -> Rollup:
    threshold = threshold or settings.MONITORING_MIN_CELL
    programs = Program.objects.filter(_in_scope(scope_code, "regency__code"))
    this_year = set(programs.filter(year=year).values_list("regency_id", flat=True))
    ever = set(programs.values_list("regency_id", flat=True))
    held = {s.regency_code: s for s in RegencySummary.objects.filter(_in_scope(scope_code, "regency_code"), year=year)}
    rows = []
    for code, name in _regencies(scope_code):
        if code in this_year or (code in ever and code not in held):
            rows.append(_local(code, name, year, threshold))
        elif code in held:
            rows.append(_imported(held[code], name, threshold))
        else:
            rows.append(RollupRow(code, name, Origin.NONE))
    totals, partial = _totals(rows, threshold)
    return Rollup(scope_code, year, rows, totals, partial)


def _local(code: str, name: str, year: int, threshold: int) -> RollupRow:
    f = regency_figures(code, year)
    return RollupRow(
        code,
        name,
        Origin.LOCAL,
        has_program=f.has_program,
        budget_allocated=f.budget_allocated,
        by_category=suppress_figures({k: f.by_category.get(k, 0) for k in CATEGORIES}, [CATEGORIES], threshold),
        by_source=suppress_figures({k: f.by_source.get(k, 0) for k in SOURCES}, [SOURCES], threshold),
        members=suppress(f.members, threshold),
    )


def _imported(s: RegencySummary, name: str, threshold: int) -> RollupRow:
    # Withheld again here: a sender with a lower threshold must not lower ours.
    return RollupRow(
        s.regency_code,
        name,
        Origin.IMPORTED,
        imported_at=s.imported_at,
        has_program=s.has_program,
        budget_allocated=s.budget_allocated,
        by_category=suppress_figures({k: s.by_category.get(k, 0) for k in CATEGORIES}, [CATEGORIES], threshold),
        by_source=suppress_figures({k: s.by_source.get(k, 0) for k in SOURCES}, [SOURCES], threshold),
        members=suppress(s.members, threshold),
    )


def _sum(values: list[int | None], threshold: int) -> tuple[int | None, bool]:
    """The sum of the shown counts (withheld ones left out, so nothing withheld can be worked back), itself
    withheld when small."""
    total = sum(v for v in values if v is not None)
    return suppress(total, threshold), any(v is None for v in values)


def _totals(rows: list[RollupRow], threshold: int) -> tuple[RollupRow, bool]:
    known = [r for r in rows if r.origin != Origin.NONE]
    width = len(CATEGORIES) + len(SOURCES) + 1
    sums = [_sum(list(column), threshold) for column in zip(*(r.counts for r in known), strict=True)] or [
        (0, False)
    ] * width
    values = [total for total, _ in sums]
    totals = RollupRow(
        "",
        "",
        Origin.NONE,
        has_program=any(r.has_program for r in known),
        budget_allocated=sum((r.budget_allocated for r in known), Decimal(0)),
        by_category=dict(zip(CATEGORIES, values[: len(CATEGORIES)], strict=True)),
        by_source=dict(zip(SOURCES, values[len(CATEGORIES) : -1], strict=True)),
        members=values[-1],
    )
    return totals, any(withheld for _, withheld in sums)
