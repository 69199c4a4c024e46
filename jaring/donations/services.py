"""Every write of donations (DESIGN.md §5.1): recording money a donor gave and voiding a mistaken entry. Each
takes the acting user, checks the role and region, and leaves one audit row in its transaction.

The budget (``FundingSource.amount``) of a donation or CSR/BAZNAS source is the sum of its received donations,
rewritten by these services only.
"""

import hashlib
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jaring.accounts.scoping import can_plan, can_verify, may_act
from jaring.audit.services import audit_record
from jaring.core.uploads import document_problem
from jaring.decrees.selectors import current_recipients
from jaring.programs.models import FundingSource
from jaring.programs.rates import BudgetInvalid, check_budget, read_rupiah, rupiah

from .lifecycle import DonationRefused, DonationStatus, check_donation_transition
from .models import DONATION_KINDS, Donation, DonorKind


class DonationError(ValueError):
    """A request donations refuses; the message says why, in Bahasa Indonesia."""


def may_record(user) -> bool:
    """The budget planner (BPKAD/Bappeda) and the verifier (Disnaker) record the money that comes in."""
    return can_plan(user) or can_verify(user)


def _require_recorder(actor, source: FundingSource) -> None:
    if not may_act(actor, source.program.regency_id, may_record):
        raise DonationError("Anda tidak berwenang mencatat donasi di wilayah ini.")


def donation_record(*, source: FundingSource, donor_name: str = "", anonymous: bool = False,
                    donor_kind: str = DonorKind.PERSON, amount, received_on: date, reference: str = "",
                    receipt=None, note: str = "", actor, today: date | None = None) -> Donation:  # fmt: skip
    """Record money a donor gave to ``source`` and raise the source's budget to the sum received.

    Money received is a fact, not a plan: unlike the planning services, this is not refused once the program's
    selection is approved. The extra worker-months it covers stay free on the current decree, and a later SK
    perubahan (amendment) can add workers on them. The first donation replaces any pledged amount the planner
    typed; when the decree already commits more than was received, the summary shows the shortfall.
    """
    _require_recorder(actor, source)
    values = _checked(source, donor_name, anonymous, donor_kind, amount, received_on, reference, note,
                      today or timezone.localdate())  # fmt: skip
    digest = _receipt_digest(receipt)
    with transaction.atomic():
        locked = FundingSource.objects.select_for_update().get(pk=source.pk)
        _check_twins(locked, values["reference"], digest)
        donation = Donation.objects.create(source=locked, receipt=receipt or "", receipt_sha256=digest,
                                           recorded_by=_user(actor), **values)  # fmt: skip
        before, after = _rebudget(locked)
        _audit("donation_recorded", actor, donation, locked, {
            "amount": str(donation.amount), "received_on": received_on.isoformat(), "donor_kind": donor_kind,
            "anonymous": anonymous, "reference": donation.reference, "budget": [str(before), str(after)]})  # fmt: skip
    return donation


def donation_void(*, donation: Donation, reason: str, actor) -> Donation:
    """Void a mistaken entry: the row stays, marked void with ``reason``, and the source's budget drops by
    its amount. Refused when the budget would fall below what the current decree commits on the source (the
    sum of its recipients' costs): record the right donation first, then void the wrong one."""
    source = donation.source
    _require_recorder(actor, source)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DonationError("Tulis alasan pembatalan donasi.")
    with transaction.atomic():
        locked = FundingSource.objects.select_for_update().get(pk=source.pk)
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        try:
            check_donation_transition(donation.status, DonationStatus.VOID)
        except DonationRefused as exc:
            raise DonationError(str(exc)) from None
        _check_commitment(locked, received_total(locked) - donation.amount)
        donation.status, donation.void_reason = DonationStatus.VOID, reason[:200]
        donation.voided_by, donation.voided_at = _user(actor), timezone.now()
        donation.save(update_fields=["status", "void_reason", "voided_by", "voided_at"])
        before, after = _rebudget(locked)
        _audit("donation_voided", actor, donation, locked,
               {"amount": str(donation.amount), "reason": reason, "budget": [str(before), str(after)]})  # fmt: skip
    return donation


