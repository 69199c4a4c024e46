import datetime as dt

from jaring.enrollment.services import membership_transition
from jaring.monitoring import dashboard
from jaring.monitoring.models import CoverageFact, FactsState
from jaring.monitoring.services import facts_refresh

from .conftest import JANUARY, RATE, TODAY

MARCH, APRIL = dt.date(2026, 3, 1), dt.date(2026, 4, 1)


def test_figures_count_each_month_so_far_with_billing_and_arrears(program, billed):
    rows = dashboard.over_time("35.03", 2026, today=TODAY)
    assert [r.month.month for r in rows] == [1, 2, 3, 4]  # April is this month; no later month yet
    january, february = rows[0], rows[1]
    assert (january.members, january.billed, january.paid, january.paid_amount) == (4, 4, 3, 3 * RATE)
    assert (january.arrears, january.covered) == (1, 3)  # SUTRISNO's APBDes never paid: due 15 February
    assert (february.arrears, rows[3].billed) == (4, 0)
    assert FactsState.objects.get(program=program).rows == CoverageFact.objects.filter(program=program).count()


def test_a_kecamatan_and_a_desa_see_only_their_own_people(billed):
    assert [(r.name, r.members) for r in dashboard.by_region("35.03", 2026, MARCH, TODAY)] == [
        ("Panggul", 3), ("Trenggalek", 1)
    ]  # fmt: skip
    assert [r.members for r in dashboard.over_time("35.03.01.2001", 2026, TODAY)] == [3, 3, 3, 3]
    assert dashboard.by_region("35.03.01.2001", 2026, MARCH, TODAY) == []  # a desa has no region below it


def test_a_province_and_the_nation_add_up_their_regencies(billed):
    assert [(r.code, r.members) for r in dashboard.by_region("35", 2026, MARCH, TODAY)] == [("35.03", 4)]
    assert [(r.code, r.members) for r in dashboard.by_region(None, 2026, MARCH, TODAY)] == [("35", 4)]
    assert dashboard.over_time(None, 2026, TODAY)[0].members == 4


def test_per_source_arrears_and_per_category(billed):
    sources = {r.key: (r.members, r.arrears) for r in dashboard.by_dimension("35.03", 2026, MARCH, "source", TODAY)}
    assert sources == {"apbd_kabupaten": (3, 3), "apbdes": (1, 1)}
    assert [(r.key, r.members) for r in dashboard.by_category("35.03", 2026, MARCH)] == [("pekerja_rentan", 4)]


def test_budget_absorption_compares_allocation_with_billed_and_paid(program, billed):
    rows = {r.kind: r for r in dashboard.absorption("35.03", 2026)}
    apbd = rows["apbd_kabupaten"]
    assert (apbd.allocated, apbd.billed, apbd.paid) == (
        program.sources.get(kind="apbd_kabupaten").amount,
        9 * RATE,
        3 * RATE,
    )
    village = {r.kind: r.allocated for r in dashboard.absorption("35.03.01.2001", 2026)}
    assert village == {"apbdes": program.sources.get(kind="apbdes").amount, "apbd_kabupaten": None}


def test_an_ended_membership_stops_counting_after_its_last_month(program, billed):
    agus = billed["AGUS"]
    membership_transition(membership=agus, to="ended", effective=dt.date(2026, 2, 28), reason="Pindah", actor=None)
    facts_refresh(program=program, today=TODAY)
    assert [r.members for r in dashboard.over_time("35.03", 2026, TODAY)] == [4, 4, 3, 3]


def test_a_payment_rebuilds_the_figures_of_the_months_it_paid(program, billed, django_capture_on_commit_callbacks):
    from jaring.billing.models import Invoice
    from jaring.billing.services import payment_record

    apbdes = Invoice.objects.get(source__kind="apbdes", month=JANUARY)
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(kode_iuran=apbdes.kode_iuran, amount=RATE, paid_on=TODAY, channel="teller", actor=None,
                       today=TODAY)  # fmt: skip
    january = CoverageFact.objects.get(program=program, month=JANUARY, level=2, dim="total")
    assert (january.billed, january.paid) == (4, 4)


def test_regency_figures_for_the_roll_up(program, billed):
    figures = dashboard.regency_figures("35.03", 2026, today=TODAY)
    assert figures.has_program and figures.month == APRIL
    assert figures.by_source == {"apbd": 3, "apbdes": 1, "other": 0}
    assert figures.by_category == {"pekerja_rentan": 4}
    assert figures.budget_allocated == sum(s.amount for s in program.sources.all())
    assert not dashboard.regency_figures("35.04", 2026, today=TODAY).has_program


def test_what_each_region_owes_adds_the_unpaid_months_past_due_up_to_the_month(billed):
    owed = {r.name: r.owed for r in dashboard.by_region("35.03", 2026, MARCH, TODAY)}
    assert owed == {"Panggul": 1 + 3 + 3, "Trenggalek": 0 + 1 + 1}  # January: only SUTRISNO's APBDes unpaid
    owed_by_february = {r.name: r.owed for r in dashboard.by_region("35.03", 2026, dt.date(2026, 2, 1), TODAY)}
    assert owed_by_february == {"Panggul": 4, "Trenggalek": 1}
