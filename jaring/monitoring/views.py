from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jaring.audit.services import audit_record
from jaring.people.models import Occupation
from jaring.programs.models import Program

from .charts import CHARTS, all_charts, chart, owed_so_far, scope_rate
from .exports import write_chart
from .filters import choices, read_filters
from .models import FactsState
from .selectors import scope_counts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def home(request):
    counts = scope_counts(request.user)
    labels = dict(Occupation.choices)
    occupations = [(labels.get(code, code), n) for code, n in counts.by_occupation]
    return render(request, "monitoring/home.html", {"counts": counts, "occupations": occupations, "active_nav": "home"})


def _refreshed_at():
    return FactsState.objects.aggregate(at=Max("refreshed_at"))["at"]


def _dashboard(request, filters, scope: str | None, export_name: str, export_args: tuple = ()):
    charts = all_charts(filters)
    totals = next((row for row in charts[0].rows if row[0] == filters.month), None)
    exports = {c.slug: reverse(export_name, args=(*export_args, c.slug)) for c in charts}
    context = {
        "f": filters,
        "choices": choices(scope, filters),
        "charts": [(c, exports[c.slug]) for c in charts],
        "totals": totals,
        "rate": scope_rate(filters, totals[2]) if totals else None,
        "owed": owed_so_far(filters),
        "refreshed_at": _refreshed_at(),
        "public": bool(export_args),
        "min_cell": settings.MONITORING_MIN_CELL,
        "active_nav": "dashboard",
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
def dashboard(request):
    return _dashboard(request, read_filters(request), request.user.scope_code, "monitoring:export")


def _public_regency(code: str) -> str:
    if not Program.objects.filter(regency_id=code).exists():
        raise Http404(_("This regency publishes no coverage figures."))
    return code


def public_dashboard(request, code: str):
    """Anyone may read a regency's coverage, as aggregates with small counts withheld (no login)."""
    code = _public_regency(code)
    filters = read_filters(request, public_scope=code)
    return _dashboard(request, filters, code, "monitoring:public_export", (code,))


def _heading(f, request) -> list[str]:
    region = f.code or "Indonesia"
    month = date_format(f.month, "F Y") if f.month else "—"
    lines = [
        _("Region: %(code)s") % {"code": region},
        _("Year: %(year)s · month: %(month)s") % {"year": f.year, "month": month},
    ]
    if f.aggregate_only:
        withheld = _("Counts under %(n)s people, and one more of the same total where needed, are withheld (x).")
        lines.append(withheld % {"n": settings.MONITORING_MIN_CELL})
    return lines


@login_required
def export(request, slug: str):
    return _export(request, slug, read_filters(request))


def public_export(request, code: str, slug: str):
    return _export(request, slug, read_filters(request, public_scope=_public_regency(code)))


def _export(request, slug: str, filters):
    if slug not in CHARTS:
        raise Http404(_("No such chart."))
    result = chart(slug, filters)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="jaring-{slug}-{filters.code or "id"}-{filters.year}.xlsx"'
    write_chart(response, result, _heading(filters, request))
    audit_record(
        actor=request.user,
        action="monitoring_export",
        object_type="chart",
        object_id=slug,
        region_code=filters.code or "",
        detail={"year": filters.year, "month": filters.month.isoformat() if filters.month else None},
        request=request,
    )
    return response
