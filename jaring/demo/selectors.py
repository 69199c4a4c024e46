"""Reads of the demo's intake and verification seeding, scoped to the demo regency or its program: whom a
village can propose, what the program holds, what verification found."""

from collections import defaultdict
from datetime import date

from jaring.civil.models import CivilRecord
from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership
from jaring.intake.lifecycle import CandidateStatus
from jaring.intake.models import Candidate
from jaring.people.models import Person, PersonGroup
from jaring.programs.models import FundingKind
from jaring.verification.models import VerificationResult

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


# --- The verification stage ---------------------------------------------------------------------------------


def open_candidates(program, occupations) -> list[Candidate]:
    """The program's proposals still as proposed, of people in ``occupations``, in id order."""
    return list(
        Candidate.objects.filter(program=program, status=CandidateStatus.PROPOSED, person__occupation__in=occupations)
        .select_related("person")
        .order_by("pk")
    )


def village_people(village: str, limit: int = 200) -> list[Person]:
    return list(Person.objects.filter(village_id=village).order_by("pk")[:limit])


def nik_taken(nik: str) -> bool:
    """Whether a person or a civil record already holds ``nik`` (a made-up NIK must be nobody's)."""
    return Person.objects.filter(nik=nik).exists() or CivilRecord.objects.filter(nik=nik).exists()


def civil_record(nik: str):
    return CivilRecord.objects.filter(nik=nik).first()


def program_results(program) -> list:
    return list(VerificationResult.objects.filter(program=program).select_related("candidate__person").order_by("pk"))


def member_to_die(program) -> Membership:
    """The demo's death: an active APBD membership a third of the way down the list by desa, the same one for the
    same data."""
    members = Membership.objects.filter(
        program=program, status=MembershipStatus.ACTIVE, source__kind=FundingKind.APBD_KABUPATEN
    ).order_by("village_id", "pk")
    return members[members.count() // 3]


def residents_by_village(regency: str) -> list[tuple[str, str, str, int]]:
    """(code, kecamatan, desa/kelurahan, living residents in the civil extract) of every village of the regency, in
    code order; a village without residents counts 0. An aggregate: no person is returned."""
    from django.db.models import Count

    from jaring.regions.models import Region, RegionLevel

    counts = dict(
        CivilRecord.objects.filter(regency_code=regency, is_alive=True).values_list("village_id").annotate(Count("id"))
    )
    villages = Region.objects.filter(code__startswith=regency + ".", level=RegionLevel.VILLAGE).order_by("code")
    return [(code, kecamatan, name, counts.get(code, 0)) for code, kecamatan, name in
            villages.values_list("code", "parent__name", "name")]  # fmt: skip
