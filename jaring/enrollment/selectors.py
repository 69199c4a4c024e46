"""Reads of enrollment: whom to register, the counts of a program's registration, its memberships and their
history, agreements and results files. Lists of people always start from ``scope_people``."""

from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jaring.accounts.scoping import can_register, can_verify, scope_people, scope_regions
from jaring.decrees.lifecycle import DecreeStatus, RecipientChange
from jaring.decrees.models import DecreeRecipient
from jaring.decrees.selectors import current_recipients, latest_final_decree
from jaring.programs.models import FundingSource, Program
from jaring.regions.models import Region
from jaring.verification.lifecycle import Decision
from jaring.verification.models import VerificationResult
from jaring.verification.services import BPJS_REJECTED

from .lifecycle import MembershipStatus, ResultImportStatus
from .models import CooperationAgreement, Membership, ResultImport


def may_register(user) -> bool:
    """Verifiers (Disnaker) and BPJS officers of the regency register recipients with BPJS."""
    return can_verify(user) or can_register(user)


def programs_registrable_by(user) -> QuerySet[Program]:
    """Programs of the user's regency, newest first; none for roles that do not register with BPJS."""
    if not may_register(user):
        return Program.objects.none()
    return Program.objects.filter(regency_id=(user.scope_code or "")[:5]).select_related("regency")


def program_for(user, code: str) -> Program:
    """One program of the user's regency; Http404 for any other (it may exist elsewhere: we do not say)."""
    program = programs_registrable_by(user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program in your regency."))
    return program


def _awaiting_results(program) -> QuerySet[VerificationResult]:
    """Results of the program BPJS rejected and no verifier has decided since (verification's ``bpjs_rejected``)."""
    return VerificationResult.objects.filter(
        program=program, decision=Decision.PENDING, reasons__icontains=BPJS_REJECTED
    )


def _has_membership(program):
    return Exists(Membership.objects.filter(program=program, person=OuterRef("person")))


def registration_queue(program) -> QuerySet[DecreeRecipient]:
    """Current recipients (the latest final decree's list without its removed rows) who have no membership in the
    program yet and are not awaiting the verifier after BPJS rejected them. Unscoped: the export scopes it."""
    awaiting = _awaiting_results(program).filter(candidate=OuterRef("candidate"))
    return (
        current_recipients(program)
        .annotate(member=_has_membership(program), awaiting=Exists(awaiting))
        .filter(member=False, awaiting=False)
    )


def awaiting_verifier(program) -> QuerySet[DecreeRecipient]:
    """Current recipients BPJS rejected, back in the verifier's queue, without a membership."""
    awaiting = _awaiting_results(program).filter(candidate=OuterRef("candidate"))
    return current_recipients(program).annotate(member=_has_membership(program)).filter(Exists(awaiting), member=False)


def registration_counts(user, program) -> dict[str, int]:
    """What the program's registration page counts, within the user's scope: to register, awaiting the verifier
    after a rejection, and memberships by status."""
    by_status = dict(
        scope_people(Membership.objects.filter(program=program), user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts = {status.value: by_status.get(status.value, 0) for status in MembershipStatus}
    counts["to_register"] = scope_people(registration_queue(program), user).count()
    counts["rejected"] = scope_people(awaiting_verifier(program), user).count()
    counts["recipients"] = scope_people(current_recipients(program), user).count()
    return counts


def memberships_visible_to(user, program, *, status: str = "", village: str = "") -> QuerySet[Membership]:
    queryset = scope_people(Membership.objects.filter(program=program), user)
    if status:
        queryset = queryset.filter(status=status)
    if village:
        queryset = queryset.filter(village_id=village)
    return (
        queryset.select_related("person", "village", "source")
        .prefetch_related("events__actor")
        .order_by("village__name", "person__full_name", "pk")
    )


def villages_with_memberships(user, program) -> QuerySet[Region]:
    codes = Membership.objects.filter(program=program).order_by().values("village_id")
    return scope_regions(Region.objects.filter(code__in=codes), user).order_by("name")


def agreements_of(program) -> QuerySet[CooperationAgreement]:
    return CooperationAgreement.objects.filter(program=program).select_related("source").order_by("source", "pk")


def agreement_starts(program) -> dict[int, date | None]:
    """Funding source id → the start date of the PKS its memberships follow (the source's own, else the
    program's), None when there is no PKS (``rules.membership_start`` then takes the program's first day)."""
    agreements = {a.source_id: a.start for a in agreements_of(program)}
    sources = FundingSource.objects.filter(program=program).values_list("pk", flat=True)
    return {source_id: agreements.get(source_id, agreements.get(None)) for source_id in sources}


def added_by_amendment(program) -> dict[int, date]:
    """Person id → the month the latest final SK perubahan that added the person takes effect (replacements)."""
    added = DecreeRecipient.objects.filter(
        decree__program=program, decree__status=DecreeStatus.FINAL, change=RecipientChange.ADDED
    )
    months = added.exclude(decree__effective_from=None).order_by().values_list("person_id")
    return dict(months.annotate(month=Max("decree__effective_from")))


def result_imports_of(program) -> QuerySet[ResultImport]:
    return ResultImport.objects.filter(program=program).select_related("uploaded_by", "applied_by")


def result_import_for(program, import_id: int) -> ResultImport:
    """A results file of ``program``, which the caller found with ``program_for`` (the user's regency)."""
    result_import = result_imports_of(program).filter(pk=import_id).first()
    if result_import is None:
        raise Http404(_("No such results file."))
    return result_import


def applied_import(sha256: str) -> ResultImport | None:
    return ResultImport.objects.filter(sha256=sha256, status=ResultImportStatus.APPLIED).first()


def program_of_niks(niks: set[str]) -> list[Program]:
    """The programs whose current recipients include every one of ``niks`` (for ``jaring bpjs-import`` without
    ``--program``). Unscoped: the command line acts for the whole instance."""
    if not niks:
        return []
    probe = next(iter(sorted(niks)))
    found = []
    programs = Program.objects.filter(decrees__recipients__person__nik=probe).distinct().order_by("pk")
    for program in programs:
        if latest_final_decree(program) is None:
            continue
        if current_recipients(program).filter(person__nik__in=niks).count() == len(niks):
            found.append(program)
    return found


def enrollment_started(program) -> bool:
    """The program has a PKS, a results file or a membership: its registration with BPJS has begun."""
    return (
        CooperationAgreement.objects.filter(program=program).exists()
        or ResultImport.objects.filter(program=program).exists()
        or Membership.objects.filter(program=program).exists()
    )


def kpjs_in_use() -> set[str]:
    """Every KPJ Jaring's memberships hold. Unscoped, for the system (the demo's synthetic BPJS answer)."""
    return set(Membership.objects.exclude(kpj="").values_list("kpj", flat=True))


def membership_status_counts(program) -> dict[str, int]:
    """The program's memberships by status, every status present. Unscoped: aggregate counts, no people."""
    found = dict(Membership.objects.filter(program=program).order_by().values_list("status").annotate(n=Count("pk")))
    return {status.value: found.get(status.value, 0) for status in MembershipStatus}
