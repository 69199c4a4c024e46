"""Reads of the people registry. Every one starts from ``scope_people``: no other path to a person."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from jaring.accounts.scoping import region_q, scope_people
from jaring.audit.services import audit_record
from jaring.core.privacy import mask_nik

from .models import Person

_DIGITS = re.compile(r"^\d{1,16}$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    q: str = ""
    region: str = ""  # a kecamatan or desa code inside the user's scope
    group: str = ""
    occupation: str = ""


def people_visible_to(user) -> QuerySet[Person]:
    return scope_people(Person.objects.all(), user)


def people_search(user, flt: PeopleFilter) -> QuerySet[Person]:
    """People in the user's scope matching a NIK (or its first digits) or a part of the name."""
    qs = people_visible_to(user).select_related("village")
    q = _SPACES.sub(" ", flt.q).strip()
    if q:
        compact = q.replace(" ", "").replace(".", "")
        if _DIGITS.match(compact):
            # A digit prefix becomes a range on the unique NIK index, which works in every collation.
            qs = qs.filter(nik__gte=compact.ljust(16, "0"), nik__lte=compact.ljust(16, "9"))
        else:
            qs = qs.filter(full_name__icontains=q)
    if flt.region:
        qs = qs.filter(region_q(flt.region))
    if flt.occupation:
        qs = qs.filter(occupation=flt.occupation)
    if flt.group:
        qs = qs.filter(group_memberships__group=flt.group)
    return qs.order_by("full_name", "id")


def person_detail(user, person_id: int, *, request=None, via: str = "web") -> Person | None:
    """The person if the user may see them, with the access audited; None otherwise, so a guessed id reveals
    nothing (not even that it exists)."""
    person = people_visible_to(user).select_related("village", "village__parent").filter(pk=person_id).first()
    if person is not None:
        audit_record(
            actor=user,
            action="people.view" if via == "web" else f"people.{via}_view",
            object_type="person",
            object_id=person.pk,
            region_code=person.village_id,
            request=request,
        )
    return person


def display_nik(nik: str, *, full: bool) -> str:
    return nik if full else mask_nik(nik)
