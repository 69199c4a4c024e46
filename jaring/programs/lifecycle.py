"""The transition table of a selection (DESIGN.md §5.3). No Django.

Maker-checker: a verifier computes and proposes a selection, a pejabat penetap approves it or returns it, and
the one who proposed cannot approve. An approved selection is frozen; a new computation supersedes drafts and
returned selections only.
"""

from enum import StrEnum


class SelectionStatus(StrEnum):
    DRAFT = "draft"  # computed, visible to the verifier, not yet put forward
    PROPOSED = "proposed"  # put forward for approval
    APPROVED = "approved"  # frozen: its recipients change only by decree amendment
    RETURNED = "returned"  # sent back by the approver with a note
    SUPERSEDED = "superseded"  # replaced by a newer computation


SELECTION_TRANSITIONS: dict[SelectionStatus, frozenset[SelectionStatus]] = {
    SelectionStatus.DRAFT: frozenset({SelectionStatus.PROPOSED, SelectionStatus.SUPERSEDED}),
    SelectionStatus.PROPOSED: frozenset({SelectionStatus.APPROVED, SelectionStatus.RETURNED}),
    SelectionStatus.RETURNED: frozenset({SelectionStatus.SUPERSEDED}),
    SelectionStatus.APPROVED: frozenset(),
    SelectionStatus.SUPERSEDED: frozenset(),
}

#: A new computation replaces these; a proposed one must be approved or returned first.
REPLACEABLE = frozenset({SelectionStatus.DRAFT, SelectionStatus.RETURNED})


class TransitionRefused(ValueError):
    """A status change the table does not allow; the message is in Bahasa Indonesia."""


def check_transition(current: str, target: str) -> None:
    if SelectionStatus(target) not in SELECTION_TRANSITIONS[SelectionStatus(current)]:
        raise TransitionRefused(f"Seleksi berstatus {current} tidak bisa menjadi {target}.")
