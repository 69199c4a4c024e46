"""`jaring demo-data`: a synthetic regency written to the civil registry and the people registry."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jaring.audit.models import AuditEvent
from jaring.civil.models import CivilRecord
from jaring.demo.services import DemoDataError, demo_regency_generate
from jaring.people.models import Occupation, Person, PersonGroup
from jaring.regions.models import Region
from jaring.regions.services import regions_load

EXTRACT = date(2025, 6, 30)
ADULT_BORN_BY = date(2010, 6, 30)  # 15 years before the extract


def generate(population=1500, seed=7, **kwargs):
    return demo_regency_generate(regency="35.03", population=population, seed=seed, extract_date=EXTRACT, **kwargs)


def table_counts():
    return CivilRecord.objects.count(), Person.objects.count(), PersonGroup.objects.count()


def nothing_written():
    return table_counts() == (0, 0, 0) and not AuditEvent.objects.filter(action="demo.generate").exists()


def test_every_resident_becomes_one_civil_record_inside_the_regency(trenggalek):
    summary = generate()
    assert summary.residents == CivilRecord.objects.count() == 1500
    assert set(CivilRecord.objects.values_list("regency_code", flat=True)) == {"35.03"}
    villages = set(CivilRecord.objects.values_list("village_id", flat=True))
    assert len(villages) > 100 and all(v.startswith("35.03.") for v in villages)
    assert CivilRecord.objects.filter(is_alive=False).count() == summary.deceased > 0
    assert CivilRecord.objects.exclude(extract_date=EXTRACT).count() == 0


def test_people_are_the_living_residents_aged_15_and_over_plus_a_few_stale_deceased(trenggalek):
    summary = generate(population=2000)
    living_adults = set(
        CivilRecord.objects.filter(is_alive=True, birth_date__lte=ADULT_BORN_BY).values_list("nik", flat=True)
    )
    people = set(Person.objects.values_list("nik", flat=True))
    assert living_adults <= people
    stale = people - living_adults
    assert 0 < len(stale) < 0.01 * len(people)
    assert not CivilRecord.objects.filter(nik__in=stale, is_alive=True).exists()
    assert summary.people == len(people)


def test_a_person_matches_their_civil_record_and_carries_a_dtsen_decile(trenggalek):
    generate(population=600)
    civil = {c.nik: c for c in CivilRecord.objects.all()}
    for person in Person.objects.all():
        record = civil[person.nik]
        assert (person.full_name, person.birth_date, person.sex, person.village_id, person.kk_number) == (
            record.full_name,
            record.birth_date,
            record.sex,
            record.village_id,
            record.kk_number,
        )
        assert person.welfare_source == "dtsen" and 1 <= person.welfare_decile <= 10
        assert person.welfare_date == date(2025, 4, 1)
        assert person.occupation in {"", *Occupation.values}
        assert person.created_at is not None


def test_groups_follow_age_and_fishers_live_on_the_coast(trenggalek):
    generate(population=3000)
    elderly = Person.objects.filter(group_memberships__group="lansia")
    assert elderly.exists() and not elderly.filter(birth_date__gt=date(1965, 6, 30)).exists()
    fishers = Person.objects.filter(occupation="nelayan")
    assert fishers.exists()
    assert set(fishers.values_list("district_code", flat=True)) <= {"35.03.01", "35.03.02", "35.03.08"}


def test_a_person_added_after_the_demo_gets_a_fresh_id(trenggalek):
    generate(population=400)
    highest = Person.objects.order_by("-id").values_list("id", flat=True).first()
    person = Person(nik="3503014101900001", full_name="UJI TAMBAHAN", sex="P")
    person.set_village("35.03.01.2001")
    person.save()
    assert person.id > highest


def test_progress_counts_residents_up_to_the_total(trenggalek):
    seen = []
    generate(population=25_000, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 25_000) and seen[-1] == (25_000, 25_000)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) > 2


def test_the_generation_is_audited_once(trenggalek):
    generate(population=300)
    event = AuditEvent.objects.get(action="demo.generate")
    assert event.region_code == "35.03" and event.detail["residents"] == 300 and event.detail["seed"] == 7


def test_running_twice_needs_replace_and_replace_gives_the_same_data(trenggalek):
    call_command("demo_data", "--regency", "35.03", "--population", "800", "--extract-date", "2025-06-30")
    first = table_counts()
    niks = set(CivilRecord.objects.values_list("nik", flat=True))
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_data", "--regency", "35.03", "--population", "800", "--extract-date", "2025-06-30")
    assert table_counts() == first
    args = ("--regency", "35.03", "--population", "800", "--extract-date", "2025-06-30", "--replace")
    call_command("demo_data", *args)
    assert table_counts() == first
    assert set(CivilRecord.objects.values_list("nik", flat=True)) == niks


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--population", "0"), "lebih dari 0"),
        (("--population", "-5"), "lebih dari 0"),
        (("--population", "5000001"), "terlalu besar"),
        (("--regency", "99.99"), "Kode kabupaten 99.99 tidak dikenal"),
        (("--regency", "35"), "provinsi, bukan kabupaten/kota"),
        (("--regency", "35.03.01"), "kecamatan, bukan kabupaten/kota"),
        (("--regency", "trenggalek"), "tidak sah"),
        (("--extract-date", "2999-01-01"), "masa depan"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_writes_nothing(trenggalek, args, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command("demo_data", "--population", "300", *args)
    assert refused.value.returncode == 1
    assert nothing_written()
    assert not Region.objects.filter(code__startswith="99").exists()


def test_a_known_regency_is_loaded_on_the_fly_and_gets_balinese_names(db):
    generate_gianyar = demo_regency_generate(regency="51.04", population=400, seed=1, extract_date=EXTRACT)
    assert generate_gianyar.residents == 400
    assert Region.objects.filter(code__startswith="51.04.", level=4).count() == 70
    names = list(CivilRecord.objects.values_list("full_name", flat=True))
    assert sum(n.startswith(("I ", "NI ", "IDA ", "ANAK AGUNG ", "DESAK ")) for n in names) > 0.9 * len(names)


def test_a_service_error_is_a_value_error_with_the_reason(db):
    with pytest.raises(DemoDataError, match="tidak dikenal"):
        demo_regency_generate(regency="99.99", population=10, seed=1)
    assert nothing_written()


def test_the_command_line_prints_the_reason_and_exits_with_status_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "JARING_MODE", "SECRET_KEY"}}
    env["JARING_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "jaring.cli", "demo-data", "--population", "-5"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Jumlah penduduk harus lebih dari 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_niks_of_people_who_moved_out_are_not_issued_again(trenggalek):
    generate(population=500)
    moved_out = set(CivilRecord.objects.values_list("nik", flat=True))
    regions_load(prefix="35.04.01")  # Tulungagung: they all moved there, keeping their 3503… NIKs
    new_home = {"village_id": "35.04.01.1001", "district_code": "35.04.01", "regency_code": "35.04"}
    CivilRecord.objects.update(**new_home)
    Person.objects.update(**new_home)
    generate(population=500)
    born_again = set(CivilRecord.objects.filter(regency_code="35.03").values_list("nik", flat=True))
    assert len(born_again) == 500 and born_again.isdisjoint(moved_out)


def test_a_partly_loaded_regency_is_completed_before_generating(db):
    regions_load(prefix="35.03.01")
    generate(population=2000)
    assert Region.objects.filter(code__startswith="35.03.", level=4).count() == 157
    assert CivilRecord.objects.values("district_code").distinct().count() == 14
