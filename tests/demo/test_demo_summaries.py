"""The roll-up stage of the demo: every other regency and city of Jawa Timur sends a signed summary through the
real services, two without a program and one without a budget, and the province's monitor sees Trenggalek from
local data and the rest from summaries."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from jaring.audit.models import AuditEvent
from jaring.demo.summaries import seed_summaries
from jaring.demo.users import demo_users_ensure
from jaring.monitoring.models import RegencySummary, SenderKey
from jaring.monitoring.selectors_rollup import Origin, rollup
from jaring.programs.models import Program
from jaring.regions.loader import region_rows
from jaring.regions.models import Region
from jaring.regions.services import regions_load

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def jatim():
    """Jawa Timur's 38 regencies and cities (kecamatan and desa of Trenggalek only), Trenggalek's program run
    here."""
    regions_load(prefix="35.03")
    rows = [r for r in region_rows("35") if r.level == 2]
    Region.objects.bulk_create([Region(code=r.code, name=r.name, level=r.level, kind=r.kind, parent_id=r.parent)
                                for r in rows], ignore_conflicts=True)  # fmt: skip
    program = Program.objects.create(code="tr-2026", name="Pekerja rentan", year=2026, regency_id="35.03",
                                     category="pekerja_rentan")  # fmt: skip
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=2_016_000_000)
    demo_users_ensure()


def test_every_other_regency_sends_a_summary_and_the_monitor_sees_them_all(jatim):
    seeded = seed_summaries("35", 2026, today=TODAY)
    assert seeded.imported == 37 and len(seeded.no_program) == 2 and len(seeded.no_budget) == 1
    assert SenderKey.objects.count() == 37 and not SenderKey.objects.filter(regency_code="35.03").exists()
    result = rollup("35", 2026)
    origins = {r.code: r.origin for r in result.rows}
    assert origins.pop("35.03") == Origin.LOCAL
    assert set(origins.values()) == {Origin.IMPORTED}
    assert (result.tally["no_program"], result.tally["no_budget"]) == (2, 1)
    imports = AuditEvent.objects.filter(action="monitoring.summary_import")
    assert imports.count() == 37 and {e.actor.username for e in imports} == {"pemantau.jatim"}


def test_the_figures_are_believable(jatim):
    seed_summaries("35", 2026, today=TODAY)
    full = RegencySummary.objects.filter(has_program=True, budget_allocated__gt=0)
    assert full.count() == 34
    for s in full:
        assert 2_500 <= s.members <= 38_000 and s.month == dt.date(2026, 6, 1)
        assert s.budget_allocated >= s.members * 12 * 16_800
        shown = [n for n in (*s.by_category.values(), *s.by_source.values()) if n is not None]
        assert sum(shown) <= 2 * s.members
    cities = full.filter(regency_name__startswith="Kota")
    assert all(c.by_category["perangkat_desa"] == 0 and c.by_source["apbdes"] == 0 for c in cities)


def test_the_seed_is_deterministic_and_runs_once(jatim):
    first = seed_summaries("35", 2026, today=TODAY)
    figures = list(RegencySummary.objects.order_by("regency_code").values_list("regency_code", "members"))
    assert seed_summaries("35", 2026, today=TODAY) is None
    RegencySummary.objects.all().delete()
    SenderKey.objects.all().delete()
    again = seed_summaries("35", 2026, today=TODAY)
    assert (again.no_program, again.no_budget) == (first.no_program, first.no_budget)
    assert list(RegencySummary.objects.order_by("regency_code").values_list("regency_code", "members")) == figures


def test_the_command_refuses_a_database_that_is_not_a_demo(db):
    with pytest.raises(CommandError, match="bukan basis data demo"):
        call_command("demo_summaries")
