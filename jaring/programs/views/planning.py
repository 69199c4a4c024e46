"""The planner's pages: programs of the regency, a program's settings, funding sources and quotas.

Planners (perencana) change them; verifiers and pejabat penetap read them. Thin by design: the planning services
check and write, the selectors read within the user's regency; here only what the pages show and in which words.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.scoping import can_plan
from jaring.core.regioncodes import parent_of
from jaring.people.models import CoverageSegment, Occupation, VulnerabilityGroup
from jaring.regions.models import RegionKind

from ..forms import FundingSourceForm, ProgramForm, QuotaForm
from ..models import Program, QuotaKind
from ..selectors import planning as selectors
from ..selectors.selection import current_selection
from ..services.planning import (
    PlanningRefused,
    funding_source_delete,
    funding_source_save,
    program_update,
    quotas_replace,
)

#: Villages that share one quota are shown on one line when there are more of them than this.
SHARED_QUOTA_LINE = 3


def _require_reader(user) -> None:
    if not selectors.reads_plans(user):
        raise PermissionDenied(_("Only planners, verifiers and approvers see programs."))


def _require_planner(user) -> None:
    if not can_plan(user):
        raise PermissionDenied(_("Only budget planners change a program's plan."))


def _context(program: Program, **extra) -> dict:
    return {"program": program, "frozen": selectors.is_frozen(program), "active_nav": "programs", **extra}


def _refused(form, exc: PlanningRefused) -> None:
    """Each message next to its field (the services name inputs as the forms do), the rest at the top."""
    for key, texts in exc.errors.items():
        for text in texts:
            form.add_error(key if key in form.fields else None, text)


# --- reading ------------------------------------------------------------------------------------------------------


@login_required
def program_list(request):
    _require_reader(request.user)
    programs = selectors.programs_with_budgets(request.user)
    rows = [(program, period(program)) for program in programs]
    return render(request, "programs/program_list.html", {"rows": rows, "active_nav": "programs"})


@login_required
def program_detail(request, code: str):
    _require_reader(request.user)
    program = selectors.program_for(request.user, code)
    sources = list(selectors.sources_of(program))
    context = _context(
        program,
        period=period(program),
        package=package(program),
        weights=weights_in_words(program.priority),
        sources=[(source, restrictions(source)) for source in sources],
        total=sum(source.amount for source in sources),
        quotas=quota_lines(program),
        can_plan=can_plan(request.user),
        selection=current_selection(program),
    )
    return render(request, "programs/program_detail.html", context)


def period(program: Program) -> str:
    """``Januari–Desember 2026``; ``Maret 2026``; ``Juli 2026–Juni 2027`` for a period past December."""
    last = program.start_month + program.months - 1
    first_name, last_name = MONTHS[program.start_month], MONTHS[(last - 1) % 12 + 1]
    if program.months == 1:
        return f"{first_name} {program.year}"
    if last <= 12:
        return f"{first_name}–{last_name} {program.year}"
    return f"{first_name} {program.year}–{last_name} {program.year + 1}"


def package(program: Program) -> str:
    parts = ["JKK", "JKM"]
    if program.include_jht:
        parts.append("JHT")
    if program.include_jp and program.segment == CoverageSegment.PU:
        parts.append("JP")
    text = " + ".join(parts)
    if program.segment == CoverageSegment.PU:
        text += " · " + _("JKK risk class %(n)d") % {"n": program.risk_class}
        if program.pays_worker_share:
            text += " · " + _("the budget also pays the worker's share")
    return text


def weights_in_words(priority: dict) -> list[tuple[str, int]]:
    """(what, weight) for every non-zero priority weight, in the order of the form."""
    priority = priority or {}
    named = [
        ("decile", _("Welfare decile (poorer first)")),
        ("carry_over", _("Recipients of last year")),
        ("age", _("Age (older first)")),
    ]
    words = [(label, priority[key]) for key, label in named if priority.get(key)]
    for key, choices in (("groups", VulnerabilityGroup), ("occupations", Occupation)):
        weights = priority.get(key) or {}
        words += [(str(label), weights[code]) for code, label in choices.choices if weights.get(code)]
    return words


def restrictions(source) -> list[str]:
    """Whom a source may pay for, in words: "hanya warga Desa Besuki", "hanya petani tembakau, buruh tembakau"."""
    texts = []
    if source.village_id:
        texts.append(_("only residents of %(village)s") % {"village": place_name(source.village)})
    for codes, choices in ((source.occupations, Occupation), (source.groups, VulnerabilityGroup)):
        names = [str(label).lower() for code, label in choices.choices if code in codes]
        if names:
            texts.append(_("only %(list)s") % {"list": ", ".join(names)})
    return texts


def place_name(region) -> str:
    """``Desa Besuki``, ``Kelurahan Surodakan``: a village's kind before its name."""
    kind = RegionKind(region.kind).label if region.kind in RegionKind.values else ""
    return f"{kind} {region.name}".strip()


