"""The "Pendaftaran BPJS" pages: a program's registration counts, its PKS, the registration file, the results
upload → report → confirmation, and its memberships with their history.

Verifiers and BPJS officers of the regency only. Thin by design: services write, selectors read in scope.
"""

import tempfile
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import sees_full_nik
from jaring.decrees.selectors import latest_final_decree
from jaring.people.selectors import display_nik
from jaring.programs.rates import number

from . import selectors, services
from .files import CONTENT_TYPES, FORMATS
from .forms import AgreementForm, ResultsUploadForm
from .lifecycle import ResultImportStatus
from .models import MembershipStatusChoices
from .results import FIELD_LABELS

PAGE_SIZE = 50
REPORT_PAGE_SIZE = 100
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _require(user) -> None:
    if not selectors.may_register(user):
        raise PermissionDenied(_("Only verifiers and BPJS officers register recipients with BPJS."))


def _program(request, code: str):
    _require(request.user)
    return selectors.program_for(request.user, code)


@login_required
def home(request):
    _require(request.user)
    programs = selectors.programs_registrable_by(request.user).order_by("-year", "name")
    rows = [(program, selectors.registration_counts(request.user, program)) for program in programs]
    return render(request, "enrollment/home.html", {"rows": rows, "active_nav": "enrollment"})


def _filters(request, program) -> dict:
    status, village = request.GET.get("status", ""), request.GET.get("desa", "")
    villages = selectors.villages_with_memberships(request.user, program)
    return {
        "status": status if status in MembershipStatusChoices.values else "",
        "village": village if villages.filter(code=village).exists() else "",
    }


@login_required
def program_page(request, code: str, *, agreement_form=None, upload_form=None):
    program = _program(request, code)
    filters = _filters(request, program)
    memberships = selectors.memberships_visible_to(request.user, program, **filters)
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    full = sees_full_nik(request.user)
    sources = list(program.sources.order_by("kind", "name"))
    context = {
        "program": program,
        "decree": latest_final_decree(program),
        "counts": selectors.registration_counts(request.user, program),
        "agreements": selectors.agreements_of(program),
        "agreement_form": agreement_form or AgreementForm(sources=sources),
        "upload_form": upload_form or ResultsUploadForm(),
        "imports": selectors.result_imports_of(program)[:10],
        "statuses": MembershipStatusChoices.choices,
        "villages": selectors.villages_with_memberships(request.user, program),
        "filters": filters,
        "page": page,
        "rows": [(m, display_nik(m.person.nik, full=full)) for m in page],
        "query": urlencode({"status": filters["status"], "desa": filters["village"]}),
        "active_nav": "enrollment",
    }
    return render(request, "enrollment/program.html", context)


@login_required
def export(request, code: str, fmt: str):
    program = _program(request, code)
    if fmt not in FORMATS:
        raise Http404(_("Unknown file format."))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse once sent
    try:
        services.registration_export(program=program, fmt=fmt, target=handle, actor=request.user)
    except services.EnrollmentError as exc:
        handle.close()
        messages.error(request, str(exc))
        return redirect("enrollment:program", code=program.code)
    handle.seek(0)
    name = f"pendaftaran-bpjs-{program.code}-{timezone.localdate():%Y%m%d}.{fmt}"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt])


@login_required
@require_POST
def agreement(request, code: str):
    program = _program(request, code)
    form = AgreementForm(request.POST, sources=program.sources.all())
    if not form.is_valid():
        return program_page(request, code, agreement_form=form)
    data = form.cleaned_data
    try:
        services.agreement_save(
            program=program,
            source=data["source"],
            number=data["number"],
            signed_on=data["signed_on"],
            start=data["start"],
            note=data["note"],
            actor=request.user,
        )
    except services.EnrollmentError as exc:
        form.add_error(None, str(exc))
        return program_page(request, code, agreement_form=form)
    messages.success(request, _("Cooperation agreement saved."))
    return redirect("enrollment:program", code=program.code)


@login_required
@require_POST
def results_upload(request, code: str):
    program = _program(request, code)
    form = ResultsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return program_page(request, code, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        result_import = services.result_import_stage(
            program=program, data=upload.read(), filename=upload.name, actor=request.user
        )
    except services.EnrollmentError as exc:
        form.add_error("file", str(exc))
        return program_page(request, code, upload_form=form)
    return redirect("enrollment:results_report", code=program.code, import_id=result_import.pk)


@login_required
def results_report(request, code: str, import_id: int):
    program = _program(request, code)
    result_import = selectors.result_import_for(program, import_id)
    full = sees_full_nik(request.user)
    rows = sorted(result_import.rows, key=_problems_first)
    page = Paginator(rows, REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "result_import": result_import,
        "counts": result_import.counts,
        "columns": [(FIELD_LABELS[name], header) for name, header in result_import.columns.items()],
        "page": page,
        "rows": [(row, _nik(row["nik"], full), _day(row["start"])) for row in page],
        "may_apply": result_import.status == ResultImportStatus.CHECKED and not result_import.errors,
        "checked": result_import.status == ResultImportStatus.CHECKED,
        "active_nav": "enrollment",
    }
    return render(request, "enrollment/report.html", context)


def _nik(nik: str, full: bool) -> str:
    return display_nik(nik, full=full) if len(nik) == 16 else nik


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%d-%m-%Y}" if iso else ""


def _problems_first(row: dict) -> tuple[int, int]:
    worst = min((SEVERITY_ORDER.get(m["severity"], 3) for m in row["messages"]), default=3)
    return worst, row["row"]


@login_required
@require_POST
def results_apply(request, code: str, import_id: int):
    program = _program(request, code)
    result_import = selectors.result_import_for(program, import_id)
    try:
        applied = services.result_import_apply(result_import=result_import, actor=request.user)
    except services.EnrollmentError as exc:
        messages.error(request, str(exc))
        return redirect("enrollment:results_report", code=program.code, import_id=result_import.pk)
    messages.success(
        request,
        _(
            "Applied: %(memberships)s new memberships, %(rejected)s back to the verifier, %(activated)s active "
            "from their start date."
        )
        % {
            "memberships": number(applied.memberships),
            "rejected": number(applied.to_verifier),
            "activated": number(applied.activated),
        },
    )
    return redirect("enrollment:program", code=program.code)


@login_required
@require_POST
def results_cancel(request, code: str, import_id: int):
    program = _program(request, code)
    result_import = selectors.result_import_for(program, import_id)
    try:
        services.result_import_cancel(result_import=result_import, actor=request.user)
        messages.success(request, _("Results file cancelled; nothing was applied."))
    except services.EnrollmentError as exc:
        messages.error(request, str(exc))
    return redirect("enrollment:program", code=program.code)
