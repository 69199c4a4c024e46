from .invoices import BillingSettings, Invoice, InvoiceLine, InvoiceStatusChoices, Payment, PaymentChannel, PaymentShare
from .lifecycle import EndCauseChoices
from .reconciliation import DifferenceKind, Reconciliation, ReconciliationItem, ReconciliationStatusChoices

__all__ = [
    "BillingSettings",
    "DifferenceKind",
    "EndCauseChoices",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatusChoices",
    "Payment",
    "PaymentChannel",
    "PaymentShare",
    "Reconciliation",
    "ReconciliationItem",
    "ReconciliationStatusChoices",
]