def received_total(source: FundingSource) -> Decimal:
    found = Donation.objects.filter(source=source, status=DonationStatus.RECEIVED).aggregate(total=Sum("amount"))
    return found["total"] or Decimal(0)


def committed_total(source: FundingSource) -> Decimal:
    """What the current decree commits on ``source``: its recipients' costs for the program's months."""
    found = current_recipients(source.program).filter(source=source).aggregate(total=Sum("cost"))
    return found["total"] or Decimal(0)


def _check_commitment(source: FundingSource, budget_after: Decimal) -> None:
    committed = committed_total(source)
    if budget_after < committed:
        raise DonationError(
            f"Pembatalan ditolak: anggaran {source.name} akan menjadi {rupiah(budget_after)}, kurang dari "
            f"{rupiah(committed)} yang sudah dipakai penerima pada SK yang berlaku. Catat dulu donasi yang "
            "benar, lalu batalkan yang ini."
        )


def _rebudget(source: FundingSource) -> tuple[Decimal, Decimal]:
    before, after = source.amount, received_total(source)
    FundingSource.objects.filter(pk=source.pk).update(amount=after, updated_at=timezone.now())
    source.amount = after
    return before, after


def _checked(source, donor_name, anonymous, donor_kind, amount, received_on, reference, note, today) -> dict:
    if source.kind not in DONATION_KINDS:
        raise DonationError(f"{source.name} bukan sumber dana donasi atau CSR/BAZNAS; donasi hanya dicatat pada "
                            "sumber dana berjenis Donasi atau CSR/BAZNAS.")  # fmt: skip
    donor_name = " ".join((donor_name or "").split())
    if not donor_name and not anonymous:
        raise DonationError("Tulis nama donatur, atau tandai donasi sebagai anonim (Hamba Allah).")
    if donor_kind not in DonorKind.values:
        raise DonationError(f"Jenis donatur {donor_kind!r} tidak dikenal.")
    if received_on > today:
        raise DonationError("Tanggal terima tidak boleh setelah hari ini.")
    return {"donor_name": donor_name[:200], "anonymous": bool(anonymous), "donor_kind": donor_kind,
            "amount": read_amount(amount), "received_on": received_on,
            "reference": " ".join((reference or "").split())[:60], "note": (note or "").strip()[:200]}  # fmt: skip


def read_amount(value) -> Decimal:
    """A typed amount ("5000000", "5.000.000", "Rp5.000.000", "1,2 juta") as whole rupiah above zero."""
    try:
        amount = read_rupiah(value, what="Jumlah donasi") if isinstance(value, str) else check_budget(value)
    except BudgetInvalid as exc:
        raise DonationError(str(exc)) from None
    if amount <= 0:
        raise DonationError("Jumlah donasi harus lebih dari Rp0.")
    return check_budget(amount)


def _receipt_digest(receipt) -> str:
    if receipt is None:
        return ""
    if problem := document_problem(receipt, what="Bukti transfer"):
        raise DonationError(problem)
    digest = hashlib.sha256()
    for chunk in receipt.chunks():
        digest.update(chunk)
    receipt.seek(0)
    return digest.hexdigest()


def _check_twins(source: FundingSource, reference: str, digest: str) -> None:
    """The same transfer is not counted twice: by its bank reference on the source, or by its receipt."""
    received = Donation.objects.filter(status=DonationStatus.RECEIVED)
    if reference and (twin := received.filter(source=source, reference=reference).first()):
        raise DonationError(f"Donasi dengan referensi bank {reference} sudah dicatat pada {source.name} "
                            f"({twin.received_on:%d-%m-%Y}, {rupiah(twin.amount)}); "
                            "tidak dicatat dua kali.")  # fmt: skip
    if digest and (twin := received.filter(receipt_sha256=digest).first()):
        raise DonationError(f"Bukti transfer ini sudah dipakai untuk donasi tanggal {twin.received_on:%d-%m-%Y} "
                            f"({rupiah(twin.amount)}); tidak dicatat dua kali.")  # fmt: skip


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _audit(action: str, actor, donation: Donation, source: FundingSource, detail: dict) -> None:
    audit_record(
        actor=actor,
        action=f"donations.{action}",
        object_type="donation",
        object_id=donation.pk,
        region_code=source.program.regency_id,
        detail={"program": source.program.code, "source": source.name, **detail},
    )
