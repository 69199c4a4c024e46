"""What every billing service shares: the error it raises, who may act, the audit row."""

from jaring.accounts.scoping import may_act
from jaring.audit.services import audit_record

from ..selectors import may_bill, may_pay


class BillingError(ValueError):
    """A request billing refuses; the message says why, in Bahasa Indonesia."""


def require_biller(actor, region_code: str) -> None:
    if not may_act(actor, region_code, may_bill):
        raise BillingError("Anda tidak berwenang menjalankan penagihan iuran di wilayah ini.")


def require_payer(actor, region_code: str) -> None:
    if not may_act(actor, region_code, may_pay):
        raise BillingError("Anda tidak berwenang mencatat pembayaran iuran di wilayah ini.")


def user_of(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def audit(action: str, actor, *, object_type: str, object_id, region_code: str, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"billing.{action}",
        object_type=object_type,
        object_id=object_id,
        region_code=region_code,
        detail=detail,
    )
