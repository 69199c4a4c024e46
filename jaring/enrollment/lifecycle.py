"""The transition table of a membership (DESIGN.md §5.3). No Django.

BPJS issues a KPJ number and the membership is pending until the cooperation agreement's (PKS) start date,
then active. An active BPU membership lapses while contributions are unpaid and ends after more than three
consecutive unpaid months (billing, #7); it also ends at death, a move out of the regency, becoming a wage
earner, withdrawal, or removal by an amending decree.
"""

from enum import StrEnum


class MembershipStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    LAPSED = "lapsed"
    ENDED = "ended"


MEMBERSHIP_TRANSITIONS: dict[MembershipStatus, frozenset[MembershipStatus]] = {
    MembershipStatus.PENDING: frozenset({MembershipStatus.ACTIVE, MembershipStatus.ENDED}),
    MembershipStatus.ACTIVE: frozenset({MembershipStatus.LAPSED, MembershipStatus.ENDED}),
    MembershipStatus.LAPSED: frozenset({MembershipStatus.ACTIVE, MembershipStatus.ENDED}),
    MembershipStatus.ENDED: frozenset(),
}

#: Statuses in which BPJS counts the person as a member (verification's "already covered" reads these).
CURRENT = frozenset({MembershipStatus.PENDING, MembershipStatus.ACTIVE, MembershipStatus.LAPSED})


class MembershipRefused(ValueError):
    """A status change the table does not allow; the message is in Bahasa Indonesia."""


def check_transition(current: str, target: str) -> None:
    if MembershipStatus(target) not in MEMBERSHIP_TRANSITIONS[MembershipStatus(current)]:
        raise MembershipRefused(f"Kepesertaan berstatus {current} tidak bisa menjadi {target}.")


class ResultImportStatus(StrEnum):
    """A BPJS results file: checked (phase 1, the report), then applied on confirmation or cancelled."""

    CHECKED = "checked"
    APPLIED = "applied"
    CANCELLED = "cancelled"


RESULT_IMPORT_TRANSITIONS: dict[ResultImportStatus, frozenset[ResultImportStatus]] = {
    ResultImportStatus.CHECKED: frozenset({ResultImportStatus.APPLIED, ResultImportStatus.CANCELLED}),
    ResultImportStatus.APPLIED: frozenset(),
    ResultImportStatus.CANCELLED: frozenset(),
}


_IMPORT_REFUSALS = {
    ResultImportStatus.APPLIED: "Berkas hasil ini sudah diterapkan; tidak bisa diterapkan atau dibatalkan lagi.",
    ResultImportStatus.CANCELLED: "Berkas hasil ini sudah dibatalkan; unggah ulang bila perlu.",
}


def check_import_transition(current: str, target: str) -> None:
    if ResultImportStatus(target) not in RESULT_IMPORT_TRANSITIONS[ResultImportStatus(current)]:
        raise MembershipRefused(_IMPORT_REFUSALS.get(ResultImportStatus(current), f"Tidak bisa menjadi {target}."))
