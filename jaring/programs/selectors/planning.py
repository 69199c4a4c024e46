"""Reads of a program's plan, within the user's regency. Funding sources and quotas hold no personal data."""

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from jaring.accounts.scoping import can_approve, can_plan, can_verify
from jaring.core.regioncodes import Level
from jaring.regions.models import Region

from ..lifecycle import SelectionStatus
from ..models import FundingSource, Program, Quota, Selection


def reads_plans(user) -> bool:
    """Planners set the plan; verifiers and pejabat penetap read it."""
    return can_plan(user) or can_verify(user) or can_approve(user)


def programs_visible_to(user) -> QuerySet[Program]:
    """Programs of the user's regency, newest first; none for anyone who neither plans, verifies nor approves."""
    if not reads_plans(user):
        return Program.objects.none()
    return Program.objects.filter(regency_id=(user.scope_code or "")[:5]).select_related("regency")


def programs_with_budgets(user) -> QuerySet[Program]:
    """``programs_visible_to`` with each program's total budget (``budget``) and number of sources."""
    return programs_visible_to(user).annotate(budget=Sum("sources__amount"), source_count=Count("sources"))


def program_for(user, code: str) -> Program:
    """One program of the user's regency; Http404 for any other (it may exist elsewhere: we do not say)."""
    program = programs_visible_to(user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program in your regency."))
    return program


def sources_of(program: Program) -> QuerySet[FundingSource]:
    return program.sources.select_related("village__parent").order_by("kind", "name")


def quotas_of(program: Program) -> QuerySet[Quota]:
    return program.quotas.order_by("kind", "key")


def regions_of_regency(regency_code: str) -> QuerySet[Region]:
    """Kecamatan and desa/kelurahan of a regency, each kecamatan followed by its villages (code order)."""
    levels = [Level.DISTRICT, Level.VILLAGE]
    return Region.objects.filter(code__startswith=regency_code + ".", level__in=levels).order_by("code")


def desa_of_regency(regency_code: str) -> QuerySet[Region]:
    """The villages that have an APBDes: desa, not kelurahan."""
    return regions_of_regency(regency_code).filter(level=Level.VILLAGE).exclude(kind="kelurahan")


def is_frozen(program: Program) -> bool:
    """An approved selection froze the program's budgets and quotas."""
    return Selection.objects.filter(program=program, status=SelectionStatus.APPROVED).exists()
