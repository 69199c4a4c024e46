"""The yearly report's figures for one regency and year: its programs, decrees, memberships and their ends, the
money per funding source (``billing.selectors_absorption``) and coverage per kecamatan (the dashboard's).
Counts and sums only: no person leaves here."""

from collections import Counter
from datetime import date, datetime

from django.db.models import Count, Q

from jaring.billing.selectors_absorption import absorption_of
from jaring.decrees.lifecycle import DecreeKind, DecreeStatus, RecipientChange
from jaring.decrees.models import Decree, DecreeRecipient
from jaring.decrees.selectors import current_recipients
from jaring.decrees.text import settings_of
from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership, MembershipEvent
from jaring.programs import costs
from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program
from jaring.programs.rates.words import month_span
from jaring.regions.models import Region

from ...dashboard import by_category, by_region, latest_month, over_time
from ..documents.yearly_data import DecreeLine, MoneyLine, ProgramLine, RegionLine, YearlyData, end_cause


def yearly_data(*, regency: Region, year: int, printed_at: datetime, printed_by: str) -> YearlyData:
    programs = list(Program.objects.filter(regency=regency, year=year).order_by("name", "pk"))
    month = latest_month(regency.code, year)
    totals = next((r for r in over_time(regency.code, year) if r.month == month), None)
    signing = settings_of(regency)
    memberships = Membership.objects.filter(program__in=programs)
    return YearlyData(
        regency=regency.name,
        regent_title=signing.regent_title.title(),
        signing_place=signing.signing_place,
        year=year,
        month=month,
        printed_at=printed_at,
        printed_by=printed_by,
        programs=[_program(p) for p in programs],
        decrees=[line for p in programs for line in _decrees(p)],
        registered=memberships.exclude(kpj="").count(),
        members=totals.members if totals else 0,
        covered=totals.covered if totals else 0,
        arrears=totals.arrears if totals else 0,
        by_category={r.key: r.members for r in by_category(regency.code, year, month)},
        ends=_ends(memberships, year),
        replacements=_replacements(programs, year),
        money=[line for p in programs for line in _money(p)],
        regions=[RegionLine(r.name, r.members, r.covered, r.arrears) for r in by_region(regency.code, year, month)],
    )


def _program(program: Program) -> ProgramLine:
    approved = program.selections.filter(status=SelectionStatus.APPROVED).order_by("-decided_at").first()
    return ProgramLine(
        name=str(program),
        category=program.category,
        period=month_span(costs.program_start(program), costs.program_last_month(program)),
        selected=approved.selected_count if approved else 0,
        waiting=approved.waiting_count if approved else 0,
        recipients=current_recipients(program).count(),
    )


def _decrees(program: Program) -> list[DecreeLine]:
    final = Decree.objects.filter(program=program, status=DecreeStatus.FINAL).order_by("finalized_at", "id")
    counted = final.annotate(
        listed=Count("recipients", filter=~Q(recipients__change=RecipientChange.REMOVED)),
        added=Count("recipients", filter=Q(recipients__change=RecipientChange.ADDED)),
        removed=Count("recipients", filter=Q(recipients__change=RecipientChange.REMOVED)),
    )
    return [
        DecreeLine(str(program), d.kind == DecreeKind.AMENDMENT, d.number, d.signed_on, d.listed, d.added, d.removed)
        for d in counted
    ]


def _ends(memberships, year: int) -> dict[str, int]:
    """Memberships that ended in the year, counted by cause, most frequent first."""
    events = MembershipEvent.objects.filter(
        membership__in=memberships,
        to_status=MembershipStatus.ENDED,
        effective__gte=date(year, 1, 1),
        effective__lt=date(year + 1, 1, 1),
    )
    return dict(Counter(end_cause(reason) for reason in events.values_list("reason", flat=True)).most_common())


def _replacements(programs: list[Program], year: int) -> int:
    """Recipients added by amending decrees signed in the year: each fills a place someone left."""
    added = DecreeRecipient.objects.filter(
        decree__program__in=programs,
        decree__kind=DecreeKind.AMENDMENT,
        decree__status=DecreeStatus.FINAL,
        decree__signed_on__year=year,
        change=RecipientChange.ADDED,
    )
    return added.count()


def _money(program: Program) -> list[MoneyLine]:
    rows, _ = absorption_of(program)
    return [MoneyLine(r.source.name, r.figures.allocated, r.figures.billed, r.figures.paid) for r in rows]
