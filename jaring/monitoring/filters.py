"""The dashboard's filters (region within the user's scope → year → month), read from the query string."""

from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils import timezone

from jaring.accounts.scoping import can_see_people
from jaring.billing.periods import MonthInvalid, parse_month
from jaring.core.regioncodes import InvalidRegionCode, ancestors, contains, level_of, normalize
from jaring.programs.models import Program
from jaring.regions.models import Region

from .charts import Filters
from .dashboard import latest_month


@dataclass(frozen=True, slots=True)
class Choices:
    crumbs: list[tuple[str | None, str]]  # (code, name) from the user's scope down to the chosen region
    children: list[tuple[str, str]]
    years: list[int]
    months: list[date]


def _region(scope: str | None, text: str) -> str | None:
    if not text:
        return scope
    try:
        code = normalize(text)
    except InvalidRegionCode as exc:
        raise Http404(str(exc)) from None
    if scope is not None and not contains(scope, code):
        raise Http404("Wilayah ini berada di luar wilayah Anda.")
    return code


def _year(text: str) -> int:
    year = int(text) if text.isdigit() else timezone.localdate().year
    return min(max(year, 2000), 2100)


def read_filters(request, *, public_scope: str | None = None) -> Filters:
    """The filters of the query string, within the user's scope, or within ``public_scope`` for the public page
    (whose figures are always aggregate-only)."""
    public = public_scope is not None
    if not public and not getattr(request.user, "policy", None):
        raise Http404("Akun Anda belum memiliki peran.")
    scope = public_scope if public else request.user.scope_code
    code = _region(scope, request.GET.get("wilayah", "").strip())
    year = _year(request.GET.get("tahun", "").strip())
    try:
        month = parse_month(request.GET["bulan"]) if request.GET.get("bulan") else None
    except MonthInvalid:
        month = None
    if month is None or month.year != year:
        month = latest_month(code, year)
    return Filters(code, year, month, aggregate_only=public or not can_see_people(request.user))


def choices(scope: str | None, f: Filters) -> Choices:
    chain = [c for c in ancestors(f.code) if scope is None or contains(scope, c)] if f.code else []
    names = dict(Region.objects.filter(code__in=chain).values_list("code", "name"))
    crumbs = ([(None, "Indonesia")] if scope is None else []) + [(c, names.get(c, c)) for c in chain]
    if f.code is None:
        children = Region.objects.filter(level=1)
    elif level_of(f.code) < 4:
        children = Region.objects.filter(parent_id=f.code)
    else:
        children = Region.objects.none()
    years = sorted({*Program.objects.values_list("year", flat=True).distinct(), f.year}, reverse=True)
    return Choices(
        crumbs,
        list(children.order_by("code").values_list("code", "name")),
        years,
        [date(f.year, m, 1) for m in range(1, 13)],
    )
