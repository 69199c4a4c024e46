"""The report page (/pantau/laporan/): a form per report the user may have, each downloading a file.

Thin by design: ``reports.services`` checks the role and region, renders and audits; a request for a region
outside the user's scope gets 404, a report the role may not have 403.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jaring.accounts.scoping import can_see_people

from .forms_reports import CoverageForm, VillageListForm, YearlyForm
from .reports.services import (
    ReportNotFound,
    ReportRefused,
    coverage_report_render,
    may_read_coverage,
    may_read_yearly,
    village_list_render,
    yearly_report_render,
)


@dataclass(frozen=True, slots=True)
class Panel:
    kind: str  # the download's slug: desa, cakupan, tahunan
    title: str
    text: str
    form: forms.Form


def _panels(user) -> list[Panel]:
    panels = []
    if can_see_people(user):
        text = _("The program's current recipients in the desa, with masked NIK, KPJ, membership and whether this "
                 "month is paid; with a sign-off for the village head.")  # fmt: skip
        panels.append(
            Panel("desa", _("Recipient list of a village"), text, VillageListForm(user=user, auto_id="desa_%s"))
        )
    if may_read_coverage(user):
        text = _("Memberships, covered workers and arrears over the year's months, per region, funding source, group "
                 "and occupation, and budget absorption.")  # fmt: skip
        panels.append(Panel("cakupan", _("Coverage report"), text, CoverageForm(user=user, auto_id="cakupan_%s")))
    if may_read_yearly(user):
        text = _("The year in a few pages: programs, decrees and amendments, recipients, memberships and their ends, "
                 "contributions against the budget, coverage per kecamatan.")  # fmt: skip
        panels.append(
            Panel("tahunan", _("Yearly report to the regent"), text, YearlyForm(user=user, auto_id="tahunan_%s"))
        )
    return panels


@login_required
def reports(request):
    aggregate_only = not can_see_people(request.user)
    context = {
        "panels": _panels(request.user),
        "aggregate_only": aggregate_only,
        "active_nav": "reports",
        "min_cell": settings.MONITORING_MIN_CELL,
    }
    return render(request, "monitoring/reports.html", context)


def _village(params) -> tuple:
    return village_list_render, {"village_code": params.get("desa", ""), "program_code": params.get("program", "")}


def _coverage(params) -> tuple:
    public = params.get("publik") in ("on", "1")
    return coverage_report_render, {"code": params.get("wilayah") or None, "year": _year(params), "public": public}


def _yearly(params) -> tuple:
    return yearly_report_render, {"regency_code": params.get("kabupaten", ""), "year": _year(params)}


_READERS = {"desa": _village, "cakupan": _coverage, "tahunan": _yearly}


@login_required
def download(request, kind: str):
    if kind not in _READERS:
        raise Http404("Laporan ini tidak ada.")
    render_report, kwargs = _READERS[kind](request.GET)
    try:
        report = render_report(fmt=request.GET.get("format", "pdf"), actor=request.user, request=request, **kwargs)
    except ReportRefused as exc:
        raise PermissionDenied(str(exc)) from None
    except ReportNotFound as exc:
        raise Http404(str(exc)) from None
    response = HttpResponse(report.content, content_type=report.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response


def _year(params) -> int:
    text = params.get("tahun", "")
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise Http404("Tahun tidak sah.")
    return int(text)
