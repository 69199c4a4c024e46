"""A program's billing page (invoices month by month, the billing run, budget absorption) and one invoice
(header, payments, lines, print and .xlsx). Thin: services write, selectors read in scope."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.donations.models import DONATION_KINDS
from jaring.donations.selectors import may_read_donations
from jaring.programs.rates import month_name, number

from .. import selectors, selectors_pages
from ..documents import CONTENT_TYPE
from ..forms import RunForm
from ..periods import MonthInvalid, month_text, parse_month
from ..selectors_absorption import absorption_of
from ..services import BillingError, bill_plan, invoices_issue
from ..services.invoice_documents import invoice_export
from .home import require_reader

LINES_PER_PAGE = 100


def _program(request, code: str):
    require_reader(request.user)
    return selectors.program_for(request.user, code)


@login_required
def program_page(request, code: str):
    program = _program(request, code)
    user = request.user
    months = selectors_pages.months_of(program)
    run_form, plan = None, None
    if selectors.may_bill(user):
        run_form = RunForm(request.GET or None, months=months)
        plan = _plan(program, run_form)
    rows, total = absorption_of(program)
    context = {
        "program": program,
        "sources": list(program.sources.order_by("kind", "name")),
        "grid": selectors_pages.invoice_grid(program),
        "run_form": run_form,
        "plan": plan,
        "plan_issues": bool(plan) and any(b.invoice is None for b in plan.bills),
        "absorption": rows,
        "absorption_total": total,
        "may_pay": selectors.may_pay(user),
        "may_bill": selectors.may_bill(user),
        "donations_link": may_read_donations(user) and program.sources.filter(kind__in=DONATION_KINDS).exists(),
        "active_nav": "billing",
    }
    return render(request, "billing/program.html", context)


def _plan(program, form):
    """The run for the month asked for, as counts; the form carries the reason when it cannot be."""
    if form is None or not form.is_bound or not form.is_valid():
        return None
    try:
        return bill_plan(program=program, month=parse_month(form.cleaned_data["bulan"]))
    except (BillingError, MonthInvalid) as exc:
        form.add_error("bulan", str(exc))
        return None


@login_required
@require_POST
def run(request, code: str):
    program = _program(request, code)
    if not selectors.may_bill(request.user):
        raise PermissionDenied(_("Only BPJS officers and verifiers run the billing."))
    try:
        month = parse_month(request.POST.get("bulan", ""))
        done = invoices_issue(program=program, month=month, actor=request.user)
    except (BillingError, MonthInvalid) as exc:
        messages.error(request, str(exc))
        return redirect("billing:program", code=program.code)
    new = sum(1 for b in done.bills if b.created)
    messages.success(
        request,
        _("%(month)s billed: %(new)s new invoices, %(kept)s already issued, %(lines)s memberships.")
        % {"month": month_name(month), "new": number(new), "kept": number(len(done.bills) - new),
           "lines": number(done.lines)},
    )  # fmt: skip
    return redirect(f"{_url(program)}?bulan={month_text(month)}#grid")


def _url(program) -> str:
    return reverse("billing:program", args=[program.code])


@login_required
def invoice_page(request, code: str, pk: int):
    program = _program(request, code)
    invoice = selectors_pages.invoice_for(program, pk)
    lines = selectors_pages.lines_with_people(request.user, invoice)
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "invoice": invoice,
        "shares": selectors_pages.shares_of(invoice),
        "page": page,
        "rows": [(line, line.line_no <= invoice.covered_lines) for line in page],
        "may_pay": selectors.may_pay(request.user),
        "active_nav": "billing",
    }
    return render(request, "billing/invoice.html", context)


@login_required
def invoice_download(request, code: str, pk: int):
    program = _program(request, code)
    invoice = selectors_pages.invoice_for(program, pk)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse once sent
    try:
        invoice_export(invoice=invoice, target=handle, actor=request.user)
    except BillingError as exc:
        handle.close()
        messages.error(request, str(exc))
        return redirect("billing:invoice", code=program.code, pk=invoice.pk)
    handle.seek(0)
    name = f"tagihan-{program.code}-{month_text(invoice.month)}-{invoice.kode_iuran}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPE)
