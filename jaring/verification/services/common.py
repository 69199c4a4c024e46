"""What every verification service shares: the error it raises, scope checks, the audit row."""

from jaring.accounts.scoping import can_verify, may_act
from jaring.audit.services import audit_record


class VerificationError(ValueError):
    """A request verification refuses; the message says why, in Bahasa Indonesia."""


def require_verifier(actor, region_code: str) -> None:
    """Only a verifier whose scope holds ``region_code`` may act there; ``None`` is the system (command, demo)."""
    if not may_act(actor, region_code, can_verify):
        raise VerificationError("Anda tidak berwenang memverifikasi data di wilayah ini.")


def audit(action: str, actor, *, object_type: str, object_id, region_code: str, detail: dict | None = None):
    audit_record(
        actor=actor,
        action=f"verification.{action}",
        object_type=object_type,
        object_id=object_id,
        region_code=region_code,
        detail=detail,
    )
