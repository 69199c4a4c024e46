"""The transition table of a decree (DESIGN.md §5.3). No Django.

A decree is drafted from an approved selection (or, for an amendment, from the decree it amends), then made
final by the pejabat penetap with its number, date and signed scan. A final decree never changes: its
recipients change only through a further amendment (SK perubahan), which points back to it.
"""

from enum import StrEnum


class DecreeStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    DISCARDED = "discarded"  # a draft nobody will sign; kept for the audit trail


class DecreeKind(StrEnum):
    ORIGINAL = "original"
    AMENDMENT = "amendment"


class RecipientChange(StrEnum):
    """How a row of a decree's list relates to the decree it amends."""

    LISTED = "listed"  # on the list, as in the decree amended (or on an original decree)
    ADDED = "added"  # a replacement this amendment adds
    REMOVED = "removed"  # taken off by this amendment, with the reason


DECREE_TRANSITIONS: dict[DecreeStatus, frozenset[DecreeStatus]] = {
    DecreeStatus.DRAFT: frozenset({DecreeStatus.FINAL, DecreeStatus.DISCARDED}),
    DecreeStatus.FINAL: frozenset(),
    DecreeStatus.DISCARDED: frozenset(),
}


class DecreeRefused(ValueError):
    """A change a decree's state does not allow; the message is in Bahasa Indonesia."""


def check_transition(current: str, target: str) -> None:
    if DecreeStatus(target) not in DECREE_TRANSITIONS[DecreeStatus(current)]:
        raise DecreeRefused(f"SK berstatus {current} tidak bisa menjadi {target}.")
