"""Where a payment would go, without recording it: the command line's dry run. The same checks as
``payment_record`` (code, channel, amount, date, bank reference, receipt), the same oldest-month-first rule."""

from datetime import date

from django.utils import timezone

from ..calculations import OpenInvoice, PaymentInvalid, Share, allocate
from ..lifecycle import InvoiceStatus
from ..models import Invoice, PaymentChannel
from .common import BillingError

# ``_check`` is payment_record's own check, shared so that a dry run can never pass what the record refuses.
from .payments import _check, invoice_by_code, read_amount


def payment_preview(*, kode_iuran: str, amount, paid_on: date, channel: str, reference: str = "", receipt=None,
                    today: date | None = None) -> tuple[Invoice, list[Share]]:  # fmt: skip
    """The invoice the code names and the shares the money would make, oldest month first; BillingError
    with the reason when ``payment_record`` would refuse it."""
    invoice = invoice_by_code(kode_iuran)
    if channel not in PaymentChannel.values:
        raise BillingError(f"Saluran pembayaran {channel!r} tidak dikenal.")
    amount = read_amount(amount)
    _check(invoice.kode_iuran, " ".join((reference or "").split()), receipt, paid_on, today or timezone.localdate())
    open_invoices = (
        Invoice.objects.filter(program_id=invoice.program_id, source_id=invoice.source_id, month__lte=invoice.month)
        .exclude(status=InvoiceStatus.PAID)
        .order_by("month", "pk")
    )
    try:
        shares = allocate(amount, [OpenInvoice(i.pk, i.month, i.outstanding) for i in open_invoices])
    except PaymentInvalid as exc:
        raise BillingError(str(exc)) from None
    return invoice, shares
