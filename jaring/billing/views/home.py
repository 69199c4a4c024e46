"""The "Tagihan iuran" home: the regency's programs with what they have billed and paid. Billing officers,
payers and officials of the regency; nobody else."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors


def require_reader(user) -> None:
    if not selectors.may_read_billing(user):
        raise PermissionDenied(
            _("Only billing officers, payers and officials of the regency see contribution billing.")
        )


@login_required
def home(request):
    require_reader(request.user)
    programs = selectors.programs_billable_by(request.user).order_by("-year", "name")
    sums = programs.annotate(billed=Sum("invoices__total"), paid=Sum("invoices__paid"), invoice_count=Count("invoices"))
    context = {"programs": sums, "may_pay": selectors.may_pay(request.user), "active_nav": "billing"}
    return render(request, "billing/home.html", context)
