"""The simulator: two scenarios side by side, recomputed as the planner types (htmx), exported to .xlsx.

Reads only; nothing a scenario changes is saved."""

import contextlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..rates import CostError
from ..selectors.planning import programs_visible_to, reads_plans
from ..services.selection_inputs import selection_inputs
from ..simulation import Outcome, simulate
from ..simulator_forms import ScenarioForm, initial_for
from ..workbooks import simulation_workbook

SIDES = ("a", "b")


def _require(user) -> None:
    if not reads_plans(user):
        raise PermissionDenied(_("Only planners, verifiers and approving officials use the simulator."))


def _forms(request, data) -> list[ScenarioForm]:
    """Both sides, bound to what was typed. On a first visit (or a link naming only a program) each side starts
    from its program's own values, so the page opens with figures: side A the newest program, side B
    Trenggalek's 2025 plan."""
    programs = programs_visible_to(request.user)
    if not any(key.startswith(SIDES) and not key.endswith("-program") for key in (data or {})):
        year = timezone.localdate().year
        chosen = {side: programs.filter(code=(data or {}).get(f"{side}-program", "")).first() for side in SIDES}
        starting = {"a": chosen["a"] or programs.first(), "b": chosen["b"]}
        data = {
            f"{side}-{name}": value
            for side in SIDES
            for name, value in initial_for(starting[side], year=year).items()
            if value
        }
    return [ScenarioForm(data, programs=programs, prefix=side) for side in SIDES]


def _outcomes(forms: list[ScenarioForm]) -> list[Outcome | None]:
    """Each valid side's figures; a program's candidates are read once even when both sides use it."""
    inputs = {}
    outcomes = []
    for form in forms:
        if not form.is_valid():
            outcomes.append(None)
            continue
        scenario = form.scenario()
        program = scenario.program
        if program is not None and program.pk not in inputs and program.sources.exists():
            with contextlib.suppress(CostError):  # simulate() reads again and reports it on its side
                inputs[program.pk] = selection_inputs(program)
        outcomes.append(simulate(scenario, candidates=inputs.get(getattr(program, "pk", None))))
    return outcomes


@login_required
def simulator(request):
    _require(request.user)
    forms = _forms(request, request.GET)
    context = {"sides": list(zip(forms, _outcomes(forms), strict=True)), "active_nav": "simulator"}
    return render(request, "programs/simulator.html", context)


@login_required
@require_POST
def simulator_results(request):
    """The results block alone, for htmx as inputs change."""
    _require(request.user)
    forms = _forms(request, request.POST)
    context = {"sides": list(zip(forms, _outcomes(forms), strict=True))}
    return render(request, "programs/_simulator_results.html", context)


@login_required
@require_POST
def simulator_export(request):
    _require(request.user)
    forms = _forms(request, request.POST)
    outcomes = _outcomes(forms)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="simulasi-jaring.xlsx"'
    simulation_workbook(response, [o for o in outcomes if o is not None])
    return response
