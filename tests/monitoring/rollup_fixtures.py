"""Roll-up fixtures: Jawa Timur with Trenggalek (whose program runs on this instance, its figures written as
CoverageFact rows directly) and three more regencies and cities, Banten outside the province, sender keys and
signed summary files."""

import datetime as dt
from decimal import Decimal

import pytest

from jaring.monitoring.models import CoverageFact
from jaring.monitoring.services_summaries import sender_key_create
from jaring.monitoring.summary_file import build
from jaring.programs.models import Program
from jaring.regions.models import Region

YEAR = 2026
TODAY = dt.date(2026, 4, 20)
WIB = dt.timezone(dt.timedelta(hours=7))
OTHERS = {
    "35.05": ("Kabupaten Blitar", "kabupaten"),
    "35.06": ("Kabupaten Kediri", "kabupaten"),
    "35.71": ("Kota Kediri", "kota"),
}


@pytest.fixture
def jatim(trenggalek):
    for code, (name, kind) in OTHERS.items():
        Region.objects.create(code=code, name=name, level=2, kind=kind, parent_id="35")
    Region.objects.create(code="36", name="Banten", level=1, kind="provinsi")
    Region.objects.create(code="36.01", name="Kabupaten Pandeglang", level=2, kind="kabupaten", parent_id="36")


def fact(program, month: int, dim: str, key: str, members: int, *, billed=0, paid=0, due=None):
    return CoverageFact.objects.create(
        program=program, month=dt.date(YEAR, month, 1), level=2, region_code=program.regency_id, dim=dim, key=key,
        members=members, billed=billed, paid=paid, due_on=due,
    )  # fmt: skip


@pytest.fixture
def local_program(jatim):
    """Trenggalek's 2026 program: 1,200 members in March, 40 of them in arrears; 1,000 on the APBD, 197 on
    village funds, 3 on the DBHCHT."""
    program = Program.objects.create(
        code="tr-2026", name="Pekerja rentan", year=YEAR, regency_id="35.03", category="pekerja_rentan"
    )
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=Decimal(2_016_000_000))
    fact(program, 2, "total", "", 1_100)
    fact(program, 3, "total", "", 1_200, billed=1_200, paid=1_160, due=dt.date(2026, 4, 15))
    fact(program, 3, "source", "apbd_kabupaten", 1_000)
    fact(program, 3, "source", "apbdes", 197)
    fact(program, 3, "source", "dbhcht", 3)
    return program


def figures(code="35.05", **changes) -> dict:
    return {
        "regency_code": code,
        "regency_name": OTHERS.get(code, ("Kabupaten", ""))[0],
        "year": YEAR,
        "month": dt.date(YEAR, 3, 1),
        "has_program": True,
        "budget_allocated": Decimal(3_500_000_000),
        "by_category": {"pekerja_rentan": 8_000, "perangkat_desa": 2_400, "non_asn": 0},
        "by_source": {"apbd": 6_000, "apbdes": 4_397, "other": 3},
        "members": 10_400,
        "covered": 10_100,
        "arrears": 300,
    } | changes


@pytest.fixture
def keys(jatim):
    return {code: sender_key_create(regency_code=code, actor=None) for code in OTHERS}


def signed(key, *, generated=dt.datetime(2026, 4, 2, 9, 0, tzinfo=WIB), threshold=5, **changes) -> bytes:
    return build(figures(key.regency_code, **changes), key.key_id, key.secret, generated_at=generated,
                 threshold=threshold)  # fmt: skip
