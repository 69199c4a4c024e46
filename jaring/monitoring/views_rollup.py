"""The "Rekap" pages (issue #8 point 3): the roll-up of every regency and city in a monitor's scope with its
.xlsx export, the upload of signed summary files (check → confirm), the admin's sender keys, and, on the
sending side, the signed summary of a regency for its verifier or planner. Thin: services write, selectors read.
"""

import base64
import binascii

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jaring.accounts.roles import Role
from jaring.accounts.scoping import can_plan, can_verify, may_act, scope_regions
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level
from jaring.programs.models import Program
from jaring.regions.models import Region

from .exports_rollup import headers, origin_label, write_rollup
from .models import RegencySummary, SenderKey
from .selectors_rollup import rollup as rollup_of
from .services_summaries import (
    may_monitor,
    sender_key_create,
    sender_key_deactivate,
    summary_check,
    summary_export,
    summary_import,
)
from .summary_file import MAX_BYTES, SummaryRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SummaryUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Summary file (.json)"), widget=forms.ClearableFileInput(attrs={"accept": ".json"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("A summary file is at most 64 KB."))
        return upload


def _monitor(request) -> None:
    if not may_monitor(request.user):
        raise PermissionDenied(_("Only monitors and administrators read the roll-up."))


def _year(request) -> int:
    text = request.GET.get("tahun", "").strip()
    year = int(text) if text.isdigit() else timezone.localdate().year
    return min(max(year, 2000), 2100)


def _years(year: int) -> list[int]:
    held = {*Program.objects.values_list("year", flat=True), *RegencySummary.objects.values_list("year", flat=True)}
    return sorted({*held, year, timezone.localdate().year}, reverse=True)


def _scope_name(user) -> str:
    return user.region.name if user.region_id else _("All of Indonesia")


@login_required
def rollup(request, *, form=None, status=200):
    _monitor(request)
    year = _year(request)
    result = rollup_of(request.user.scope_code, year)
    context = {
        "result": result,
        "rows": [(row, origin_label(row)) for row in result.rows],
        "year": year,
        "years": _years(year),
        "scope_name": _scope_name(request.user),
        "headers": headers()[1:],
        "form": form or SummaryUploadForm(),
        "is_admin": request.user.role == Role.ADMIN,
        "active_nav": "rollup",
        "min_cell": settings.MONITORING_MIN_CELL,
    }
    return render(request, "monitoring/rollup.html", context, status=status)


@login_required
def rollup_export(request):
    _monitor(request)
    year = _year(request)
    result = rollup_of(request.user.scope_code, year)
    scope = request.user.scope_code or "id"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="jaring-rekap-{scope}-{year}.xlsx"'
    withheld = _("Counts under %(n)s, and one more of the same total where needed, are withheld (x); totals leave "
                 "them out.")  # fmt: skip
    heading = [_("Roll-up of regencies and cities: %(scope)s, %(year)s") % {"scope": _scope_name(request.user),
               "year": year}, withheld % {"n": settings.MONITORING_MIN_CELL}]  # fmt: skip
    write_rollup(response, result, heading)
    audit_record(actor=request.user, action="monitoring.rollup_export", object_type="rollup", object_id=scope,
                 region_code=request.user.scope_code or "", detail={"year": year}, request=request)  # fmt: skip
    return response


@login_required
@require_POST
def rollup_check(request):
    _monitor(request)
    form = SummaryUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return rollup(request, form=form, status=400)
    data = form.cleaned_data["file"].read()
    try:
        check = summary_check(data=data, actor=request.user)
    except SummaryRefused as exc:
        form.add_error("file", str(exc))
        return rollup(request, form=form, status=400)
    context = {
        "check": check,
        "s": check.summary,
        # The file travels back with the confirmation; its signature is checked again there.
        "data": base64.b64encode(data).decode("ascii"),
        "filename": form.cleaned_data["file"].name,
        "active_nav": "rollup",
    }
    return render(request, "monitoring/rollup_check.html", context)


@login_required
@require_POST
def rollup_confirm(request):
    _monitor(request)
    try:
        data = base64.b64decode(request.POST.get("data", ""), validate=True)
        check = summary_import(data=data, actor=request.user)
    except binascii.Error:
        messages.error(request, _("The file did not come back whole; upload it again."))
        return redirect("monitoring:rollup")
    except SummaryRefused as exc:
        messages.error(request, str(exc))
        return redirect("monitoring:rollup")
    s = check.summary
    if check.outcome == "same":
        messages.info(request, _("This file was imported before; nothing changed."))
    else:
        messages.success(request, _("Summary of %(name)s for %(year)s imported.") % {"name": s.regency_name,
                                                                                       "year": s.year})  # fmt: skip
    return redirect(reverse("monitoring:rollup") + f"?tahun={s.year}")


def _admin(request) -> None:
    if not (request.user.is_active and request.user.role == Role.ADMIN):
        raise PermissionDenied(_("Only administrators manage sender keys."))


@never_cache
@login_required
def keys(request):
    _admin(request)
    new_key, error = None, ""
    if request.method == "POST":
        try:
            new_key = sender_key_create(regency_code=request.POST.get("regency", ""), actor=request.user)
        except SummaryRefused as exc:
            error = str(exc)
    regencies = scope_regions(Region.objects.filter(level=Level.REGENCY), request.user).order_by("code")
    names = dict(regencies.values_list("code", "name"))
    context = {
        "keys": [(k, names.get(k.regency_code, k.regency_code)) for k in SenderKey.objects.all()],
        "regencies": names.items(),
        "new_key": new_key,
        "new_key_name": new_key and names.get(new_key.regency_code),
        "error": error,
        "active_nav": "rollup",
    }
    return render(request, "monitoring/rollup_keys.html", context, status=400 if error else 200)


@login_required
@require_POST
def key_deactivate(request, pk: int):
    _admin(request)
    key = get_object_or_404(SenderKey, pk=pk)
    sender_key_deactivate(key=key, actor=request.user)
    messages.success(request, _("Key %(key)s deactivated: its files are refused from now on.") % {"key": key.key_id})
    return redirect("monitoring:rollup_keys")


def _sender_regency(request) -> Region:
    code = request.user.scope_code
    allowed = lambda user: can_verify(user) or can_plan(user)  # noqa: E731
    if not code or len(code) != 5 or not may_act(request.user, code, allowed):
        raise PermissionDenied(_("Only the regency's verifiers and budget planners send its summary."))
    return get_object_or_404(Region, code=code)


@login_required
def send(request):
    regency = _sender_regency(request)
    year = _year(request)
    active = SenderKey.objects.filter(regency_code=regency.code, active=True).order_by("-created_at")
    key = active.first()
    if request.GET.get("unduh") and key is not None:
        data = summary_export(regency_code=regency.code, year=year, key_id=key.key_id, secret=key.secret,
                              actor=request.user)  # fmt: skip
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ringkasan-{regency.code}-{year}.json"'
        return response
    context = {"regency": regency, "year": year, "years": _years(year), "key": key, "active_nav": "send"}
    return render(request, "monitoring/rollup_send.html", context)
