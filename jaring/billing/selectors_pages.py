"""Reads of the billing pages: the program's grid of invoices, one invoice with its payments and lines, one
payment and where its money went. Lines name people: they come from ``selectors.lines_visible_to``, scoped."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jaring.programs.costs import program_last_month, program_start
from jaring.programs.rates import add_months

from .models import Invoice, InvoiceLine, Payment, PaymentShare
from .periods import months_between
from .selectors import invoices_of, lines_visible_to, may_read_billing


def months_of(program) -> list:
    """The program's months, first to last (``programs.costs`` says where it starts and how long it runs)."""
    first, last = program_start(program), program_last_month(program)
    return [add_months(first, n) for n in range(months_between(first, last) + 1)]


def invoice_grid(program) -> list[tuple]:
    """One row per month of the program: (month, [invoice or None for each source]), sources as
    ``program.sources`` orders them."""
    sources = list(program.sources.order_by("kind", "name"))
    found = {(i.month, i.source_id): i for i in invoices_of(program)}
    return [(month, [found.get((month, s.pk)) for s in sources]) for month in months_of(program)]


def invoice_for(program, pk: int) -> Invoice:
    invoice = invoices_of(program).filter(pk=pk).first()
    if invoice is None:
        raise Http404(_("No such invoice in this program."))
    return invoice


def shares_of(invoice: Invoice) -> QuerySet[PaymentShare]:
    """The money applied to ``invoice``, from whichever payment (its own code's or a later month's)."""
    return PaymentShare.objects.filter(invoice=invoice).select_related("payment").order_by("payment__paid_on", "pk")


def lines_with_people(user, invoice: Invoice) -> QuerySet[InvoiceLine]:
    return lines_visible_to(user, invoice).select_related("membership__person", "village")


def payment_for(user, pk: int) -> Payment:
    """One payment of the user's regency, with where its money went; Http404 for any other."""
    payment = Payment.objects.filter(pk=pk, invoice__regency_code=(user.scope_code or "")[:5]).first()
    if payment is None or not may_read_billing(user):
        raise Http404(_("No such payment in your regency."))
    return payment


def applied_shares(payment: Payment) -> QuerySet[PaymentShare]:
    """Where a payment's money went, oldest month first."""
    return payment.shares.select_related("invoice", "invoice__source", "invoice__program").order_by(
        "invoice__month", "invoice__pk"
    )
