"""Every write of billing (DESIGN.md §5.1): the monthly billing run and payments. Each takes the acting user and
leaves an audit row."""

from .codes import invoice_code_set
from .common import BillingError, require_biller, require_payer
from .coverage import CoverageCheck, coverage_plan, coverage_refresh
from .lifecycle import ReplacementDraft, deaths_from_civil, membership_end_report, replacement_draft
from .payments import invoice_by_code, payment_record, read_amount
from .runs import BillRun, SourceBill, bill_plan, bill_summary, billable, check_month, invoices_issue

__all__ = [  # noqa: RUF022 - coverage's names appended, for an easy merge
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
    "CoverageCheck",
    "ReplacementDraft",
    "coverage_plan",
    "coverage_refresh",
    "deaths_from_civil",
    "membership_end_report",
    "replacement_draft",
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
