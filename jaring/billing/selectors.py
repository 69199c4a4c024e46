"""Reads of billing: who may bill and pay, a regency's billing settings, a program's invoices and the lines a
user may see. Lists of people (invoice lines) always start from ``scope_people``."""

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jaring.accounts.scoping import can_approve, can_plan, can_register, can_verify, scope_people
from jaring.programs.models import Program

from .models import BillingSettings, Invoice, InvoiceLine


def may_bill(user) -> bool:
    """BPJS officers and verifiers (Disnaker) run the monthly billing and reconcile it with BPJS."""
    return can_register(user) or can_verify(user)


def may_pay(user) -> bool:
    """Budget planners (BPKAD) and verifiers (Disnaker, who pay in Kukar's practice) record payments."""
    return can_plan(user) or can_verify(user)


def may_read_billing(user) -> bool:
    return may_bill(user) or may_pay(user) or can_approve(user)


def programs_billable_by(user) -> QuerySet[Program]:
    if not may_read_billing(user):
        return Program.objects.none()
    return Program.objects.filter(regency_id=(user.scope_code or "")[:5]).select_related("regency")


def program_for(user, code: str) -> Program:
    """One program of the user's regency; Http404 for any other (it may exist elsewhere: we do not say)."""
    program = programs_billable_by(user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program in your regency."))
    return program


def settings_for(regency_code: str) -> BillingSettings:
    """The regency's settings, or the defaults (unsaved) when it has none."""
    found = BillingSettings.objects.filter(regency_id=regency_code).first()
    return found or BillingSettings(regency_id=regency_code)


def invoices_of(program) -> QuerySet[Invoice]:
    return Invoice.objects.filter(program=program).select_related("source").order_by("month", "source__name")


def covered() -> Q:
    """Invoice lines the payments so far have covered (lines are covered in order, see ``Invoice``)."""
    return Q(line_no__lte=F("invoice__covered_lines"))


def lines_visible_to(user, invoice: Invoice) -> QuerySet[InvoiceLine]:
    return scope_people(InvoiceLine.objects.filter(invoice=invoice), user).order_by("line_no")


# Reconciliation with BPJS's status file (services/reconciling.py writes).
from .models import Reconciliation, ReconciliationItem  # noqa: E402


def reconciliations_of(program):
    return Reconciliation.objects.filter(program=program).exclude(status="cancelled").select_related("created_by")


def reconciliation_for(program, pk: int):
    """One reconciliation of the program; Http404 for any other."""
    found = reconciliations_of(program).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such reconciliation."))
    return found


def differences_visible_to(user, reconciliation, *, kind: str = "", open_only: bool = False):
    """The reconciliation's differences the user may see: a KPJ Jaring does not know has no village and is
    seen by regency-wide users only (``ReconciliationItem``)."""
    items = ReconciliationItem.objects.filter(reconciliation=reconciliation)
    if kind:
        items = items.filter(kind=kind)
    if open_only:
        items = items.filter(resolved_at__isnull=True)
    items = scope_people(items, user).select_related("membership__person", "village", "resolved_by")
    return items.order_by("kind", "kpj", "pk")


def difference_for(user, reconciliation, pk: int):
    found = differences_visible_to(user, reconciliation).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such difference."))
    return found
