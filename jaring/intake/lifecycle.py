"""The transition tables of intake (DESIGN.md §5.3): a status changes only along these arrows. No Django."""

from enum import StrEnum


class BatchStatus(StrEnum):
    RECEIVED = "received"  # file stored, phase 1 not started
    CHECKING = "checking"  # phase 1 running in the background
    CHECKED = "checked"  # report ready; waiting for the operator's confirmation
    COMMITTING = "committing"  # phase 2 running
    COMMITTED = "committed"
    REFUSED = "refused"  # the file itself cannot be read (type, size, no rows)
    CANCELLED = "cancelled"
    FAILED = "failed"  # an unexpected error; nothing was written, phase 1 can run again


class CandidateStatus(StrEnum):
    PROPOSED = "proposed"
    RETURNED = "returned"  # sent back to the village by a verifier, with a message
    RESUBMITTED = "resubmitted"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"  # refused by a verifier after verification, with a note


BATCH_TRANSITIONS: dict[BatchStatus, frozenset[BatchStatus]] = {
    BatchStatus.RECEIVED: frozenset({BatchStatus.CHECKING, BatchStatus.REFUSED, BatchStatus.CANCELLED}),
    BatchStatus.CHECKING: frozenset(
        {BatchStatus.CHECKED, BatchStatus.REFUSED, BatchStatus.CANCELLED, BatchStatus.FAILED}
    ),
    # Checking again is how a corrected column mapping takes effect.
    BatchStatus.CHECKED: frozenset({BatchStatus.CHECKING, BatchStatus.COMMITTING, BatchStatus.CANCELLED}),
    BatchStatus.COMMITTING: frozenset({BatchStatus.COMMITTED, BatchStatus.FAILED}),
    BatchStatus.FAILED: frozenset({BatchStatus.CHECKING, BatchStatus.CANCELLED}),
    BatchStatus.COMMITTED: frozenset(),
    BatchStatus.REFUSED: frozenset(),
    BatchStatus.CANCELLED: frozenset(),
}

CANDIDATE_TRANSITIONS: dict[CandidateStatus, frozenset[CandidateStatus]] = {
    CandidateStatus.PROPOSED: frozenset(
        {CandidateStatus.RETURNED, CandidateStatus.WITHDRAWN, CandidateStatus.REJECTED}
    ),
    CandidateStatus.RETURNED: frozenset({CandidateStatus.RESUBMITTED, CandidateStatus.WITHDRAWN}),
    CandidateStatus.RESUBMITTED: frozenset(
        {CandidateStatus.RETURNED, CandidateStatus.WITHDRAWN, CandidateStatus.REJECTED}
    ),
    CandidateStatus.WITHDRAWN: frozenset(),
    CandidateStatus.REJECTED: frozenset(),
}


class TransitionRefused(ValueError):
    """A status change that the table does not allow."""


def check_transition(table: dict, current, target) -> None:
    if target not in table[current]:
        raise TransitionRefused(f"Status tidak bisa berubah dari {current} ke {target}.")
