"""The rows of a village's recipient list: the program's current recipients in the desa (``current_recipients``),
their membership (KPJ, status, start) and whether the month's invoice line is paid. Scoped by ``scope_people``
for a user; the system (``None``, the command line) reads every village."""

from datetime import date, datetime

from django.db.models import F, QuerySet

from jaring.accounts.scoping import scope_people
from jaring.billing.models import InvoiceLine
from jaring.core.privacy import mask_nik
from jaring.decrees.lifecycle import DecreeStatus
from jaring.decrees.models import Decree, DecreeRecipient
from jaring.decrees.selectors import current_recipients
from jaring.enrollment.models import Membership
from jaring.programs.models import Program
from jaring.regions.models import Region, RegionKind

from ..documents.village_list import Recipient, VillageList


def recipients_in(program: Program, village: Region, user) -> QuerySet[DecreeRecipient]:
    rows = current_recipients(program).filter(village_id=village.code)
    return scope_people(rows, user) if user is not None else rows


def village_list(
    *, program: Program, village: Region, user, month: date, printed_at: datetime, printed_by: str
) -> VillageList:
    rows = list(
        recipients_in(program, village, user).select_related("person", "source").order_by("person__full_name", "row")
    )
    people = [r.person_id for r in rows]
    memberships = {m.person_id: m for m in Membership.objects.filter(program=program, person_id__in=people)}
    paid = _paid(program, month, [m.pk for m in memberships.values()])
    district = village.parent
    return VillageList(
        regency=district.parent.name,
        district=district.name,
        village=village.name,
        is_kelurahan=village.kind == RegionKind.KELURAHAN,
        program=str(program),
        decrees=final_decrees(program),
        month=month,
        printed_at=printed_at,
        printed_by=printed_by,
        recipients=[_recipient(r, memberships.get(r.person_id), paid) for r in rows],
    )


def final_decrees(program: Program) -> list[tuple[str, date | None]]:
    """(number, date signed) of the program's final decrees, the original first."""
    final = Decree.objects.filter(program=program, status=DecreeStatus.FINAL).order_by("finalized_at", "id")
    return list(final.values_list("number", "signed_on"))


def _paid(program: Program, month: date, membership_ids: list[int]) -> dict[int, bool]:
    """Membership id → whether its line on the month's invoice is paid (lines are paid in order, up to the
    invoice's ``covered_lines``); memberships not billed that month are absent."""
    lines = InvoiceLine.objects.filter(invoice__program=program, invoice__month=month, membership_id__in=membership_ids)
    return {
        m: line_no <= covered
        for m, line_no, covered in lines.values_list("membership_id", "line_no", F("invoice__covered_lines"))
    }


def _recipient(row: DecreeRecipient, membership: Membership | None, paid: dict[int, bool]) -> Recipient:
    person = row.person
    rt_rw = f"RT {person.rt} RW {person.rw}" if person.rt or person.rw else ""
    return Recipient(
        nik=mask_nik(person.nik),
        name=person.full_name,
        address=", ".join(part for part in (person.street, rt_rw) if part),
        occupation=person.get_occupation_display(),
        source=row.source.name,
        kpj=membership.kpj if membership else "",
        status=membership.get_status_display() if membership else "Belum terdaftar",
        start=membership.start if membership else None,
        paid=paid.get(membership.pk) if membership else None,
    )
