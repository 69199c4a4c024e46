"""The synthetic regency's civil records carry a SIAK-style occupation (JENIS_PKRJN)."""

import datetime as dt

import pytest

from jaring.civil.models import CivilRecord
from jaring.demo.services import demo_regency_generate
from jaring.people.models import Person

pytestmark = pytest.mark.django_db


def test_demo_civil_records_have_siak_occupations_matching_the_registry(trenggalek):
    demo_regency_generate(regency="35.03", population=400, seed=3, extract_date=dt.date(2026, 1, 31))
    occupations = dict(CivilRecord.objects.values_list("nik", "occupation"))
    assert all(occupations.values()) and "PETANI/PEKEBUN" in occupations.values()
    farmer = Person.objects.filter(occupation="petani").first()
    assert occupations[farmer.nik] == "PETANI/PEKEBUN"
