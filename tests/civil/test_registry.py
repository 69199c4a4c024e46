"""The local extract read as one frame for the matching engine."""

import datetime as dt

import pytest

from jaring.civil.models import CivilRecord
from jaring.civil.registry import registry_frame
from tests.conftest import BESUKI

pytestmark = pytest.mark.django_db


def _record(nik: str, village: str, **extra) -> CivilRecord:
    values = dict(full_name="SUMARNI", birth_date=dt.date(1980, 5, 2), sex="P", extract_date=dt.date(2026, 10, 1))
    record = CivilRecord(nik=nik, village_id=village, **(values | extra))
    record.set_village(village)
    record.save()
    return record


def test_frame_holds_residents_and_the_movers_asked_for(trenggalek):
    from jaring.regions.services import regions_load

    regions_load(prefix="35.04")
    _record("3503014205800001", BESUKI)
    _record("3503014205800002", BESUKI, is_alive=False, death_date=dt.date(2026, 3, 1))
    _record("3503014205800003", "35.04.01.1001")  # moved to Tulungagung
    _record("3503014205800004", "35.04.01.1001")
    frame = registry_frame("35.03", extra_niks=["3503014205800003"])
    assert sorted(frame["nik"]) == ["3503014205800001", "3503014205800002", "3503014205800003"]
    dead = frame.filter(frame["nik"] == "3503014205800002").row(0, named=True)
    assert dead["is_alive"] is False and dead["death_date"] == dt.date(2026, 3, 1)
    assert dead["birth_date"] == dt.date(1980, 5, 2) and dead["village"] == BESUKI
