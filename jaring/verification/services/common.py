"""What every verification service shares: the error it raises, scope checks, the audit row."""

from jaring.accounts.scoping import can_verify
from jaring.audit.services import audit_record
from jaring.core.regioncodes import contains


class VerificationError(ValueError):
    """A request verification refuses; the message says why, in Bahasa Indonesia."""


def require_verifier(actor, region_code: str) -> None:
    """Only a verifier whose scope holds ``region_code`` may act there; ``None`` is the system (command, demo)."""
    if actor is None:
        return
    scope = actor.scope_code
    if not can_verify(actor) or (scope is not None and not contains(scope, region_code)):
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
