"""The transition table of a donation (DESIGN.md §5.3). No Django.

A donation is recorded as received; a mistaken entry is voided with a reason and kept, so the record shows
what was entered and why it no longer counts. A voided donation does not come back: record it again instead.
"""

from enum import StrEnum


class DonationStatus(StrEnum):
    RECEIVED = "received"
    VOID = "void"


DONATION_TRANSITIONS: dict[DonationStatus, frozenset[DonationStatus]] = {
    DonationStatus.RECEIVED: frozenset({DonationStatus.VOID}),
    DonationStatus.VOID: frozenset(),
}


class DonationRefused(ValueError):
    """A change of a donation the table does not allow; the message is in Bahasa Indonesia."""


def check_donation_transition(current: str, target: str) -> None:
    if DonationStatus(target) not in DONATION_TRANSITIONS[DonationStatus(current)]:
        raise DonationRefused("Donasi ini sudah dibatalkan; catat ulang bila perlu." if current == DonationStatus.VOID
                              else f"Donasi berstatus {current} tidak bisa menjadi {target}.")  # fmt: skip
