"""Every write of intake (DESIGN.md §5.1): upload, phase 1 (check), phase 2 (commit), cancel, and proposals
one person at a time. Each takes the acting user, runs in one transaction and leaves an audit row."""

from .check import (
    batch_cancel,
    batch_check,
    batch_mapping_set,
    batch_upload,
    header_signature,
    mapping_problem,
)
from .commit import WELFARE_SOURCES, batch_commit, batch_commit_confirmed, batch_confirm
from .common import IntakeError, refuse_frozen
from .entries import (
    ALREADY_PROPOSED,
    CORRECTABLE,
    NIK_TAKEN,
    EntryRefused,
    candidate_propose,
    candidate_reject,
    candidate_resubmit,
    candidate_return,
    entry_check,
)

__all__ = [
    "ALREADY_PROPOSED",
    "CORRECTABLE",
    "NIK_TAKEN",
    "WELFARE_SOURCES",
    "EntryRefused",
    "IntakeError",
    "batch_cancel",
    "batch_check",
    "batch_commit",
    "batch_commit_confirmed",
    "batch_confirm",
    "batch_mapping_set",
    "batch_upload",
    "candidate_propose",
    "candidate_reject",
    "candidate_resubmit",
    "candidate_return",
    "entry_check",
    "header_signature",
    "mapping_problem",
    "refuse_frozen",
]
