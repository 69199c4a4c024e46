from .invoices import BillingSettings, Invoice, InvoiceLine, InvoiceStatusChoices, Payment, PaymentChannel, PaymentShare

__all__ = [
    "BillingSettings",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatusChoices",
    "Payment",
    "PaymentChannel",
    "PaymentShare",
]
from .lifecycle import EndCauseChoices

__all__ += ["EndCauseChoices"]

from .reconciliation import DifferenceKind, Reconciliation, ReconciliationItem, ReconciliationStatusChoices

__all__ += ["DifferenceKind", "Reconciliation", "ReconciliationItem", "ReconciliationStatusChoices"]
