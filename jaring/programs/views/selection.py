"""The selection page: the verifier computes and proposes, the pejabat penetap approves or returns; everyone
with a part in it sees the totals by source and kecamatan and each person's place with its reason.

Thin by design: services write, selectors read within the user's scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import can_approve, can_verify, sees_full_nik
from jaring.people.selectors import display_nik
from jaring.verification.models import StatusChoices

from ..allocation import Quota, Source, explain
from ..lifecycle import SelectionStatus
from ..models import SelectionOutcome
from ..selectors import selection as selectors
from ..selectors.planning import programs_visible_to, reads_plans
from ..services.selection import (
    SelectionRefused,
    selection_approve,
    selection_compute,
    selection_propose,
    selection_return,
)

PAGE_SIZE = 50
WAITING_LABELS = {
    "waiting_budget": _lazy("the money of every source allowed to pay for them is used up"),
    "waiting_quota": _lazy("a quota they fall in is full"),
    "waiting_no_source": _lazy("no funding source may pay for them"),
}


def _program(request, code: str):
    if not reads_plans(request.user):
        raise PermissionDenied(_("Only verifiers, planners and approving officials see selections."))
    program = programs_visible_to(request.user).filter(code=code).first()
    if program is None:
        raise Http404(_("No such program in your regency."))
    return program


@login_required
def selection_page(request, code: str):
    program = _program(request, code)
    selection = selectors.current_selection(program)
    context = {"program": program, "selection": selection, "active_nav": "programs"}
    context |= _permissions(request.user, selection)
    if selection is not None:
        context |= _totals(selection) | _entries(request, selection)
    return render(request, "programs/selection.html", context)


def _permissions(user, selection) -> dict:
    status = selection.status if selection else None
    return {
        "may_compute": can_verify(user) and status not in (SelectionStatus.APPROVED, SelectionStatus.PROPOSED),
        "may_propose": can_verify(user) and status == SelectionStatus.DRAFT,
        "may_decide": can_approve(user) and status == SelectionStatus.PROPOSED,
        "own_proposal": selection is not None and user.pk in (selection.proposed_by_id, selection.computed_by_id),
    }


def _totals(selection) -> dict:
    waiting = selectors.waiting_reasons(selection)
    return {
        "by_source": selectors.totals_by_source(selection),
        "by_district": selectors.totals_by_district(selection),
        "waiting_reasons": [(label, waiting[code]) for code, label in WAITING_LABELS.items() if waiting.get(code)],
    }


def _entries(request, selection) -> dict:
    outcome = request.GET.get("hasil", SelectionOutcome.SELECTED)
    outcome = outcome if outcome in SelectionOutcome.values else SelectionOutcome.SELECTED
    villages = selectors.villages_in(request.user, selection)
    village = request.GET.get("desa", "")
    village = village if villages.filter(code=village).exists() else ""
    entries = selectors.entries_visible_to(request.user, selection, outcome=outcome, village=village)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    full = sees_full_nik(request.user)
    explain_entry = _explainer(selection)
    rows = [(entry, display_nik(entry.person.nik, full=full), explain_entry(entry)) for entry in page]
    return {
        "outcome": outcome,
        "outcomes": SelectionOutcome.choices,
        "village": village,
        "villages": villages,
        "page": page,
        "rows": rows,
        "query": urlencode({"hasil": outcome, "desa": village}),
    }


def _explainer(selection):
    """Each entry's reason as a sentence, from the sources and quotas the selection stored."""
    snapshot = selection.inputs or {}
    sources = [Source(**_frozen(s)) for s in snapshot.get("sources", [])]
    quotas = [Quota(**q) for q in snapshot.get("quotas", [])]
    statuses = dict(StatusChoices.choices)

    def text(entry) -> str:
        if entry.outcome == SelectionOutcome.INELIGIBLE and entry.reason_keys:
            found = ", ".join(str(statuses.get(k, k)).lower() for k in entry.reason_keys)
            return _("Not cleared by verification: %(found)s.") % {"found": found}
        row = {
            "outcome": entry.outcome,
            "source": str(entry.source_id) if entry.source_id else None,
            "rank": entry.rank,
            "waiting_rank": entry.waiting_rank,
            "reason": entry.reason,
            "reason_keys": list(entry.reason_keys or []),
        }
        return explain(row, sources, quotas)

    return text


def _frozen(source: dict) -> dict:
    return {k: frozenset(v) if k in ("occupations", "groups") else v for k, v in source.items()}


@login_required
@require_POST
def selection_action(request, code: str):
    program = _program(request, code)
    action = request.POST.get("action", "")
    selection = selectors.selection_visible_to(request.user, int(request.POST.get("selection") or 0))
    try:
        if action == "compute":
            selection_compute(program=program, actor=request.user)
            messages.success(request, _("Selection computed. Check it, then propose it for approval."))
        elif selection is None or selection.program_id != program.pk:
            raise Http404(_("No such selection."))
        elif action == "propose":
            selection_propose(selection=selection, actor=request.user)
            messages.success(request, _("Selection proposed; the approving official decides now."))
        elif action == "approve":
            selection_approve(selection=selection, actor=request.user)
            messages.success(request, _("Selection approved. Its recipients are frozen."))
        elif action == "return":
            selection_return(selection=selection, note=request.POST.get("note", ""), actor=request.user)
            messages.success(request, _("Selection returned to the verifier."))
        else:
            raise Http404(_("Unknown action."))
    except SelectionRefused as exc:
        messages.error(request, str(exc))
    return redirect(reverse("programs:selection", args=[program.code]))
