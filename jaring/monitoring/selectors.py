"""Counts for the home page, within the user's region scope. Aggregates only: no person is returned."""

from dataclasses import dataclass

from django.db.models import Count, Q

from jaring.accounts.scoping import region_q, scope_regions
from jaring.civil.models import CivilRecord
from jaring.core.regioncodes import Level
from jaring.people.models import Person
from jaring.regions.models import Region


@dataclass(frozen=True, slots=True)
class ScopeCounts:
    regencies: int
    districts: int
    villages: int
    kelurahan: int
    people: int
    residents: int
    deceased: int
    by_occupation: list[tuple[str, int]]


def scope_counts(user) -> ScopeCounts:
    code = user.scope_code
    regions = scope_regions(Region.objects.all(), user).aggregate(
        regencies=Count("code", filter=Q(level=Level.REGENCY)),
        districts=Count("code", filter=Q(level=Level.DISTRICT)),
        villages=Count("code", filter=Q(level=Level.VILLAGE)),
        kelurahan=Count("code", filter=Q(level=Level.VILLAGE, kind="kelurahan")),
    )
    people = Person.objects.filter(region_q(code))
    civil = CivilRecord.objects.filter(region_q(code)).aggregate(
        residents=Count("id"), deceased=Count("id", filter=Q(is_alive=False))
    )
    by_occupation = list(people.exclude(occupation="").values_list("occupation").annotate(n=Count("id")).order_by("-n"))
    return ScopeCounts(
        regencies=regions["regencies"],
        districts=regions["districts"],
        villages=regions["villages"],
        kelurahan=regions["kelurahan"],
        people=people.count(),
        residents=civil["residents"],
        deceased=civil["deceased"],
        by_occupation=by_occupation,
    )
