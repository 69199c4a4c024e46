"""Intake pages: template, upload and the batch report, the single-entry form, returned proposals.

Thin by design: forms validate, services write, selectors read within the user's scope.
"""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import can_propose, can_verify, sees_full_nik
from jaring.audit.services import audit_record
from jaring.people.selectors import display_nik
from jaring.regions.models import Region

from . import downloads, services
from .forms import EntryForm, MappingForm, ReturnForm, TemplateForm, UploadForm, program_choice
from .headers import FIELD_LABELS
from .lifecycle import BatchStatus, CandidateStatus
from .models import CandidateStatusChoices
from .selectors import batches_visible_to, candidates_visible_to, problem_rows, villages_open_to

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Problems listed on the batch page; the downloadable report has every one.
SHOWN_PROBLEMS = 50
RUNNING = (BatchStatus.RECEIVED, BatchStatus.CHECKING, BatchStatus.COMMITTING)


def _require_proposer(user) -> None:
    if not can_propose(user):
        raise PermissionDenied(_("Only village operators and verifiers propose candidates."))


def _batch(request, batch_id: int):
    _require_proposer(request.user)
    batch = batches_visible_to(request.user).filter(pk=batch_id).first()
    if batch is None:
        raise Http404(_("No such upload in your area."))
    return batch


@login_required
def intake_home(request, upload_form=None):
    _require_proposer(request.user)
    batches = batches_visible_to(request.user).order_by("-created_at")[:30]
    returned = candidates_visible_to(request.user, status=CandidateStatus.RETURNED).count()
    context = {
        "upload_form": upload_form or UploadForm(user=request.user),
        "template_form": TemplateForm(user=request.user),
        "batches": batches,
        "returned": returned,
        "active_nav": "intake",
    }
    return render(request, "intake/home.html", context, status=400 if upload_form else 200)


@login_required
@require_POST
def upload(request):
    _require_proposer(request.user)
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return intake_home(request, upload_form=form)
    data, region = form.cleaned_data, Region.objects.get(code=form.region_code())
    try:
        batch = services.batch_upload(
            program=data["program"],
            region=region,
            data=data["file"].read(),
            filename=data["file"].name,
            source=data["source"],
            source_date=data.get("source_date"),
            actor=request.user,
        )
    except services.IntakeError as exc:
        form.add_error(None, str(exc))
        return intake_home(request, upload_form=form)
    return redirect("intake:batch", batch_id=batch.pk)


@login_required
def template_download(request):
    _require_proposer(request.user)
    form = TemplateForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404(_("No such village in your area."))
    village = villages_open_to(request.user).select_related("parent__parent").get(code=form.cleaned_data["village"])
    choices = villages_open_to(request.user).filter(parent_id=village.parent_id)
    name = f"templat-usulan-{slugify(village.name)}-{village.code.replace('.', '')}.xlsx"
    return _xlsx(name, downloads.template_write, village=village, choices=list(choices))


