"""Verification fixtures: a program, civil-registry records and candidates built to reach each status."""

import datetime as dt

import pytest

from jaring.civil.models import CivilRecord
from jaring.intake.models import Candidate
from jaring.programs.models import Program
from jaring.verification import services
from jaring.verification.models import VerificationResult, VerificationRun

from ..conftest import BESUKI, make_person

EXTRACT = dt.date(2026, 1, 15)


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def record_of(person, **changes) -> CivilRecord:
    """The registry's record of ``person``, as proposed unless ``changes`` say otherwise."""
    values = dict(
        nik=person.nik,
        full_name=person.full_name,
        birth_date=person.birth_date,
        sex=person.sex,
        extract_date=EXTRACT,
    )
    village = changes.pop("village", person.village_id)
    record = CivilRecord(**(values | changes))
    record.set_village(village)
    record.save()
    return record


def propose(program, person, *, source="usulan", village=None) -> Candidate:
    candidate = Candidate(program=program, person=person, source=source)
    candidate.set_village(village or person.village_id)
    candidate.save()
    return candidate


def resident(program, name, *, village=BESUKI, record=True, **person_fields) -> Candidate:
    """A proposed person; with ``record`` the registry holds the same data."""
    person = make_person(village, name, **person_fields)
    if record:
        record_of(person)
    return propose(program, person)


def verify(program, actor=None) -> VerificationRun:
    run = VerificationRun.objects.create(program=program, started_by=actor)
    return services.verification_run(run=run)


def result_of(candidate) -> VerificationResult:
    return VerificationResult.objects.get(candidate=candidate)


def typo(nik: str) -> str:
    """``nik`` with its last digit mistyped."""
    return nik[:-1] + str((int(nik[-1]) + 1) % 10)
