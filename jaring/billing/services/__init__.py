"""Every write of billing (DESIGN.md §5.1): the monthly billing run, payments, coverage and lifecycle ends with
their replacements, and reconciliation with BPJS. Each takes the acting user and leaves an audit row."""

from .codes import invoice_code_set
from .common import BillingError, require_biller, require_payer
from .coverage import CoverageCheck, coverage_plan, coverage_refresh
from .lifecycle import ReplacementDraft, deaths_from_civil, membership_end_report, replacement_draft
from .payments import invoice_by_code, payment_record, read_amount
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
from .runs import BillRun, SourceBill, bill_plan, bill_summary, billable, check_month, invoices_issue

__all__ = [
    "BillRun",
    "BillingError",
    "CoverageCheck",
    "ReplacementDraft",
    "Report",
    "SourceBill",
    "StatusFileProblems",
    "bill_plan",
    "bill_summary",
    "billable",
    "check_month",
    "coverage_plan",
    "coverage_refresh",
    "deaths_from_civil",
    "invoice_by_code",
    "invoice_code_set",
    "invoices_issue",
    "membership_end_report",
    "payment_record",
    "read_amount",
    "reconciliation_cancel",
    "reconciliation_check",
    "reconciliation_import",
    "reconciliation_item_resolve",
    "reconciliation_save",
    "reconciliation_stage",
    "replacement_draft",
    "require_biller",
    "require_payer",
    "status_file_synthetic",
]
