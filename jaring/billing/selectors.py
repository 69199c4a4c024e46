"""Reads of billing: who may bill and pay, a regency's billing settings, a program's invoices and the lines a
user may see. Lists of people (invoice lines) always start from ``scope_people``."""

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jaring.accounts.scoping import (
    can_approve,
    can_plan,
    can_propose,
    can_register,
    can_verify,
    scope_people,
    scope_regions,
)
from jaring.enrollment.lifecycle import CURRENT, MembershipStatus
from jaring.enrollment.models import Membership
from jaring.people.models import Person
from jaring.programs.models import Program
from jaring.regions.models import Region

from .arrears import Arrears, UnpaidRun, arrears_state, last_month_past_due
from .models import BillingSettings, Invoice, InvoiceLine, Reconciliation, ReconciliationItem


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


# Coverage (arrears, lapse, ends): issue #7 points 4 and 5.


def may_see_coverage(user) -> bool:
    """Billing roles, and the village operator for her village (she reports deaths and moves there)."""
    return may_read_billing(user) or can_propose(user)


def coverage_program_for(user, code: str) -> Program:
    if not may_see_coverage(user):
        raise Http404(_("No such program in your regency."))
    program = Program.objects.filter(regency_id=(user.scope_code or "")[:5], code=code).first()
    if program is None:
        raise Http404(_("No such program in your regency."))
    return program


def covering(program) -> QuerySet[Membership]:
    """Memberships whose cover depends on payment: active or lapsed (pending ones have not started)."""
    return Membership.objects.filter(program=program, status__in=[MembershipStatus.ACTIVE, MembershipStatus.LAPSED])


def unpaid_runs(memberships: QuerySet[Membership], cutoff: date) -> Iterator[tuple[int, str, UnpaidRun]]:
    """``(membership id, status, run)`` for every membership of ``memberships`` with billed months up to
    ``cutoff`` unpaid after its last paid one (``arrears.unpaid_run``), in desa then name order. Two
    aggregates over the invoice lines in one statement, whatever the number of memberships."""
    try:
        inner, params = memberships.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # ``.none()``: a user who sees nobody
        return
    q = connection.ops.quote_name
    line, invoice = q(InvoiceLine._meta.db_table), q(Invoice._meta.db_table)
    member, person = q(Membership._meta.db_table), q(Person._meta.db_table)
    sql = (
        f"WITH t AS (SELECT l.membership_id AS mid, i.{q('month')} AS mo, "
        f"CASE WHEN l.line_no <= i.covered_lines THEN 1 ELSE 0 END AS paid "
        f"FROM {line} l JOIN {invoice} i ON i.id = l.invoice_id "
        f"WHERE i.{q('month')} <= %s AND l.membership_id IN ({inner})), "
        f"p AS (SELECT mid, MAX(CASE WHEN paid = 1 THEN mo END) AS last_paid FROM t GROUP BY mid), "
        f"r AS (SELECT t.mid, COUNT(*) AS n, MIN(t.mo) AS first_mo, MAX(t.mo) AS last_mo FROM t "
        f"JOIN p ON p.mid = t.mid WHERE t.paid = 0 AND (p.last_paid IS NULL OR t.mo > p.last_paid) "
        f"GROUP BY t.mid) "
        f"SELECT r.mid, m.status, r.n, r.first_mo, r.last_mo FROM r JOIN {member} m ON m.id = r.mid "
        f"JOIN {person} pe ON pe.id = m.person_id ORDER BY m.village_id, pe.full_name, m.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [cutoff, *params])
        while rows := cursor.fetchmany(5000):
            for mid, status, n, first, last in rows:
                yield mid, status, UnpaidRun(_day(first), _day(last), n)


def _day(value) -> date:
    """SQLite hands dates of a raw query back as text."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def arrears_visible_to(user, program, *, today: date, level: str = "", village: str = "") -> list[tuple[int, Arrears]]:
    """``(membership id, arrears)`` of the program's memberships in arrears that the user may see, optionally of
    one level (``warning_1``, ``last_warning``, ``ended`` …) or desa."""
    rules = settings_for(program.regency_id)
    memberships = scope_people(covering(program), user)
    if village:
        memberships = memberships.filter(village_id=village)
    cutoff = last_month_past_due(today, rules.due_day)
    found = [
        (mid, arrears_state(run, lapse_after=rules.lapse_after)) for mid, _, run in unpaid_runs(memberships, cutoff)
    ]
    return [(mid, a) for mid, a in found if not level or a.level == level]


def memberships_by_pk(user, pks) -> dict[int, Membership]:
    found = scope_people(Membership.objects.filter(pk__in=list(pks)), user).select_related(
        "person", "village", "source"
    )
    return {m.pk: m for m in found}


def membership_for(user, program, pk: int) -> Membership:
    """One membership of the program the user may see; Http404 otherwise."""
    found = scope_people(Membership.objects.filter(program=program, pk=pk), user).select_related("person", "village")
    membership = found.first()
    if membership is None:
        raise Http404(_("No such membership in your area."))
    return membership


def membership_by_kpj(program, kpj: str) -> Membership | None:
    """For the command line (the system acts everywhere): the program's membership with this KPJ number."""
    return Membership.objects.filter(program=program, kpj=kpj.strip()).select_related("person").first()


def memberships_matching(user, program, text: str, *, limit: int = 20) -> QuerySet[Membership]:
    """Current memberships of the program in the user's scope whose KPJ is ``text`` or whose name holds it: where
    a village operator or verifier finds the person whose death or move she reports."""
    text = " ".join((text or "").split())
    if len(text) < 3:
        return Membership.objects.none()
    found = Membership.objects.filter(program=program, status__in=list(CURRENT)).filter(
        Q(kpj=text) | Q(person__full_name__icontains=text)
    )
    return scope_people(found, user).select_related("person", "village").order_by("person__full_name", "pk")[:limit]


def latest_program_for_reports(user) -> Program | None:
    """The newest program of the user's regency: where the menu's "report an end" entry leads."""
    if not may_see_coverage(user):
        return None
    return Program.objects.filter(regency_id=(user.scope_code or "")[:5]).order_by("-year", "-pk").first()


def coverage_villages(user, program):
    codes = covering(program).order_by().values("village_id")
    return scope_regions(Region.objects.filter(code__in=codes), user).order_by("name")


# Reconciliation with BPJS's status file (services/reconciling.py writes).


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