def _xlsx(filename: str, write, *args, **kwargs) -> FileResponse:
    """Write a workbook to a temporary file and send it; FileResponse closes (and so deletes) the file."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse once sent
    write(handle, *args, **kwargs)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def batch_detail(request, batch_id: int):
    batch = _batch(request, batch_id)
    full = sees_full_nik(request.user)
    problems = [] if batch.status in RUNNING else problem_rows(batch, SHOWN_PROBLEMS)
    for row in problems:
        nik = (row.cleaned or {}).get("nik") or ""
        row.nik_shown = display_nik(nik, full=full) if nik else ""
    mapping = {int(k): v for k, v in batch.mapping.items()}
    context = {
        "batch": batch,
        "problems": problems,
        "problems_more": max(0, batch.counts.get("error", 0) + batch.counts.get("warning", 0) - len(problems)),
        "mapping_form": MappingForm(header=batch.header, mapping=mapping) if batch.header else None,
        "mapped": [(name, FIELD_LABELS.get(mapping.get(i, ""), "")) for i, name in enumerate(batch.header)],
        "running": batch.status in RUNNING,
        "active_nav": "intake",
    }
    if problems:
        _audit_view(request, batch, "intake.view")
    return render(request, "intake/batch.html", context)


def _audit_view(request, batch, action: str) -> None:
    audit_record(
        actor=request.user,
        action=action,
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_id,
        request=request,
    )


@login_required
def batch_progress(request, batch_id: int):
    """The progress bar, polled every second by htmx; once the work is done the page reloads itself."""
    batch = _batch(request, batch_id)
    if batch.status not in RUNNING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "intake/_progress.html", {"batch": batch})


@login_required
@require_POST
def batch_mapping(request, batch_id: int):
    batch = _batch(request, batch_id)
    form = MappingForm(request.POST, header=batch.header, mapping={})
    if form.is_valid():
        try:
            services.batch_mapping_set(batch=batch, mapping=form.mapping(), actor=request.user)
            messages.success(request, _("Column mapping saved; the file is being checked again."))
        except services.IntakeError as exc:
            messages.error(request, str(exc))
    return redirect("intake:batch", batch_id=batch.pk)


@login_required
@require_POST
def batch_confirm(request, batch_id: int):
    batch = _batch(request, batch_id)
    if batch.status != BatchStatus.CHECKED:
        messages.error(request, _("This upload cannot be saved in its current state."))
        return redirect("intake:batch", batch_id=batch.pk)
    services.batch_confirm(batch=batch, accept_warnings=bool(request.POST.get("accept_warnings")), actor=request.user)
    return redirect("intake:batch", batch_id=batch.pk)


@login_required
@require_POST
def batch_cancel(request, batch_id: int):
    batch = _batch(request, batch_id)
    if batch.status in (BatchStatus.COMMITTING, BatchStatus.COMMITTED):
        messages.error(request, _("Saved data cannot be cancelled here."))
    elif batch.status not in (BatchStatus.CANCELLED, BatchStatus.REFUSED):
        services.batch_cancel(batch=batch, actor=request.user)
        messages.success(request, _("Upload cancelled. Nothing was written to the registry."))
    return redirect("intake:batch", batch_id=batch.pk)


@login_required
def batch_report(request, batch_id: int):
    batch = _batch(request, batch_id)
    if batch.status in RUNNING or not batch.header:
        raise Http404(_("The report is ready once the check has finished."))
    _audit_view(request, batch, "intake.report")
    stem = batch.filename.rsplit(".", 1)[0]
    return _xlsx(f"laporan-{slugify(stem)}.xlsx", downloads.report_write, batch)


# --- One person at a time --------------------------------------------------------------------------------------


@login_required
def entry(request):
    _require_proposer(request.user)
    program = program_choice(request.user, request.GET.get("program") or request.POST.get("program"))
    if program is None:
        raise Http404(_("No program is open for proposals in your regency."))
    form = EntryForm(request.POST or None, user=request.user)
    issues = {}
    if request.method == "POST" and form.is_valid():
        region = Region.objects.get(code=form.cleaned_data["village"])
        try:
            candidate = services.candidate_propose(
                program=program,
                region=region,
                raw=form.raw(),
                accept_warnings=form.cleaned_data["accept_warnings"],
                actor=request.user,
            )
        except services.EntryRefused as exc:
            messages.error(request, str(exc))
            issues = _issues_by_field(exc.result.issues, only=None)
        else:
            messages.success(request, _("Saved: %(name)s is proposed.") % {"name": candidate.person.full_name})
            return redirect(f"{reverse('intake:entry')}?program={program.code}")
    context = {"form": form, "program": program, "issues": issues, "active_nav": "intake"}
    return render(request, "intake/entry.html", context)


@login_required
@require_POST
def entry_check(request):
    """The live check as the operator types: one message block per field (htmx out-of-band swaps)."""
    _require_proposer(request.user)
    program = program_choice(request.user, request.POST.get("program"))
    form = EntryForm(request.POST, user=request.user)
    village = request.POST.get("village", "")
    region = villages_open_to(request.user).filter(code=village).first()
    if program is None or region is None:
        return HttpResponse(status=204)
    candidate = None
    if request.POST.get("candidate"):
        candidate = candidates_visible_to(request.user).filter(pk=request.POST["candidate"]).first()
    raw = form.raw()
    result = services.entry_check(program=program, region=region, raw=raw, candidate=candidate)
    filled = {name for name, value in raw.items() if value}
    context = {"issues": _issues_by_field(result.issues, only=filled), "fields": EntryForm.CHECKED}
    return render(request, "intake/_entry_checks.html", context)


#: Form field that shows a problem found in a field the form does not have.
_FORM_FIELD = {"birth_place_date": "birth_date", "rt_rw": "rt", "bps_village_code": "village", "district": "village"}


def _issues_by_field(issues, *, only: set[str] | None) -> dict[str, list]:
    found: dict[str, list] = {}
    for issue in issues:
        field = _FORM_FIELD.get(issue.field, issue.field)
        if only is None or field in only:
            found.setdefault(field, []).append(issue)
    return found


# --- Proposals, returned and resubmitted -----------------------------------------------------------------------


@login_required
def candidate_list(request):
    _require_proposer(request.user)
    program = program_choice(request.user, request.GET.get("program"))
    status = request.GET.get("status", "")
    if status not in CandidateStatusChoices.values:
        status = ""
    candidates = candidates_visible_to(request.user, program=program, status=status)[:200] if program else []
    full = sees_full_nik(request.user)
    rows = [(c, display_nik(c.person.nik, full=full)) for c in candidates]
    context = {
        "program": program,
        "status": status,
        "statuses": CandidateStatusChoices.choices,
        "rows": rows,
        "verifies": can_verify(request.user),
        "return_form": ReturnForm(),
        "active_nav": "candidates",
    }
    return render(request, "intake/candidates.html", context)


def _candidate(request, candidate_id: int):
    _require_proposer(request.user)
    candidate = candidates_visible_to(request.user).filter(pk=candidate_id).first()
    if candidate is None:
        raise Http404(_("No such proposal in your area."))
    return candidate


@login_required
@require_POST
def candidate_return(request, candidate_id: int):
    candidate = _candidate(request, candidate_id)
    if not can_verify(request.user):
        raise PermissionDenied(_("Only verifiers return proposals to the village."))
    form = ReturnForm(request.POST)
    try:
        services.candidate_return(candidate=candidate, message=form.data.get("message", ""), actor=request.user)
        messages.success(request, _("Returned to the village: %(name)s.") % {"name": candidate.person.full_name})
    except (services.IntakeError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('intake:candidates')}?program={candidate.program.code}")


@login_required
def candidate_fix(request, candidate_id: int):
    """A returned proposal, with the verifier's message, corrected by the village and sent back."""
    candidate = _candidate(request, candidate_id)
    if candidate.status != CandidateStatus.RETURNED:
        messages.info(request, _("This proposal is not waiting for a correction."))
        return redirect(f"{reverse('intake:candidates')}?program={candidate.program.code}")
    initial = EntryForm.initial_from(candidate.person)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="intake.candidate_view",
            object_type="candidate",
            object_id=candidate.pk,
            region_code=candidate.village_id,
            request=request,
        )
    form = EntryForm(request.POST or None, user=request.user, initial=initial)
    issues = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_resubmit(
                candidate=candidate,
                raw=form.raw(),
                accept_warnings=form.cleaned_data["accept_warnings"],
                actor=request.user,
            )
        except services.EntryRefused as exc:
            messages.error(request, str(exc))
            issues = _issues_by_field(exc.result.issues, only=None)
        else:
            messages.success(request, _("Corrected and sent back to the verifier."))
            return redirect(f"{reverse('intake:candidates')}?program={candidate.program.code}&status=returned")
    context = {
        "form": form,
        "program": candidate.program,
        "candidate": candidate,
        "issues": issues,
        "active_nav": "candidates",
    }
    return render(request, "intake/entry.html", context)
