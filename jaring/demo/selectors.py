"""Reads of the demo's intake seeding, scoped to the demo regency or its program: whom a village can propose,
and what the program holds."""

from collections import defaultdict
from datetime import date

from jaring.intake.lifecycle import CandidateStatus
from jaring.intake.models import Candidate
from jaring.people.models import Person, PersonGroup

from .proposals import Registrant

_FIELDS = ("nik", "kk_number", "full_name", "birth_place", "birth_date", "sex", "street", "rt", "rw", "village_id")


def registrants_by_village(regency: str, *, born_after: date, born_by: date) -> dict[str, list[Registrant]]:
    """The regency's registry people born in that window, by village, in NIK order (so that the seed decides)."""
    people = Person.objects.filter(regency_code=regency, birth_date__gt=born_after, birth_date__lte=born_by)
    groups: dict[str, list[str]] = defaultdict(list)
    for nik, group in PersonGroup.objects.filter(person__in=people).values_list("person__nik", "group"):
        groups[nik].append(group)
    by_village: dict[str, list[Registrant]] = defaultdict(list)
    for row in people.order_by("nik").values_list(*_FIELDS, "phone", "occupation", "welfare_decile"):
        by_village[row[9]].append(Registrant(*row, groups=tuple(sorted(groups.get(row[0], ())))))
    return by_village


def proposed_by_village(program) -> dict[str, list[Candidate]]:
    """The program's candidates still as proposed, by village, in NIK order."""
    by_village: dict[str, list[Candidate]] = defaultdict(list)
    proposed = Candidate.objects.filter(program=program, status=CandidateStatus.PROPOSED).select_related("person")
    for candidate in proposed.order_by("person__nik"):
        by_village[candidate.village_id].append(candidate)
    return by_village


def candidate_count(program) -> int:
    return Candidate.objects.filter(program=program).count()
