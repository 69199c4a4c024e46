import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from jaring.accounts.scoping import can_see_people, sees_full_nik
from jaring.audit.services import audit_record

from .forms import PeopleFilterForm
from .models import Occupation, Sex
from .selectors import display_nik, people_search, person_detail


def _require_people_access(user):
    if not can_see_people(user):
        raise PermissionDenied(_("Your role does not give access to personal data."))


@login_required
def people_list(request):
    _require_people_access(request.user)
    form = PeopleFilterForm(request.GET or None, user=request.user)
    flt = form.to_filter()
    page = Paginator(people_search(request.user, flt), settings.PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    full = sees_full_nik(request.user)
    rows = [(p, display_nik(p.nik, full=full)) for p in page.object_list]
    if flt.q or request.GET.get("page"):
        audit_record(
            actor=request.user,
            action="people.search",
            object_type="person",
            request=request,
            region_code=request.user.scope_code or "",
            detail={"q": flt.q, "region": flt.region, "page": page.number},
        )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query_string": _query_without_page(request),
        "active_nav": "people",
    }
    template = "people/_results.html" if request.htmx and request.htmx.target == "results" else "people/list.html"
    return render(request, template, context)


@login_required
def desa_options(request):
    """The desa drop-down for the chosen kecamatan (htmx)."""
    _require_people_access(request.user)
    form = PeopleFilterForm(request.GET, user=request.user)
    return render(request, "people/_desa_options.html", {"field": form["desa"]})


@login_required
def person_view(request, person_id: int):
    _require_people_access(request.user)
    person = person_detail(request.user, person_id, request=request)
    if person is None:
        raise Http404(_("No such person in your area."))
    nik = display_nik(person.nik, full=sees_full_nik(request.user))
    kk = display_nik(person.kk_number, full=sees_full_nik(request.user))
    return render(request, "people/detail.html", {"person": person, "nik": nik, "kk": kk, "active_nav": "people"})


class _Echo:
    def write(self, value):
        return value


@login_required
def people_export(request):
    """The filtered list as CSV (UTF-8 with BOM so Excel shows names right), streamed row by row."""
    _require_people_access(request.user)
    form = PeopleFilterForm(request.GET or None, user=request.user)
    flt = form.to_filter()
    qs = (
        people_search(request.user, flt)
        .select_related(None)
        .values_list("nik", "full_name", "sex", "birth_date", "village_id", "street", "rt", "rw", "occupation")
    )
    full = sees_full_nik(request.user)
    audit_record(
        actor=request.user,
        action="people.export",
        object_type="person",
        request=request,
        region_code=request.user.scope_code or "",
        detail={"q": flt.q, "region": flt.region, "group": flt.group, "occupation": flt.occupation},
    )
    writer = csv.writer(_Echo())
    header = ["NIK", "Nama", "Jenis kelamin", "Tanggal lahir", "Kode desa", "Alamat", "RT", "RW", "Pekerjaan"]

    def rows():
        yield "\ufeff" + writer.writerow(header)
        sexes, occupations = dict(Sex.choices), dict(Occupation.choices)
        for nik, name, sex, born, village, street, rt, rw, occ in qs.iterator(chunk_size=2000):
            born_text = born.isoformat() if born else ""
            row = [display_nik(nik, full=full), name, sexes.get(sex, sex), born_text, village, street, rt, rw]
            yield writer.writerow([*row, occupations.get(occ, occ)])

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jaring-orang-{stamp}.csv"'
    return response


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
