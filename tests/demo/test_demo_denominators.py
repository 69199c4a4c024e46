"""The demo's denominators: a BPS-like table computed from the civil extract, loaded through the real service by
the demo verifier, once."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from jaring.audit.models import AuditEvent
from jaring.civil.models import CivilRecord
from jaring.demo.denominators import seed_denominators
from jaring.demo.services import demo_regency_generate
from jaring.demo.users import demo_users_ensure
from jaring.monitoring.denominators import coverage_rate
from jaring.monitoring.models import WorkforceDenominator
from jaring.monitoring.selectors_denominators import denominators_for
from jaring.regions.services import regions_load

YEAR = 2026


@pytest.fixture
def demo(db):
    regions_load(prefix="35.03")
    demo_regency_generate(regency="35.03", population=2000, seed=5)
    demo_users_ensure()


def test_every_desa_gets_about_half_its_residents_as_workers_mostly_informal(demo):
    line = seed_denominators("35.03", YEAR, seed=5, covered=150)
    rows = WorkforceDenominator.objects.filter(year=YEAR)
    assert rows.count() == 157 and rows.filter(region_code__regex=r"^35\.03\.\d\d$").count() == 0
    residents = CivilRecord.objects.filter(is_alive=True).count()
    totals = rows.aggregate(workers=Sum("workers"), informal=Sum("informal_workers"))
    assert 0.45 * residents - 157 <= totals["workers"] <= 0.55 * residents + 157
    assert 0.70 * totals["workers"] - 157 <= totals["informal"] <= 0.80 * totals["workers"] + 157
    assert denominators_for(["35.03"], YEAR) == {"35.03": totals["informal"]}
    assert rows.first().loaded_by.username == "verifikator" and "angka sintetis demo" in rows.first().source
    rate = coverage_rate(150, totals["informal"])
    assert f"{str(rate).replace('.', ',')}%" in line and Decimal(5) < rate < Decimal(40)


def test_seeding_again_changes_nothing(demo):
    seed_denominators("35.03", YEAR, seed=5)
    assert "sudah dimuat" in seed_denominators("35.03", YEAR, seed=5)
    assert AuditEvent.objects.filter(action="monitoring.denominators_loaded").count() == 1
