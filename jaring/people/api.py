from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from jaring.accounts.scoping import can_see_people, sees_full_nik
from jaring.audit.services import audit_record

from .selectors import PeopleFilter, display_nik, people_search, person_detail

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    nik: str
    full_name: str
    sex: str
    birth_date: date | None
    village_code: str
    occupation: str


class FilterIn(Schema):
    q: str = ""
    region: str = ""
    group: str = ""
    occupation: str = ""


def _out(person, full: bool) -> dict:
    return {
        "id": person.pk,
        "nik": display_nik(person.nik, full=full),
        "full_name": person.full_name,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "village_code": person.village_id,
        "occupation": person.occupation,
    }


def _check(request):
    if not can_see_people(request.auth):
        raise HttpError(403, "Peran Anda tidak memberi akses ke data pribadi.")


@router.get("/", response=list[PersonOut])
@paginate(PageNumberPagination, page_size=50)
def list_people(request, filters: Query[FilterIn]):
    _check(request)
    user = request.auth
    audit_record(
        actor=user,
        action="people.api_list",
        object_type="person",
        region_code=user.scope_code or "",
        detail=filters.dict(),
        request=request,
    )
    full = sees_full_nik(user)
    qs = people_search(user, PeopleFilter(**filters.dict()))
    return _LazyOut(qs, full)


@router.get("/{person_id}", response=PersonOut)
def get_person(request, person_id: int):
    _check(request)
    person = person_detail(request.auth, person_id, request=request, via="api")
    if person is None:
        raise HttpError(404, "Orang ini tidak ada di wilayah Anda.")
    return _out(person, sees_full_nik(request.auth))


class _LazyOut:
    """Paginates the queryset in the database, then shapes only the rows of the page."""

    def __init__(self, qs, full: bool):
        self.qs, self.full = qs, full

    def count(self):
        return self.qs.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        return [_out(p, self.full) for p in self.qs[item]]
