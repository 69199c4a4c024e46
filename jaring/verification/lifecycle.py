"""Vocabulary and transition tables of verification (DESIGN.md §5.3). No Django.

A verification result has a *status* (what the checks found, recomputed by every run) and a *decision* (what
the verifier did about it, changed only along ``DECISION_TRANSITIONS``).
"""

from enum import StrEnum


class Status(StrEnum):
    VALID = "valid"
    MISMATCH = "mismatch"
    NIK_CORRECTED = "nik_corrected"
    NOT_FOUND = "not_found"
    DECEASED = "deceased"
    OUT_OF_REGION = "out_of_region"
    DUPLICATE = "duplicate"
    ALREADY_COVERED = "already_covered"
    INELIGIBLE = "ineligible"
    UNVERIFIED = "unverified"  # "belum terverifikasi": a remote verifier was needed and unavailable


#: One status per candidate, the first that applies; every reason is kept whatever the status.
PRECEDENCE: tuple[Status, ...] = (
    Status.DECEASED,
    Status.OUT_OF_REGION,
    Status.NOT_FOUND,
    Status.UNVERIFIED,
    Status.DUPLICATE,
    Status.ALREADY_COVERED,
    Status.INELIGIBLE,
    Status.MISMATCH,
    Status.NIK_CORRECTED,
    Status.VALID,
)


def final_status(found: set[Status]) -> Status:
    """The status shown for a candidate whose checks found ``found`` (valid when nothing else applies)."""
    return next((status for status in PRECEDENCE if status in found), Status.VALID)


class Decision(StrEnum):
    PENDING = "pending"
    ACCEPTED_REGISTRY = "accepted_registry"  # the registry's data replaced the proposal's
    ACCEPTED_AS_IS = "accepted_as_is"  # kept despite the finding, with the verifier's note
    RETURNED = "returned"  # sent back to the village to fix
    REJECTED = "rejected"


ACCEPTS = frozenset({Decision.ACCEPTED_REGISTRY, Decision.ACCEPTED_AS_IS})

# Back to PENDING happens when the data a decision was taken on changes (the run re-verifies it).
DECISION_TRANSITIONS: dict[Decision, frozenset[Decision]] = {
    Decision.PENDING: frozenset(
        {Decision.ACCEPTED_REGISTRY, Decision.ACCEPTED_AS_IS, Decision.RETURNED, Decision.REJECTED}
    ),
    Decision.ACCEPTED_REGISTRY: frozenset({Decision.PENDING, Decision.RETURNED, Decision.REJECTED}),
    Decision.ACCEPTED_AS_IS: frozenset({Decision.PENDING, Decision.RETURNED, Decision.REJECTED}),
    Decision.RETURNED: frozenset({Decision.PENDING}),
    Decision.REJECTED: frozenset(),
}


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


RUN_TRANSITIONS: dict[RunStatus, frozenset[RunStatus]] = {
    RunStatus.QUEUED: frozenset({RunStatus.RUNNING, RunStatus.FAILED}),
    RunStatus.RUNNING: frozenset({RunStatus.DONE, RunStatus.FAILED}),
    RunStatus.DONE: frozenset(),
    RunStatus.FAILED: frozenset(),
}
