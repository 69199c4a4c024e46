"""The "Donasi" pages: a program's donation sources with the worker-months their money covers, the donations
with a form to record one and to void a mistaken one; and the public page, open without login, with the
totals and the named donors only.

Thin by design: services write, selectors read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.programs.rates import rupiah

from . import selectors, services
from .forms import DonationForm, VoidForm
from .models import DONATION_KINDS


def _program(request, code: str):
    if not selectors.may_read_donations(request.user):
        raise PermissionDenied(_("Only planners, verifiers and officials of the regency see its donations."))
    return selectors.program_for(request.user, code)


def _require_recorder(user) -> None:
    if not services.may_record(user):
        raise PermissionDenied(_("Only planners and verifiers record donations."))


@login_required
def home(request):
    if not selectors.may_read_donations(request.user):
        raise PermissionDenied(_("Only planners, verifiers and officials of the regency see its donations."))
    programs = selectors.programs_readable_by(request.user).filter(sources__kind__in=DONATION_KINDS)
    return render(request, "donations/home.html", {"programs": programs.distinct().order_by("-year", "name")})


@login_required
def program_page(request, code: str, *, form=None, status: int = 200):
    program = _program(request, code)
    sources = list(selectors.donation_sources(program))
    context = {
        "program": program,
        "summaries": selectors.source_summaries(program),
        "donations": selectors.donations_of(request.user, program),
        "may_record": services.may_record(request.user),
        "form": form or DonationForm(sources=sources),
        "void_form": VoidForm(),
    }
    return render(request, "donations/program.html", context, status=status)


@login_required
@require_POST
def record(request, code: str):
    program = _program(request, code)
    _require_recorder(request.user)
    form = DonationForm(request.POST, request.FILES, sources=selectors.donation_sources(program))
    if not form.is_valid():
        return program_page(request, code, form=form, status=400)
    try:
        donation = services.donation_record(**form.cleaned_data, actor=request.user)
    except services.DonationError as exc:
        form.add_error(None, str(exc))
        return program_page(request, code, form=form, status=400)
    messages.success(request, _("Donation of %(amount)s recorded.") % {"amount": rupiah(donation.amount)})
    return redirect("donations:program", code=program.code)


@login_required
@require_POST
def void(request, code: str, pk: int):
    program = _program(request, code)
    _require_recorder(request.user)
    donation = selectors.donation_for(request.user, program, pk)
    form = VoidForm(request.POST)
    try:
        if not form.is_valid():
            raise services.DonationError(_("Write why the donation is voided."))
        services.donation_void(donation=donation, reason=form.cleaned_data["reason"], actor=request.user)
        messages.success(request, _("Donation voided; the budget no longer counts it."))
    except services.DonationError as exc:
        messages.error(request, str(exc))
    return redirect("donations:program", code=program.code)


def public(request, code: str):
    program = selectors.public_program(code)
    return render(request, "donations/public.html", {"summary": selectors.public_summary(program)})
