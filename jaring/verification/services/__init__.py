"""Every write of verification (DESIGN.md §5.1): runs, and the verifier's decisions on their results.

``verification_compute`` is the one read among them: the whole verification without writing (the dry run of
``jaring verify``)."""

from ..engine import Reason
from .common import VerificationError
from .compute import Outcome, program_rules, verification_compute
from .decisions import (
    ACTIONS,
    BPJS_REJECTED,
    BulkOutcome,
    bpjs_rejection_open,
    result_accept_as_is,
    result_accept_registry,
    result_reject,
    result_reopen_after_bpjs,
    result_return,
    results_decide,
)
from .run import verification_run, verification_start


def reason_of(stored: dict) -> Reason:
    """A reason as a result stores it (JSON) back into the engine's contract type."""
    return Reason(**{k: stored.get(k) or "" for k in ("code", "field", "ours", "registry")})


__all__ = [
    "ACTIONS",
    "BPJS_REJECTED",
    "BulkOutcome",
    "Outcome",
    "VerificationError",
    "bpjs_rejection_open",
    "program_rules",
    "reason_of",
    "result_accept_as_is",
    "result_accept_registry",
    "result_reject",
    "result_reopen_after_bpjs",
    "result_return",
    "results_decide",
    "verification_compute",
    "verification_run",
    "verification_start",
]
