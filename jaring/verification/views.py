"""Verification pages: run a program's verification, the review queue, one result beside its registry record.

Thin by design: services write, selectors read within the user's scope.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import can_verify, sees_full_nik
from jaring.audit.services import audit_record
from jaring.people.models import CoveragePayer, Occupation
from jaring.people.selectors import display_nik

from . import selectors, services
from .lifecycle import Decision, RunStatus
from .messages import reason_text
from .models import StatusChoices
from .services.decisions import REGISTRY_FIXES

PAGE_SIZE = 50
RUNNING = (RunStatus.QUEUED, RunStatus.RUNNING)


def _require_verifier(user) -> None:
    if not can_verify(user):
        raise PermissionDenied(_("Only verifiers verify candidates."))


def _program(request, code: str | None):
    _require_verifier(request.user)
    programs = selectors.programs_verifiable_by(request.user)
    program = (programs.filter(code=code).first() if code else None) or programs.first()
    if program is None:
        raise Http404(_("No program to verify in your regency."))
    return program


@login_required
def home(request):
    _require_verifier(request.user)
    if not selectors.programs_verifiable_by(request.user).exists():
        context = {"program": None, "active_nav": "verification"}
        return render(request, "verification/home.html", context)
    program = _program(request, request.GET.get("program"))
    run = selectors.runs_of(request.user, program).first()
    counts = selectors.status_counts(request.user, program)
    context = {
        "program": program,
        "programs": selectors.programs_verifiable_by(request.user),
        "run": run,
        "running": run is not None and run.status in RUNNING,
        "counts": [(value, label, counts[value]) for value, label in StatusChoices.choices],
        "pending": selectors.pending_count(request.user, program),
        "active_nav": "verification",
    }
    return render(request, "verification/home.html", context)


@login_required
@require_POST
def start(request):
    program = _program(request, request.POST.get("program"))
    try:
        services.verification_start(program=program, actor=request.user)
        messages.success(request, _("Verification started. This page shows its progress."))
    except services.VerificationError as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('verification:home')}?program={program.code}")


@login_required
def run_progress(request, run_id: int):
    """The progress bar, polled every second by htmx; once the run is over the page reloads itself."""
    _require_verifier(request.user)
    run = selectors.run_visible_to(request.user, run_id)
    if run is None:
        raise Http404(_("No such verification run in your area."))
    if run.status not in RUNNING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "verification/_progress.html", {"run": run})


def _queue_filters(request, program) -> dict:
    status = request.GET.get("status", "")
    village = request.GET.get("desa", "")
    return {
        "status": status if status in StatusChoices.values else "",
        "village": village if selectors.villages_with_results(request.user, program).filter(code=village) else "",
    }


@login_required
def queue(request):
    program = _program(request, request.GET.get("program"))
    filters = _queue_filters(request, program)
    results = selectors.results_visible_to(request.user, program=program, **filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    full = sees_full_nik(request.user)
    rows = [(result, display_nik(result.candidate.person.nik, full=full)) for result in page]
    query = {"program": program.code, "status": filters["status"], "desa": filters["village"]}
    context = {
        "program": program,
        "filters": filters,
        "statuses": StatusChoices.choices,
        "villages": selectors.villages_with_results(request.user, program),
        "page": page,
        "rows": rows,
        "query": urlencode(query),
        "active_nav": "verification",
    }
    return render(request, "verification/queue.html", context)


@login_required
@require_POST
def bulk(request):
    program = _program(request, request.POST.get("program"))
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    visible = list(
        selectors.results_visible_to(request.user, program=program).filter(pk__in=ids).values_list("pk", flat=True)
    )
    action, text = request.POST.get("action", ""), request.POST.get("text", "")
    if not visible:
        messages.error(request, _("Tick at least one candidate."))
    else:
        _bulk_messages(request, _decide_many(request, visible, action, text))
    return redirect(f"{reverse('verification:queue')}?{request.POST.get('query', '')}")


def _decide_many(request, ids, action: str, text: str):
    try:
        return services.results_decide(ids=ids, action=action, text=text, actor=request.user)
    except services.VerificationError as exc:
        return services.BulkOutcome(refused=[str(exc)])


def _bulk_messages(request, outcome) -> None:
    if outcome.done:
        messages.success(request, _("Decision recorded for %(n)d candidates.") % {"n": outcome.done})
    for refusal in outcome.refused:
        messages.error(request, refusal)


def _result(request, result_id: int):
    _require_verifier(request.user)
    result = selectors.results_visible_to(request.user).filter(pk=result_id).first()
    if result is None:
        raise Http404(_("No such verification result in your area."))
    return result


@login_required
def detail(request, result_id: int):
    result = _result(request, result_id)
    record = selectors.registry_record(result)
    full = sees_full_nik(request.user)
    audit_record(
        actor=request.user,
        action="verification.view",
        object_type="verification_result",
        object_id=result.pk,
        region_code=result.village_id,
        request=request,
    )
    context = {
        "result": result,
        "person": result.candidate.person,
        "comparison": _comparison(result.candidate.person, record, full),
        "reasons": _reason_texts(result.reasons),
        "can_accept_registry": result.status in REGISTRY_FIXES and record is not None,
        "decided": result.decision != Decision.PENDING,
        "active_nav": "verification",
    }
    return render(request, "verification/detail.html", context)


def _comparison(person, record, full: bool) -> list[tuple[str, str, str, bool]]:
    """(field, proposal, registry, differs) for the side-by-side table."""
    if record is None:
        return [(label, value, "", False) for label, value, _r in _fields(person, None, full)]
    return [(label, ours, theirs, ours != theirs) for label, ours, theirs in _fields(person, record, full)]


def _fields(person, record, full: bool):
    def village(obj):
        return f"{obj.village.name} ({obj.village_id})" if obj else ""

    def born(obj):
        return obj.birth_date.strftime("%d-%m-%Y") if obj and obj.birth_date else ""

    return [
        ("NIK", display_nik(person.nik, full=full), display_nik(record.nik, full=full) if record else ""),
        (_("Name"), person.full_name, record.full_name if record else ""),
        (_("Date of birth"), born(person), born(record)),
        (_("Sex"), person.get_sex_display(), record.get_sex_display() if record else ""),
        (_("Desa/kelurahan"), village(person), village(record)),
    ]


def _reason_texts(reasons: list[dict]) -> list[str]:
    codes = {value for reason in reasons for value in (reason.get("ours"), reason.get("registry"))}
    labels = selectors.village_names(c for c in codes if c and c.count(".") == 3)
    labels |= {value: str(label) for value, label in (*CoveragePayer.choices, *Occupation.choices)}
    return [reason_text(services.reason_of(reason), labels) for reason in reasons]


@login_required
@require_POST
def decide(request, result_id: int, action: str):
    result = _result(request, result_id)
    if action not in services.ACTIONS:
        raise Http404(_("Unknown action."))
    outcome = _decide_many(request, [result.pk], action, request.POST.get("text", ""))
    if outcome.refused:
        _bulk_messages(request, outcome)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("verification:detail", result_id=result.pk)
