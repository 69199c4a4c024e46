"""The transition table of an invoice (DESIGN.md §5.3). No Django.

An invoice is issued by the monthly billing run; payments make it partly paid, then paid. Money is applied to
the oldest unpaid month of the same funding source first, so a later invoice is never paid while an older one
still owes.
"""

from enum import StrEnum


class InvoiceStatus(StrEnum):
    ISSUED = "issued"
    PARTIAL = "partial"
    PAID = "paid"


INVOICE_TRANSITIONS: dict[InvoiceStatus, frozenset[InvoiceStatus]] = {
    InvoiceStatus.ISSUED: frozenset({InvoiceStatus.PARTIAL, InvoiceStatus.PAID}),
    InvoiceStatus.PARTIAL: frozenset({InvoiceStatus.PARTIAL, InvoiceStatus.PAID}),
    InvoiceStatus.PAID: frozenset(),
}


class InvoiceRefused(ValueError):
    """A change of an invoice the table does not allow; the message is in Bahasa Indonesia."""


def check_invoice_transition(current: str, target: str) -> None:
    if InvoiceStatus(target) not in INVOICE_TRANSITIONS[InvoiceStatus(current)]:
        raise InvoiceRefused(f"Tagihan berstatus {current} tidak bisa menjadi {target}.")


def status_for(*, total, paid) -> InvoiceStatus:
    """What an invoice's amounts make it: nothing paid, part of it, or all of it."""
    if paid <= 0:
        return InvoiceStatus.ISSUED
    return InvoiceStatus.PAID if paid >= total else InvoiceStatus.PARTIAL