def quota_lines(program: Program) -> list[dict]:
    """The quotas as the program page lists them: kecamatan, then villages (those sharing one quota on one
    line), then groups."""
    quotas = list(selectors.quotas_of(program))
    regions = {r.code: r for r in selectors.regions_of_regency(program.regency_id)}
    lines = [_line(f"{_('Kecamatan')} {regions[q.key].name}", q) for q in quotas if q.kind == QuotaKind.DISTRICT]
    lines += _village_lines([q for q in quotas if q.kind == QuotaKind.VILLAGE], regions)
    groups = dict(VulnerabilityGroup.choices)
    lines += [_line(str(groups.get(q.key, q.key)), q) for q in quotas if q.kind == QuotaKind.GROUP]
    return lines


def _line(label: str, quota, names: list[str] | None = None) -> dict:
    return {"label": label, "minimum": quota.minimum or None, "maximum": quota.maximum, "names": names or []}


def _village_lines(quotas, regions) -> list[dict]:
    villages = sum(1 for code in regions if code.count(".") == 3)
    shared = Counter((q.minimum, q.maximum) for q in quotas)
    lines = []
    for pair, n in shared.most_common():
        if n <= SHARED_QUOTA_LINE:
            continue
        same = [q for q in quotas if (q.minimum, q.maximum) == pair]
        every = n == villages
        label = (_("Every desa/kelurahan (%(n)d)") if every else _("%(n)d desa/kelurahan")) % {"n": n}
        lines.append(_line(label, same[0], [_village_name(q.key, regions) for q in same]))
    alone = [q for q in quotas if shared[(q.minimum, q.maximum)] <= SHARED_QUOTA_LINE]
    return lines + [_line(_village_name(q.key, regions), q) for q in alone]


def _village_name(code: str, regions) -> str:
    district = regions.get(parent_of(code))
    name = regions[code].name if code in regions else code
    return f"{name} ({district.name})" if district else name


# --- planning -----------------------------------------------------------------------------------------------------


def _planned(request, code: str) -> Program:
    _require_planner(request.user)
    return selectors.program_for(request.user, code)


@login_required
def program_edit(request, code: str):
    program = _planned(request, code)
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            program_update(program=program, data=form.data_for_service(), actor=request.user)
        except PlanningRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Program settings saved."))
            return redirect("programs:detail", code=program.code)
    return render(request, "programs/program_form.html", _context(program, form=form))


@login_required
def source_add(request, code: str):
    return _source_page(request, code, None)


@login_required
def source_edit(request, code: str, source_id: int):
    return _source_page(request, code, source_id)


def _source(program: Program, source_id: int | None):
    if source_id is None:
        return None
    source = selectors.sources_of(program).filter(pk=source_id).first()
    if source is None:
        raise Http404(_("No such funding source in this program."))
    return source


def _source_page(request, code: str, source_id: int | None):
    program = _planned(request, code)
    source = _source(program, source_id)
    villages = selectors.desa_of_regency(program.regency_id)
    form = FundingSourceForm(request.POST or None, villages=villages, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            saved = funding_source_save(program=program, source=source, data=form.cleaned_data, actor=request.user)
        except PlanningRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Funding source saved: %(name)s.") % {"name": saved.name})
            return redirect("programs:detail", code=program.code)
    return render(request, "programs/source_form.html", _context(program, form=form, source=source))


@login_required
@require_POST
def source_delete(request, code: str, source_id: int):
    program = _planned(request, code)
    source = _source(program, source_id)
    try:
        funding_source_delete(source=source, actor=request.user)
    except PlanningRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Funding source deleted: %(name)s.") % {"name": source.name})
    return redirect("programs:detail", code=program.code)


@login_required
def quotas(request, code: str):
    program = _planned(request, code)
    regions = list(selectors.regions_of_regency(program.regency_id))
    form = QuotaForm(request.POST or None, regions=regions, quotas=selectors.quotas_of(program))
    row_errors: dict[str, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        try:
            quotas_replace(program=program, rows=form.rows(), actor=request.user)
        except PlanningRefused as exc:
            row_errors = exc.errors
            form.add_error(None, [text for texts in exc.errors.values() for text in texts])
        else:
            messages.success(request, _("Quotas saved."))
            return redirect("programs:detail", code=program.code)
    context = _context(program, form=form, **_quota_table(form, regions, row_errors))
    return render(request, "programs/quotas.html", context)


def _quota_table(form: QuotaForm, regions, row_errors: dict[str, list[str]]) -> dict:
    """Rows of the quota table (a kecamatan, then its villages) and of the group table, each with its inputs and
    the service's messages about it."""

    def row(kind, key, label, level):
        minimum, maximum = form.pair(kind, key)
        errors = [*minimum.errors, *maximum.errors, *row_errors.get(f"{kind}:{key}", [])]
        return {"key": key, "label": label, "level": level, "min": minimum, "max": maximum, "errors": errors}

    places = [
        row(QuotaKind.DISTRICT, r.code, r.name, "district")
        if r.level == 3
        else row(QuotaKind.VILLAGE, r.code, place_name(r), "village")
        for r in regions
    ]
    groups = [row(QuotaKind.GROUP, code, label, "group") for code, label in VulnerabilityGroup.choices]
    return {"places": places, "groups": groups}
