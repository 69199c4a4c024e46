"""The transition table of a reconciliation (DESIGN.md §5.3, §5.4). No Django.

An uploaded status file is checked and its differences shown (``checked``); the operator saves the result
(``saved``, after which its differences can be marked resolved) or drops it (``cancelled``, its differences
deleted). A file saved once for a program is refused again.
"""

from enum import StrEnum


class ReconciliationStatus(StrEnum):
    CHECKED = "checked"
    SAVED = "saved"
    CANCELLED = "cancelled"


RECONCILIATION_TRANSITIONS: dict[ReconciliationStatus, frozenset[ReconciliationStatus]] = {
    ReconciliationStatus.CHECKED: frozenset({ReconciliationStatus.SAVED, ReconciliationStatus.CANCELLED}),
    ReconciliationStatus.SAVED: frozenset(),
    ReconciliationStatus.CANCELLED: frozenset(),
}

_REFUSALS = {
    ReconciliationStatus.SAVED: "Hasil rekonsiliasi ini sudah disimpan; tidak bisa disimpan atau dibatalkan lagi.",
    ReconciliationStatus.CANCELLED: "Rekonsiliasi ini sudah dibatalkan; unggah ulang berkasnya bila perlu.",
}


class ReconciliationRefused(ValueError):
    """A change the table does not allow; the message is in Bahasa Indonesia."""


def check_reconciliation_transition(current: str, target: str) -> None:
    if ReconciliationStatus(target) not in RECONCILIATION_TRANSITIONS[ReconciliationStatus(current)]:
        raise ReconciliationRefused(_REFUSALS.get(ReconciliationStatus(current), f"Tidak bisa menjadi {target}."))
