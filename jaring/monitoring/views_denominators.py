"""The "Penyebut cakupan" page (/pantau/penyebut/): a verifier or planner of the regency uploads a table of workers
per desa or kecamatan, reads the check, confirms; the page lists the rows loaded, the coverage target (the planner
edits it) and offers the template. Thin by design: services write, selectors read.

Between the check and the confirmation the file waits in the session (a few kilobytes: a regency has a few hundred
regions), named by its SHA-256 so that a confirmation from another tab cannot save a different file.
"""

import base64
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import can_plan
from jaring.core.regioncodes import Level, level_of

from . import selectors_denominators as selectors
from .denominator_workbook import denominator_template
from .denominators import FIELD_LABELS, MAX_BYTES
from .forms_denominators import CoverageTargetForm, DenominatorUploadForm
from .services_denominators import DenominatorError, coverage_target_set, denominators_load

SESSION_KEY = "monitoring.denominators.upload"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _regency(request) -> str:
    code = request.user.scope_code
    if not selectors.may_load_denominators(request.user) or code is None or level_of(code) != Level.REGENCY:
        raise PermissionDenied(_("Only verifiers and planners of a regency load coverage denominators."))
    return code


def _year(request) -> int:
    text = request.GET.get("tahun", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


@login_required
def page(request, *, year=None, form=None, report=None, target_form=None):
    regency = _regency(request)
    year = year or _year(request)
    rows = selectors.loaded_rows(regency, year)
    target = selectors.target_for(regency)
    context = {
        "regency": selectors.regions_of(regency).get(regency, regency),
        "year": year,
        "years": selectors.loaded_years(regency),
        "rows": rows,
        "totals": selectors.regency_totals(regency, rows),
        "target": target,
        "may_set_target": can_plan(request.user),
        "form": form or DenominatorUploadForm(initial={"year": year}),
        "target_form": target_form or CoverageTargetForm(initial=_target_initial(target)),
        "report": report,
        "columns": [(FIELD_LABELS[name], header) for name, header in report.columns.items()] if report else [],
        "checked": _named(regency, report.rows) if report else [],
        "active_nav": "denominators",
    }
    return render(request, "monitoring/denominators.html", context)


def _named(regency: str, rows) -> list:
    names = selectors.regions_of(regency)
    return [(row, names.get(row.code, "")) for row in rows]


def _target_initial(target) -> dict:
    return {"target_percent": target.target_percent, "basis": target.basis, "note": target.note}


@login_required
@require_POST
def upload(request):
    regency = _regency(request)
    form = DenominatorUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return page(request, form=form)
    file, year, source = form.cleaned_data["file"], form.cleaned_data["year"], form.cleaned_data["source"]
    data = file.read(MAX_BYTES + 1)  # enough for the reader to refuse a larger file, naming the limit
    try:
        report = denominators_load(regency_code=regency, year=year, data=data, name=file.name, source=source,
                                   actor=request.user)  # fmt: skip
    except DenominatorError as exc:
        form.add_error("file", str(exc))
        return page(request, year=year, form=form)
    request.session[SESSION_KEY] = {"name": file.name, "data": base64.b64encode(data).decode(), "year": year,
                                    "source": source, "sha256": report.sha256}  # fmt: skip
    return page(request, year=year, form=form, report=report)


@login_required
@require_POST
def confirm(request):
    regency = _regency(request)
    held = request.session.get(SESSION_KEY)
    if not held or held["sha256"] != request.POST.get("sha256"):
        messages.error(
            request, _("The checked file is no longer waiting here (checked in another tab?); check it again.")
        )
        return redirect("monitoring:denominators")
    try:
        report = denominators_load(regency_code=regency, year=held["year"], data=base64.b64decode(held["data"]),
                                   name=held["name"], source=held["source"], confirm=True,
                                   actor=request.user)  # fmt: skip
    except DenominatorError as exc:
        messages.error(request, str(exc))
        return redirect(_at_year(held["year"]))
    del request.session[SESSION_KEY]
    if report.saved:
        messages.success(request, _("Denominators for %(year)s saved: %(added)s added, %(changed)s changed, "
                                    "%(removed)s removed.") % _counts(report))  # fmt: skip
    else:
        messages.info(request, _("Nothing changed: these figures were already loaded."))
    return redirect(_at_year(report.year))


def _counts(report) -> dict:
    return {"year": report.year, "added": report.added, "changed": report.changed, "removed": report.removed}


def _at_year(year: int) -> str:
    return f"{reverse('monitoring:denominators')}?tahun={year}"


@login_required
@require_POST
def target(request):
    regency = _regency(request)
    form = CoverageTargetForm(request.POST)
    if not form.is_valid():
        return page(request, target_form=form)
    try:
        coverage_target_set(regency_code=regency, actor=request.user, **form.cleaned_data)
    except DenominatorError as exc:
        form.add_error(None, str(exc))
        return page(request, target_form=form)
    messages.success(request, _("Coverage target saved."))
    return redirect(_at_year(_year(request)))


@login_required
def template(request):
    regency = _regency(request)
    year = _year(request)
    buffer = io.BytesIO()
    name = selectors.regions_of(regency).get(regency, regency)
    denominator_template(buffer, regency_name=name, year=year, villages=selectors.villages_of(regency))
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="penyebut-{regency}-{year}.xlsx"'
    return response
