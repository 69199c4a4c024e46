"""Targeting extracts (DTKS, DTSEN, P3KE) and last program's recipients as intake sources."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from jaring.intake.models import Candidate, ImportBatch, Source
from jaring.intake.services import batch_check, batch_commit, batch_upload
from jaring.people.models import Person
from jaring.programs.models import Program
from jaring.regions.models import Region
from jaring.regions.services import crosswalk_load

from ..conftest import BESUKI, PASSWORD, TERBIS, make_person

#: Illustrative BPS codes for two Panggul villages (a regency loads its real list the same way).
CROSSWALK = f"bps_code,kemendagri_code,name,source\n3503010001,{BESUKI},Besuki,uji\n3503010002,{TERBIS},Terbis,uji\n"
#: A DTKS-style extract: upper-case headers, BPS village codes, the household's desil.
EXTRACT = (
    "IDDTKS;NIK;NAMA;TGL_LAHIR;JNS_KEL;ALAMAT;KDDESA;DESIL\n"
    "DTKS-01;3503011204850001;SUTRISNO;1985-04-12;1;DSN KRAJAN RT 001 RW 002;3503010001;1\n"
    "DTKS-02;3503014101900003;TUMINI;1990-01-01;2;DSN BARU;3503010002;3\n"
)
EXTRACT_DATE = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def program(trenggalek):
    crosswalk_load(data=CROSSWALK.encode(), source_name="uji.csv")
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def load(program, user, text: str, source: str, when: dt.date | None = EXTRACT_DATE, region="35.03"):
    batch = batch_upload(
        program=program,
        region=Region.objects.get(code=region),
        data=text.encode(),
        filename=f"{source}.csv",
        source=source,
        source_date=when,
        actor=user,
        background=False,
    )
    batch = batch_check(batch.pk)
    return batch, batch_commit(batch=batch, accept_warnings=True, actor=user)


def test_dtks_extract_resolves_bps_codes_and_tags_candidates_with_source_and_date(program, users):
    batch, result = load(program, users["verifikator"], EXTRACT, Source.DTKS)
    assert batch.counts["error"] == 0, batch.counts
    assert result["candidates"] == 2
    tumini = Candidate.objects.select_related("person").get(person__nik="3503014101900003")
    assert tumini.village_id == TERBIS and tumini.source == Source.DTKS and tumini.source_date == EXTRACT_DATE
    assert (tumini.person.welfare_decile, tumini.person.welfare_source, tumini.person.welfare_date) == (
        3,
        "dtks",
        EXTRACT_DATE,
    )


def test_a_newer_extract_refreshes_the_decile_and_an_older_one_does_not(program, users):
    older = make_person(BESUKI, "SUTRISNO", nik="3503011204850001")
    older.welfare_decile, older.welfare_source, older.welfare_date = 4, "dtsen", dt.date(2025, 6, 1)
    older.save()
    newer = make_person(TERBIS, "TUMINI", sex="P", born=dt.date(1990, 1, 1), nik="3503014101900003")
    newer.welfare_decile, newer.welfare_source, newer.welfare_date = 5, "dtsen", dt.date(2026, 9, 1)
    newer.save()

    _, result = load(program, users["verifikator"], EXTRACT, Source.DTKS)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.welfare_decile, older.welfare_source, older.welfare_date) == (1, "dtks", EXTRACT_DATE)
    assert (newer.welfare_decile, newer.welfare_date) == (5, dt.date(2026, 9, 1))
    assert result["welfare_updated"] == 1 and result["people_new"] == 0


def test_a_desil_typed_by_a_village_is_not_taken_as_the_persons_decile(program, users):
    text = "NIK;Nama;Tgl Lahir;JK;Desa;Desil\n3503011204850001;SUTRISNO;12-04-1985;L;Besuki;1\n"
    load(program, users["operator_besuki"], text, Source.USULAN, when=None, region=BESUKI)
    person = Person.objects.get()
    assert person.welfare_decile is None and person.welfare_source == ""


def test_last_programs_recipients_come_in_as_carry_over(program, users):
    # Trenggalek has two desa named Besuki: a regency-wide list names the kecamatan too.
    text = "NO;NIK;NAMA;TGL LAHIR;L/P;DESA;KECAMATAN\n1;3503011204850001;SUTRISNO;12-04-1985;L;Besuki;Panggul\n"
    _, result = load(program, users["verifikator"], text, Source.CARRY_OVER, when=dt.date(2025, 12, 31))
    assert result["candidates"] == 1
    assert Candidate.objects.get().source == Source.CARRY_OVER


def test_verifier_uploads_an_extract_through_the_page_with_its_date(
    client, program, users, django_capture_on_commit_callbacks
):
    client.login(username="verif", password=PASSWORD)
    upload = io.BytesIO(EXTRACT.encode())
    upload.name = "dtks-2026-03.csv"
    missing_date = client.post(reverse("intake:upload"), {"program": program.pk, "source": "dtks", "file": upload})
    assert missing_date.status_code == 400 and "tanggal ekstrak" in missing_date.content.decode().lower()
    upload.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("intake:upload"),
            {"program": program.pk, "source": "dtks", "source_date": "2026-03-01", "file": upload},
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.source == "dtks" and batch.source_date == EXTRACT_DATE
    assert batch.counts["ok"] + batch.counts["warning"] == 2


def test_village_operator_cannot_upload_a_targeting_extract(client, program, users):
    client.login(username="op.besuki", password=PASSWORD)
    upload = io.BytesIO(EXTRACT.encode())
    upload.name = "dtks.csv"
    response = client.post(
        reverse("intake:upload"),
        {"program": program.pk, "source": "dtks", "source_date": "2026-03-01", "file": upload},
    )
    assert response.status_code == 400 and ImportBatch.objects.count() == 0
