"""Reads of decrees, always scoped by the reader's region."""

from django.db.models import QuerySet

from jaring.accounts.scoping import can_approve, can_see_people, can_verify, scope_people
from jaring.core.privacy import mask_nik
from jaring.core.regioncodes import contains
from jaring.regions.models import Region

from .documents.contract import AnnexRow
from .lifecycle import DecreeStatus, RecipientChange
from .models import Decree, DecreeRecipient


def latest_final_decree(program) -> Decree | None:
    """The last final decree of the program's chain (an amendment, or the original when none)."""
    return Decree.objects.filter(program=program, status=DecreeStatus.FINAL).order_by("-finalized_at", "-id").first()


def current_recipients(program) -> QuerySet[DecreeRecipient]:
    """Who the program pays for now: the list of its latest final decree, without the rows it removed.
    Not scoped: callers that show people scope it with ``scope_people``."""
    decree = latest_final_decree(program)
    if decree is None:
        return DecreeRecipient.objects.none()
    return DecreeRecipient.objects.filter(decree=decree).exclude(change=RecipientChange.REMOVED)


def recipients_visible_to(user, decree: Decree) -> QuerySet[DecreeRecipient]:
    return scope_people(DecreeRecipient.objects.filter(decree=decree), user)


def decrees_visible_to(user, program) -> QuerySet[Decree]:
    """A program's decrees, oldest first, for anyone who may see the regency's people."""
    if not can_see_people(user) or not contains_regency(user, program.regency_id):
        return Decree.objects.none()
    return Decree.objects.filter(program=program).order_by("created_at", "id")


def annex_rows(decree: Decree, *, public: bool = False) -> list[AnnexRow]:
    """The decree's annex in its numbered order; NIKs masked in the public version. A regency-wide legal
    document: callers check the reader may see the regency's people (``can_read_annex``)."""
    rows = decree.recipients.order_by("row").values_list(
        "row",
        "person__full_name",
        "person__nik",
        "person__birth_date",
        "person__street",
        "person__rt",
        "person__rw",
        "village_id",
        "village__name",
        "village__kind",
        "district_code",
        "source__name",
        "cost",
        "change",
        "reason",
    )
    rows = list(rows)
    districts = dict(Region.objects.filter(code__in={r[10] for r in rows}).values_list("code", "name"))
    return [_annex_row(r, districts, public) for r in rows]


def _annex_row(r: tuple, districts: dict[str, str], public: bool) -> AnnexRow:
    (row, name, nik, born, street, rt, rw, village, village_name, kind, district, source, cost, change, reason) = r
    rt_rw = f"RT {rt} RW {rw}" if rt or rw else ""
    return AnnexRow(
        row=row,
        full_name=name,
        nik=mask_nik(nik) if public else nik,
        birth_date=born,
        address=", ".join(part for part in (street, rt_rw) if part),
        village=f"{'Kelurahan' if kind == 'kelurahan' else 'Desa'} {village_name}",
        village_code=village,
        district=districts.get(district, district),
        district_code=district,
        source=source,
        cost=int(cost),
        change=change,
        reason=reason,
    )


def can_read_annex(user, decree: Decree, *, public: bool) -> bool:
    """The public annex: anyone who sees the regency's people; the full one (every NIK): who drafts it or
    signs it."""
    if not can_see_people(user) or not contains_regency(user, decree.regency_code):
        return False
    return public or can_verify(user) or can_approve(user)


def contains_regency(user, regency_code: str) -> bool:
    """The user's scope holds the whole regency (a regency officer, or a wider scope)."""
    scope = user.scope_code
    return scope is None or contains(scope, regency_code)
