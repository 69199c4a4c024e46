"""Reads for verification, always within the user's scope: programs, runs, results and their counts."""

from django.apps import apps
from django.db.models import Count, Q, QuerySet

from jaring.accounts.scoping import can_propose, can_verify, scope_people
from jaring.civil.models import CivilRecord
from jaring.intake.models import Candidate
from jaring.regions.models import Region

from .lifecycle import ACCEPTS, Decision, Status
from .models import VerificationResult, VerificationRun
from .services.decisions import BPJS_REJECTED
from .services.inputs import CLOSED


def programs_verifiable_by(user) -> QuerySet:
    """Programs of the verifier's regency, newest first. Programs sit above verification, hence get_model."""
    Program = apps.get_model("programs", "Program")
    if not can_verify(user):
        return Program.objects.none()
    return Program.objects.filter(regency_id=(user.scope_code or "")[:5]).order_by("-year", "name")


def results_visible_to(user, *, program=None, status: str = "", village: str = "") -> QuerySet[VerificationResult]:
    """Verifiers see every result in their scope; a village operator only what was returned to her village."""
    queryset = scope_people(VerificationResult.objects.all(), user)
    if not can_verify(user):
        queryset = queryset.filter(decision=Decision.RETURNED) if can_propose(user) else queryset.none()
    if program is not None:
        queryset = queryset.filter(program=program)
    if status:
        queryset = queryset.filter(status=status)
    if village:
        queryset = queryset.filter(village_id=village)
    return queryset.select_related("candidate__person", "village", "program").order_by(
        "village__name", "candidate__person__full_name", "pk"
    )


def status_counts(user, program) -> dict[str, int]:
    """Results by status, every status present (zero when none)."""
    rows = results_visible_to(user, program=program).order_by().values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return {status.value: found.get(status.value, 0) for status in Status}


def pending_count(user, program) -> int:
    """Results awaiting a decision: a finding other than valid, or a recipient BPJS rejected (the finding
    ``bpjs_rejected`` enrollment adds to a result that may well be valid)."""
    awaiting = ~Q(status=Status.VALID) | Q(reasons__icontains=BPJS_REJECTED)
    return results_visible_to(user, program=program).filter(awaiting, decision=Decision.PENDING).count()


def runs_of(user, program) -> QuerySet[VerificationRun]:
    if not can_verify(user) or program not in programs_verifiable_by(user):
        return VerificationRun.objects.none()
    return VerificationRun.objects.filter(program=program).order_by("-created_at")


def run_visible_to(user, run_id: int) -> VerificationRun | None:
    return VerificationRun.objects.filter(pk=run_id, program__in=programs_verifiable_by(user)).first()


def registry_record(result: VerificationResult) -> CivilRecord | None:
    """The registry record a result was matched to (shown beside the proposal); the result is already scoped."""
    if not result.registry_nik:
        return None
    return CivilRecord.objects.filter(nik=result.registry_nik).select_related("village").first()


def village_names(codes) -> dict[str, str]:
    """Village codes → "Desa, Kecamatan" for reasons that carry a code."""
    regions = Region.objects.filter(code__in=[c for c in codes if c]).select_related("parent")
    return {r.code: f"{r.name}, {r.parent.name}" if r.parent else r.name for r in regions}


def villages_with_results(user, program) -> QuerySet[Region]:
    codes = results_visible_to(user, program=program).order_by().values("village_id")
    return Region.objects.filter(code__in=codes).order_by("name")


def candidates_cleared(program) -> QuerySet[Candidate]:
    """Candidates verification lets through to selection: a valid result, or a finding a verifier accepted.

    Unscoped on purpose: selection (issue #5) reads the whole program and scopes its own pages.
    """
    cleared = Q(verification__status=Status.VALID) | Q(verification__decision__in=list(ACCEPTS))
    queryset = Candidate.objects.filter(program=program).exclude(status__in=CLOSED)
    return queryset.filter(cleared).exclude(verification__decision__in=[Decision.RETURNED, Decision.REJECTED])
