"""The cooperation agreement (PKS) a program's registration rests on, kept by the verifier or the BPJS officer."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import CooperationAgreement
from .common import EnrollmentError, audit, require_registrar


def agreement_save(
    *, program, source=None, number: str, signed_on: date, start: date, note: str = "", actor
) -> CooperationAgreement:
    """Record or change the program's PKS (``source`` None) or a funding source's own (a desa's PKS for its
    APBDes recipients). Memberships already recorded keep their start; new ones start on ``start``."""
    require_registrar(actor, program.regency_id)
    number = " ".join((number or "").split())
    if not number:
        raise EnrollmentError("Nomor PKS wajib diisi.")
    if source is not None and source.program_id != program.pk:
        raise EnrollmentError("Sumber dana ini milik program lain.")
    if start < signed_on:
        raise EnrollmentError("Tanggal mulai kepesertaan tidak boleh sebelum PKS ditandatangani.")
    with transaction.atomic():
        # of=self: the default ordering joins the (nullable) source, which PostgreSQL cannot lock.
        locked = CooperationAgreement.objects.select_for_update(of=("self",))
        agreement = locked.filter(program=program, source=source).first()
        created = agreement is None
        agreement = agreement or CooperationAgreement(program=program, source=source)
        before = {"number": agreement.number, "signed_on": str(agreement.signed_on), "start": str(agreement.start)}
        agreement.number, agreement.signed_on, agreement.start, agreement.note = number, signed_on, start, note
        agreement.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        try:
            agreement.full_clean()
        except ValidationError as exc:
            raise EnrollmentError(" ".join(exc.messages)) from None
        agreement.save()
        audit(
            "agreement_added" if created else "agreement_changed",
            actor,
            object_type="cooperation_agreement",
            object_id=agreement.pk,
            region_code=program.regency_id,
            detail={
                "program": program.code,
                "source": source.name if source else "",
                "number": number,
                "signed_on": signed_on.isoformat(),
                "start": start.isoformat(),
                **({} if created else {"before": before}),
            },
        )
    return agreement
