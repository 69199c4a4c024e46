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
