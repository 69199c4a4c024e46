"""Every write of billing (DESIGN.md §5.1): the monthly billing run and payments. Each takes the acting user and
leaves an audit row."""

from .common import BillingError, require_biller, require_payer
from .payments import invoice_by_code, payment_record, read_amount
from .runs import BillRun, SourceBill, bill_plan, bill_summary, billable, check_month, invoices_issue

__all__ = [
    "BillRun",
    "BillingError",
    "SourceBill",
    "bill_plan",
    "bill_summary",
    "billable",
    "check_month",
    "invoice_by_code",
    "invoices_issue",
    "payment_record",
    "read_amount",
    "require_biller",
    "require_payer",
]

from .reconciling import (
    Report,
    StatusFileProblems,
    reconciliation_cancel,
    reconciliation_check,
    reconciliation_import,
    reconciliation_item_resolve,
    reconciliation_save,
    reconciliation_stage,
    status_file_synthetic,
)

__all__ += [
    "Report",
    "StatusFileProblems",
    "reconciliation_cancel",
    "reconciliation_check",
    "reconciliation_import",
    "reconciliation_item_resolve",
    "reconciliation_save",
    "reconciliation_stage",
    "status_file_synthetic",
]
