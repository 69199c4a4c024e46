"""Billing fixtures: the enrollment program (APBD Trenggalek and APBDes Besuki), its final decree, and four
active memberships from January 2026: SUTRISNO on the APBDes, PAIMAN, WAGIYO and AGUS on the APBD."""

import datetime as dt

import pytest

from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership

from ..enrollment.conftest import candidates, decree, program, signed_in, source_of  # noqa: F401

JANUARY = dt.date(2026, 1, 1)
RATE = 16_800


def member(candidate, source, *, kpj: str, start=JANUARY, status=MembershipStatus.ACTIVE) -> Membership:
    final = source.program.decrees.filter(status="final").order_by("-finalized_at").first()
    membership = Membership(person=candidate.person, program=source.program, source=source, decree=final, kpj=kpj,
                            participation_type="SG", start=start, status=status)  # fmt: skip
    membership.set_village(candidate.village_id)
    membership.save()
    return membership


@pytest.fixture
def memberships(program, decree, candidates) -> dict[str, Membership]:  # noqa: F811
    apbd, apbdes = source_of(program, "apbd_kabupaten"), source_of(program, "apbdes")
    found = {"SUTRISNO": member(candidates["SUTRISNO"], apbdes, kpj="17010000001")}
    for n, name in enumerate(("PAIMAN", "WAGIYO", "AGUS"), start=2):
        found[name] = member(candidates[name], apbd, kpj=f"1701000000{n}")
    return found
