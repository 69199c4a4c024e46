from typing import Any

from .models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    region_code: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
) -> AuditEvent:
    """Add one audit row. Call it inside the transaction of the change it records."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    ip = None
    if request is not None:
        ip = request.META.get("REMOTE_ADDR") or None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user else ("sistem" if actor is None else str(actor)),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        region_code=region_code,
        detail=detail or {},
        ip_address=ip,
    )
