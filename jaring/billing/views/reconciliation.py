"""The "Rekonsiliasi BPJS" pages: upload BPJS's status file → its differences (checked) → "Simpan hasil
rekonsiliasi" → each difference marked resolved with a note; and the program's past reconciliations.

BPJS officers and verifiers of the regency only. Thin by design: services write, selectors read in scope.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import sees_full_nik
from jaring.people.selectors import display_nik
from jaring.programs.rates import number

from .. import selectors, services
from ..models import DifferenceKind
from ..periods import MonthInvalid, parse_month
from ..reconciliation.files import FIELD_LABELS, MAX_BYTES
from ..reconciliation.lifecycle import ReconciliationStatus

PAGE_SIZE = 100
#: The reader decides by content; this only guides the file picker.
ACCEPT = ".xlsx,.csv"


class StatusUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Status file from BPJS"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )
    month = forms.CharField(
        label=gettext_lazy("Month"),
        required=False,
        help_text=gettext_lazy("Leave empty to read it from the file's period column."),
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2026-03"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
            )
        return upload

    def clean_month(self):
        text = self.cleaned_data.get("month", "")
        try:
            return parse_month(text) if text else None
        except MonthInvalid as exc:
            raise forms.ValidationError(str(exc)) from None


def _program(request, code: str):
    if not selectors.may_bill(request.user):
        raise PermissionDenied(_("Only BPJS officers and verifiers reconcile contributions with BPJS."))
    return selectors.program_for(request.user, code)


@login_required
def index(request, code: str, *, form=None, problems=()):
    program = _program(request, code)
    context = {
        "program": program,
        "form": form or StatusUploadForm(),
        "problems": problems,
        "reconciliations": selectors.reconciliations_of(program)[:50],
        "active_nav": "billing",
    }
    return render(request, "billing/reconciliation_list.html", context)


@login_required
@require_POST
def upload(request, code: str):
    program = _program(request, code)
    form = StatusUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return index(request, code, form=form)
    file, month = form.cleaned_data["file"], form.cleaned_data["month"]
    try:
        staged = services.reconciliation_stage(
            program=program, month=month, name=file.name, data=file.read(), actor=request.user
        )
    except services.StatusFileProblems as exc:
        form.add_error("file", _("Some rows of the file cannot be read; nothing was compared."))
        return index(request, code, form=form, problems=[str(p) for p in exc.problems])
    except services.BillingError as exc:
        form.add_error("file", str(exc))
        return index(request, code, form=form)
    return redirect("billing:reconciliation", code=program.code, pk=staged.pk)


def _filters(request) -> dict:
    kind = request.GET.get("jenis", "")
    return {"kind": kind if kind in DifferenceKind.values else "", "open_only": request.GET.get("terbuka") == "1"}


@login_required
def detail(request, code: str, pk: int):
    program = _program(request, code)
    reconciliation = selectors.reconciliation_for(program, pk)
    filters = _filters(request)
    items = selectors.differences_visible_to(request.user, reconciliation, **filters)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    full = sees_full_nik(request.user)
    context = {
        "program": program,
        "reconciliation": reconciliation,
        "counts": reconciliation.counts,
        "kinds": [(kind, label, reconciliation.counts.get(kind, 0)) for kind, label in DifferenceKind.choices],
        "columns": [(FIELD_LABELS[name], header) for name, header in reconciliation.columns.items()],
        "filters": filters,
        "query": urlencode({"jenis": filters["kind"], "terbuka": "1" if filters["open_only"] else ""}),
        "page": page,
        "rows": [(item, *_person(item, full)) for item in page],
        "checked": reconciliation.status == ReconciliationStatus.CHECKED,
        "saved": reconciliation.status == ReconciliationStatus.SAVED,
        "active_nav": "billing",
    }
    return render(request, "billing/reconciliation_detail.html", context)


def _person(item, full: bool) -> tuple[str, str, str]:
    """Name, NIK (masked unless the role sees it whole) and village of the difference's person."""
    if item.membership_id is None:
        return item.name, "", ""
    person = item.membership.person
    return person.full_name, display_nik(person.nik, full=full), item.village.name if item.village else ""


@login_required
@require_POST
def save(request, code: str, pk: int):
    program = _program(request, code)
    reconciliation = selectors.reconciliation_for(program, pk)
    try:
        saved = services.reconciliation_save(reconciliation=reconciliation, actor=request.user)
        messages.success(
            request,
            _("Reconciliation saved: %(count)s differences to follow up.") % {"count": number(saved.differences)},
        )
    except services.BillingError as exc:
        messages.error(request, str(exc))
    return redirect("billing:reconciliation", code=program.code, pk=reconciliation.pk)


@login_required
@require_POST
def cancel(request, code: str, pk: int):
    program = _program(request, code)
    reconciliation = selectors.reconciliation_for(program, pk)
    try:
        services.reconciliation_cancel(reconciliation=reconciliation, actor=request.user)
        messages.success(request, _("Reconciliation cancelled; nothing was saved."))
    except services.BillingError as exc:
        messages.error(request, str(exc))
        return redirect("billing:reconciliation", code=program.code, pk=reconciliation.pk)
    return redirect("billing:reconciliations", code=program.code)


@login_required
@require_POST
def resolve(request, code: str, pk: int, item_id: int):
    program = _program(request, code)
    reconciliation = selectors.reconciliation_for(program, pk)
    item = selectors.difference_for(request.user, reconciliation, item_id)
    try:
        services.reconciliation_item_resolve(item=item, note=request.POST.get("note", ""), actor=request.user)
        messages.success(request, _("Difference for KPJ %(kpj)s marked resolved.") % {"kpj": item.kpj})
    except services.BillingError as exc:
        messages.error(request, str(exc))
    url = reverse("billing:reconciliation", kwargs={"code": program.code, "pk": reconciliation.pk})
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
