"""Every write of enrollment (DESIGN.md §5.1): the registration export (audited), the PKS, the BPJS results
import in two phases, and membership status changes. Each takes the acting user and leaves an audit row."""

from .agreements import agreement_save
from .common import EnrollmentError, require_registrar
from .memberships import membership_transition, memberships_activate_due, memberships_due, memberships_end_removed
from .registration import layout_for, participation_types, registration_export, registration_rows
from .results import (
    Applied,
    Report,
    program_for_file,
    result_import_apply,
    result_import_cancel,
    result_import_stage,
    results_check,
)

__all__ = [
    "Applied",
    "EnrollmentError",
    "Report",
    "agreement_save",
    "layout_for",
    "membership_transition",
    "memberships_activate_due",
    "memberships_due",
    "memberships_end_removed",
    "participation_types",
    "program_for_file",
    "registration_export",
    "registration_rows",
    "require_registrar",
    "result_import_apply",
    "result_import_cancel",
    "result_import_stage",
    "results_check",
]
