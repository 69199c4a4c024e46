"""What a verification run reads: the program's candidates as a frame, the registry, coverage, groups."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
from django.apps import apps

from jaring.civil.models import CivilRecord
from jaring.intake.lifecycle import CandidateStatus
from jaring.intake.models import Candidate
from jaring.people.models import Coverage, PersonGroup

from ..rules import CoverageFact

DEFAULT_PAYER = "apbd_kabupaten"

#: Candidates out of the running: nothing is verified for them any more.
CLOSED = (CandidateStatus.WITHDRAWN, CandidateStatus.REJECTED)
CANDIDATE_SCHEMA = {
    "id": pl.Int64,
    "nik": pl.Utf8,
    "full_name": pl.Utf8,
    "birth_date": pl.Date,
    "sex": pl.Utf8,
    "village": pl.Utf8,
}
_FIELDS = (
    "id",
    "person__nik",
    "person__full_name",
    "person__birth_date",
    "person__sex",
    "person__village_id",
    "person_id",
    "person__occupation",
    "person__welfare_decile",
    "village_id",
    "source",
    "created_at",
)
LOOKUP_CHUNK = 5000
#: Membership statuses BPJS counts as membership (enrollment.lifecycle.CURRENT) and what a fact takes from one.
CURRENT_MEMBERSHIPS = ("pending", "active", "lapsed")
_MEMBERSHIP_FACT = ("person_id", "source__kind", "program__segment", "start", "end")


@dataclass(frozen=True, slots=True)
class CandidateRow:
    id: int
    nik: str
    full_name: str
    birth_date: date | None
    sex: str
    person_village: str
    person_id: int
    occupation: str
    decile: int | None
    village: str
    source: str
    created_at: datetime


@dataclass
class Inputs:
    candidates: list[CandidateRow]
    groups: dict[int, frozenset[str]] = field(default_factory=dict)
    coverage: dict[int, list[CoverageFact]] = field(default_factory=dict)
    #: Who pays this program (its funding sources' kinds): coverage by one of them is the program's own.
    payers: frozenset[str] = frozenset({DEFAULT_PAYER})

    def frame(self) -> pl.DataFrame:
        rows = [(c.id, c.nik, c.full_name, c.birth_date, c.sex or None, c.person_village) for c in self.candidates]
        return pl.DataFrame(rows, schema=CANDIDATE_SCHEMA, orient="row")


def load_inputs(program) -> Inputs:
    """The program's open candidates in its regency, with their people's groups and known coverage."""
    queryset = Candidate.objects.filter(program=program, regency_code=program.regency_id).exclude(status__in=CLOSED)
    candidates = [CandidateRow(*row) for row in queryset.order_by("id").values_list(*_FIELDS)]
    in_program = {"person__candidacies__program": program}
    groups: dict[int, set[str]] = defaultdict(set)
    for person_id, group in PersonGroup.objects.filter(**in_program).values_list("person_id", "group"):
        groups[person_id].add(group)
    coverage: dict[int, list[CoverageFact]] = defaultdict(list)
    rows = Coverage.objects.filter(**in_program).values_list("person_id", "payer", "segment", "start", "end")
    for person_id, *fact in rows:
        coverage[person_id].append(CoverageFact(*fact))
    for person_id, *fact in _memberships(program).values_list(*_MEMBERSHIP_FACT):
        coverage[person_id].append(CoverageFact(*fact))
    return Inputs(candidates, {k: frozenset(v) for k, v in groups.items()}, dict(coverage), program_payers(program))


def _memberships(program):
    """Memberships Jaring itself registered with BPJS for the program's candidates in *other* programs, current
    ones only (pending, active or lapsed: enrollment.lifecycle.CURRENT). The program's own memberships are its
    result, not coverage by someone else; counting them would also change every member's fingerprint and send
    decided results back to review. Enrollment sits above verification, hence get_model."""
    Membership = apps.get_model("enrollment", "Membership")
    current = Membership.objects.filter(person__candidacies__program=program, status__in=CURRENT_MEMBERSHIPS)
    return current.exclude(program=program)


def program_payers(program) -> frozenset[str]:
    """The kinds of the program's funding sources; a program without sources yet is the regency's (APBD).

    Programs sit above verification, hence get_model."""
    sources = apps.get_model("programs", "FundingSource").objects.filter(program=program)
    return frozenset(sources.values_list("kind", flat=True)) or frozenset({DEFAULT_PAYER})


def registry_details(niks: list[str]) -> dict[str, tuple[str, str]]:
    """``{nik: (extract date, SIAK occupation text)}`` for registry records the engine matched.

    The occupation comes with the civil adapters (issue #4); an extract without that column reads as unknown.
    """
    has_occupation = any(f.name == "occupation" for f in CivilRecord._meta.get_fields())
    columns = ["nik", "extract_date"] + (["occupation"] if has_occupation else [])
    found = {}
    for start in range(0, len(niks), LOOKUP_CHUNK):
        for nik, extract, *occupation in CivilRecord.objects.filter(
            nik__in=niks[start : start + LOOKUP_CHUNK]
        ).values_list(*columns):
            found[nik] = (extract.isoformat(), (occupation[0] if occupation else "") or "")
    return found
