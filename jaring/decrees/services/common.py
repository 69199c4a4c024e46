"""What every decree service shares: who may act, the audit row, the status move."""

from jaring.accounts.scoping import can_approve, can_verify, may_act
from jaring.audit.services import audit_record

from ..lifecycle import DecreeRefused, DecreeStatus, check_transition
from ..models import Decree

#: The decree's subject by program category, as Indonesian decrees name the people they cover.
SUBJECTS = {
    "pekerja_rentan": "Pekerja Rentan",
    "perangkat_desa": "Perangkat Desa",
    "non_asn": "Pegawai Non-Aparatur Sipil Negara",
    "pemilu_ad_hoc": "Petugas Pemilihan Umum Ad Hoc",
}
MAY_DRAFT = "Hanya verifikator atau pejabat penetap kabupaten ini yang dapat menyusun draf SK."
MAY_FINALIZE = "Hanya pejabat penetap kabupaten ini yang dapat menetapkan SK."


def may_draft(actor) -> bool:
    return actor is None or can_verify(actor) or can_approve(actor)


def require(allowed: bool, actor, program, message: str) -> None:
    """``None`` is the system (command line, demo); a user must hold the role and the program's regency."""
    if not may_act(actor, program.regency_id, lambda _: allowed):
        raise DecreeRefused(message)


def audit(decree: Decree, action: str, actor, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"decree.{action}",
        object_type="decree",
        object_id=decree.pk,
        region_code=decree.regency_code,
        detail=detail,
    )


def move(decree: Decree, target: DecreeStatus, **fields) -> None:
    check_transition(decree.status, target)
    decree.status = target
    for name, value in fields.items():
        setattr(decree, name, value)
    decree.save(update_fields=["status", *fields])


def title_of(program) -> str:
    subject = SUBJECTS.get(program.category, "Pekerja Rentan")
    return f"Penetapan Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi {subject} Tahun {program.year}"
