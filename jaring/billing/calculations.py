"""Money decisions of billing: how a payment is spread over unpaid invoices, and how many of an invoice's lines
it covers. No Django; amounts are whole-rupiah ``Decimal``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaring.programs.rates import rupiah

from .periods import month_text


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    month: date
    outstanding: Decimal


@dataclass(frozen=True)
class Share:
    invoice_id: int
    month: date
    amount: Decimal


class PaymentInvalid(ValueError):
    """A payment that cannot be recorded; the message is in Bahasa Indonesia."""


def allocate(amount: Decimal, open_invoices: list[OpenInvoice]) -> list[Share]:
    """Spread ``amount`` over ``open_invoices`` oldest month first, as BPJS applies late payments to the oldest
    unpaid month (manual PROBIS KEPESERTAAN p. 19, domain-facts §7.3). A payment larger than everything owed
    is refused, not kept as an unexplained credit."""
    if amount <= 0:
        raise PaymentInvalid("Jumlah pembayaran harus lebih dari nol.")
    if amount != amount.to_integral_value():
        raise PaymentInvalid("Jumlah pembayaran harus rupiah bulat, tanpa sen.")
    owed = sum((i.outstanding for i in open_invoices), Decimal(0))
    if amount > owed:
        months = ", ".join(month_text(i.month) for i in sorted(open_invoices, key=lambda i: i.month)) or "-"
        raise PaymentInvalid(
            f"Pembayaran {rupiah(amount)} lebih besar dari tagihan yang belum dibayar, {rupiah(owed)} "
            f"(bulan {months}). Periksa jumlahnya; kelebihan tidak dicatat."
        )
    shares, left = [], amount
    for invoice in sorted(open_invoices, key=lambda i: (i.month, i.id)):
        if left <= 0:
            break
        part = min(left, invoice.outstanding)
        if part > 0:
            shares.append(Share(invoice.id, invoice.month, part))
            left -= part
    return shares


def lines_covered(*, paid: Decimal, rate: Decimal, lines: int) -> int:
    """How many of an invoice's lines ``paid`` covers when every line costs ``rate``: lines are covered whole,
    in their order on the invoice, so a part payment covers the first lines and the rest stay in arrears."""
    if rate <= 0:
        return lines
    return min(lines, int(paid // rate))
