"""What-if scenarios for the budget planner: a period, an income and a package give one person's cost; a budget
gives the people it covers, a number of people the cost. With a program, its funding sources' amounts can be
changed and its cleared candidates are allocated under the scenario, so the cost falls per kecamatan and per
source as the real selection would (nothing is written).

Reads only: the rate tables through ``costs``, the program's candidates through ``selection_inputs``.
"""

import copy
from dataclasses import dataclass, field, replace
from decimal import Decimal

import polars as pl

from . import costs
from .allocation import AllocationInputError, allocate
from .models import FundingKind, Program, ProgramCategory
from .rates import CostError, PeriodCost, cost_for_people, people_for_budget
from .services.selection_inputs import SelectionInputs, selection_inputs


@dataclass
class Scenario:
    year: int
    start_month: int = 1
    months: int = 12
    income: Decimal = Decimal(1_000_000)
    jht: bool = False
    budget: Decimal | None = None  # used when there is no program with funding sources
    people: int | None = None
    program: Program | None = None
    source_budgets: dict[int, Decimal] = field(default_factory=dict)  # FundingSource pk → amount


@dataclass
class SourceLine:
    name: str
    budget: Decimal
    per_person: Decimal
    people: int
    spent: Decimal
    left: Decimal


@dataclass
class DistrictLine:
    name: str
    people: int
    cost: Decimal


@dataclass
class Outcome:
    scenario: Scenario
    cost: PeriodCost | None = None  # one person, paid from the APBD (the regency's own budget)
    budget: Decimal = Decimal(0)
    people: int = 0  # covered by the budget
    spent: Decimal = Decimal(0)
    cost_of_people: Decimal | None = None  # of ``scenario.people``
    sources: list[SourceLine] = field(default_factory=list)
    districts: list[DistrictLine] = field(default_factory=list)
    error: str = ""

    @property
    def left(self) -> Decimal:
        return self.budget - self.spent


def simulate(scenario: Scenario, *, candidates: SelectionInputs | None = None) -> Outcome:
    """The scenario's figures, or an ``Outcome`` whose ``error`` says (in Bahasa Indonesia) what to fix."""
    outcome = Outcome(scenario)
    program = _program_of(scenario)
    try:
        outcome.cost = costs.person_cost(program, FundingKind.APBD_KABUPATEN)
        if scenario.people is not None:
            outcome.cost_of_people = cost_for_people(scenario.people, outcome.cost.total)
        if scenario.program is not None and scenario.program.sources.exists():
            _allocate(outcome, program, candidates or selection_inputs(scenario.program))
        elif scenario.budget is not None:
            outcome.budget = scenario.budget
            outcome.people = people_for_budget(scenario.budget, outcome.cost.total)
            outcome.spent = cost_for_people(outcome.people, outcome.cost.total)
    except (CostError, AllocationInputError) as exc:
        outcome.error = " ".join(exc.problems) if isinstance(exc, AllocationInputError) else str(exc)
    return outcome


def _program_of(scenario: Scenario) -> Program:
    """The program as the scenario would have it (an unsaved copy: costs read its period and package)."""
    if scenario.program is not None:
        program = copy.copy(scenario.program)
    else:
        program = Program(category=ProgramCategory.PEKERJA_RENTAN, year=scenario.year)
    program.year, program.start_month, program.months = scenario.year, scenario.start_month, scenario.months
    program.declared_income, program.include_jht = scenario.income, scenario.jht
    return program


def _allocate(outcome: Outcome, program: Program, inputs: SelectionInputs) -> None:
    scenario = outcome.scenario
    tables = costs.rate_tables()
    per_kind: dict[str, PeriodCost] = {}
    sources = []
    for source in inputs.sources:
        kind_cost = per_kind.get(source.kind) or costs.person_cost(program, source.kind, tables=tables)
        per_kind[source.kind] = kind_cost
        budget = scenario.source_budgets.get(int(source.key), Decimal(source.budget))
        sources.append(replace(source, budget=int(budget), cost=int(kind_cost.total)))
    allocation = allocate(inputs.candidates, sources, inputs.quotas, inputs.weights)
    for source, use in zip(sources, allocation.sources, strict=True):
        outcome.sources.append(
            SourceLine(
                source.name,
                Decimal(source.budget),
                Decimal(source.cost),
                use.selected,
                Decimal(use.spent),
                Decimal(use.remaining),
            )
        )
    outcome.budget = sum((line.budget for line in outcome.sources), Decimal(0))
    outcome.people = sum(line.people for line in outcome.sources)
    outcome.spent = sum((line.spent for line in outcome.sources), Decimal(0))
    outcome.districts = _districts(allocation.decisions, inputs, {s.key: s.cost for s in sources})


def _districts(decisions: pl.DataFrame, inputs: SelectionInputs, cost: dict[str, int]) -> list[DistrictLine]:
    from jaring.regions.models import Region

    selected = decisions.filter(pl.col("outcome") == "selected").join(
        inputs.candidates.select("id", "district"), on="id"
    )
    selected = selected.with_columns(pl.col("source").replace_strict(cost, return_dtype=pl.Int64).alias("cost"))
    rows = selected.group_by("district").agg(pl.len().alias("people"), pl.col("cost").sum()).sort("district")
    names = dict(Region.objects.filter(code__in=rows["district"].to_list()).values_list("code", "name"))
    return [DistrictLine(names.get(d, d), n, Decimal(c)) for d, n, c in rows.iter_rows()]
