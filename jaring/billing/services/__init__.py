"""Every write of billing (DESIGN.md §5.1): the monthly billing run and payments. Each takes the acting user and
leaves an audit row."""

from .codes import invoice_code_set
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
    "invoice_code_set",
    "invoices_issue",
    "payment_record",
    "read_amount",
    "require_biller",
    "require_payer",
]
