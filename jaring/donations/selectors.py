"""Reads of donations: who may read and record them, a program's donations and the summary per source for a
user of the regency, and the public aggregate (money and worker-months, donor names unless anonymous; nothing
about the workers). Donations hold no worker's data, so the regency check stands in for ``scope_people``."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from jaring.accounts.scoping import can_approve
from jaring.decrees.selectors import contains_regency, current_recipients
from jaring.programs.costs import person_cost, rate_tables
from jaring.programs.models import FundingSource, Program
from jaring.programs.rates import CostError

from .earmark import Earmark, free_worker_months, worker_months
from .lifecycle import DonationStatus
from .models import DONATION_KINDS, Donation
from .services import may_record


def may_read_donations(user) -> bool:
    """Who records them, and the pejabat who signs the decrees they pay for."""
    return may_record(user) or can_approve(user)


def programs_readable_by(user) -> QuerySet[Program]:
    if not may_read_donations(user):
        return Program.objects.none()
    return Program.objects.filter(regency_id=(user.scope_code or "")[:5]).select_related("regency")


def program_for(user, code: str) -> Program:
    """One program of the user's regency; Http404 for any other (it may exist elsewhere: we do not say)."""
    program = programs_readable_by(user).filter(code=code).first()
    if program is None or not contains_regency(user, program.regency_id):
        raise Http404(_("No such program in your regency."))
    return program


def donation_sources(program: Program) -> QuerySet[FundingSource]:
    return program.sources.filter(kind__in=DONATION_KINDS).order_by("kind", "name")


def donations_of(user, program: Program, *, source: FundingSource | None = None) -> QuerySet[Donation]:
    """The program's donations (void ones too, for the record), newest first, for a reader of its regency."""
    if not may_read_donations(user) or not contains_regency(user, program.regency_id):
        return Donation.objects.none()
    found = Donation.objects.filter(source__program=program)
    if source is not None:
        found = found.filter(source=source)
    return found.select_related("source", "recorded_by", "voided_by")


def donation_for(user, program: Program, pk: int) -> Donation:
    donation = donations_of(user, program).filter(pk=pk).first()
    if donation is None:
        raise Http404(_("No such donation."))
    return donation


@dataclass(frozen=True)
class SourceSummary:
    """One donation source: money received, donors, and the worker-months the money covers (``earmark``;
    None with ``problem`` when the rates for the source's payer are missing) against those the current decree
    commits (its recipients on the source × the program's months)."""

    source: FundingSource
    received: Decimal
    donations: int
    donors: int
    committed_workers: int
    months: int
    earmark: Earmark | None
    problem: str = ""

    @property
    def committed_worker_months(self) -> int:
        return self.committed_workers * self.months

    @property
    def free_worker_months(self) -> int | None:
        return None if self.earmark is None else free_worker_months(self.earmark.worker_months,
                                                                    self.committed_worker_months)  # fmt: skip


def source_summaries(program: Program) -> list[SourceSummary]:
    """Every donation source of the program. Aggregates only: the committed count reads the decree's rows
    without naming anyone, so it needs no reader's scope."""
    sources = list(donation_sources(program))
    committed = dict(current_recipients(program).filter(source__in=sources).order_by().values_list("source")
                     .annotate(n=Count("pk")))  # fmt: skip
    tables = rate_tables()
    return [_summary(program, source, committed.get(source.pk, 0), tables) for source in sources]


def _summary(program: Program, source: FundingSource, committed: int, tables) -> SourceSummary:
    received = Donation.objects.filter(source=source, status=DonationStatus.RECEIVED)
    money = received.aggregate(total=Sum("amount"), n=Count("pk"))
    total = money["total"] or Decimal(0)
    earmark, problem = _earmark(program, source.kind, total, tables)
    return SourceSummary(source, total, money["n"], _donors(received), committed, program.months, earmark, problem)


def _earmark(program: Program, kind: str, total: Decimal, tables) -> tuple[Earmark | None, str]:
    """The worker-months at the rates the source's kind of payer pays in each of the program's months."""
    try:
        cost = person_cost(program, kind, tables=tables)
    except CostError as exc:
        return None, str(exc)
    return worker_months(total, [month.total for month in cost.month_costs]), ""


def _donors(received: QuerySet[Donation]) -> int:
    """Donors, not donations: a name counts once however often it gave; an entry without a name counts alone."""
    names = received.exclude(donor_name="").values_list("donor_name", flat=True)
    return len({name.casefold() for name in names}) + received.filter(donor_name="").count()


@dataclass(frozen=True)
class PublicDonor:
    name: str
    donations: int
    total: Decimal


@dataclass(frozen=True)
class PublicSummary:
    """What anyone may see of a program's donations: money, worker-months, how many workers donations pay for
    now, and the named donors. Anonymous donors are one line without names."""

    program: Program
    received: Decimal
    worker_months: int
    workers_now: int
    donors: list[PublicDonor]
    anonymous: PublicDonor | None


def public_program(code: str) -> Program:
    """A program that takes donations (has a donation or CSR/BAZNAS source); Http404 for any other."""
    program = Program.objects.filter(code=code, sources__kind__in=DONATION_KINDS).select_related("regency").first()
    if program is None:
        raise Http404(_("No donation campaign with this code."))
    return program


def public_summary(program: Program) -> PublicSummary:
    summaries = source_summaries(program)
    received = Donation.objects.filter(source__program=program, status=DonationStatus.RECEIVED)
    rows = (received.filter(anonymous=False).exclude(donor_name="").values("donor_name")
            .annotate(n=Count("pk"), total=Sum("amount")).order_by("donor_name"))  # fmt: skip
    named = [PublicDonor(r["donor_name"], r["n"], r["total"]) for r in rows]
    hidden = received.filter(Q(anonymous=True) | Q(donor_name="")).aggregate(n=Count("pk"), total=Sum("amount"))
    anonymous = PublicDonor("", hidden["n"], hidden["total"]) if hidden["n"] else None
    return PublicSummary(
        program=program,
        received=sum((s.received for s in summaries), Decimal(0)),
        worker_months=sum(s.earmark.worker_months for s in summaries if s.earmark),
        workers_now=sum(s.committed_workers for s in summaries),
        donors=named,
        anonymous=anonymous,
    )
