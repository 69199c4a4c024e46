"""What an allocation reads about a program: its candidates as the allocation's frame, its funding sources with
what one person costs each of them, its quotas and its priority weights. Reads only; unscoped on purpose (the
whole program is allocated at once; pages that show people scope their own reads)."""

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date

import polars as pl

from jaring.intake.models import Candidate, Source
from jaring.people.models import PersonGroup
from jaring.regions.models import Region
from jaring.verification.selectors import candidates_cleared
from jaring.verification.services.inputs import CLOSED

from .. import costs
from ..allocation import Quota as AllocQuota
from ..allocation import Source as AllocSource
from ..allocation import Weights
from ..allocation.contract import CANDIDATE_SCHEMA
from ..lifecycle import SelectionStatus
from ..models import Program, SelectionEntry, SelectionOutcome


@dataclass(frozen=True)
class SelectionInputs:
    program: Program
    candidates: pl.DataFrame
    people: dict[int, tuple[int, str]]  # candidate id → (person id, village code)
    sources: list[AllocSource]
    quotas: list[AllocQuota]
    weights: Weights
    not_cleared: dict[int, str]  # candidate id → verification status that kept them out

    def snapshot(self) -> dict:
        """JSON of what the allocation used besides the people, kept on the selection for anyone to check."""
        return {
            "period": {
                "year": self.program.year,
                "start_month": self.program.start_month,
                "months": self.program.months,
            },
            "income": str(self.program.declared_income),
            "sources": [_plain(asdict(s)) for s in self.sources],
            "quotas": [asdict(q) for q in self.quotas],
            "weights": _plain(asdict(self.weights)),
            "candidates_digest": self.digest(),
        }

    def digest(self) -> str:
        """A hash of the candidate frame: approval compares it with the data of the moment."""
        frame = self.candidates.sort("id").with_columns(pl.col("groups").list.sort().list.join(","))
        return hashlib.sha256(frame.write_csv().encode()).hexdigest()


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value


def selection_inputs(program: Program) -> SelectionInputs:
    """Everything ``allocate`` needs for a program, read now. Raises the rate tables' errors (a month without
    a rate, an income outside the range) before anything is computed."""
    per_payer = costs.program_costs(program)
    sources = [_source(s, per_payer[s.kind]) for s in program.sources.select_related("village").order_by("pk")]
    frame, people, not_cleared = _candidates(program)
    return SelectionInputs(program, frame, people, sources, quotas_of(program), weights_of(program), not_cleared)


def _source(source, cost) -> AllocSource:
    return AllocSource(
        key=str(source.pk),
        kind=source.kind,
        name=source.name,
        budget=int(source.amount),
        cost=int(cost.total),
        village=source.village_id,
        occupations=frozenset(source.occupations or ()),
        groups=frozenset(source.groups or ()),
    )


def quotas_of(program: Program) -> list[AllocQuota]:
    quotas = list(program.quotas.order_by("kind", "key"))
    names = dict(Region.objects.filter(code__in=[q.key for q in quotas]).values_list("code", "name"))
    return [
        AllocQuota(kind=q.kind, key=q.key, name=_quota_name(q, names), minimum=q.minimum, maximum=q.maximum)
        for q in quotas
    ]


def _quota_name(quota, names: dict[str, str]) -> str:
    from jaring.people.models import VulnerabilityGroup

    if quota.kind == "group":
        return str(dict(VulnerabilityGroup.choices).get(quota.key, quota.key))
    prefix = "Desa" if quota.kind == "village" else "Kecamatan"
    return f"{prefix} {names.get(quota.key, quota.key)}"


def weights_of(program: Program) -> Weights:
    priority = program.priority or {}
    return Weights(
        decile=float(priority.get("decile") or 0),
        groups={k: float(v) for k, v in (priority.get("groups") or {}).items()},
        occupations={k: float(v) for k, v in (priority.get("occupations") or {}).items()},
        carry_over=float(priority.get("carry_over") or 0),
        age=float(priority.get("age") or 0),
    )


def _candidates(program: Program) -> tuple[pl.DataFrame, dict[int, tuple[int, str]], dict[int, str]]:
    cleared = set(candidates_cleared(program).values_list("pk", flat=True))
    queryset = Candidate.objects.filter(program=program, regency_code=program.regency_id).exclude(status__in=CLOSED)
    rows = list(
        queryset.order_by("pk").values_list(
            "pk",
            "person_id",
            "village_id",
            "district_code",
            "source",
            "person__occupation",
            "person__welfare_decile",
            "person__birth_date",
            "verification__status",
        )
    )
    groups: dict[int, list[str]] = defaultdict(list)
    for person_id, group in PersonGroup.objects.filter(person__candidacies__program=program).values_list(
        "person_id", "group"
    ):
        groups[person_id].append(group)
    recipients = _last_recipients(program)
    start = date(program.year, program.start_month, 1)
    data, people, not_cleared = [], {}, {}
    for pk, person_id, village, district, source, occupation, decile, born, status in rows:
        carry = source == Source.CARRY_OVER or person_id in recipients
        age = _age(born, start) if born else None
        data.append(
            (pk, village, district, occupation or "", groups.get(person_id, []), decile, carry, age, pk in cleared)
        )
        people[pk] = (person_id, village)
        if pk not in cleared:
            not_cleared[pk] = status or "unverified"
    return pl.DataFrame(data, schema=CANDIDATE_SCHEMA, orient="row"), people, not_cleared


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _last_recipients(program: Program) -> set[int]:
    """People selected by the approved selection of the regency's most recent earlier program of the same
    category: last period's recipients, whom a carry-over weight favours."""
    earlier = (
        Program.objects.filter(regency_id=program.regency_id, category=program.category, year__lt=program.year)
        .filter(selections__status=SelectionStatus.APPROVED)
        .order_by("-year", "-pk")
        .first()
    )
    if earlier is None:
        return set()
    entries = SelectionEntry.objects.filter(
        selection__program=earlier, selection__status=SelectionStatus.APPROVED, outcome=SelectionOutcome.SELECTED
    )
    return set(entries.values_list("person_id", flat=True))


def candidates_digest(program: Program) -> str:
    """The digest of the program's candidate frame as the data stands now."""
    frame, _, _ = _candidates(program)
    return SelectionInputs(program, frame, {}, [], [], Weights(), {}).digest()


def plan_digest(snapshot: dict) -> str:
    """A hash of the planning part of a snapshot (sources, costs, quotas, weights, period)."""
    plan = {k: v for k, v in snapshot.items() if k != "candidates_digest"}
    return hashlib.sha256(json.dumps(plan, sort_keys=True, default=str).encode()).hexdigest()
