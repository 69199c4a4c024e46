"""Recording a payment made with a kode iuran, and what became of it: the months it paid, oldest first.
Payers of the regency only (budget planners, and verifiers where Disnaker pays)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jaring.programs.rates import rupiah

from .. import selectors, selectors_pages
from ..forms import PaymentForm
from ..services import BillingError, payment_record
from .home import require_reader


def _require_payer(user) -> None:
    if not selectors.may_pay(user):
        raise PermissionDenied(_("Only budget planners and verifiers record payments."))


@login_required
def payment_form(request):
    _require_payer(request.user)
    if request.method != "POST":
        form = PaymentForm(initial={"kode_iuran": request.GET.get("kode", "")})
        return render(request, "billing/payment_form.html", {"form": form, "active_nav": "billing"})
    form = PaymentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            payment = payment_record(**form.cleaned_data, actor=request.user)
        except BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Payment of %(amount)s recorded.") % {"amount": rupiah(payment.amount)})
            return redirect("billing:payment", pk=payment.pk)
    return render(request, "billing/payment_form.html", {"form": form, "active_nav": "billing"})


@login_required
def payment_page(request, pk: int):
    require_reader(request.user)
    payment = selectors_pages.payment_for(request.user, pk)
    context = {"payment": payment, "shares": selectors_pages.applied_shares(payment), "active_nav": "billing"}
    return render(request, "billing/payment.html", context)
