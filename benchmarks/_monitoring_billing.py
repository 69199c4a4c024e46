"""Bills and payments of benchmarks/bench_monitoring.py: the billed month run by ``invoices_issue`` for every
program (as the monthly run does it), then a share of the invoices paid.

Of the APBD kabupaten invoices (one per program), one in ten stays unpaid, one in ten is paid half and the
rest in full; the halves and one full payment in five go through ``payment_record``, recorded on the day paid,
five days before the due date, so its coverage check finds nothing past due, as on that day, and moves no
membership (the nightly check after the due date, which would lapse the members of unpaid invoices, is not run:
the dashboards count memberships in force by their dates and arrears from the invoice lines, not by status).
Each such check reads the whole program's lines (~5 s at 10,000,000 memberships), so the other full payments,
and seven in ten of the ~1,000 APBDes and DBHCHT invoices, are bulk writes of the rows ``payment_record`` makes
(Payment, PaymentShare, the invoice's paid, status and covered lines) without the check.

Monitoring's own rebuild on commit (``coverage_changed``) is switched off here: the benchmark times the
rebuild as a step of its own.
"""

import contextlib
import datetime as dt
from decimal import Decimal

from _monitoring_data import Clock


@contextlib.contextmanager
def figures_not_rebuilt():
    from jaring.enrollment.changes import coverage_changed

    coverage_changed.disconnect(dispatch_uid="monitoring_facts")
    try:
        yield
    finally:
        from jaring.monitoring.signals import on_coverage_changed

        coverage_changed.connect(on_coverage_changed, dispatch_uid="monitoring_facts")


def bill(month: dt.date, today: dt.date) -> dict:
    """Issue ``month`` for every program of its year and pay a share; returns counts and phase seconds."""
    from jaring.billing.models import Invoice
    from jaring.billing.services import invoices_issue
    from jaring.programs.models import Program

    clock = Clock()
    with figures_not_rebuilt():
        for program in Program.objects.filter(year=month.year).order_by("code"):
            invoices_issue(program=program, month=month, actor=None)
        clock.lap("invoices")
        invoices = list(Invoice.objects.filter(month=month).select_related("source").order_by("pk"))
        paid_on = min(today, invoices[0].due_on - dt.timedelta(days=5)) if invoices else today
        apbd = [i for i in invoices if i.source.kind == "apbd_kabupaten"]
        others = [i for k, i in enumerate(i for i in invoices if i not in apbd) if k % 10 < 7]
        _pay_in_bulk(others + [i for k, i in enumerate(apbd) if k % 10 > 1 and k % 5 != 2], paid_on)
        clock.lap("payments_bulk")
        for k, invoice in enumerate(apbd):
            if k % 10 == 1 or k % 5 == 2:
                _record(invoice, invoice.total // 2 if k % 10 == 1 else invoice.total, paid_on)
        clock.lap("payments_recorded")
    lines = sum(i.lines_count for i in invoices)
    return {"phases": clock.phases, "invoices": len(invoices), "lines": lines}


def _record(invoice, amount: Decimal, paid_on: dt.date) -> None:
    from jaring.billing.services import payment_record

    payment_record(kode_iuran=invoice.kode_iuran, amount=amount, paid_on=paid_on, channel="transfer", actor=None,
                   reference=f"SP2D/BENCH/{invoice.pk}", today=paid_on)  # fmt: skip


def _pay_in_bulk(invoices: list, paid_on: dt.date) -> None:
    from django.db import transaction
    from django.utils import timezone

    from jaring.billing.lifecycle import InvoiceStatus
    from jaring.billing.models import Invoice, Payment, PaymentShare

    now = timezone.now()
    with transaction.atomic():
        payments = Payment.objects.bulk_create(
            Payment(invoice=i, kode_iuran=i.kode_iuran, paid_on=paid_on, amount=i.total, channel="transfer",
                    reference=f"SP2D/BENCH/{i.pk}")
            for i in invoices
        )  # fmt: skip
        PaymentShare.objects.bulk_create(
            PaymentShare(payment=p, invoice=i, amount=i.total) for p, i in zip(payments, invoices, strict=True)
        )
        for i in invoices:
            i.paid, i.status, i.covered_lines, i.updated_at = i.total, InvoiceStatus.PAID, i.lines_count, now
        Invoice.objects.bulk_update(invoices, ["paid", "status", "covered_lines", "updated_at"], batch_size=500)
