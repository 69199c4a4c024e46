import datetime as dt
from decimal import Decimal

import pytest

from jaring.audit.models import AuditEvent
from jaring.billing.codes import code_problem
from jaring.billing.models import Invoice, InvoiceLine
from jaring.billing.services import BillingError, bill_plan, invoices_issue

from .conftest import JANUARY, RATE, member, source_of


def test_a_billing_run_makes_one_invoice_per_source_with_a_line_per_membership(program, memberships):
    run = invoices_issue(program=program, month=JANUARY, actor=None)
    by_source = {b.source.kind: b.invoice for b in run.bills}
    apbd, apbdes = by_source["apbd_kabupaten"], by_source["apbdes"]
    assert (apbd.lines_count, apbd.total, apbd.rate) == (3, 3 * RATE, RATE)
    assert (apbdes.lines_count, apbdes.total) == (1, RATE)
    assert apbd.due_on == dt.date(2026, 2, 15)
    assert code_problem(apbd.kode_iuran) is None and apbd.kode_iuran != apbdes.kode_iuran
    lines = list(InvoiceLine.objects.filter(invoice=apbd).order_by("line_no"))
    assert [line.line_no for line in lines] == [1, 2, 3]
    assert {line.kpj for line in lines} == {"17010000002", "17010000003", "17010000004"}
    assert all(line.amount == RATE and line.regency_code == "35.03" for line in lines)
    assert AuditEvent.objects.filter(action="billing.invoice_issued").count() == 2


def test_running_the_same_month_again_gives_the_same_invoices_and_no_second_one(program, memberships):
    first = invoices_issue(program=program, month=JANUARY, actor=None)
    again = invoices_issue(program=program, month=JANUARY, actor=None)
    assert [b.invoice.pk for b in again.bills] == [b.invoice.pk for b in first.bills]
    assert not any(b.created for b in again.bills)
    assert Invoice.objects.count() == 2 and InvoiceLine.objects.count() == 4


def test_a_month_before_the_program_starts_is_refused_with_its_name(program, memberships):
    with pytest.raises(BillingError, match="Desember 2025 sebelum program pr-2026 mulai"):
        invoices_issue(program=program, month=dt.date(2025, 12, 1), actor=None)
    assert not Invoice.objects.exists()


def test_a_month_after_the_program_ends_is_refused(program, memberships):
    with pytest.raises(BillingError, match="setelah bulan terakhir"):
        invoices_issue(program=program, month=dt.date(2027, 1, 1), actor=None)


def test_memberships_bill_from_their_start_month_to_their_end_month(program, decree, candidates):
    apbd = source_of(program, "apbd_kabupaten")
    member(candidates["PAIMAN"], apbd, kpj="17010000002", start=dt.date(2026, 3, 10))
    ended = member(candidates["WAGIYO"], apbd, kpj="17010000003")
    ended.end, ended.status = dt.date(2026, 2, 28), "ended"
    ended.save()
    counts = {m: bill_plan(program=program, month=dt.date(2026, m, 1)).lines for m in (1, 2, 3)}
    assert counts == {1: 1, 2: 1, 3: 1}
    assert bill_plan(program=program, month=dt.date(2026, 3, 1)).total == Decimal(RATE)


def test_the_plan_writes_nothing(program, memberships):
    plan = bill_plan(program=program, month=JANUARY)
    assert plan.lines == 4 and plan.total == 4 * RATE
    assert not Invoice.objects.exists()


def test_only_billing_roles_of_the_regency_may_run_it(program, memberships, users):
    with pytest.raises(BillingError, match="tidak berwenang"):
        invoices_issue(program=program, month=JANUARY, actor=users["perencana"])
    run = invoices_issue(program=program, month=JANUARY, actor=users["bpjs"])
    assert all(b.invoice.created_by == users["bpjs"] for b in run.bills)
