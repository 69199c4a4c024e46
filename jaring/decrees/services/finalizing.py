"""Making a decree final: its number and date, the signed scan, and from then on a list nobody can change."""

from dataclasses import replace
from datetime import date

from django.db import transaction
from django.utils import timezone

from jaring.accounts.scoping import can_approve
from jaring.core.uploads import document_problem
from jaring.intake.models import Candidate

from ..lifecycle import DecreeKind, DecreeRefused, DecreeStatus, RecipientChange
from ..models import Decree
from ..signals import decree_finalized
from ..text import decree_text, snapshot
from .common import MAY_FINALIZE, audit, move, require


def _number(decree: Decree, number: str) -> str:
    number = " ".join((number or "").split())
    if not number:
        raise DecreeRefused("Nomor SK wajib diisi.")
    if len(number) > 80:
        raise DecreeRefused("Nomor SK paling panjang 80 karakter.")
    taken = Decree.objects.filter(regency_code=decree.regency_code, number=number).exclude(pk=decree.pk).first()
    if taken is not None:
        raise DecreeRefused(f"Nomor SK {number} sudah dipakai SK lain kabupaten ini ({taken.title}).")
    return number


def _signed_on(decree: Decree, signed_on: date | None, today: date) -> date:
    if signed_on is None:
        raise DecreeRefused("Tanggal penetapan SK wajib diisi.")
    if signed_on > today:
        raise DecreeRefused("Tanggal penetapan tidak boleh setelah hari ini.")
    earliest = decree.amends.signed_on if decree.amends else timezone.localdate(decree.selection.decided_at)
    if earliest and signed_on < earliest:
        what = "SK yang diubah" if decree.amends else "persetujuan seleksi"
        raise DecreeRefused(f"Tanggal penetapan tidak boleh sebelum {what} ({earliest:%d-%m-%Y}).")
    return signed_on


def _check_scan(scan) -> None:
    if scan is None:
        raise DecreeRefused("Unggah pindaian SK yang sudah ditandatangani (PDF, JPG atau PNG).")
    if problem := document_problem(scan, what="Pindaian SK"):
        raise DecreeRefused(problem)


def _refuse_fork(decree: Decree) -> None:
    """An amendment must amend the chain's last final decree (a decree amended since cannot be amended again)."""
    if decree.amends and decree.amends.amendments.filter(status=DecreeStatus.FINAL).exclude(pk=decree.pk).exists():
        raise DecreeRefused("SK yang diubah sudah diubah oleh SK perubahan lain; susun ulang draf perubahan ini.")


def _freeze_added(decree: Decree, now) -> None:
    if decree.kind == DecreeKind.AMENDMENT:
        added = decree.recipients.filter(change=RecipientChange.ADDED).values("candidate_id")
        Candidate.objects.filter(pk__in=added).update(frozen_at=now)


@transaction.atomic
def decree_finalize(*, decree: Decree, number: str, signed_on: date | None, scan, actor, today=None) -> Decree:
    """Number, date and signed scan: the decree becomes final and its list can no longer change."""
    decree = (
        Decree.objects.select_for_update(of=("self",))
        .select_related("program", "selection", "amends")
        .get(pk=decree.pk)
    )
    require(actor is None or can_approve(actor), actor, decree.program, MAY_FINALIZE)
    if decree.status != DecreeStatus.DRAFT:
        raise DecreeRefused("Hanya draf SK yang dapat ditetapkan; SK ini sudah final atau dibatalkan.")
    number = _number(decree, number)
    signed_on = _signed_on(decree, signed_on, today or timezone.localdate())
    _check_scan(scan)
    _refuse_fork(decree)
    now = timezone.now()
    decree.signed_scan.save(f"sk-{decree.pk}-{scan.name.rsplit('/', 1)[-1]}", scan, save=False)
    text = replace(decree_text(decree), number=number, signed_on=signed_on, is_draft=False)
    move(
        decree,
        DecreeStatus.FINAL,
        number=number,
        signed_on=signed_on,
        signed_scan=decree.signed_scan.name,
        finalized_by=actor if getattr(actor, "is_authenticated", False) else None,
        finalized_at=now,
        frozen_text=snapshot(text),
    )
    _freeze_added(decree, now)
    audit(decree, "finalized", actor, {"number": number, "signed_on": signed_on.isoformat()})
    decree_finalized.send(sender=Decree, decree=decree, actor=actor)
    return decree
