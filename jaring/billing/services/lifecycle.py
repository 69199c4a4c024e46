"""Ends of a membership before its program's: death (reported, or read from the civil registry), a move out of
the regency, becoming a wage earner, withdrawal; cover stops at the end of that month. The places freed, by
these ends or by lapse, are offered to the waiting list in a draft SK perubahan (``replacement_draft``)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from jaring.accounts.scoping import can_propose, can_register, can_verify, may_act
from jaring.civil.models import CivilRecord
from jaring.decrees.lifecycle import DecreeKind, DecreeRefused, DecreeStatus
from jaring.decrees.models import Decree
from jaring.decrees.selectors import current_recipients, latest_final_decree
from jaring.decrees.services import Removal, amendment_draft
from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership
from jaring.enrollment.rules import end_of_month
from jaring.enrollment.services import EnrollmentError, membership_transition
from jaring.programs.allocation import Replacement
from jaring.programs.models import Program

from ..arrears import DUKCAPIL, EndCause, end_reason
from .common import BillingError, audit, require_biller


def may_report_end(user) -> bool:
    """Verifiers, BPJS officers, and village operators (``may_act`` keeps her to her own village)."""
    return can_verify(user) or can_register(user) or can_propose(user)


def _reporter(actor) -> str:
    if not getattr(actor, "is_authenticated", False):
        return "sistem"
    return actor.get_full_name() or actor.get_username()


def membership_end_report(*, membership: Membership, cause: str, occurred_on: date, note: str = "", actor,
                          today: date | None = None) -> Membership:  # fmt: skip
    """End ``membership`` at the end of the month ``occurred_on`` falls in, for ``cause`` (``EndCause``)."""
    if not may_act(actor, membership.village_id, may_report_end):
        raise BillingError("Anda tidak berwenang melaporkan berakhirnya kepesertaan di wilayah ini.")
    if cause not in {c.value for c in EndCause}:
        raise BillingError(f"Sebab berakhirnya kepesertaan {cause!r} tidak dikenal.")
    if occurred_on > (today or timezone.localdate()):
        raise BillingError("Tanggal kejadian tidak boleh setelah hari ini.")
    if membership.status == MembershipStatus.ENDED:
        raise BillingError(f"Kepesertaan ini sudah berakhir {membership.end:%d-%m-%Y}: {membership.status_reason}")
    reason = end_reason(cause, occurred_on, reported_by=_reporter(actor), note=note)
    with transaction.atomic():
        _end(membership, end_of_month(occurred_on), reason, actor)
        audit("membership_end_reported", actor, object_type="membership", object_id=membership.pk,
              region_code=membership.village_id, detail={"cause": cause, "occurred_on": occurred_on.isoformat(),
                                                         "note": note, "kpj": membership.kpj})  # fmt: skip
    return membership


def _end(membership: Membership, end: date, reason: str, actor) -> None:
    try:
        membership_transition(membership=membership, to=MembershipStatus.ENDED, effective=end, reason=reason,
                              actor=actor)  # fmt: skip
    except EnrollmentError as exc:
        raise BillingError(str(exc)) from None


def deaths_from_civil(*, program: Program, actor) -> list[Membership]:
    """Memberships of the program whose person the civil registry (matched by NIK) records as dead end at the end
    of the month of death (of the extract's month when the registry gives no date)."""
    require_biller(actor, program.regency_id)
    alive = Membership.objects.filter(program=program).exclude(status=MembershipStatus.ENDED)
    dead = CivilRecord.objects.filter(is_alive=False, nik__in=alive.values("person__nik"))
    deaths = {nik: (died, extract) for nik, died, extract in dead.values_list("nik", "death_date", "extract_date")}
    ended = []
    with transaction.atomic():
        for membership in alive.filter(person__nik__in=list(deaths)).select_related("person").order_by("pk"):
            died, extract = deaths[membership.person.nik]
            reason = end_reason(EndCause.DEATH, died, reported_by=DUKCAPIL)
            _end(membership, end_of_month(died or extract), reason, actor)
            ended.append(membership)
        audit("deaths_from_civil", actor, object_type="program", object_id=program.pk,
              region_code=program.regency_id, detail={"ended": [m.kpj or m.pk for m in ended]})  # fmt: skip
    return ended


@dataclass(frozen=True)
class ReplacementDraft:
    amendment: Decree
    replacements: list[Replacement]  # one per vacancy: who fills it, or why nobody does
    names: dict[int, str]  # person id → name, of the people who left


def open_amendment(program: Program) -> Decree | None:
    return Decree.objects.filter(program=program, kind=DecreeKind.AMENDMENT, status=DecreeStatus.DRAFT).first()


def replacement_draft(*, program: Program, actor, effective_from: date | None = None) -> ReplacementDraft:
    """A draft SK perubahan removing the current recipients whose membership has ended (the end's reason on
    their row) and filling their places from the waiting list under the same source and quota rules
    (``decrees.services.amendment_draft``), from the month after the latest end unless told otherwise."""
    decree = latest_final_decree(program)
    if decree is None:
        raise BillingError("Program ini belum punya SK final: tidak ada yang bisa diganti.")
    if (draft := open_amendment(program)) is not None:
        raise BillingError(f"Sudah ada draf SK perubahan #{draft.pk} ({draft.created_at:%d-%m-%Y}): tetapkan atau "
                           "batalkan draf itu dulu sebelum menyusun penggantian baru.")  # fmt: skip
    ended = _ended_recipients(program)
    if not ended:
        raise BillingError("Tidak ada penerima yang kepesertaannya berakhir dan belum diganti.")
    latest_end = max((end for _, _, end, _ in ended if end), default=timezone.localdate())
    effective = effective_from or (end_of_month(latest_end) + timedelta(days=1))
    removals = [Removal(person_id, reason or "Kepesertaan berakhir") for person_id, reason, _, _ in ended]
    try:
        amendment, found = amendment_draft(decree=decree, removals=removals, effective_from=effective,
                                           reason=_amendment_reason(len(removals)), actor=actor)  # fmt: skip
    except DecreeRefused as exc:
        raise BillingError(str(exc)) from None
    return ReplacementDraft(amendment, found, {person_id: name for person_id, _, _, name in ended})


def _ended_recipients(program: Program) -> list[tuple[int, str, date, str]]:
    """``(person id, end reason, end, name)`` of current recipients whose membership has ended."""
    listed = current_recipients(program).values("person_id")
    ended = Membership.objects.filter(program=program, status=MembershipStatus.ENDED, person_id__in=listed)
    return list(ended.order_by("end", "pk").values_list("person_id", "status_reason", "end", "person__full_name"))


def _amendment_reason(count: int) -> str:
    return (f"Penggantian {count} penerima yang kepesertaan BPJS Ketenagakerjaannya berakhir (meninggal dunia, "
            "pindah, menjadi pekerja penerima upah, mengundurkan diri, atau menunggak iuran).")  # fmt: skip
