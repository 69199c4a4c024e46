"""Every write of verification (DESIGN.md §5.1): runs, and the verifier's decisions on their results.

``verification_compute`` is the one read among them: the whole verification without writing (the dry run of
``jaring verify``)."""

from .common import VerificationError
from .compute import Outcome, program_rules, verification_compute
from .decisions import (
    ACTIONS,
    BulkOutcome,
    result_accept_as_is,
    result_accept_registry,
    result_reject,
    result_return,
    results_decide,
)
from .run import verification_run, verification_start

__all__ = [
    "ACTIONS",
    "BulkOutcome",
    "Outcome",
    "VerificationError",
    "program_rules",
    "result_accept_as_is",
    "result_accept_registry",
    "result_reject",
    "result_return",
    "results_decide",
    "verification_compute",
    "verification_run",
    "verification_start",
]
