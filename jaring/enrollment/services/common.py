"""What every enrollment service shares: the error it raises, who may act, the audit row."""

from jaring.accounts.scoping import may_act
from jaring.audit.models import AuditEvent
from jaring.audit.services import audit_record

from ..selectors import may_register


class EnrollmentError(ValueError):
    """A request enrollment refuses; the message says why, in Bahasa Indonesia."""


def require_registrar(actor, region_code: str) -> None:
    """Only a verifier or BPJS officer whose scope holds ``region_code``; ``None`` is the system (command, demo)."""
    if not may_act(actor, region_code, may_register):
        raise EnrollmentError("Anda tidak berwenang mengurus pendaftaran BPJS di wilayah ini.")


def audit(action: str, actor, *, object_type: str, object_id, region_code: str, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"enrollment.{action}",
        object_type=object_type,
        object_id=object_id,
        region_code=region_code,
        detail=detail,
    )


def audit_many(action: str, actor, *, object_type: str, rows: list[tuple[int, str, dict]]) -> None:
    """One audit row per ``(object id, region code, detail)``, as ``audit_record`` writes them, in one insert
    (a status change of 10,000 memberships)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user else ("sistem" if actor is None else str(actor))
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=user,
                actor_label=label,
                action=f"enrollment.{action}",
                object_type=object_type,
                object_id=str(object_id),
                region_code=region,
                detail=detail,
            )
            for object_id, region, detail in rows
        ],
        batch_size=1000,
    )
