"""The coverage check through its service: a month past due and unpaid lapses a membership with a warning,
paying up restores it, more than three unpaid months end it with the reason and the last day covered."""

import datetime as dt

import pytest

from jaring.audit.models import AuditEvent
from jaring.billing.models import Invoice
from jaring.billing.selectors import arrears_visible_to
from jaring.billing.services import BillingError, coverage_plan, coverage_refresh, invoices_issue, payment_record
from jaring.enrollment.models import Membership, MembershipEvent

from .conftest import RATE

JAN, FEB, MAR, APR, MAY = (dt.date(2026, m, 1) for m in range(1, 6))


def bill(program, *months):
    for month in months:
        invoices_issue(program=program, month=month, actor=None)


def pay(program, kind: str, amount: int | None = None):
    """``amount`` of the source's arrears, oldest month first; everything owed when None."""
    invoices = Invoice.objects.filter(program=program, source__kind=kind)
    invoice = invoices.order_by("-month").first()
    amount = amount or sum(i.outstanding for i in invoices)
    payment_record(kode_iuran=invoice.kode_iuran, amount=amount, paid_on=dt.date(2026, 1, 20), channel="teller",
                   actor=None, today=dt.date(2026, 1, 20))  # fmt: skip


def statuses(memberships) -> dict[str, str]:
    return {name: Membership.objects.get(pk=m.pk).status for name, m in memberships.items()}


def test_a_month_unpaid_past_its_due_day_lapses_the_membership_with_a_warning(program, memberships):
    bill(program, JAN, FEB)
    pay(program, "apbdes", 2 * RATE)
    check = coverage_refresh(program=program, today=dt.date(2026, 3, 16), actor=None)
    assert check.counts == {"fine": 1, "warning_1": 0, "warning_2": 3, "last_warning": 0, "ended": 0}
    assert (check.lapsed, check.ended) == (3, 0)
    assert statuses(memberships) == {"SUTRISNO": "active", "PAIMAN": "lapsed", "WAGIYO": "lapsed", "AGUS": "lapsed"}
    event = MembershipEvent.objects.get(membership=memberships["AGUS"], to_status="lapsed")
    assert (event.effective, event.reason) == (JAN, "Iuran belum dibayar 2 bulan (Januari–Februari 2026)")
    assert AuditEvent.objects.filter(action="billing.coverage_checked", detail__today="2026-03-16").count() == 1


def test_on_the_due_day_itself_nothing_is_late_yet(program, memberships):
    bill(program, JAN)
    check = coverage_refresh(program=program, today=dt.date(2026, 2, 15), actor=None)
    assert check.counts["fine"] == 4 and check.lapsed == 0


def test_paying_up_makes_a_lapsed_membership_active_again(program, memberships):
    bill(program, JAN, FEB)
    coverage_refresh(program=program, today=dt.date(2026, 3, 16), actor=None)
    pay(program, "apbd_kabupaten", 6 * RATE)
    pay(program, "apbdes", 2 * RATE)
    assert set(statuses(memberships).values()) == {"active"}  # the payment's own check restored them
    check = coverage_refresh(program=program, today=dt.date(2026, 3, 20), actor=None)
    assert check.restored == 0 and check.counts["fine"] == 4
    event = MembershipEvent.objects.filter(membership=memberships["PAIMAN"]).latest("at", "id")
    assert (event.from_status, event.to_status) == ("lapsed", "active")


def test_more_than_three_unpaid_months_end_the_membership_with_the_reason_and_last_day(program, memberships):
    bill(program, JAN, FEB, MAR, APR, MAY)
    pay(program, "apbd_kabupaten", 3 * RATE)  # January only
    pay(program, "apbdes")
    check = coverage_refresh(program=program, today=dt.date(2026, 6, 16), actor=None)
    assert check.counts == {"fine": 1, "warning_1": 0, "warning_2": 0, "last_warning": 0, "ended": 3}
    agus = Membership.objects.get(pk=memberships["AGUS"].pk)
    assert (agus.status, agus.end) == ("ended", dt.date(2026, 1, 31))
    assert agus.status_reason == "Iuran tidak dibayar 4 bulan berturut-turut (Februari–Mei 2026)"


def test_a_part_payment_leaves_only_the_unpaid_lines_in_arrears(program, memberships):
    bill(program, JAN)
    pay(program, "apbd_kabupaten", 2 * RATE)  # lines 1 and 2 of January: the two of Besuki
    pay(program, "apbdes", RATE)
    check = coverage_refresh(program=program, today=dt.date(2026, 2, 16), actor=None)
    assert check.counts["warning_1"] == 1
    assert statuses(memberships)["AGUS"] == "lapsed" and statuses(memberships)["PAIMAN"] == "active"


def test_the_plan_writes_nothing_and_a_second_run_moves_nothing(program, memberships):
    bill(program, JAN, FEB)
    plan = coverage_plan(program=program, today=dt.date(2026, 3, 16))
    assert plan.lapsed == 4 and set(statuses(memberships).values()) == {"active"}
    coverage_refresh(program=program, today=dt.date(2026, 3, 16), actor=None)
    again = coverage_refresh(program=program, today=dt.date(2026, 3, 16), actor=None)
    assert (again.lapsed, again.restored, again.ended) == (0, 0, 0) and again.counts["warning_2"] == 4


def test_only_billing_roles_of_the_regency_run_the_check(program, memberships, users):
    bill(program, JAN)
    with pytest.raises(BillingError, match="tidak berwenang"):
        coverage_refresh(program=program, today=dt.date(2026, 2, 16), actor=users["perencana"])
    assert coverage_refresh(program=program, today=dt.date(2026, 2, 16), actor=users["bpjs"]).lapsed == 4


def test_each_user_sees_the_arrears_of_their_own_area_with_the_level(program, memberships, users):
    bill(program, JAN, FEB)
    pay(program, "apbd_kabupaten", 3 * RATE)
    today = dt.date(2026, 3, 16)
    regency = arrears_visible_to(users["verifikator"], program, today=today)
    names = {m.pk: name for name, m in memberships.items()}
    assert [(names[mid], a.level) for mid, a in regency] == [  # desa, then name
        ("PAIMAN", "warning_1"),
        ("SUTRISNO", "warning_2"),
        ("WAGIYO", "warning_1"),
        ("AGUS", "warning_1"),
    ]
    assert [mid for mid, _ in arrears_visible_to(users["operator_ngares"], program, today=today)] == [
        memberships["AGUS"].pk
    ]
    assert len(arrears_visible_to(users["verifikator"], program, today=today, level="warning_2")) == 1
    assert arrears_visible_to(users["pemantau"], program, today=today) == []
