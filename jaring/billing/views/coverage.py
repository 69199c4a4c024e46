"""The coverage pages: memberships in arrears with their warning level, the coverage check run now, a
membership's end reported (death, move, wage work, withdrawal), and the replacement SK perubahan drafted.

Thin by design: services write, selectors read in the user's scope."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.audit.services import audit_record
from jaring.core.privacy import mask_nik
from jaring.decrees.services.common import may_draft
from jaring.programs.rates import month_span, number

from .. import selectors
from ..arrears import levels
from ..forms_coverage import MembershipEndForm
from ..services import BillingError, coverage_refresh, deaths_from_civil, membership_end_report, replacement_draft
from ..services.lifecycle import may_report_end, open_amendment

PAGE_SIZE = 50


def level_label(level: str) -> str:
    if level.startswith("warning_"):
        return _("Warning %(n)s") % {"n": level.removeprefix("warning_")}
    return {"fine": _("Paid up"), "last_warning": _("Last warning"), "ended": _("Ends at the next check")}[level]


def _filters(request, program, rules) -> dict:
    level, village = request.GET.get("tingkat", ""), request.GET.get("desa", "")
    villages = selectors.coverage_villages(request.user, program)
    return {
        "level": level if level in levels(rules.lapse_after)[1:] else "",
        "village": village if villages.filter(code=village).exists() else "",
    }


@login_required
def arrears(request, code: str):
    program = selectors.coverage_program_for(request.user, code)
    rules, today = selectors.settings_for(program.regency_id), timezone.localdate()
    filters = _filters(request, program, rules)
    found = selectors.arrears_visible_to(request.user, program, today=today, village=filters["village"])
    counts = Counter(a.level for _, a in found)
    rows = [(pk, a) for pk, a in found if not filters["level"] or a.level == filters["level"]]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    members = selectors.memberships_by_pk(request.user, [pk for pk, _ in page])
    search = request.GET.get("cari", "").strip()
    context = {
        "program": program,
        "today": today,
        "rules": rules,
        "levels": [(level, level_label(level), counts.get(level, 0)) for level in levels(rules.lapse_after)[1:]],
        "villages": selectors.coverage_villages(request.user, program),
        "filters": filters,
        "page": page,
        "rows": [_row(members[pk], a) for pk, a in page if pk in members],
        "query": urlencode({"tingkat": filters["level"], "desa": filters["village"]}),
        "may_check": selectors.may_bill(request.user),
        "may_draft": may_draft(request.user) and selectors.may_read_billing(request.user),
        "open_draft": open_amendment(program),
        "search": search,
        "matches": _matches(request, program, search),
        "active_nav": "billing",
    }
    return render(request, "billing/arrears.html", context)


def _matches(request, program, search: str) -> list[dict] | None:
    """Memberships found by name or KPJ, to report an end for someone not in arrears; the search is audited."""
    if not search:
        return None
    found = list(selectors.memberships_matching(request.user, program, search))
    audit_record(actor=request.user, action="billing.membership_search", object_type="membership", request=request,
                 region_code=request.user.scope_code or "", detail={"q": search, "found": len(found)})  # fmt: skip
    return [{"membership": m, "nik": mask_nik(m.person.nik)} for m in found]


@login_required
def report_home(request):
    """The menu's entry for reporting a death or a move: the arrears and coverage page of the regency's newest
    program."""
    program = selectors.latest_program_for_reports(request.user)
    if program is None:
        raise PermissionDenied(_("There is no program with memberships in your regency yet."))
    return redirect("billing:arrears", program.code)


def _row(membership, arrears) -> dict:
    return {
        "membership": membership,
        "nik": mask_nik(membership.person.nik),
        "months": arrears.months,
        "span": month_span(arrears.first, arrears.last),
        "level": arrears.level,
        "label": level_label(arrears.level),
    }


@login_required
@require_POST
def coverage_check(request, code: str):
    program = selectors.coverage_program_for(request.user, code)
    try:
        check = coverage_refresh(program=program, today=timezone.localdate(), actor=request.user)
    except BillingError as exc:
        messages.error(request, str(exc))
        return redirect("billing:arrears", code=program.code)
    messages.success(
        request,
        _("Coverage checked: %(lapsed)s lapsed, %(restored)s active again, %(ended)s ended.")
        % {"lapsed": number(check.lapsed), "restored": number(check.restored), "ended": number(check.ended)},
    )
    return redirect("billing:arrears", code=program.code)


@login_required
@require_POST
def civil_deaths(request, code: str):
    program = selectors.coverage_program_for(request.user, code)
    try:
        ended = deaths_from_civil(program=program, actor=request.user)
    except BillingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Civil registry read: %(n)s memberships ended by a death.") % {"n": number(len(ended))}
        )
    return redirect("billing:arrears", code=program.code)


@login_required
def membership_end(request, code: str, pk: int):
    program = selectors.coverage_program_for(request.user, code)
    membership = selectors.membership_for(request.user, program, pk)
    if not may_report_end(request.user):
        raise PermissionDenied(_("Only verifiers, BPJS officers and village operators report the end of a membership."))
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_end_report(membership=membership, actor=request.user, **form.cleaned_data)
        except BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Membership ended: %(reason)s") % {"reason": membership.status_reason})
            return redirect("billing:arrears", code=program.code)
    context = {
        "program": program,
        "membership": membership,
        "nik": mask_nik(membership.person.nik),
        "form": form,
        "active_nav": "billing",
    }
    return render(request, "billing/membership_end.html", context)


@login_required
@require_POST
def replacements(request, code: str):
    program = selectors.coverage_program_for(request.user, code)
    try:
        result = replacement_draft(program=program, actor=request.user)
    except BillingError as exc:
        messages.error(request, str(exc))
        return redirect("billing:arrears", code=program.code)
    for replacement in result.replacements:
        level = messages.success if replacement.by else messages.warning
        level(request, replacement.reason)
    return redirect("decrees:detail", program.code, result.amendment.pk)
